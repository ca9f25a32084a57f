/**
 * Premiums per scheme × insurance year × district, from the enrolments: people covered month by month,
 * households, premium due and each payer's share. The database groups (one GROUP BY over enrolment ⋈ person,
 * a handful of rows per district: one per cover period); the engine prices each district (computePremium,
 * coveredMonths), so the payer shares are the scheme's own rules.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computePremium, coveredMonths, getScheme, versionForYear, type PremiumItemResult } from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource } from 'typeorm';
import { District } from '../geo/district.entity';
import type { OversightScope } from './oversight-scope';
import { dateStr, dialectOf, int, marks, monthEnd, monthsBetween, sumMoney, yuan } from './oversight-sql';

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
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** GROUP BY district and cover period: a few rows per district, however many people. */
  async cells(schemeId: string, year: number, districtIds: number[]): Promise<Cell[]> {
    if (!districtIds.length) return [];
    const d = dialectOf(this.ds);
    const rows = (await this.ds.query(
      `SELECT p.district_id AS districtId, e.cover_start AS coverStart, e.cover_end AS coverEnd, COUNT(*) AS persons,
              SUM(CASE WHEN e.household_premium IS NULL THEN 0 ELSE 1 END) AS householdsBilled, ${sumMoney(d, 'e.premium')} AS recorded
         FROM \`enrolment\` e INNER JOIN \`person\` p ON p.id = e.person_id
        WHERE e.scheme_id = ? AND e.insurance_year = ? AND p.district_id IN (${marks(districtIds.length)})
        GROUP BY p.district_id, e.cover_start, e.cover_end`,
      [schemeId, year, ...districtIds],
    )) as Record<string, unknown>[];
    return rows.map((r) => ({
      districtId: int(r.districtId),
      coverStart: dateStr(r.coverStart)!,
      coverEnd: dateStr(r.coverEnd)!,
      persons: int(r.persons),
      householdsBilled: int(r.householdsBilled),
      recorded: yuan(r.recorded),
    }));
  }

  /** Distinct households of the covered people per district (people without a household: one each). */
  async households(schemeId: string, year: number, districtIds: number[]): Promise<Map<number, number>> {
    const out = new Map<number, number>();
    if (!districtIds.length) return out;
    const rows = (await this.ds.query(
      `SELECT p.district_id AS districtId, COUNT(DISTINCT p.household_id) AS withHousehold, SUM(CASE WHEN p.household_id IS NULL THEN 1 ELSE 0 END) AS alone
         FROM \`enrolment\` e INNER JOIN \`person\` p ON p.id = e.person_id
        WHERE e.scheme_id = ? AND e.insurance_year = ? AND p.district_id IN (${marks(districtIds.length)})
        GROUP BY p.district_id`,
      [schemeId, year, ...districtIds],
    )) as Record<string, unknown>[];
    for (const r of rows) out.set(int(r.districtId), int(r.withHousehold) + int(r.alone));
    return out;
  }

  async view(scope: OversightScope): Promise<PremiumsView> {
    const { scheme, year } = scope;
    const ids = scope.districts.map((x) => x.id);
    const [cells, households] = await Promise.all([this.cells(scheme.id, Number(year.id), ids), this.households(scheme.id, Number(year.id), ids)]);
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
