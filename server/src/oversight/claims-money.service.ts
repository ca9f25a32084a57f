/**
 * Claims money per scheme × insurance year × district: reported estimates of open claims, approved, paid,
 * the loss ratio against the premium due, and a monthly series. One GROUP BY over `claim` (by district,
 * state and the months of report, decision and payment); the rest is arithmetic on those few rows.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { D, lossRatio, type ClaimState } from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import type { OversightScope } from './oversight-scope';
import { dialectOf, int, marks, monthOf, monthsBetween, percent, sumMoney, yuan } from './oversight-sql';
import { PremiumsService, type PremiumsView } from './premiums.service';

/** Open: reported, not yet decided; their estimate is the reserve (已报案估损). */
export const OPEN_STATES: ClaimState[] = ['reported', 'accepted', 'waiting_documents', 'under_review'];

export interface MoneyCount {
  count: number;
  amount: string;
}

export interface ClaimsMoneyRow {
  /** Open claims (reported … under review): their engine estimates (estimated_payout). */
  reported: MoneyCount;
  /** Approved, not yet paid: the approved amounts. */
  approvedUnpaid: MoneyCount;
  /** Approved in all (approved + paid): the approved amounts. */
  approved: MoneyCount;
  /** Paid: the approved amounts of paid claims. */
  paid: MoneyCount;
  rejected: number;
  withdrawn: number;
  /** reported + approvedUnpaid: what is owed or expected beyond what was paid. */
  outstanding: string;
  premium: string;
  /** (paid + outstanding) ÷ premium, exact to 6 decimals; null without premium. */
  lossRatio: string | null;
  lossRatioPercent: string | null;
}

export interface DistrictClaimsMoney extends ClaimsMoneyRow {
  districtId: number;
  name: string;
}

export interface MonthPoint {
  month: string;
  reportedCount: number;
  /** Engine estimates of the claims reported this month (as they stand now). */
  reportedAmount: string;
  approvedCount: number;
  approvedAmount: string;
  paidCount: number;
  paidAmount: string;
  paidCumulative: string;
  /** At month end, as known now: claims reported by then and not paid by then (not rejected or withdrawn). */
  outstandingAtMonthEnd: string;
  lossRatioPercent: string | null;
}

export interface ClaimsMoneyView {
  schemeId: string;
  schemeName: string;
  year: string;
  period: { from: string; to: string };
  level: 'city' | 'districts';
  today: string;
  districts: DistrictClaimsMoney[];
  total: ClaimsMoneyRow;
  monthly: MonthPoint[];
  definitions: Record<string, string>;
}

export interface Group {
  districtId: number;
  state: ClaimState;
  reportedMonth: string;
  decidedMonth: string | null;
  paidMonth: string | null;
  n: number;
  estimated: Decimal;
  approved: Decimal;
}

const zero = () => new Decimal(0);

@Injectable()
export class ClaimsMoneyService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly premiums: PremiumsService,
    private readonly clock: Clock,
  ) {}

  async groups(schemeId: string, year: number, districtIds: number[]): Promise<Group[]> {
    if (!districtIds.length) return [];
    const d = dialectOf(this.ds);
    const [rm, dm, pm] = [monthOf(d, 'c.created_at'), monthOf(d, 'c.decided_at'), monthOf(d, 'c.paid_at')];
    const rows = (await this.ds.query(
      `SELECT c.district_id AS districtId, c.state AS state, ${rm} AS reportedMonth, ${dm} AS decidedMonth, ${pm} AS paidMonth, COUNT(*) AS n,
              ${sumMoney(d, 'COALESCE(c.estimated_payout, 0)')} AS estimated, ${sumMoney(d, 'COALESCE(c.approved_amount, 0)')} AS approved
         FROM \`claim\` c
        WHERE c.scheme_id = ? AND c.insurance_year = ? AND c.district_id IN (${marks(districtIds.length)})
        GROUP BY c.district_id, c.state, ${rm}, ${dm}, ${pm}`,
      [schemeId, year, ...districtIds],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      districtId: int(r.districtId),
      state: String(r.state) as ClaimState,
      reportedMonth: String(r.reportedMonth),
      decidedMonth: r.decidedMonth == null ? null : String(r.decidedMonth),
      paidMonth: r.paidMonth == null ? null : String(r.paidMonth),
      n: int(r.n),
      estimated: yuan(r.estimated),
      approved: yuan(r.approved),
    }));
  }

  /** The figures of a set of groups against a premium. */
  static row(groups: Group[], premium: Decimal): ClaimsMoneyRow {
    const acc = { reported: [0, zero()], approvedUnpaid: [0, zero()], approved: [0, zero()], paid: [0, zero()] } as Record<string, [number, Decimal]>;
    let rejected = 0;
    let withdrawn = 0;
    const add = (k: string, n: number, a: Decimal) => {
      acc[k] = [acc[k][0] + n, acc[k][1].plus(a)];
    };
    for (const g of groups) {
      if (OPEN_STATES.includes(g.state)) add('reported', g.n, g.estimated);
      if (g.state === 'approved') add('approvedUnpaid', g.n, g.approved);
      if (g.state === 'approved' || g.state === 'paid') add('approved', g.n, g.approved);
      if (g.state === 'paid') add('paid', g.n, g.approved);
      if (g.state === 'rejected') rejected += g.n;
      if (g.state === 'withdrawn') withdrawn += g.n;
    }
    const mc = (k: string): MoneyCount => ({ count: acc[k][0], amount: acc[k][1].toFixed(2) });
    const outstanding = acc.reported[1].plus(acc.approvedUnpaid[1]);
    const claims = acc.paid[1].plus(outstanding);
    const ratio = premium.isZero() ? null : lossRatio(new D(premium.toFixed(2)), new D(claims.toFixed(2)));
    return {
      reported: mc('reported'),
      approvedUnpaid: mc('approvedUnpaid'),
      approved: mc('approved'),
      paid: mc('paid'),
      rejected,
      withdrawn,
      outstanding: outstanding.toFixed(2),
      premium: premium.toFixed(2),
      lossRatio: ratio ? ratio.toDecimalPlaces(6).toFixed(6) : null,
      lossRatioPercent: ratio ? ratio.times(100).toDecimalPlaces(2).toFixed(2) : null,
    };
  }

  async view(scope: OversightScope, premiums?: PremiumsView): Promise<ClaimsMoneyView> {
    const { scheme, year } = scope;
    const ids = scope.districts.map((x) => x.id);
    const [groups, prem] = await Promise.all([this.groups(scheme.id, Number(year.id), ids), premiums ? Promise.resolve(premiums) : this.premiums.view(scope)]);
    const premiumOf = new Map(prem.districts.map((x) => [x.districtId, new Decimal(x.premiumDue)]));
    const totalPremium = new Decimal(prem.total.premiumDue);
    const today = this.clock.today();
    return {
      schemeId: scheme.id,
      schemeName: scheme.name,
      year: year.id,
      period: { from: year.from, to: year.to },
      level: scope.level,
      today,
      districts: scope.districts.map((d) => ({
        districtId: d.id,
        name: d.name,
        ...ClaimsMoneyService.row(
          groups.filter((g) => g.districtId === d.id),
          premiumOf.get(d.id) ?? zero(),
        ),
      })),
      total: ClaimsMoneyService.row(groups, totalPremium),
      monthly: this.monthly(groups, year.from, year.to, totalPremium),
      definitions: {
        reported: '已报案估损：未决（已报案、已立案、待补材料、审核中）理赔的引擎估算赔款',
        approved: '已核定：核定赔付（含已赔付）的核定金额；approvedUnpaid 为已核定尚未赔付',
        paid: '已赔付：已赔付理赔的核定金额',
        lossRatio: '简单赔付率 = (已赔付 + 已报案估损 + 已核定未付) ÷ 净保费；净保费取规则引擎按参保记录计算的应收保费（文件未规定扣除项）',
        monthly: '按报案、核定、赔付的月份（北京时间）汇总；月末未决按现在所知：当月底前报案、当月底前未赔付、现在未被拒赔或撤回的理赔',
        year: '按出险日所在保险年度归集；区县按报案时参保人所在区县',
      },
    };
  }

  private monthly(groups: Group[], from: string, to: string, premium: Decimal): MonthPoint[] {
    let last = to.slice(0, 7);
    for (const g of groups) for (const m of [g.reportedMonth, g.decidedMonth, g.paidMonth]) if (m && m > last) last = m;
    let paidCum = zero();
    return monthsBetween(from, last).map((month) => {
      const reported = groups.filter((g) => g.reportedMonth === month);
      const approved = groups.filter((g) => g.decidedMonth === month && (g.state === 'approved' || g.state === 'paid'));
      const paid = groups.filter((g) => g.paidMonth === month && g.state === 'paid');
      const paidAmount = paid.reduce((a, g) => a.plus(g.approved), zero());
      paidCum = paidCum.plus(paidAmount);
      const outstanding = groups
        .filter((g) => g.reportedMonth <= month && g.state !== 'rejected' && g.state !== 'withdrawn' && !(g.paidMonth && g.paidMonth <= month))
        .reduce((a, g) => a.plus(g.state === 'approved' || g.state === 'paid' ? g.approved : g.estimated), zero());
      return {
        month,
        reportedCount: reported.reduce((a, g) => a + g.n, 0),
        reportedAmount: reported.reduce((a, g) => a.plus(g.estimated), zero()).toFixed(2),
        approvedCount: approved.reduce((a, g) => a + g.n, 0),
        approvedAmount: approved.reduce((a, g) => a.plus(g.approved), zero()).toFixed(2),
        paidCount: paid.reduce((a, g) => a + g.n, 0),
        paidAmount: paidAmount.toFixed(2),
        paidCumulative: paidCum.toFixed(2),
        outstandingAtMonthEnd: outstanding.toFixed(2),
        lossRatioPercent: percent(paidCum.plus(outstanding), premium),
      };
    });
  }
}
