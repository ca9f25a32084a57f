/** Staff views of subsidies (scoped to the caller's 街道 / 镇) and the document's targets (KPIs). */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { notFound } from '../auth/access.service';
import { dialectOf, monthOf, monthsBetween } from '../oversight/oversight-sql';
import type { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import type { PayerPart, StoredReason } from './entities/subsidy.entity';
import { dateStr, marks, parseJson } from './sql';
import { STATUS_TEXT, type SubsidyStatus } from './subsidy-states';
import { SubsidyAccess } from './subsidy-access';

export interface SubsidyView {
  id: number;
  policyNo: string;
  policyYear: number;
  purchaseDate: string;
  issueDate: string;
  groupPolicy: boolean;
  personId: number | null;
  name: string;
  idNumberMasked: string;
  districtId: number | null;
  districtName: string | null;
  decision: string;
  amount: string;
  status: SubsidyStatus;
  statusText: string;
  reasons: StoredReason[];
  payers: PayerPart[] | null;
  bankAccountMasked: string | null;
  batchId: number | null;
  failureReason: string | null;
  paidOn: string | null;
}

export interface KpiTarget {
  id: 'coverage' | 'accuracy' | 'onTime';
  name: string;
  target: string;
  numerator: number;
  denominator: number;
  /** numerator / denominator as a percentage with two decimals ('100.00'), null when nothing to measure yet. */
  percent: string | null;
  met: boolean | null;
  definition: string;
  clause: string;
  /** The same measure month by month (`KpiView.months`); `trendBy` says which month a row falls in. */
  trend: { month: string; numerator: number; denominator: number; percent: string | null }[];
  trendBy: string;
}

export interface KpiView {
  policyYear: number;
  districtIds: number[] | null;
  today: string;
  onTimeDeadline: string;
  deadlineNote: string;
  /** 'YYYY-MM' from January of the policy year to December, or later when a payment came later. */
  months: string[];
  targets: KpiTarget[];
  money: { eligibleTotal: string; paidTotal: string; paidByPayer: { payer: string; amount: string }[] };
  counts: Record<string, number>;
}

const DOC = '《民生保险“沪惠保”补贴项目描述》';

/**
 * The document sets 补贴发放及时率 100% (二、2 时效标准) but no payment deadline; its only dates are the
 * yearly window (二、3: 6 月开始至 7 月底结束, buying first, the government subsidy after the final list)
 * and the yearly budget (三、1: 2024 年度项目预算). Reading chosen: a subsidy is on time when paid within
 * its policy year, i.e. by 12-31 of that year (the budget year it is funded from).
 */
export const ON_TIME_MONTH_DAY = '12-31';

const SELECT =
  'SELECT s.id AS id, p.policy_no AS policyNo, s.policy_year AS policyYear, p.purchase_date AS purchaseDate, p.issue_date AS issueDate, ' +
  'p.group_policy AS groupPolicy, s.person_id AS personId, COALESCE(pe.name, p.holder_name) AS name, p.id_number_masked AS idNumberMasked, ' +
  's.district_id AS districtId, d.name AS districtName, s.decision AS decision, s.amount AS amount, s.status AS status, s.reasons AS reasons, ' +
  's.payers AS payers, a.account_masked AS accountMasked, s.batch_id AS batchId, s.failure_reason AS failureReason, s.paid_on AS paidOn ' +
  'FROM `huhuibao_subsidy` s INNER JOIN `huhuibao_policy` p ON p.id = s.policy_id LEFT JOIN `person` pe ON pe.id = s.person_id ' +
  'LEFT JOIN `district` d ON d.id = s.district_id LEFT JOIN `subsidy_bank_account` a ON a.person_id = s.person_id';

const pct = (n: number, d: number) => (d === 0 ? null : new Decimal(n).div(d).times(100).toFixed(2));
const money = (v: unknown) => new Decimal(v == null ? 0 : typeof v === 'number' ? v.toFixed(2) : String(v));

@Injectable()
export class SubsidiesService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly access: SubsidyAccess,
    private readonly clock: Clock,
  ) {}

  private toView(r: Record<string, unknown>): SubsidyView {
    const status = String(r.status) as SubsidyStatus;
    return {
      id: Number(r.id),
      policyNo: String(r.policyNo),
      policyYear: Number(r.policyYear),
      purchaseDate: dateStr(r.purchaseDate)!,
      issueDate: dateStr(r.issueDate)!,
      groupPolicy: r.groupPolicy === true || Number(r.groupPolicy) === 1,
      personId: r.personId == null ? null : Number(r.personId),
      name: String(r.name),
      idNumberMasked: String(r.idNumberMasked),
      districtId: r.districtId == null ? null : Number(r.districtId),
      districtName: r.districtName == null ? null : String(r.districtName),
      decision: String(r.decision),
      amount: money(r.amount).toFixed(2),
      status,
      statusText: STATUS_TEXT[status] ?? status,
      reasons: parseJson<StoredReason[]>(r.reasons) ?? [],
      payers: parseJson<PayerPart[]>(r.payers),
      bankAccountMasked: r.accountMasked == null ? null : String(r.accountMasked),
      batchId: r.batchId == null ? null : Number(r.batchId),
      failureReason: r.failureReason == null ? null : String(r.failureReason),
      paidOn: dateStr(r.paidOn),
    };
  }

  async get(user: AuthUser, id: number): Promise<SubsidyView> {
    const [row] = (await this.ds.query(`${SELECT} WHERE s.id = ?`, [id])) as Record<string, unknown>[];
    if (!row || !(await this.access.canSeeSubsidy(user, row.districtId == null ? null : Number(row.districtId)))) throw notFound('subsidy');
    return this.toView(row);
  }

  async list(
    user: AuthUser,
    q: { policyYear?: number; districtId?: number; status?: string; page?: number; pageSize?: number },
  ): Promise<{ page: number; pageSize: number; total: number; rows: SubsidyView[] }> {
    const page = q.page ?? 1;
    const pageSize = q.pageSize ?? 50;
    const scope = this.access.scopeDistricts(user, q.districtId, 'district');
    const where: string[] = [];
    const params: unknown[] = [];
    if (scope) {
      // Minhang caseworkers also see refusals of buyers the rosters do not know (no district).
      const minhang = await this.access.minhangDistrictIds();
      const withUnknown = q.districtId === undefined && scope.some((d) => minhang.has(d));
      if (!scope.length && !withUnknown) return { page, pageSize, total: 0, rows: [] };
      where.push(`(${scope.length ? `s.district_id IN (${marks(scope.length)})` : '1 = 0'}${withUnknown ? ' OR s.district_id IS NULL' : ''})`);
      params.push(...scope);
    }
    if (q.policyYear !== undefined) {
      where.push('s.policy_year = ?');
      params.push(q.policyYear);
    }
    if (q.status) {
      where.push('s.status = ?');
      params.push(q.status);
    }
    const w = where.length ? ` WHERE ${where.join(' AND ')}` : '';
    const [{ n }] = (await this.ds.query(`SELECT COUNT(*) AS n FROM \`huhuibao_subsidy\` s${w}`, params)) as { n: unknown }[];
    const rows = (await this.ds.query(`${SELECT}${w} ORDER BY s.id LIMIT ${pageSize} OFFSET ${(page - 1) * pageSize}`, params)) as Record<string, unknown>[];
    return { page, pageSize, total: Number(n), rows: rows.map((r) => this.toView(r)) };
  }

  // ------------------------------------------------------------------ KPIs

  async kpis(user: AuthUser, q: { policyYear: number; districtId?: number }): Promise<KpiView> {
    const scope = this.access.scopeDistricts(user, q.districtId, 'district');
    const today = this.clock.today();
    const deadline = `${q.policyYear}-${ON_TIME_MONTH_DAY}`;
    const inScope = (col: string) => (scope ? (scope.length ? `${col} IN (${marks(scope.length)})` : '1 = 0') : '1 = 1');
    const sp = scope ?? [];

    const subs = (await this.ds.query(
      `SELECT s.id AS id, s.person_id AS personId, s.decision AS decision, s.status AS status, s.amount AS amount, s.paid_on AS paidOn, s.payers AS payers,
              SUBSTR(p.purchase_date, 1, 7) AS purchaseMonth
         FROM \`huhuibao_subsidy\` s INNER JOIN \`huhuibao_policy\` p ON p.id = s.policy_id WHERE s.policy_year = ? AND ${inScope('s.district_id')}`,
      [q.policyYear, ...sp],
    )) as Record<string, unknown>[];
    const items = (await this.ds.query(
      `SELECT i.id AS id, i.subsidy_id AS subsidyId, i.person_id AS personId, i.amount AS amount, i.result AS result, s.amount AS subsidyAmount, s.decision AS decision,
              COALESCE(${monthOf(dialectOf(this.ds), 'i.result_at')}, SUBSTR(i.paid_on, 1, 7)) AS resultMonth
         FROM \`subsidy_payment_item\` i INNER JOIN \`subsidy_payment_batch\` b ON b.id = i.batch_id INNER JOIN \`huhuibao_subsidy\` s ON s.id = i.subsidy_id
        WHERE b.policy_year = ? AND ${inScope('b.district_id')}`,
      [q.policyYear, ...sp],
    )) as Record<string, unknown>[];

    const eligible = subs.filter((s) => s.decision === 'eligible');
    const paid = eligible.filter((s) => s.status === 'paid');
    // 发放准确率: transfers with a result that were right: paid, the engine's amount, to a person paid once that year.
    const done = items.filter((i) => i.result === 'paid' || i.result === 'failed');
    const paidPerPerson = new Map<number, number>();
    for (const i of done) if (i.result === 'paid') paidPerPerson.set(Number(i.personId), (paidPerPerson.get(Number(i.personId)) ?? 0) + 1);
    const correct = done.filter(
      (i) => i.result === 'paid' && i.decision === 'eligible' && money(i.amount).eq(money(i.subsidyAmount)) && paidPerPerson.get(Number(i.personId)) === 1,
    );
    // 发放及时率: of the subsidies due (paid, or unpaid after the deadline), those paid by the deadline.
    const due = eligible.filter((s) => s.status === 'paid' || today > deadline);
    const onTime = paid.filter((s) => (dateStr(s.paidOn) ?? '9999-12-31') <= deadline);

    // Months of the trends: the policy year, and any later month a subsidy was bought or a bank result came back.
    let last = `${q.policyYear}-12`;
    for (const m of [...subs.map((x) => x.purchaseMonth), ...items.map((x) => x.resultMonth)]) if (m != null && String(m) > last) last = String(m);
    const months = monthsBetween(`${q.policyYear}-01`, last);
    type Row = Record<string, unknown>;
    const trend = (num: Row[], den: Row[], monthOfRow: (r: Row) => unknown) =>
      months.map((month) => {
        const n = num.filter((r) => monthOfRow(r) === month).length;
        const d = den.filter((r) => monthOfRow(r) === month).length;
        return { month, numerator: n, denominator: d, percent: pct(n, d) };
      });
    const purchase = (r: Row) => (r.purchaseMonth == null ? null : String(r.purchaseMonth));
    const result = (r: Row) => (r.resultMonth == null ? null : String(r.resultMonth));
    const target = (id: KpiTarget['id'], name: string, num: Row[], den: Row[], by: 'purchase' | 'result', definition: string, clause: string): KpiTarget => {
      const n = num.length;
      const d = den.length;
      const p = pct(n, d);
      return {
        id, name, target: '100%', numerator: n, denominator: d, percent: p, met: p === null ? null : n === d, definition, clause,
        trend: trend(num, den, by === 'purchase' ? purchase : result),
        trendBy: by === 'purchase' ? '按投保月份（购买沪惠保的月份）' : '按银行回盘月份',
      };
    };
    const byPayer = new Map<string, Decimal>();
    for (const s of paid) for (const part of parseJson<PayerPart[]>(s.payers) ?? []) byPayer.set(part.payer, (byPayer.get(part.payer) ?? new Decimal(0)).plus(part.amount));
    const counts: Record<string, number> = { policies: subs.length, eligible: eligible.length, refused: subs.length - eligible.length };
    for (const s of subs) counts[String(s.status)] = (counts[String(s.status)] ?? 0) + 1;
    return {
      policyYear: q.policyYear,
      districtIds: scope,
      today,
      onTimeDeadline: deadline,
      deadlineNote:
        '文件只规定“补贴发放及时率 100%”（二、2 时效标准），未规定发放期限；补贴工作每年 6 月开始至 7 月底结束（二、3），预算按年度编列（三、1）。' +
        `本系统口径：在保单年度内（${deadline} 前，含当日）发放到账为及时`,
      months,
      targets: [
        target('coverage', '应补尽补率', paid, eligible, 'purchase', '已发放的补贴对象 ÷ 比对后符合补贴条件的购买人；趋势按投保月份', `${DOC}二、2 数量指标：对符合的困难群众应补尽补率 100%`),
        target('accuracy', '补贴发放准确率', correct, done, 'result', '银行回盘中发放正确的笔数（成功到账、金额为 129 元、当年只发一次）÷ 有回盘结果的笔数（成功 + 失败）；趋势按银行回盘月份', `${DOC}二、2 质量指标：补贴发放准确率 100%`),
        target('onTime', '补贴发放及时率', onTime, due, 'purchase', `在 ${deadline} 前（含）到账的补贴 ÷ 已到期的补贴（已发放的，以及期限已过仍未发放的）；趋势按投保月份`, `${DOC}二、2 时效标准：补贴发放及时率 100%`),
      ],
      money: {
        eligibleTotal: eligible.reduce((a, s) => a.plus(money(s.amount)), new Decimal(0)).toFixed(2),
        paidTotal: paid.reduce((a, s) => a.plus(money(s.amount)), new Decimal(0)).toFixed(2),
        paidByPayer: [...byPayer].map(([payer, amount]) => ({ payer, amount: amount.toFixed(2) })),
      },
      counts,
    };
  }
}
