/**
 * KPIs as measured numbers: each with numerator, denominator, percentage and a monthly trend.
 *
 * Insurance schemes (the Zhumadian targets of 一、（二）总体目标 apply to every scheme the same way):
 * - 立案率 filing rate: claims that got a filing decision (立案, or 不予立案 with a reason: anything past
 *   'reported') ÷ claims reported; a claim the person withdrew is not counted at all. Trend by report month.
 * - 结案率 closing rate: claims closed (paid, or refused) ÷ claims reported (withdrawn not counted).
 * - on-time payout share per deadline band (Zhumadian: ≤ 1 万 3 working days, 1–10 万 7, ≥ 10 万 10; special
 *   hardship medical next working day): on time = paid, and the payment date in China ≤ due_date (the due date
 *   the claim carries: working days from the day after documents were complete). Denominator: claims due —
 *   paid ones with a due date, and unpaid ones whose due date has passed (already late). Band by the approved
 *   amount (the estimate while not approved). Claims without a due date (documents not complete, or a year
 *   without holiday data) are not measured and are counted apart. Trend by due month.
 * - claims by benefit and insurer (Chongqing): counts and money per benefit × insurer, trend by report month.
 * Minhang (purchase subsidy): the subsidy module's own KPIs (应补尽补率, 发放准确率, 发放及时率) as `kpis` like the
 * others (figure, numerator / denominator, monthly trend: coverage and on time by purchase month, accuracy by the
 * month the bank's result came back), and its whole answer under `subsidy` with the route that serves it.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DeadlineRule, SchemeVersion } from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { Insurer } from '../geo/insurer.entity';
import { SubsidiesService, type KpiView } from '../subsidy/subsidies.service';
import { OPEN_STATES } from './claims-money.service';
import type { OversightScope } from './oversight-scope';
import { dateOf, dialectOf, int, marks, monthOf, monthsBetween, percent, sumMoney, yuan } from './oversight-sql';

export interface Measure {
  numerator: number;
  denominator: number;
  percent: string | null;
}

export interface TrendPoint extends Measure {
  month: string;
}

export interface Kpi extends Measure {
  id: string;
  name: string;
  target: string | null;
  met: boolean | null;
  definition: string;
  source: string;
  trend: TrendPoint[];
}

export interface OnTimeBand extends Measure {
  id: string;
  label: string;
  workingDays: number;
  /** Money paid on time ÷ money due (the same claims, by amount). */
  amountOnTime: string;
  amountDue: string;
  amountPercent: string | null;
  /** Claims of this band not measured (no due date yet). */
  unmeasured: number;
  trend: TrendPoint[];
}

export interface BenefitInsurerRow {
  benefitId: string;
  benefitName: string;
  insurerId: number | null;
  insurerName: string;
  claims: number;
  reportedAmount: string;
  approvedCount: number;
  approvedAmount: string;
  paidCount: number;
  paidAmount: string;
  rejected: number;
}

export interface KpisView {
  schemeId: string;
  schemeName: string;
  year: string;
  level: 'city' | 'districts';
  today: string;
  months: string[];
  kpis: Kpi[];
  onTime: { source: string; bands: OnTimeBand[] } | null;
  byBenefitInsurer: { rows: BenefitInsurerRow[]; trend: { month: string; reported: number; paidAmount: string }[] } | null;
  subsidy: { route: string; kpis: KpiView } | null;
}

interface DeadlineClass {
  id: string;
  label: string;
  workingDays: number;
}

interface KRow {
  benefitId: string;
  state: string;
  reportedMonth: string;
  dueMonth: string | null;
  cls: string;
  onTime: number | null;
  overdue: number;
  insurerId: number | null;
  n: number;
  estimated: Decimal;
  approved: Decimal;
}

const ZHUMADIAN_TARGET = '驻政办〔2019〕66号 一、（二）总体目标';

/** The deadline classes of a version (its default rule's bands, and benefits with a rule of their own) and the SQL that puts a claim in one. */
export function deadlineClasses(version: SchemeVersion): { classes: DeadlineClass[]; caseSql: string; params: unknown[] } {
  const classes: DeadlineClass[] = [];
  const amount = 'COALESCE(c.approved_amount, c.estimated_payout, 0)';
  const add = (c: DeadlineClass) => {
    if (!classes.some((x) => x.id === c.id)) classes.push(c);
    return `'${c.id}'`;
  };
  const ruleSql = (rule: DeadlineRule, prefix: string, name: string): string => {
    if (rule.kind === 'amountBands') {
      const whens = rule.bands.map((b, i) => {
        const id = add({ id: `${prefix}band${i}`, label: b.label, workingDays: b.workingDays });
        return b.max === undefined ? `ELSE ${id}` : `WHEN ${amount} ${b.maxInclusive ? '<=' : '<'} ${new Decimal(b.max).toFixed(2)} THEN ${id}`;
      });
      return `CASE ${whens.join(' ')}${whens[whens.length - 1].startsWith('ELSE') ? '' : ' ELSE NULL'} END`;
    }
    if (rule.kind === 'nextWorkingDay') return add({ id: `${prefix}next`, label: `${name}：资料齐全当日立案、次日赔付`, workingDays: 1 });
    const n = (rule as { workingDays: number }).workingDays;
    return add({ id: `${prefix}w${n}`, label: `${name ? `${name}：` : ''}${n} 个工作日`, workingDays: n });
  };
  const own = version.benefits.filter((b) => b.deadline);
  const params: unknown[] = [];
  const whens = own.map((b) => {
    params.push(b.id);
    return `WHEN c.benefit_id = ? THEN ${ruleSql(b.deadline!, `${b.id}:`, b.name)}`;
  });
  const def = ruleSql(version.defaultDeadline, '', '');
  classes.sort((a, b) => Number(a.id.includes(':')) - Number(b.id.includes(':')));
  return { classes, caseSql: whens.length ? `CASE ${whens.join(' ')} ELSE ${def} END` : def, params };
}

@Injectable()
export class KpisService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
    private readonly subsidies: SubsidiesService,
  ) {}

  async view(user: AuthUser, scope: OversightScope, districtId?: number): Promise<KpisView> {
    const { scheme, version, year } = scope;
    const today = this.clock.today();
    const base = { schemeId: scheme.id, schemeName: scheme.name, year: year.id, level: scope.level, today };
    if (scheme.kind === 'purchase_subsidy') {
      const q = new URLSearchParams({ policyYear: year.id, ...(districtId !== undefined ? { districtId: String(districtId) } : {}) });
      const sk = await this.subsidies.kpis(user, { policyYear: Number(year.id), districtId });
      return {
        ...base,
        months: sk.months,
        // The subsidy module's targets as KPIs like the others: figure, numerator / denominator, monthly trend.
        kpis: sk.targets.map((x) => ({
          id: x.id,
          name: x.name,
          target: x.target,
          numerator: x.numerator,
          denominator: x.denominator,
          percent: x.percent,
          met: x.met,
          definition: x.definition,
          source: x.clause,
          trend: x.trend,
        })),
        onTime: null,
        byBenefitInsurer: null,
        subsidy: { route: `/api/subsidy/kpis?${q}`, kpis: sk },
      };
    }
    const rows = await this.rows(scope, today);
    let last = year.to.slice(0, 7);
    for (const r of rows) for (const m of [r.reportedMonth, r.dueMonth]) if (m && m > last) last = m;
    const months = monthsBetween(year.from, last);
    const counted = rows.filter((r) => r.state !== 'withdrawn');
    const measure = (n: number, d: number): Measure => ({ numerator: n, denominator: d, percent: percent(n, d) });
    const byMonth = (pick: (r: KRow) => string | null, num: (r: KRow) => boolean, den: (r: KRow) => boolean) =>
      months.map((month) => {
        const inMonth = rows.filter((r) => pick(r) === month);
        return { month, ...measure(sum(inMonth.filter(num)), sum(inMonth.filter(den))) };
      });
    const sum = (rs: KRow[]) => rs.reduce((a, r) => a + r.n, 0);
    const filed = (r: KRow) => r.state !== 'reported' && r.state !== 'withdrawn';
    const closed = (r: KRow) => r.state === 'paid' || r.state === 'rejected';
    const notWithdrawn = (r: KRow) => r.state !== 'withdrawn';
    const kpi = (id: string, name: string, num: (r: KRow) => boolean, definition: string): Kpi => {
      const m = measure(sum(counted.filter(num)), sum(counted));
      return {
        id,
        name,
        target: '100%',
        ...m,
        met: m.percent === null ? null : m.numerator === m.denominator,
        definition,
        source: `${ZHUMADIAN_TARGET}：涉及报案事项，立案、结案率达到 100%`,
        trend: byMonth((r) => r.reportedMonth, num, notWithdrawn),
      };
    };
    const kpis = [
      kpi('filing', '立案率', filed, '已作出立案决定（立案或不予立案并说明理由）的报案 ÷ 报案数（申请人撤回的不计）；趋势按报案月份'),
      kpi('closing', '结案率', closed, '已结案（已赔付或不予赔付）的报案 ÷ 报案数（申请人撤回的不计）；趋势按报案月份'),
    ];

    // On time, per deadline band.
    const { classes } = deadlineClasses(version);
    const due = (r: KRow) => r.onTime !== null && (r.state === 'paid' || r.overdue === 1);
    const bands: OnTimeBand[] = classes.map((cl) => {
      const mine = rows.filter((r) => r.cls === cl.id && r.state !== 'withdrawn' && r.state !== 'rejected');
      const d = mine.filter(due);
      const ok = d.filter((r) => r.state === 'paid' && r.onTime === 1);
      const amt = (rs: KRow[]) => rs.reduce((a, r) => a.plus(r.state === 'approved' || r.state === 'paid' ? r.approved : r.estimated), new Decimal(0));
      return {
        id: cl.id,
        label: cl.label,
        workingDays: cl.workingDays,
        ...measure(sum(ok), sum(d)),
        amountOnTime: amt(ok).toFixed(2),
        amountDue: amt(d).toFixed(2),
        amountPercent: percent(amt(ok), amt(d)),
        unmeasured: sum(mine.filter((r) => r.onTime === null && r.dueMonth === null)),
        trend: months.map((month) => {
          const dm = d.filter((r) => r.dueMonth === month);
          return { month, ...measure(sum(dm.filter((r) => r.state === 'paid' && r.onTime === 1)), sum(dm)) };
        }),
      };
    });
    const allDue = rows.filter((r) => r.state !== 'withdrawn' && r.state !== 'rejected' && due(r));
    kpis.push({
      id: 'onTime',
      name: '按时赔付率',
      target: '100%',
      ...measure(sum(allDue.filter((r) => r.state === 'paid' && r.onTime === 1)), sum(allDue)),
      met: allDue.length ? sum(allDue.filter((r) => r.state === 'paid' && r.onTime === 1)) === sum(allDue) : null,
      definition: '按期赔付（赔付日 ≤ 应赔付日）的理赔 ÷ 已到期的理赔（已赔付的，以及已过应赔付日仍未赔付的）；分档见 onTime.bands；趋势按应赔付日所在月份',
      source: `${ZHUMADIAN_TARGET}：1 万元以下 3 个工作日、1 万元以上 7 个工作日、10 万元以上 10 个工作日内完成赔付；特殊困难群体当日立案、次日赔付`,
      trend: months.map((month) => {
        const dm = allDue.filter((r) => r.dueMonth === month);
        return { month, ...measure(sum(dm.filter((r) => r.state === 'paid' && r.onTime === 1)), sum(dm)) };
      }),
    });

    // By benefit × insurer.
    const insurers = new Map((await this.ds.getRepository(Insurer).find({ select: { id: true, name: true } })).map((i) => [i.id, i.name]));
    const benefitName = (id: string) => version.benefits.find((b) => b.id === id)?.name ?? id;
    const keyed = new Map<string, BenefitInsurerRow & { _r: Decimal; _a: Decimal; _p: Decimal }>();
    for (const r of counted) {
      const k = `${r.benefitId}|${r.insurerId ?? ''}`;
      let x = keyed.get(k);
      if (!x) {
        x = { benefitId: r.benefitId, benefitName: benefitName(r.benefitId), insurerId: r.insurerId, insurerName: r.insurerId ? (insurers.get(r.insurerId) ?? '') : '', claims: 0, reportedAmount: '', approvedCount: 0, approvedAmount: '', paidCount: 0, paidAmount: '', rejected: 0, _r: new Decimal(0), _a: new Decimal(0), _p: new Decimal(0) };
        keyed.set(k, x);
      }
      x.claims += r.n;
      if (OPEN_STATES.includes(r.state as never)) x._r = x._r.plus(r.estimated);
      if (r.state === 'approved' || r.state === 'paid') {
        x.approvedCount += r.n;
        x._a = x._a.plus(r.approved);
      }
      if (r.state === 'paid') {
        x.paidCount += r.n;
        x._p = x._p.plus(r.approved);
      }
      if (r.state === 'rejected') x.rejected += r.n;
    }
    const order = version.benefits.map((b) => b.id);
    const table = [...keyed.values()]
      .sort((a, b) => order.indexOf(a.benefitId) - order.indexOf(b.benefitId) || (a.insurerId ?? 0) - (b.insurerId ?? 0))
      .map(({ _r, _a, _p, ...x }) => ({ ...x, reportedAmount: _r.toFixed(2), approvedAmount: _a.toFixed(2), paidAmount: _p.toFixed(2) }));

    return {
      ...base,
      months,
      kpis,
      onTime: { source: classes.length ? `${version.defaultDeadline.clause.clause}` : '', bands },
      byBenefitInsurer: {
        rows: table,
        trend: months.map((month) => ({
          month,
          reported: sum(counted.filter((r) => r.reportedMonth === month)),
          paidAmount: (() => {
            // paid money by report month (the month the claim came in)
            return counted.filter((r) => r.reportedMonth === month && r.state === 'paid').reduce((a, r) => a.plus(r.approved), new Decimal(0)).toFixed(2);
          })(),
        })),
      },
      subsidy: null,
    };
  }

  private async rows(scope: OversightScope, today: string): Promise<KRow[]> {
    const ids = scope.districts.map((d) => d.id);
    if (!ids.length) return [];
    const d = dialectOf(this.ds);
    const { caseSql, params } = deadlineClasses(scope.version);
    const rm = monthOf(d, 'c.created_at');
    const onTime = `CASE WHEN c.due_date IS NULL THEN NULL WHEN c.paid_at IS NOT NULL AND ${dateOf(d, 'c.paid_at')} <= c.due_date THEN 1 ELSE 0 END`;
    const open = [...OPEN_STATES, 'approved'];
    const overdue = `CASE WHEN c.due_date IS NOT NULL AND c.due_date < ? AND c.state IN (${marks(open.length)}) THEN 1 ELSE 0 END`;
    const dueMonth = 'SUBSTR(c.due_date, 1, 7)';
    const raw = (await this.ds.query(
      `SELECT c.benefit_id AS benefitId, c.state AS state, ${rm} AS reportedMonth, ${dueMonth} AS dueMonth, ${caseSql} AS cls,
              ${onTime} AS onTime, ${overdue} AS overdue, dd.insurer_id AS insurerId, COUNT(*) AS n,
              ${sumMoney(d, 'COALESCE(c.estimated_payout, 0)')} AS estimated, ${sumMoney(d, 'COALESCE(c.approved_amount, 0)')} AS approved
         FROM \`claim\` c INNER JOIN \`district\` dd ON dd.id = c.district_id
        WHERE c.scheme_id = ? AND c.insurance_year = ? AND c.district_id IN (${marks(ids.length)})
        GROUP BY benefitId, state, reportedMonth, dueMonth, cls, onTime, overdue, insurerId`,
      [...params, today, ...open, scope.scheme.id, Number(scope.year.id), ...ids],
    )) as Record<string, unknown>[];
    return raw.map((r) => ({
      benefitId: String(r.benefitId),
      state: String(r.state),
      reportedMonth: String(r.reportedMonth),
      dueMonth: r.dueMonth == null ? null : String(r.dueMonth),
      cls: String(r.cls),
      onTime: r.onTime == null ? null : int(r.onTime),
      overdue: int(r.overdue),
      insurerId: r.insurerId == null ? null : int(r.insurerId),
      n: int(r.n),
      estimated: yuan(r.estimated),
      approved: yuan(r.approved),
    }));
  }
}
