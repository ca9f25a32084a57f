/**
 * Loss-ratio warnings (Jincheng 七、赔付预警机制: above 80% the insurer reports to the county; above 100% the
 * county investigates and reports to the city). After every committed claim event that moves money (report,
 * approval, payment, refusal, withdrawal) the county's simple loss ratio is computed again from the database;
 * a level crossed (the engine's warningCrossings / warningsFor) is recorded once in loss_ratio_warning and
 * published on OversightEventsBus. GET /api/oversight/warnings lists the records and evaluates again first,
 * so a crossing missed while the process was down is still recorded.
 */
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { getScheme, versionForYear, warningCrossings, warningsFor, D, type WarningResult } from '@huimin/shared';
import Decimal from 'decimal.js';
import type { Subscription } from 'rxjs';
import { DataSource, In, QueryFailedError } from 'typeorm';
import { ClaimEventMessage, ClaimEventsBus } from '../claims/claim-events.bus';
import { Claim } from '../claims/claim.entity';
import { District } from '../geo/district.entity';
import { ClaimsMoneyService } from './claims-money.service';
import { LossRatioWarning } from './loss-ratio-warning.entity';
import { OversightEventsBus, type LossRatioWarningMessage } from './oversight-events.bus';
import type { OversightScope } from './oversight-scope';
import { PremiumsService } from './premiums.service';

export interface CountyRatio {
  districtId: number;
  name: string;
  premium: string;
  claims: string;
  lossRatioPercent: string | null;
  /** Levels the ratio is above now (the engine's warningsFor). */
  levels: WarningResult[];
}

export interface WarningView {
  id: number;
  districtId: number;
  districtName: string;
  level: string;
  label: string;
  notify: string[];
  source: string;
  ratioPercent: string;
  premium: string;
  claims: string;
  claimId: number | null;
  at: string;
}

export interface WarningsView {
  schemeId: string;
  year: string;
  level: 'city' | 'districts';
  /** Levels the scheme defines (empty: this scheme has no warning mechanism). */
  levels: { above: string; level: string; label: string; notify: string[] }[];
  counties: CountyRatio[];
  warnings: WarningView[];
}

function isDuplicate(e: unknown): boolean {
  if (!(e instanceof QueryFailedError)) return false;
  const d = e.driverError as { code?: string; errno?: number } | undefined;
  return d?.code === 'ER_DUP_ENTRY' || d?.code === 'SQLITE_CONSTRAINT_UNIQUE' || /UNIQUE constraint failed|Duplicate entry/i.test(e.message);
}

@Injectable()
export class WarningsService implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('OversightWarnings');
  private sub: Subscription | null = null;
  private chain: Promise<void> = Promise.resolve();
  private closing = false;
  /** Claim events per scheme|county whose evaluation is queued and has not started yet. */
  private readonly pending = new Map<string, { claimId: number; claimEventId: number }[]>();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly claimEvents: ClaimEventsBus,
    private readonly bus: OversightEventsBus,
    private readonly premiums: PremiumsService,
    private readonly money: ClaimsMoneyService,
  ) {}

  onModuleInit(): void {
    this.sub = this.claimEvents.events$.subscribe((e) => this.onClaimEvent(e));
  }

  /**
   * Shutdown: no new evaluations; queued ones that have not started are dropped (the next view of the warnings
   * catches up from the database), and the one running is awaited, so that none runs on a closed connection.
   */
  async onModuleDestroy(): Promise<void> {
    this.sub?.unsubscribe();
    this.closing = true;
    this.pending.clear();
    await this.chain;
  }

  /** Resolves when every evaluation queued so far has finished (tests; shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  private onClaimEvent(e: ClaimEventMessage): void {
    if (e.type !== 'reported' && e.type !== 'transition') return;
    if (!hasWarnings(e.schemeId)) return;
    // Events of one county that arrive while its evaluation is still waiting in the queue join it: one
    // evaluation sees them all (the ratio is read from the database when it runs). Under a burst of reports
    // that is one evaluation per county per turn of the queue instead of one per claim.
    const key = `${e.schemeId}|${e.districtId}`;
    const waiting = this.pending.get(key);
    if (waiting) {
      waiting.push({ claimId: e.claimId, claimEventId: e.id });
      return;
    }
    this.pending.set(key, [{ claimId: e.claimId, claimEventId: e.id }]);
    this.enqueue(async () => {
      const batch = this.pending.get(key) ?? [];
      this.pending.delete(key);
      const claims = await this.ds.getRepository(Claim).find({
        where: { id: In([...new Set(batch.map((b) => b.claimId))]) },
        select: { id: true, insuranceYear: true, districtId: true, schemeId: true },
      });
      const byId = new Map(claims.map((c) => [c.id, c]));
      // One evaluation per (scheme, year, county) in the batch; its cause is the latest event among them.
      const causes = new Map<string, { claim: Claim; claimEventId: number }>();
      for (const b of batch) {
        const c = byId.get(b.claimId);
        if (!c) continue;
        const k = `${c.schemeId}|${c.insuranceYear}|${c.districtId}`;
        const had = causes.get(k);
        if (!had || had.claimEventId < b.claimEventId) causes.set(k, { claim: c, claimEventId: b.claimEventId });
      }
      for (const { claim, claimEventId } of causes.values()) {
        await this.evaluate(claim.schemeId, claim.insuranceYear, claim.districtId, { claimId: claim.id, claimEventId });
      }
    });
  }

  private enqueue(job: () => Promise<unknown>): Promise<void> {
    const next = this.chain.then(() => (this.closing ? undefined : job())).then(
      () => undefined,
      (err: unknown) => this.log.error(`loss-ratio evaluation failed: ${err instanceof Error ? err.message : String(err)}`),
    );
    this.chain = next;
    return next;
  }

  /** The county's ratio now, against its premium due. */
  async ratio(schemeId: string, year: number, district: District): Promise<{ premium: Decimal; claims: Decimal; ratio: Decimal | null }> {
    const snap = await this.premiums.snapshot(schemeId, year);
    const [cells, households, groups] = await Promise.all([
      this.premiums.cells(schemeId, year, [district.id], snap),
      this.premiums.households(schemeId, year, [district.id], snap),
      this.money.groups(schemeId, year, [district.id]),
    ]);
    const premium = new Decimal(this.premiums.priceDistrict(schemeId, String(year), district, cells, households.get(district.id) ?? 0).premiumDue);
    const row = ClaimsMoneyService.row(groups, premium);
    const claims = new Decimal(row.paid.amount).plus(row.outstanding);
    return { premium, claims, ratio: premium.isZero() ? null : claims.div(premium) };
  }

  /** Records the levels the county is above and has no record of yet; returns the new records. */
  async evaluate(schemeId: string, year: number, districtId: number, cause: { claimId: number | null; claimEventId: number | null }): Promise<LossRatioWarning[]> {
    if (!hasWarnings(schemeId, year)) return [];
    const district = await this.ds.getRepository(District).findOneBy({ id: districtId });
    if (!district) return [];
    const { premium, claims, ratio } = await this.ratio(schemeId, year, district);
    if (!ratio) return [];
    const repo = this.ds.getRepository(LossRatioWarning);
    const recorded = await repo.find({ where: { schemeId, insuranceYear: year, districtId }, order: { id: 'ASC' } });
    const before = recorded.length ? new Decimal(recorded[recorded.length - 1].ratioPercent).div(100).toFixed() : '0';
    const have = new Set(recorded.map((r) => r.level));
    const crossed = warningCrossings(schemeId, String(year), before, ratio.toFixed())
      .concat(warningsFor(schemeId, String(year), new D(ratio.toFixed())))
      .filter((w, i, all) => !have.has(w.level) && all.findIndex((x) => x.level === w.level) === i);
    const out: LossRatioWarning[] = [];
    for (const w of crossed) {
      const row = repo.create({
        schemeId,
        insuranceYear: year,
        districtId,
        level: w.level,
        label: w.label.slice(0, 200),
        notify: JSON.stringify(w.notify),
        source: w.source.slice(0, 300),
        ratioPercent: ratio.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2),
        premium,
        claims,
        claimId: cause.claimId,
        claimEventId: cause.claimEventId,
      });
      try {
        const saved = await repo.save(row);
        out.push(saved);
        this.bus.publish(toMessage(saved, district.name));
        this.log.log(`${district.name} ${schemeId} ${year}: ${w.label}（赔付率 ${saved.ratioPercent}%）`);
      } catch (e) {
        if (!isDuplicate(e)) throw e; // recorded meanwhile by another evaluation: once is enough
      }
    }
    return out;
  }

  async view(scope: OversightScope): Promise<WarningsView> {
    const { scheme, year, version } = scope;
    const levels = (version.lossRatioWarnings ?? []).map((w) => ({ above: w.above, level: w.level, label: w.label, notify: [...w.notify] }));
    const counties: CountyRatio[] = [];
    if (levels.length) {
      // Catch up first (serialised with the event-driven evaluations).
      await this.enqueue(async () => {
        for (const d of scope.districts) await this.evaluate(scheme.id, Number(year.id), d.id, { claimId: null, claimEventId: null });
      });
      for (const d of scope.districts) {
        const r = await this.ratio(scheme.id, Number(year.id), d);
        counties.push({
          districtId: d.id,
          name: d.name,
          premium: r.premium.toFixed(2),
          claims: r.claims.toFixed(2),
          lossRatioPercent: r.ratio ? r.ratio.times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) : null,
          levels: r.ratio ? warningsFor(scheme.id, year.id, new D(r.ratio.toFixed())) : [],
        });
      }
    }
    const ids = scope.districts.map((d) => d.id);
    const names = new Map(scope.districts.map((d) => [d.id, d.name]));
    const rows = ids.length
      ? await this.ds.getRepository(LossRatioWarning).find({ where: { schemeId: scheme.id, insuranceYear: Number(year.id), districtId: In(ids) }, order: { id: 'ASC' } })
      : [];
    return {
      schemeId: scheme.id,
      year: year.id,
      level: scope.level,
      levels,
      counties,
      warnings: rows.map((r) => {
        const m = toMessage(r, names.get(r.districtId) ?? '');
        return { id: m.id, districtId: m.districtId, districtName: m.districtName, level: m.level, label: m.label, notify: m.notify, source: m.source, ratioPercent: m.ratioPercent, premium: m.premium, claims: m.claims, claimId: m.claimId, at: m.at };
      }),
    };
  }
}

function hasWarnings(schemeId: string, year?: number): boolean {
  try {
    const s = getScheme(schemeId);
    if (year === undefined) return s.versions.some((v) => (v.lossRatioWarnings ?? []).length > 0);
    return (versionForYear(s, String(year)).lossRatioWarnings ?? []).length > 0;
  } catch {
    return false;
  }
}

function toMessage(r: LossRatioWarning, districtName: string): LossRatioWarningMessage {
  return {
    type: 'loss_ratio_warning',
    id: r.id,
    schemeId: r.schemeId,
    insuranceYear: r.insuranceYear,
    districtId: r.districtId,
    districtName,
    level: r.level,
    label: r.label,
    notify: JSON.parse(r.notify) as string[],
    ratioPercent: r.ratioPercent,
    premium: r.premium.toFixed(2),
    claims: r.claims.toFixed(2),
    claimId: r.claimId,
    source: r.source,
    at: new Date(r.createdAt).toISOString(),
  };
}
