/**
 * The breakdown in integers: what computePayout (./estimate.ts) writes with `explain: true`, line for line and
 * character for character, computed in the prepared path's exact integers (see FenParams in ./compiled.ts).
 *
 * Every value a line prints is an exact integer in fen or in 1/scale fen, printed the way decimal.js prints the
 * same value (`fmtExact`, `fmtYuan`: no trailing zeros beyond two decimals). Everything that does not depend on the
 * claim — parameters as printed (`fmtParam`, `fmtRate`), band ranges, labels, clause objects with their reading and
 * their printed source — is built once per benefit (an `ExplainPlan`), with the decimal path's own formatters.
 *
 * Clause objects carrying a reading (`{ ...clause, reading }`) are built once per benefit and shared by every
 * result, frozen (the decimal path builds a new one per line); the scheme's own clause objects are shared by both
 * paths, as before.
 */
import type { ClauseRef } from '../core/clause';
import { formatClause } from '../core/clause';
import { fenOf, fmtParam, fmtRate, intText, THREE_DIGITS, UP_TO_999 } from '../core/money';
import { READING } from '../schemes/common';
import { sourceTitle } from '../schemes/registry';
import type { SchemeDefinition } from '../schemes/types';
import type { BreakdownLine } from './breakdown';
import type { CompiledBenefit, CompiledVariant, FenParams } from './compiled';
import type { Facts } from './conditions';

/**
 * v / scale rounded half-up, for a safe integer v ≥ 0. The float quotient only guesses q; the remainder r = v − q·scale
 * is exact (integers below 2^53), and corrects the guess, so the result is exact. (No `%`: on values beyond 2^31 it
 * is a slow floating-point remainder.)
 */
export function roundToFen(v: number, scale: number): number {
  let q = Math.floor(v / scale);
  let r = v - q * scale;
  if (r < 0) {
    q -= 1;
    r += scale;
  } else if (r >= scale) {
    q += 1;
    r -= scale;
  }
  return 2 * r >= scale ? q + 1 : q;
}

// ---------------------------------------------------------------- printing integers as decimal.js prints decimals

const ZEROS = '0000000000000000000000';
/** "00" … "99", built once. */
const TWO_DIGITS: readonly string[] = Array.from({ length: 100 }, (_, n) => (n < 10 ? `0${n}` : String(n)));
const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * The parts of |n| × 10^-dp (n a safe integer, 2 ≤ dp ≤ 15): the integer part (a number) and the decimals as
 * fmtExact prints them ("50", "005"): two, or more when the value has more, trailing zeros dropped down to two.
 * Quotient and remainder by the float guess corrected with exact integer arithmetic (as roundToFen).
 */
let intPart = 0;
function decimalsOf(n: number, dp: number): string {
  const a = n < 0 ? -n : n;
  const m = POW10[dp];
  let q = Math.floor(a / m);
  let r = a - q * m;
  if (r < 0) {
    q -= 1;
    r += m;
  } else if (r >= m) {
    q += 1;
    r -= m;
  }
  intPart = q;
  const extra = POW10[dp - 2];
  const f2 = Math.floor(r / extra);
  if (f2 * extra === r) return TWO_DIGITS[f2]; // at most two decimals: the common case
  let s = String(r);
  if (s.length < dp) s = ZEROS.slice(0, dp - s.length) + s;
  let end = dp;
  while (s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/**
 * Integer parts with the decimal point already on, built once: "0." … "999.", "000." … "999." and ",000." …
 * ",999.". Printing an amount is then one or two joins of table strings and its decimals, where joining its
 * pieces one by one took four or five, each a new string.
 */
const UP_TO_999_DOT: readonly string[] = Array.from({ length: 1000 }, (_, n) => `${n}.`);
const THREE_DOT: readonly string[] = THREE_DIGITS.map((t) => `${t}.`);
const COMMA_THREE_DOT: readonly string[] = THREE_DIGITS.map((t) => `,${t}.`);

/**
 * n × 10^-dp (n a safe integer, 2 ≤ dp ≤ 15) as `fmtExact` prints the same decimal: two decimals, or more when the
 * value has more (trailing zeros dropped down to two); "-" only for a value below zero.
 */
export function exactOf(n: number, dp: number): string {
  const d = decimalsOf(n, dp);
  const i = intPart;
  const s = i < 1_000_000 ? fromTables(i, THREE_DOT, d) : `${intText(i)}.${d}`;
  return n < 0 ? `-${s}` : s;
}

/**
 * i (below 1,000,000) with the point and the decimals `d`, from the tables. `low`: the last three digits with the
 * point after them, with the thousands comma before them (yuanOf) or without (exactOf).
 */
function fromTables(i: number, low: readonly string[], d: string): string {
  if (i < 1000) return UP_TO_999_DOT[i] + d;
  const hi = Math.floor(i / 1000);
  return UP_TO_999[hi] + low[i - hi * 1000] + d;
}

/** A non-negative safe integer with a comma every three digits from the right (as fmtYuan groups). */
function grouped(i: number): string {
  if (i < 1000) return intText(i);
  // Groups from the right, as numbers: exact for safe integers (q·1000 + r with r recomputed, as roundToFen does).
  let out = '';
  while (i >= 1000) {
    const q = Math.floor(i / 1000);
    out = `,${THREE_DIGITS[i - q * 1000]}${out}`;
    i = q;
  }
  return intText(i) + out;
}

/**
 * The last few amounts yuanOf printed, and their text: a breakdown prints some amounts twice (the year's total after
 * the claim, then again as the amount the deductible comes off; the total before it, then again where its payout is
 * subtracted), and a repeat is then a comparison, not a new string.
 */
const SEEN = 4;
const seenN: number[] = [NaN, NaN, NaN, NaN];
const seenDp: number[] = [0, 0, 0, 0];
const seenText: string[] = ['', '', '', ''];
let seenNext = 0;

/** n × 10^-dp as `fmtYuan` prints it: exact, thousands grouped ("12,345.60", "0.005"). */
export function yuanOf(n: number, dp: number): string {
  for (let k = 0; k < SEEN; k++) if (seenN[k] === n && seenDp[k] === dp) return seenText[k];
  const text = printYuan(n, dp);
  seenN[seenNext] = n;
  seenDp[seenNext] = dp;
  seenText[seenNext] = text;
  seenNext = (seenNext + 1) & (SEEN - 1);
  return text;
}

function printYuan(n: number, dp: number): string {
  const d = decimalsOf(n, dp);
  const i = intPart;
  const s = i < 1_000_000 ? fromTables(i, COMMA_THREE_DOT, d) : `${grouped(i)}.${d}`;
  return n < 0 ? `-${s}` : s;
}

// ---------------------------------------------------------------- what is printed of a benefit, built once

/** A clause as a line carries it: the object and its printed source. */
interface Cited {
  clause: ClauseRef | undefined;
  source: string | undefined;
}
interface VariantPlan {
  info: string;
  cited: Cited;
  /** Per band: its range as printed and its rate as printed. */
  ranges: string[];
  rates: string[];
}
export interface ExplainPlan {
  scheme: SchemeDefinition;
  /** Decimal places of a value in 1/scale fen: 2 + log10(scale). */
  dp: number;
  formula: Cited;
  cumulative: Cited;
  disability: Cited;
  annualCap: Cited;
  perClaimCap: Cited;
  deductible: Cited;
  baseLabel: string;
  deductibleParam: string;
  hasDeductible: boolean;
  capParam: string;
  capLineText: string;
  perClaimText: string;
  rateText: string;
  fixedText: string;
  deathText: string;
  sumParam: string;
  burdenRate: string;
  options: Map<string, string>;
  variants: VariantPlan[];
}

function cite(scheme: SchemeDefinition, clause: ClauseRef | undefined, reading?: string): Cited {
  if (!clause) return { clause: undefined, source: undefined };
  const c = reading === undefined ? clause : Object.freeze({ ...clause, reading });
  const title = sourceTitle(scheme, c.doc) ?? (c.doc === 'huimin' ? '惠民系统口径' : undefined);
  return { clause: c, source: formatClause(c, title) };
}

/** The benefit's printed parts, for `scheme` (built on first use, then reused). */
export function explainPlan(scheme: SchemeDefinition, cb: CompiledBenefit, P: FenParams): ExplainPlan {
  const def = cb.def;
  const cached = cb.plan;
  if (cached !== undefined && cached.scheme === scheme) return cached;
  const f = def.formula;
  const plan: ExplainPlan = {
    scheme,
    dp: 2 + Math.round(Math.log10(P.scale)),
    formula: cite(scheme, f.clause),
    cumulative: cite(scheme, f.clause, READING.annualCumulative),
    disability: cite(scheme, f.clause, READING.disabilityGrades),
    annualCap: cite(scheme, def.annualCap?.clause),
    perClaimCap: cite(scheme, def.perClaimCap?.clause),
    deductible: cite(scheme, f.kind === 'reimbursement' ? f.deductible?.clause : undefined),
    baseLabel: '',
    deductibleParam: cb.deductible ? fmtParam(cb.deductible) : '',
    hasDeductible: cb.deductible !== undefined,
    capParam: cb.annualCap ? fmtParam(cb.annualCap) : '',
    capLineText: cb.annualCap ? `本年累计应赔超过年度限额 ${fmtParam(cb.annualCap)} 元，超出部分不赔` : '',
    perClaimText: cb.perClaimCap ? `每次最高 ${fmtParam(cb.perClaimCap)} 元` : '',
    rateText: cb.rate ? fmtRate(cb.rate) : '',
    fixedText: cb.amount ? `${def.name}：定额 ${fmtParam(cb.amount)} 元` : '',
    deathText: cb.deathAmount ? `身故：${fmtParam(cb.deathAmount)} 元` : '',
    sumParam: cb.sum ? fmtParam(cb.sum) : '',
    burdenRate: cb.burdenLine ? fmtRate(cb.burdenLine) : '',
    options: new Map(),
    variants: [],
  };
  if (f.kind === 'reimbursement') {
    plan.baseLabel = (def.facts.find((x) => x.name === f.base)?.label ?? f.base).replace(/（元）$/, '').replace(/^本次/, '');
  }
  if (f.kind === 'fixedByOption' && cb.amounts) {
    for (const v of Object.keys(cb.amounts)) {
      const label = def.facts.find((x) => x.name === f.fact)?.options?.find((o) => o.value === v)?.label ?? v;
      plan.options.set(v, `${label}：${fmtParam(cb.amounts[v])} 元`);
    }
  }
  for (const v of cb.variants ?? []) {
    plan.variants.push({
      info: `适用分段：${v.def.label}`,
      cited: cite(scheme, v.def.clause),
      ranges: v.bands.map((b) => (b.upTo ? `${fmtParam(b.from)}–${fmtParam(b.upTo)} 元（含）` : `${fmtParam(b.from)} 元以上`)),
      rates: v.bands.map((b) => fmtRate(b.rate)),
    });
  }
  cb.plan = plan;
  return plan;
}

// ---------------------------------------------------------------- the lines

/**
 * Breakdown.push, for a line whose amount is already printed (or absent). Same keys, same order; one literal per
 * shape, so that no line grows keys after it is made.
 */
function push(lines: BreakdownLine[], kind: BreakdownLine['kind'], text: string, amount: string | undefined, c: Cited | undefined): void {
  const cited = c !== undefined && c.clause !== undefined;
  if (amount !== undefined) lines.push(cited ? { kind, text, amount, clause: c.clause, source: c.source } : { kind, text, amount });
  else lines.push(cited ? { kind, text, clause: c.clause, source: c.source } : { kind, text });
}

/** Breakdown.amount: zero contributions other than `add` are skipped. */
function amount(lines: BreakdownLine[], kind: BreakdownLine['kind'], text: string, n: number, dp: number, c: Cited | undefined): void {
  if (kind !== 'add' && n === 0) return;
  push(lines, kind, text, exactOf(n, dp), c);
}

/**
 * reimbursementValue with its lines, on x fen: the value in 1/scale fen. Mirrors the decimal loop over the bands
 * (each band's portion, its part, and the running total).
 */
function valueExplained(cb: CompiledBenefit, P: FenParams, plan: ExplainPlan, variant: CompiledVariant | undefined, x: number, lines: BreakdownLine[]): number {
  const dp = plan.dp;
  let over = x;
  if (plan.hasDeductible) {
    over = x > P.deductible ? x - P.deductible : 0;
    push(
      lines,
      'info',
      over === 0 ? `${yuanOf(x, 2)} 未超过起付线 ${plan.deductibleParam} 元，不赔` : `${yuanOf(x, 2)} − 起付线 ${plan.deductibleParam} = ${yuanOf(over, 2)}`,
      undefined,
      plan.deductible,
    );
  }
  if (variant) {
    const vp = plan.variants[cb.variants!.indexOf(variant)];
    const bands = variant.bands;
    let total = 0;
    for (let i = 0; i < bands.length; i++) {
      const band = bands[i];
      if (!(over > band.fromFen)) break;
      const top = band.upTo && over > band.upToFen ? band.upToFen : over;
      const portion = top - band.fromFen;
      const part = portion * band.rateN;
      total += part;
      amount(lines, 'add', `第 ${i + 1} 段 ${vp.ranges[i]}：${yuanOf(portion, 2)} × ${vp.rates[i]} = ${yuanOf(part, dp)}`, part, dp, vp.cited);
    }
    if (over === 0) amount(lines, 'add', '应赔 0', 0, dp, plan.formula);
    return total;
  }
  const v = over * P.rateN!;
  amount(lines, 'add', `${yuanOf(over, 2)} × ${plan.rateText} = ${yuanOf(v, dp)}`, v, dp, plan.formula);
  return v;
}

/** The value on x fen without lines (the closed form), in 1/scale fen. */
function valueN(P: FenParams, variant: CompiledVariant | undefined, x: number): number {
  const over = x > P.deductible ? x - P.deductible : 0;
  if (variant) {
    const bands = variant.bands;
    let i = bands.length - 1;
    while (i > 0 && !(over > bands[i].fromFen)) i--;
    const band = bands[i];
    return over > band.fromFen ? band.valueAtFromN + (over - band.fromFen) * band.rateN : 0;
  }
  return over * P.rateN!;
}

/** What explainedFen answers besides the lines. */
export interface FenOutcome {
  payout: number;
  baseClaim: number;
}

/**
 * computePayout with `explain: true`, in integers: pushes the same lines onto `lines` and returns the payout and
 * the claim's base amount in fen, or null where the decimal path must answer (an amount above the integer limit,
 * or a fact the decimal path will reject). `variant` is pickVariant's answer (undefined without bands).
 */
export function explainedFen(
  cb: CompiledBenefit,
  P: FenParams,
  plan: ExplainPlan,
  variant: CompiledVariant | undefined,
  facts: Facts,
  baseFen: number,
  paidFen: number,
  lines: BreakdownLine[],
): FenOutcome | null {
  const def = cb.def;
  const f = def.formula;
  const S = P.scale;
  const dp = plan.dp;
  const cap = P.annualCap;
  let raw: number;
  let baseClaim = 0;
  switch (f.kind) {
    case 'reimbursement': {
      const claim = fenOf(facts[f.base]);
      if (claim < 0) return null;
      if (f.accumulation === 'year') {
        const after = baseFen + claim;
        if (after > P.limit) return null;
        push(lines, 'info', `本次${plan.baseLabel} ${yuanOf(claim, 2)} 元；本年此前累计 ${yuanOf(baseFen, 2)} 元；本年累计 ${yuanOf(after, 2)} 元`, undefined, plan.cumulative);
        if (variant) {
          const vp = plan.variants[cb.variants!.indexOf(variant)];
          push(lines, 'info', vp.info, undefined, vp.cited);
        }
        const fAfter = valueExplained(cb, P, plan, variant, after, lines);
        const capN = cap === undefined ? Infinity : cap * S;
        const owedAfterRaw = fAfter < capN ? fAfter : capN;
        amount(lines, 'cap', plan.capLineText, owedAfterRaw - fAfter, dp, plan.annualCap);
        const owedAfter = roundToFen(owedAfterRaw, S);
        amount(lines, 'round', '四舍五入到分', owedAfter * S - owedAfterRaw, dp, undefined);
        let v = owedAfter;
        if (baseFen !== 0) {
          const fBefore = valueN(P, variant, baseFen);
          const owedBefore = roundToFen(fBefore < capN ? fBefore : capN, S);
          amount(lines, 'subtract', `减去本年此前累计 ${yuanOf(baseFen, 2)} 元已应赔的 ${yuanOf(owedBefore, 2)} 元`, -owedBefore, 2, plan.cumulative);
          v = owedAfter - owedBefore;
        }
        if (cap !== undefined) {
          const left = cap > paidFen ? cap - paidFen : 0;
          if (v > left) {
            amount(lines, 'cap', `年度限额 ${plan.capParam} 元，本年已赔 ${yuanOf(paidFen, 2)} 元，只剩 ${yuanOf(left, 2)} 元`, left - v, 2, plan.annualCap);
            v = left;
          }
        }
        return { payout: v, baseClaim: claim };
      }
      if (claim > P.limit) return null;
      baseClaim = claim;
      raw = valueExplained(cb, P, plan, variant, claim, lines);
      break;
    }
    case 'fixed':
      raw = P.amount! * S;
      amount(lines, 'add', plan.fixedText, raw, dp, plan.formula);
      break;
    case 'fixedByOption': {
      const v = String(facts[f.fact]);
      const a = P.amounts!.get(v);
      const text = plan.options.get(v);
      if (a === undefined || text === undefined) return null;
      raw = a * S;
      amount(lines, 'add', text, raw, dp, plan.formula);
      break;
    }
    case 'disability': {
      const outcome = P.deathAmount !== undefined ? facts.outcome : 'disability';
      if (outcome === 'death') {
        raw = P.deathAmount! * S;
        amount(lines, 'add', plan.deathText, raw, dp, plan.formula);
      } else {
        const g = facts.grade;
        if (typeof g !== 'number' || !Number.isInteger(g) || g < 1 || g > 10) return null;
        raw = P.sum! * (11 - g) * (S / 10);
        amount(lines, 'add', `伤残 ${g} 级：${plan.sumParam} × ${(11 - g) * 10}% = ${yuanOf(raw, dp)}`, raw, dp, plan.disability);
      }
      break;
    }
    case 'burdenCap': {
      const total = fenOf(facts[f.totalFact]);
      const burden = fenOf(facts[f.burdenFact]);
      if (total < 0 || burden < 0 || total > P.limit || burden > P.limit) return null;
      const line = total * P.burdenLineN!;
      const over = burden * S - line;
      raw = over > 0 ? over : 0;
      baseClaim = burden;
      push(lines, 'info', `政策范围内总费用 ${yuanOf(total, 2)} × ${plan.burdenRate} = 个人负担上限 ${yuanOf(line, dp)}`, undefined, plan.formula);
      amount(
        lines,
        'add',
        raw === 0
          ? `个人负担 ${yuanOf(burden, 2)} 未超过上限 ${yuanOf(line, dp)}，无需补偿`
          : `个人负担 ${yuanOf(burden, 2)} − 上限 ${yuanOf(line, dp)} = ${yuanOf(raw, dp)}`,
        raw,
        dp,
        plan.formula,
      );
      break;
    }
    default:
      return null;
  }
  if (P.perClaimCap !== undefined && raw > P.perClaimCap * S) {
    const c = P.perClaimCap * S;
    amount(lines, 'cap', plan.perClaimText, c - raw, dp, plan.perClaimCap);
    raw = c;
  }
  if (cap !== undefined) {
    const leftFen = cap > paidFen ? cap - paidFen : 0;
    const left = leftFen * S;
    if (raw > left) {
      amount(lines, 'cap', `年度限额 ${plan.capParam} 元，本年已赔 ${yuanOf(paidFen, 2)} 元，只剩 ${yuanOf(leftFen, 2)} 元`, left - raw, dp, plan.annualCap);
      raw = left;
    }
  }
  const rounded = roundToFen(raw, S);
  amount(lines, 'round', '四舍五入到分', rounded * S - raw, dp, undefined);
  return { payout: rounded, baseClaim };
}

/**
 * The payout in fen, exactly as computePayout's decimals give it, or -1 where the decimal path must answer
 * (an amount above the integer limit, or a fact the decimal path will reject). `variant`: pickVariant's answer.
 */
export function payoutFen(cb: CompiledBenefit, P: FenParams, variant: CompiledVariant | undefined, facts: Facts, baseFen: number, paidFen: number): number {
  const f = cb.def.formula;
  const S = P.scale;
  const cap = P.annualCap;
  let raw: number;
  switch (f.kind) {
    case 'reimbursement': {
      const claim = fenOf(facts[f.base]);
      if (claim < 0) return -1;
      if (f.accumulation === 'year') {
        // Cumulative: owed on the year's total after this claim (rounded), minus owed before it (rounded).
        const after = baseFen + claim;
        if (after > P.limit) return -1;
        const capN = cap === undefined ? Infinity : cap * S;
        const va = valueN(P, variant, after);
        let payout = roundToFen(va < capN ? va : capN, S);
        if (baseFen !== 0) {
          const vb = valueN(P, variant, baseFen);
          payout -= roundToFen(vb < capN ? vb : capN, S);
        }
        if (cap === undefined) return payout;
        const left = cap > paidFen ? cap - paidFen : 0;
        return payout <= left ? payout : left;
      }
      if (claim > P.limit) return -1;
      raw = valueN(P, variant, claim);
      break;
    }
    case 'fixed':
      raw = P.amount! * S;
      break;
    case 'fixedByOption': {
      const a = P.amounts!.get(String(facts[f.fact]));
      if (a === undefined) return -1;
      raw = a * S;
      break;
    }
    case 'disability': {
      const outcome = P.deathAmount !== undefined ? facts.outcome : 'disability';
      if (outcome === 'death') raw = P.deathAmount! * S;
      else {
        const g = facts.grade;
        if (typeof g !== 'number' || !Number.isInteger(g) || g < 1 || g > 10) return -1;
        raw = P.sum! * (11 - g) * (S / 10);
      }
      break;
    }
    case 'burdenCap': {
      const total = fenOf(facts[f.totalFact]);
      const burden = fenOf(facts[f.burdenFact]);
      if (total < 0 || burden < 0 || total > P.limit || burden > P.limit) return -1;
      const over = burden * S - total * P.burdenLineN!;
      raw = over > 0 ? over : 0;
      break;
    }
    default:
      return -1;
  }
  if (P.perClaimCap !== undefined && raw > P.perClaimCap * S) raw = P.perClaimCap * S;
  if (cap !== undefined) {
    const left = (cap > paidFen ? cap - paidFen : 0) * S;
    if (raw > left) raw = left;
  }
  return roundToFen(raw, S);
}
