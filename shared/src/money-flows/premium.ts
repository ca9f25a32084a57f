/**
 * Premiums (and purchase subsidies) and who pays them.
 * Chongqing per covered month; Zhumadian per resident by the county; Liaocheng province/city/county;
 * Jincheng city:county by county; Minhang district/town by the kind of town the person lives in.
 */
import { formatClause } from '../core/clause';
import { EngineError } from '../core/errors';
import { D, type Dec, fmt, fmtParam, fmtRate, fmtYuan, ZERO } from '../core/money';
import { getScheme } from '../schemes/registry';
import type { FundingItem, SchemeDefinition, SchemeVersion } from '../schemes/types';

export interface PremiumRequest {
  schemeId: string;
  /** Insurance year id, e.g. "2024". */
  year: string;
  /** The county / district / town the people live in (payer shares depend on it). */
  area: string;
  /** People covered (for per-year items). */
  persons?: number;
  /** Sum of covered months over the people (for per-covered-month items). */
  personMonths?: number;
  households?: number;
  /** People subsidised (purchase subsidies). */
  subsidies?: number;
}

export interface PayerAmount {
  payer: string;
  amount: string;
  share?: string;
}

export interface PremiumItemResult {
  id: string;
  name: string;
  unit: 'person' | 'household';
  basis: FundingItem['basis'];
  quantity: number;
  unitAmount: string;
  amount: string;
  payers: PayerAmount[];
  explanation: string[];
  source: string;
}

export interface PremiumResult {
  schemeId: string;
  versionId: string;
  year: string;
  area: string;
  total: string;
  byPayer: PayerAmount[];
  items: PremiumItemResult[];
}

export function versionForYear(scheme: SchemeDefinition, year: unknown, field = 'year'): SchemeVersion {
  const y = String(year);
  const v = scheme.versions.find((x) => x.insuranceYears.some((iy) => iy.id === y));
  if (!v) {
    const known = scheme.versions.flatMap((x) => x.insuranceYears.map((iy) => iy.id));
    throw new EngineError('NO_VERSION_IN_FORCE', `${scheme.name}没有 ${y} 保险年度（有：${known.join('、')}）`, field, { known });
  }
  return v;
}

function count(v: unknown, field: string): number {
  if (v === undefined) return 0;
  if (!Number.isInteger(v) || (v as number) < 0) throw new EngineError('INVALID_FIELD', `${field} 应为非负整数`, field, { value: v });
  return v as number;
}

/** Whole months from the cover start month to the cover end month, inclusive (cover starts on the 1st). */
export function coveredMonths(coverStart: string, coverEnd: string): number {
  const [sy, sm] = coverStart.split('-').map(Number);
  const [ey, em] = coverEnd.split('-').map(Number);
  return Math.max(0, (ey - sy) * 12 + (em - sm) + 1);
}

/** Splits `total` by shares; the last payer takes the remainder so the parts add up exactly. */
export function splitByShares(total: Dec, shares: { payer: string; share: string }[]): PayerAmount[] {
  let rest = total;
  return shares.map((s, i) => {
    const amount = i === shares.length - 1 ? rest : total.times(s.share).toDecimalPlaces(2);
    rest = rest.minus(amount);
    return { payer: s.payer, share: s.share, amount: fmt(amount) };
  });
}

function payersFor(item: FundingItem, version: SchemeVersion, area: string, qty: number, total: Dec): PayerAmount[] {
  const p = item.payers;
  switch (p.kind) {
    case 'single':
      return [{ payer: p.payer, amount: fmt(total), share: '1' }];
    case 'areaGovernment':
      return [{ payer: `${area}${p.payerSuffix}`, amount: fmt(total), share: '1' }];
    case 'fixedAmounts': {
      const parts = p.parts.map((x) => ({ payer: x.payer, amount: fmt(new D(x.amount).times(qty)) }));
      const rest = parts.reduce((acc, x) => acc.minus(x.amount), total);
      if (rest.isNegative()) throw new Error(`scheme data: ${item.id} parts exceed the premium`);
      return [...parts, { payer: p.remainder, amount: fmt(rest) }];
    }
    case 'sharesByArea': {
      const shares = p.byArea[area];
      if (!shares) throw new EngineError('INVALID_FIELD', `${area}没有保费分担比例（有：${Object.keys(p.byArea).join('、')}）`, 'area');
      return splitByShares(total, shares);
    }
    case 'sharesByTownType': {
      const a = version.coverage.areas.find((x) => x.name === area);
      if (!a?.townType) throw new EngineError('INVALID_FIELD', `${area}不是本方案的街道、镇或工业区`, 'area');
      return splitByShares(total, p.byTownType[a.townType]);
    }
  }
}

export function computePremium(req: PremiumRequest): PremiumResult {
  if (!req || typeof req !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  const scheme = getScheme(req.schemeId);
  const version = versionForYear(scheme, req.year);
  if (typeof req.area !== 'string' || !version.coverage.areas.some((a) => a.name === req.area)) {
    throw new EngineError('INVALID_FIELD', `${String(req.area)}不在${scheme.name}的保障地区内`, 'area');
  }
  const quantities = {
    perYear: { person: count(req.persons, 'persons'), household: count(req.households, 'households') },
    perCoveredMonth: { person: count(req.personMonths, 'personMonths'), household: 0 },
    perSubsidy: { person: count(req.subsidies, 'subsidies'), household: 0 },
  };
  const titles = Object.fromEntries(scheme.sources.map((s) => [s.id, s.title]));
  const items = version.funding.map((item): PremiumItemResult => {
    const qty = quantities[item.basis][item.unit];
    const unitAmount = new D(item.amount);
    const amount = unitAmount.times(qty);
    const payers = payersFor(item, version, req.area, qty, amount);
    const unitWord = item.unit === 'person' ? '人' : '户';
    const basisText = { perYear: `${unitWord}·年`, perCoveredMonth: `${unitWord}·月（参保月数）`, perSubsidy: `${unitWord}（补贴人数）` }[item.basis];
    return {
      id: item.id,
      name: item.name,
      unit: item.unit,
      basis: item.basis,
      quantity: qty,
      unitAmount: fmt(unitAmount),
      amount: fmt(amount),
      payers,
      explanation: [
        `${item.name}：${qty} ${basisText} × ${fmtParam(unitAmount)} 元 = ${fmtYuan(amount)} 元`,
        ...payers.map((x) => `${x.payer}${x.share ? `（${fmtRate(new D(x.share))}）` : ''}：${fmtYuan(new D(x.amount))} 元`),
      ],
      source: formatClause(item.payers.clause, titles[item.payers.clause.doc]),
    };
  });
  const byPayer = new Map<string, Dec>();
  for (const it of items) for (const p of it.payers) byPayer.set(p.payer, (byPayer.get(p.payer) ?? ZERO).plus(p.amount));
  return {
    schemeId: scheme.id,
    versionId: version.id,
    year: String(req.year),
    area: req.area,
    total: fmt(items.reduce((acc, it) => acc.plus(it.amount), ZERO)),
    byPayer: [...byPayer].map(([payer, amount]) => ({ payer, amount: fmt(amount) })),
    items,
  };
}
