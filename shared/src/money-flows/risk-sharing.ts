/**
 * Year-end risk sharing and loss-ratio warnings.
 * Zhumadian: refund below 85% of premium, insurer's share up to 15%, county tops up above 100%.
 * Jincheng: simple loss ratio (paid + reported estimates) / net premium; carry forward below 80%,
 * government bears claims beyond 120% at the city:county premium shares; warnings above 80% and 100%.
 */
import { type ClauseRef, formatClause } from '../core/clause';
import { EngineError } from '../core/errors';
import { D, type Dec, fmt, fmtPercent, fmtRate, fmtYuan, max, min, parseMoney, roundYuan, ZERO } from '../core/money';
import { getScheme } from '../schemes/registry';
import type { WarningLevel } from '../schemes/types';
import { type PayerAmount, splitByShares, versionForYear } from './premium';

export interface RiskSharingRequest {
  schemeId: string;
  year: string;
  /** Net premium of the year. */
  premium: string;
  /** Claims paid in the year. */
  paid: string;
  /** Estimates of reported, not yet paid claims (Jincheng counts them in the loss ratio). */
  reported?: string;
  /** County, for splitting a government share by the premium shares. */
  area?: string;
}

export interface RiskSharingResult {
  schemeId: string;
  versionId: string;
  year: string;
  kind: 'refundAndShare' | 'corridor';
  premium: string;
  claims: string;
  /** Loss ratio as a percentage with two decimals, e.g. "83.50". */
  lossRatioPercent: string;
  /** Amounts that move at year end; absent ones are zero. */
  refundToGovernment?: string;
  insurerBears?: string;
  governmentTopUp?: string;
  carryForward?: string;
  governmentBears?: string;
  governmentSplit?: PayerAmount[];
  warnings: WarningResult[];
  lines: string[];
  source: string;
}

export interface WarningResult {
  level: string;
  label: string;
  notify: WarningLevel['notify'];
  source: string;
}

function titleOf(schemeId: string, c: ClauseRef): string {
  const s = getScheme(schemeId);
  return formatClause(c, s.sources.find((x) => x.id === c.doc)?.title);
}

/** Levels strictly exceeded by this loss ratio (超过 … 不含). */
export function warningsFor(schemeId: string, year: string, ratio: Dec): WarningResult[] {
  const version = versionForYear(getScheme(schemeId), year);
  return (version.lossRatioWarnings ?? [])
    .filter((w) => ratio.greaterThan(w.above))
    .map((w) => ({ level: w.level, label: w.label, notify: w.notify, source: titleOf(schemeId, w.clause) }));
}

/** Levels crossed when the ratio moves from `before` to `after` (to notify officers once, at the crossing). */
export function warningCrossings(schemeId: string, year: string, before: string, after: string): WarningResult[] {
  const had = new Set(warningsFor(schemeId, year, new D(before)).map((w) => w.level));
  return warningsFor(schemeId, year, new D(after)).filter((w) => !had.has(w.level));
}

/** (paid + reported) / premium; throws for a zero premium. */
export function lossRatio(premium: Dec, claims: Dec): Dec {
  if (premium.isZero()) throw new EngineError('INVALID_AMOUNT', '净保费为 0，无法计算赔付率', 'premium');
  return claims.dividedBy(premium);
}

export function computeRiskSharing(req: RiskSharingRequest): RiskSharingResult {
  if (!req || typeof req !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  const scheme = getScheme(req.schemeId);
  const version = versionForYear(scheme, req.year);
  const rule = version.riskSharing;
  if (!rule) throw new EngineError('INVALID_FIELD', `${scheme.name}没有风险分担机制`, 'schemeId');
  const P = parseMoney(req.premium, 'premium');
  const paid = parseMoney(req.paid, 'paid');
  const reported = req.reported === undefined ? ZERO : parseMoney(req.reported, 'reported');
  const base = {
    schemeId: scheme.id,
    versionId: version.id,
    year: String(req.year),
    kind: rule.kind,
    premium: fmt(P),
    source: titleOf(scheme.id, rule.clause),
  };
  const lines: string[] = [];

  if (rule.kind === 'refundAndShare') {
    // Zhumadian: C = claims paid.
    const C = paid;
    const ratio = lossRatio(P, C);
    const be = new D(rule.breakEven);
    const share = new D(rule.insurerMaxShare);
    const line = P.times(be);
    lines.push(`理赔支出 ${fmtYuan(C)} ÷ 保费 ${fmtYuan(P)} = ${fmtPercent(ratio)}%`);
    const out: Partial<RiskSharingResult> = {};
    if (C.lessThan(line)) {
      const refund = roundYuan(line.minus(C));
      out.refundToGovernment = fmt(refund);
      lines.push(`低于 ${fmtRate(be)}：结余 ${fmtYuan(P)} × ${fmtRate(be)} − ${fmtYuan(C)} = ${fmtYuan(refund)} 元退回${rule.refundTo}`);
    } else {
      const insurer = roundYuan(min(C.minus(line), P.times(share)));
      const topUp = roundYuan(max(ZERO, C.minus(P)));
      out.insurerBears = fmt(insurer);
      out.governmentTopUp = fmt(topUp);
      lines.push(`达到或超过 ${fmtRate(be)}：保险机构承担 min(${fmtYuan(C)} − ${fmtYuan(line)}, ${fmtYuan(P)} × ${fmtRate(share)}) = ${fmtYuan(insurer)} 元`);
      lines.push(topUp.isZero() ? `理赔支出未超过保费，${rule.topUpBy}无需补充` : `超过保费部分 ${fmtYuan(C)} − ${fmtYuan(P)} = ${fmtYuan(topUp)} 元由${rule.topUpBy}补充`);
    }
    return { ...base, ...out, claims: fmt(C), lossRatioPercent: fmtPercent(ratio), warnings: warningsFor(scheme.id, req.year, ratio), lines } as RiskSharingResult;
  }

  // Jincheng corridor: C = paid + reported estimates.
  const C = paid.plus(reported);
  const ratio = lossRatio(P, C);
  const low = new D(rule.carryForwardBelow);
  const high = new D(rule.governmentAbove);
  lines.push(`简单赔付率 = (已决赔款 ${fmtYuan(paid)} + 已报案估损 ${fmtYuan(reported)}) ÷ 净保费 ${fmtYuan(P)} = ${fmtPercent(ratio)}%`);
  const out: Partial<RiskSharingResult> = {};
  if (ratio.lessThan(low)) {
    const carry = roundYuan(P.times(low).minus(C));
    out.carryForward = fmt(carry);
    lines.push(`低于 ${fmtRate(low)}（不含）：(${fmtRate(low)} − 赔付率) × 净保费 = ${fmtYuan(P)} × ${fmtRate(low)} − ${fmtYuan(C)} = ${fmtYuan(carry)} 元结转下一年度`);
  } else if (ratio.greaterThan(high)) {
    const gov = roundYuan(C.minus(P.times(high)));
    out.governmentBears = fmt(gov);
    lines.push(`超过 ${fmtRate(high)}（不含）：${fmtYuan(C)} − ${fmtYuan(P)} × ${fmtRate(high)} = ${fmtYuan(gov)} 元由政府承担`);
    if (req.area !== undefined) {
      const medical = version.funding.find((f) => f.payers.kind === 'sharesByArea');
      const shares = medical && medical.payers.kind === 'sharesByArea' ? medical.payers.byArea[req.area] : undefined;
      if (!shares) throw new EngineError('INVALID_FIELD', `${req.area}没有市县分担比例`, 'area');
      out.governmentSplit = splitByShares(gov, shares);
      for (const s of out.governmentSplit) lines.push(`${s.payer}（${fmtRate(new D(s.share!))}）：${fmtYuan(new D(s.amount))} 元`);
    }
  } else {
    lines.push(`在 ${fmtRate(low)} 至 ${fmtRate(high)} 之间：不结转，也不由政府分担`);
  }
  return { ...base, ...out, claims: fmt(C), lossRatioPercent: fmtPercent(ratio), warnings: warningsFor(scheme.id, req.year, ratio), lines } as RiskSharingResult;
}
