/**
 * Premiums per scheme × insurance year × district, from the enrolments: people covered month by month,
 * households, premium due and each payer's share. The database groups (one GROUP BY over enrolment ⋈ person,
 * a handful of rows per district: one per cover period); the engine prices each district (computePremium,
 * coveredMonths), so the payer shares are the scheme's own rules.
 */
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computePremium, coveredMonths, getScheme, versionForYear, type PremiumItemResult } from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource, In, IsNull, LessThan, Not } from 'typeorm';
import { District } from '../geo/district.entity';
import type { OversightScope } from './oversight-scope';
import { PremiumCell, PremiumSnapshot } from './premium-snapshot.entity';
import { dateStr, dialectOf, int, monthEnd, monthsBetween, sumMoney, yuan } from './oversight-sql';

export interface PayerAmountView {
  payer: string;
  amount: string;
  share?: string;
}

export interface DistrictPremium {
  districtId: number;
  name: string;
  /** People with an enrolment of this scheme and year (each once, whatever their identities). */
  persons: number;
  /** People covered in each month of the insurance year (cover starts on the 1st of a month). */
  personsByMonth: number[];
  /** Σ covered months over the people (the Chongqing premium basis: 10 yuan a covered month). */
  personMonths: number;
  /** Households of the people covered (a person without a household number is a household of one). */
  households: number;
  /** Households that carry a household premium (Jincheng 家庭财产保险 30/户), as the rosters recorded them. */
  householdsBilled: number;
  /** The engine's premium due for these counts. */
  premiumDue: string;
  byPayer: PayerAmountView[];
  items: Pick<PremiumItemResult, 'id' | 'name' | 'basis' | 'quantity' | 'unitAmount' | 'amount' | 'payers' | 'explanation' | 'source'>[];
  /** Σ enrolment.premium as the rosters stored it: a cross-check (difference = recorded − due). */
  recordedPremium: string;
  difference: string;
}

export interface PremiumsView {
  schemeId: string;
  schemeName: string;
  year: string;
  period: { from: string; to: string };
  level: 'city' | 'districts';
  /** When the enrolments were last grouped (again whenever they change) and how long that took. */
  counted: { at: string; buildMs: number; stale: boolean };
  months: string[];
  districts: DistrictPremium[];
  total: Omit<DistrictPremium, 'districtId' | 'name' | 'items'>;
  notes: string[];
}

export interface Cell {
  districtId: number;
  coverStart: string;
  coverEnd: string;
  persons: number;
  householdsBilled: number;
  recorded: Decimal;
}

const max = (a: string, b: string) => (a > b ? a : b);
const min = (a: string, b: string) => (a < b ? a : b);

@Injectable()
export class PremiumsService {
  private readonly log = new Logger('OversightPremiums');
  private readonly building = new Map<string, Promise<PremiumSnapshot>>();

  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /**
   * The enrolments' state now: the highest enrolment id (new enrolments) and the applied rosters (the roster apply is
   * what changes or removes enrolments and moves people between districts). Cheap: no scan of the enrolments.
   */
  async fingerprint(): Promise<string> {
    const [r] = (await this.ds.query(
      'SELECT (SELECT MAX(id) FROM `enrolment`) AS maxId, (SELECT COUNT(*) FROM `roster_import` WHERE applied_at IS NOT NULL) AS applied, (SELECT MAX(applied_at) FROM `roster_import`) AS lastApplied',
    )) as { maxId: unknown; applied: unknown; lastApplied: unknown }[];
    const last = r.lastApplied instanceof Date ? r.lastApplied.toISOString() : String(r.lastApplied ?? '');
    return `e${int(r.maxId)}|r${int(r.applied)}|${last}`.slice(0, 100);
  }

  /**
   * The snapshot of a scheme year. None yet: built now (the caller waits). Built from an older state of the
   * enrolments: answered as it is (flagged stale) while a rebuild runs in the background — at 8 million enrolments a
   * rebuild takes minutes on a small machine, and the premiums change once a month with the rosters.
   */
  async snapshot(schemeId: string, year: number): Promise<PremiumSnapshot & { stale: boolean }> {
    const fp = await this.fingerprint();
    const snap = await this.ds.getRepository(PremiumSnapshot).findOneBy({ schemeId, insuranceYear: year });
    if (snap && snap.fingerprint === fp) return Object.assign(snap, { stale: false });
    const key = `${schemeId}/${year}`;
    let running = this.building.get(key);
    if (!running) {
      running = this.rebuild(schemeId, year, fp).finally(() => this.building.delete(key));
      this.building.set(key, running);
      if (snap) running.catch((e: unknown) => this.log.error(`premium snapshot ${key}: ${e instanceof Error ? e.message : String(e)}`));
    }
    if (snap) return Object.assign(snap, { stale: true });
    return Object.assign(await running, { stale: false });
  }

  /** Resolves when no rebuild is running (tests, the bench). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.building.values()]);
  }

  /**
   * Groups the scheme year's enrolments by district and cover period (and counts each district's households) with two
   * GROUP BY queries — plain consistent reads, no locks on the enrolments — and replaces the cells in one transaction.
   */
  async rebuild(schemeId: string, year: number, fp?: string): Promise<PremiumSnapshot> {
    const t0 = Date.now();
    const fingerprint = fp ?? (await this.fingerprint());
    const d = dialectOf(this.ds);
    const [cellRows, householdRows] = await Promise.all([
      this.ds.query(
        `SELECT p.district_id AS districtId, e.cover_start AS coverStart, e.cover_end AS coverEnd, COUNT(*) AS persons,
                SUM(CASE WHEN e.household_premium IS NULL THEN 0 ELSE 1 END) AS householdsBilled, ${sumMoney(d, 'e.premium')} AS recorded
           FROM \`enrolment\` e INNER JOIN \`person\` p ON p.id = e.person_id
          WHERE e.scheme_id = ? AND e.insurance_year = ?
          GROUP BY p.district_id, e.cover_start, e.cover_end`,
        [schemeId, year],
      ) as Promise<Record<string, unknown>[]>,
      this.ds.query(
        `SELECT p.district_id AS districtId, COUNT(DISTINCT p.household_id) AS withHousehold, SUM(CASE WHEN p.household_id IS NULL THEN 1 ELSE 0 END) AS alone
           FROM \`enrolment\` e INNER JOIN \`person\` p ON p.id = e.person_id
          WHERE e.scheme_id = ? AND e.insurance_year = ?
          GROUP BY p.district_id`,
        [schemeId, year],
      ) as Promise<Record<string, unknown>[]>,
    ]);
    const cells = [
      ...cellRows.map((r) => ({
        schemeId, insuranceYear: year, generation: 0, districtId: int(r.districtId), coverStart: dateStr(r.coverStart), coverEnd: dateStr(r.coverEnd),
        persons: int(r.persons), households: 0, householdsBilled: int(r.householdsBilled), recordedPremium: yuan(r.recorded),
      })),
      ...householdRows.map((r) => ({
        schemeId, insuranceYear: year, generation: 0, districtId: int(r.districtId), coverStart: null, coverEnd: null,
        persons: 0, households: int(r.withHousehold) + int(r.alone), householdsBilled: 0, recordedPremium: new Decimal(0),
      })),
    ];
    const buildMs = Date.now() - t0;
    return this.ds.transaction(async (m) => {
      const snaps = m.getRepository(PremiumSnapshot);
      const current = await snaps.findOneBy({ schemeId, insuranceYear: year });
      const generation = (current?.generation ?? 0) + 1;
      for (const c of cells) c.generation = generation;
      for (let i = 0; i < cells.length; i += 500) await m.getRepository(PremiumCell).insert(cells.slice(i, i + 500));
      let saved: PremiumSnapshot;
      if (current) {
        await snaps.update({ id: current.id }, { fingerprint, generation, buildMs });
        saved = await snaps.findOneByOrFail({ id: current.id });
      } else {
        saved = await snaps.save(snaps.create({ schemeId, insuranceYear: year, fingerprint, generation, buildMs }));
      }
      await m.getRepository(PremiumCell).delete({ schemeId, insuranceYear: year, generation: LessThan(generation - 1) });
      return saved;
    });
  }

  /** The cover-period cells of some districts (from the snapshot). */
  async cells(schemeId: string, year: number, districtIds: number[], snap?: PremiumSnapshot): Promise<Cell[]> {
    if (!districtIds.length) return [];
    const { generation } = snap ?? (await this.snapshot(schemeId, year));
    const rows = await this.ds.getRepository(PremiumCell).find({ where: { schemeId, insuranceYear: year, generation, districtId: In(districtIds), coverStart: Not(IsNull()) } });
    return rows.map((r) => ({ districtId: r.districtId, coverStart: r.coverStart!, coverEnd: r.coverEnd!, persons: r.persons, householdsBilled: r.householdsBilled, recorded: r.recordedPremium }));
  }

  /** Distinct households of the covered people per district (people without a household: one each). */
  async households(schemeId: string, year: number, districtIds: number[], snap?: PremiumSnapshot): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!districtIds.length) return out;
    const { generation } = snap ?? (await this.snapshot(schemeId, year));
    const rows = await this.ds.getRepository(PremiumCell).find({ where: { schemeId, insuranceYear: year, generation, districtId: In(districtIds), coverStart: IsNull() } });
    for (const r of rows) out.set(r.districtId, (out.get(r.districtId) ?? 0) + r.households);
    return out;
  }

  async view(scope: OversightScope): Promise<PremiumsView> {
    const { scheme, year } = scope;
    const ids = scope.districts.map((x) => x.id);
    const snap = await this.snapshot(scheme.id, Number(year.id));
    const [cells, households] = await Promise.all([this.cells(scheme.id, Number(year.id), ids, snap), this.households(scheme.id, Number(year.id), ids, snap)]);
    const months = monthsBetween(year.from, year.to);
    const districts = scope.districts.map((district) => this.priceDistrict(scheme.id, year.id, district, cells.filter((c) => c.districtId === district.id), households.get(district.id) ?? 0));
    const byPayer = new Map<string, Decimal>();
    for (const x of districts) for (const p of x.byPayer) byPayer.set(p.payer, (byPayer.get(p.payer) ?? new Decimal(0)).plus(p.amount));
    const sum = (f: (x: DistrictPremium) => Decimal.Value) => districts.reduce((a, x) => a.plus(f(x)), new Decimal(0));
    return {
      schemeId: scheme.id,
      schemeName: scheme.name,
      year: year.id,
      period: { from: year.from, to: year.to },
      level: scope.level,
      counted: { at: new Date(snap.builtAt).toISOString(), buildMs: snap.buildMs, stale: snap.stale },
      months,
      districts,
      total: {
        persons: sum((x) => x.persons).toNumber(),
        personsByMonth: months.map((_, i) => sum((x) => x.personsByMonth[i]).toNumber()),
        personMonths: sum((x) => x.personMonths).toNumber(),
        households: sum((x) => x.households).toNumber(),
        householdsBilled: sum((x) => x.householdsBilled).toNumber(),
        premiumDue: sum((x) => x.premiumDue).toFixed(2),
        byPayer: [...byPayer].filter(([, amount]) => !amount.isZero()).map(([payer, amount]) => ({ payer, amount: amount.toFixed(2) })),
        recordedPremium: sum((x) => x.recordedPremium).toFixed(2),
        difference: sum((x) => x.difference).toFixed(2),
      },
      notes: [
        '参保记录按区县和参保起止月份分组汇总后保存（premium_cell）；参保记录有新增或名单导入生效后重新汇总，汇总完成前先显示上次的结果（counted.stale = true）',
        '保费由规则引擎按方案的筹资规则计算（computePremium）：人数、参保月数（按月起保，coveredMonths）和户数来自参保记录的分组汇总',
        '户数：参保人所在户去重计数，无户号的按一人一户（按户计收的保费以此为准）；householdsBilled 为名单导入时记有户保费的参保记录数，用于核对',
        'recordedPremium 为参保记录上保存的保费合计，用于核对；difference = recordedPremium − premiumDue',
      ],
    };
  }

  /** One district's counts from its cells, priced by the engine. */
  priceDistrict(schemeId: string, yearId: string, district: District, cells: Cell[], households: number): DistrictPremium {
    const scheme = getScheme(schemeId);
    const year = versionForYear(scheme, yearId).insuranceYears.find((y) => y.id === yearId)!;
    const months = monthsBetween(year.from, year.to);
    let persons = 0;
    let personMonths = 0;
    let billed = 0;
    let recorded = new Decimal(0);
    const personsByMonth = months.map(() => 0);
    for (const c of cells) {
      persons += c.persons;
      billed += c.householdsBilled;
      recorded = recorded.plus(c.recorded);
      const from = max(c.coverStart, year.from);
      const to = min(c.coverEnd, year.to);
      if (from > to) continue;
      personMonths += c.persons * coveredMonths(from, to);
      months.forEach((m, i) => {
        if (from <= monthEnd(m) && to >= `${m}-01`) personsByMonth[i] += c.persons;
      });
    }
    const r = computePremium({ schemeId: scheme.id, year: year.id, area: district.name, persons, personMonths, households, subsidies: persons });
    return {
      districtId: district.id,
      name: district.name,
      persons,
      personsByMonth,
      personMonths,
      households,
      householdsBilled: billed,
      premiumDue: r.total,
      byPayer: r.byPayer,
      items: r.items.map((it) => ({ id: it.id, name: it.name, basis: it.basis, quantity: it.quantity, unitAmount: it.unitAmount, amount: it.amount, payers: it.payers, explanation: it.explanation, source: it.source })),
      recordedPremium: recorded.toFixed(2),
      difference: recorded.minus(r.total).toFixed(2),
    };
  }
}
