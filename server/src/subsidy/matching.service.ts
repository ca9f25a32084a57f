/**
 * Matching: the subsidy decision for every policy of a policy year, by the rules engine.
 *
 * For each policy: the roster person with the same ID number (keyed hash), their facts as the engine
 * reads them (birth date, residence = the 街道/镇 they live in, identities with validity, flags such as the
 * disability card's validity), and the policy's facts (issued, 团单 or not, bought through Minhang's
 * dedicated QR code, purchase date). estimate(mh-huhuibao / huhuibao_subsidy) on the purchase date gives
 * covered / payout / reasons; "once per year" is the engine's `used.claimsThisYear` (another policy of the
 * same person and year already granted, or a payment already in the yearly ledger). The cost split comes
 * from the engine's money flows (computePremium for one subsidy in the person's area).
 *
 * Idempotent: a decision is rewritten only when it changed, and only while nothing went to the bank
 * (refused / awaiting_account / ready); a second run with nothing new writes nothing.
 */
import { Injectable, UnprocessableEntityException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  categoryLabel,
  computePremium,
  D,
  EngineError,
  estimate,
  formatClause,
  getScheme,
  sourceTitle,
  splitByShares,
  versionForYear,
  type ClauseRef,
  type PersonFacts,
  type PersonIdentity,
  type Reason,
} from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AuditService } from '../audit/audit.service';
import { isUniqueViolation } from '../common/db-errors';
import { parsePersonFlags, withFlags } from '../people/person-flags';
import { HuhuibaoSubsidy, type PayerPart, type StoredReason } from './entities/subsidy.entity';
import { bool, dateStr, parseJson, selectIn } from './sql';
import { REMATCHABLE, type SubsidyStatus } from './subsidy-states';
import { MINHANG_SCHEME, SUBSIDY_BENEFIT, SubsidyAccess } from './subsidy-access';

export interface MatchResult {
  policyYear: number;
  policies: number;
  eligible: number;
  refused: number;
  /** Decisions left as they were because the subsidy is with the bank or paid. */
  frozen: number;
  added: number;
  changed: number;
  unchanged: number;
}

interface PolicyRow {
  id: number;
  policyNo: string;
  idNumberHash: string;
  personId: number | null;
  groupPolicy: boolean;
  viaMinhangLink: boolean;
  purchaseDate: string;
  subsidy: {
    id: number;
    personId: number | null;
    decision: string;
    amount: string;
    reasons: StoredReason[];
    districtId: number | null;
    payers: PayerPart[] | null;
    grantKey: string | null;
    status: SubsidyStatus;
  } | null;
}

interface Decision {
  personId: number | null;
  decision: 'eligible' | 'refused';
  amount: string;
  reasons: StoredReason[];
  districtId: number | null;
  payers: PayerPart[] | null;
  grantKey: string | null;
  status: SubsidyStatus;
}

const money = (v: unknown) => (v == null ? '0.00' : new Decimal(typeof v === 'number' ? v.toFixed(2) : String(v)).toFixed(2));

/** Engine reasons as stored and shown: the message and the clause it applied, in words. */
export function storedReasons(reasons: Reason[]): StoredReason[] {
  const scheme = getScheme(MINHANG_SCHEME);
  return reasons.map((r) => ({
    ok: r.ok,
    code: r.code,
    message: r.message,
    ...(r.clause ? { clause: formatClause(r.clause, sourceTitle(scheme, r.clause.doc)) } : {}),
  }));
}

@Injectable()
export class MatchingService {
  private tail: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly access: SubsidyAccess,
  ) {}

  async match(user: AuthUser, policyYear: number): Promise<MatchResult> {
    await this.access.assertMinhangStaff(user, 'subsidy_match');
    const scheme = getScheme(MINHANG_SCHEME);
    try {
      versionForYear(scheme, policyYear, 'policyYear');
    } catch (e) {
      if (e instanceof EngineError) throw new UnprocessableEntityException({ code: 'NO_VERSION_IN_FORCE', message: e.message });
      throw e;
    }
    // One match at a time in this process; across processes the unique grant key keeps "once a year".
    const run = this.tail.then(() => this.runWithRetry(user, policyYear));
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async runWithRetry(user: AuthUser, policyYear: number): Promise<MatchResult> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.ds.transaction(async (m) => {
          const r = await this.run(m, policyYear);
          await this.audit.recordAct(user, { action: 'subsidy.match', entity: 'huhuibao_subsidy', entityId: null, detail: { ...r } }, m);
          return r;
        });
      } catch (e) {
        if (isUniqueViolation(e) && attempt < 2) continue;
        throw e;
      }
    }
  }

  private async loadPolicies(m: EntityManager, policyYear: number): Promise<PolicyRow[]> {
    const rows = (await m.query(
      'SELECT p.id AS id, p.policy_no AS policyNo, p.id_number_hash AS idNumberHash, p.person_id AS personId, p.group_policy AS groupPolicy, ' +
        'p.via_minhang_link AS viaMinhangLink, p.purchase_date AS purchaseDate, s.id AS sid, s.person_id AS spid, s.decision AS decision, s.amount AS amount, ' +
        's.reasons AS reasons, s.district_id AS districtId, s.payers AS payers, s.grant_key AS grantKey, s.status AS status ' +
        'FROM `huhuibao_policy` p LEFT JOIN `huhuibao_subsidy` s ON s.policy_id = p.id WHERE p.policy_year = ? ORDER BY p.id',
      [policyYear],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      id: Number(r.id),
      policyNo: String(r.policyNo),
      idNumberHash: String(r.idNumberHash),
      personId: r.personId == null ? null : Number(r.personId),
      groupPolicy: bool(r.groupPolicy),
      viaMinhangLink: bool(r.viaMinhangLink),
      purchaseDate: dateStr(r.purchaseDate)!,
      subsidy:
        r.sid == null
          ? null
          : {
              id: Number(r.sid),
              personId: r.spid == null ? null : Number(r.spid),
              decision: String(r.decision),
              amount: money(r.amount),
              reasons: parseJson<StoredReason[]>(r.reasons) ?? [],
              districtId: r.districtId == null ? null : Number(r.districtId),
              payers: parseJson<PayerPart[]>(r.payers),
              grantKey: r.grantKey == null ? null : String(r.grantKey),
              status: String(r.status) as SubsidyStatus,
            },
    }));
  }

  async run(m: EntityManager, policyYear: number): Promise<MatchResult> {
    const scheme = getScheme(MINHANG_SCHEME);
    const version = versionForYear(scheme, policyYear);
    const policies = await this.loadPolicies(m, policyYear);

    // 1. The roster person of each policy (rosters may have arrived since the list was applied).
    const byHash = new Map(
      (
        await selectIn<{ id: number; hash: string }>(
          m,
          (q) => `SELECT id, id_number_hash AS hash FROM \`person\` WHERE id_number_hash IN (${q})`,
          [...new Set(policies.map((p) => p.idNumberHash))],
        )
      ).map((r) => [String(r.hash), Number(r.id)]),
    );
    for (const p of policies) {
      const pid = byHash.get(p.idNumberHash) ?? null;
      if (pid !== p.personId) {
        await m.query('UPDATE `huhuibao_policy` SET person_id = ? WHERE id = ?', [pid, p.id]);
        p.personId = pid;
      }
    }

    // 2. What the engine needs about those people, in bulk.
    const personIds = [...new Set(policies.flatMap((p) => (p.personId == null ? [] : [p.personId])))];
    const people = new Map<number, { facts: PersonFacts; districtId: number }>();
    const personRows = await selectIn<Record<string, unknown>>(
      m,
      (q) =>
        'SELECT p.id AS id, p.birth_date AS birthDate, p.flags AS flags, p.district_id AS districtId, d.name AS area ' +
        `FROM \`person\` p INNER JOIN \`district\` d ON d.id = p.district_id WHERE p.id IN (${q})`,
      personIds,
    );
    const identities = new Map<number, PersonIdentity[]>();
    for (const i of await selectIn<Record<string, unknown>>(
      m,
      (q) => `SELECT person_id AS personId, category_code AS code, valid_from AS validFrom, valid_to AS validTo, confirmed_on AS confirmedOn FROM \`identity\` WHERE person_id IN (${q}) ORDER BY valid_from, id`,
      personIds,
    )) {
      const list = identities.get(Number(i.personId)) ?? [];
      const pi: PersonIdentity = { code: String(i.code), validFrom: dateStr(i.validFrom)! };
      if (i.validTo) pi.validTo = dateStr(i.validTo)!;
      if (i.confirmedOn) pi.confirmedOn = dateStr(i.confirmedOn)!;
      list.push(pi);
      identities.set(Number(i.personId), list);
    }
    for (const r of personRows) {
      const id = Number(r.id);
      const facts = withFlags({ birthDate: dateStr(r.birthDate)!, area: String(r.area), identities: identities.get(id) ?? [] }, parsePersonFlags(r.flags));
      people.set(id, { facts, districtId: Number(r.districtId) });
    }
    const ledgerPaid = new Set(
      (
        await selectIn<{ personId: number; paid: unknown }>(
          m,
          (q) => `SELECT person_id AS personId, paid FROM \`annual_usage\` WHERE person_id IN (${q}) AND scheme_id = ? AND benefit_code = ? AND year = ?`,
          personIds,
          [MINHANG_SCHEME, SUBSIDY_BENEFIT, policyYear],
        )
      )
        .filter((u) => new Decimal(money(u.paid)).greaterThan(0))
        .map((u) => Number(u.personId)),
    );
    const withAccount = new Set(
      (await selectIn<{ personId: number }>(m, (q) => `SELECT person_id AS personId FROM \`subsidy_bank_account\` WHERE person_id IN (${q})`, personIds)).map((r) =>
        Number(r.personId),
      ),
    );

    // 3. Decide, in an order that keeps earlier grants where they are: frozen grants count first, then
    //    policies already granted, then the rest by purchase date and policy number.
    const result: MatchResult = { policyYear, policies: policies.length, eligible: 0, refused: 0, frozen: 0, added: 0, changed: 0, unchanged: 0 };
    const granted = new Set<number>();
    const open: PolicyRow[] = [];
    for (const p of policies) {
      if (p.subsidy && !REMATCHABLE.includes(p.subsidy.status)) {
        result.frozen++;
        if (p.subsidy.decision === 'eligible') {
          result.eligible++;
          if (p.subsidy.personId != null) granted.add(p.subsidy.personId);
        } else {
          result.refused++;
        }
      } else {
        open.push(p);
      }
    }
    open.sort((a, b) => {
      const ga = a.subsidy?.decision === 'eligible' ? 0 : 1;
      const gb = b.subsidy?.decision === 'eligible' ? 0 : 1;
      return ga - gb || a.purchaseDate.localeCompare(b.purchaseDate) || a.policyNo.localeCompare(b.policyNo);
    });

    const writes: { policy: PolicyRow; next: Decision }[] = [];
    for (const p of open) {
      const next = this.decide(p, policyYear, version.insuranceYears[0].id, people, granted, ledgerPaid, withAccount);
      if (next.decision === 'eligible') {
        result.eligible++;
        granted.add(next.personId!);
      } else {
        result.refused++;
      }
      if (!p.subsidy) {
        writes.push({ policy: p, next });
        result.added++;
      } else if (this.changed(p.subsidy, next)) {
        writes.push({ policy: p, next });
        result.changed++;
      } else {
        result.unchanged++;
      }
    }

    // 4. Write: first release grant keys that move or go, then write every change.
    const repo = m.getRepository(HuhuibaoSubsidy);
    for (const w of writes) {
      if (w.policy.subsidy?.grantKey && w.policy.subsidy.grantKey !== w.next.grantKey) await repo.update({ id: w.policy.subsidy.id }, { grantKey: null });
    }
    const now = new Date();
    for (const w of writes) {
      const values = {
        personId: w.next.personId,
        decision: w.next.decision,
        amount: new Decimal(w.next.amount),
        reasons: w.next.reasons,
        districtId: w.next.districtId,
        payers: w.next.payers,
        grantKey: w.next.grantKey,
        status: w.next.status,
        matchedAt: now,
      };
      if (w.policy.subsidy) {
        // Conditional: a batch may have taken it since we read it; then it stays as the batch left it.
        await repo
          .createQueryBuilder()
          .update(HuhuibaoSubsidy)
          .set(values)
          .where('id = :id AND status IN (:...open)', { id: w.policy.subsidy.id, open: REMATCHABLE })
          .execute();
      } else {
        await repo.insert({ policyId: w.policy.id, policyYear, failureReason: null, batchId: null, paidOn: null, ...values });
      }
    }
    return result;
  }

  private changed(cur: NonNullable<PolicyRow['subsidy']>, next: Decision): boolean {
    return (
      cur.personId !== next.personId ||
      cur.decision !== next.decision ||
      cur.amount !== next.amount ||
      JSON.stringify(cur.reasons) !== JSON.stringify(next.reasons) ||
      cur.districtId !== next.districtId ||
      JSON.stringify(cur.payers ?? null) !== JSON.stringify(next.payers ?? null) ||
      cur.grantKey !== next.grantKey ||
      cur.status !== next.status
    );
  }

  private decide(
    p: PolicyRow,
    policyYear: number,
    yearId: string,
    people: Map<number, { facts: PersonFacts; districtId: number }>,
    granted: Set<number>,
    ledgerPaid: Set<number>,
    withAccount: Set<number>,
  ): Decision {
    const scheme = getScheme(MINHANG_SCHEME);
    const person = p.personId == null ? undefined : people.get(p.personId);
    const refuse = (reasons: StoredReason[], districtId: number | null = null): Decision => ({
      personId: p.personId,
      decision: 'refused',
      amount: '0.00',
      reasons,
      districtId,
      payers: null,
      grantKey: null,
      status: 'refused',
    });
    if (!person) {
      const cov = versionForYear(scheme, policyYear).coverage;
      const wanted = cov.qualifying.map((q) => categoryLabel(q.code)).join('、');
      return refuse([
        {
          ok: false,
          code: 'NOT_ON_ROSTER',
          message: `民政、残联、农业农村、退役军人事务部门报来的名单中都没有这个身份证号：不属于补贴的四类对象（${wanted}）。如确属四类对象，请先由街镇把名单报送导入后重新比对`,
          clause: formatClause(cov.clause as ClauseRef, sourceTitle(scheme, cov.clause.doc)),
        },
      ]);
    }
    let r;
    try {
      r = estimate({
        schemeId: MINHANG_SCHEME,
        benefitId: SUBSIDY_BENEFIT,
        incidentDate: p.purchaseDate,
        person: person.facts,
        facts: { policyNo: p.policyNo, purchaseDate: p.purchaseDate, policyIssued: true, groupPolicy: p.groupPolicy, viaMinhangLink: p.viaMinhangLink },
        used: { claimsThisYear: granted.has(p.personId!) || ledgerPaid.has(p.personId!) ? 1 : 0 },
      });
    } catch (e) {
      if (e instanceof EngineError) return refuse([{ ok: false, code: e.code, message: e.message }], person.districtId);
      throw e;
    }
    const reasons = storedReasons(r.reasons);
    const payout = new D(r.payout);
    if (!r.covered || !payout.greaterThan(0)) return refuse(reasons, person.districtId);
    const split = computePremium({ schemeId: MINHANG_SCHEME, year: r.insuranceYear ?? yearId, area: person.facts.area, subsidies: 1 });
    const item = split.items.find((i) => scheme.versions.some((v) => v.funding.some((f) => f.id === i.id && f.benefitIds?.includes(SUBSIDY_BENEFIT)))) ?? split.items[0];
    const payers: PayerPart[] = new D(item.amount).eq(payout)
      ? item.payers.map((x) => ({ payer: x.payer, ...(x.share ? { share: x.share } : {}), amount: x.amount }))
      : splitByShares(payout, item.payers.map((x) => ({ payer: x.payer, share: x.share ?? '1' })));
    return {
      personId: p.personId,
      decision: 'eligible',
      amount: payout.toFixed(2),
      reasons,
      districtId: person.districtId,
      payers,
      grantKey: `p:${p.personId}:${policyYear}`,
      status: withAccount.has(p.personId!) ? 'ready' : 'awaiting_account',
    };
  }
}
