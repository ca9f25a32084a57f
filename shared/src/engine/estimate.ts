/**
 * Estimates: (scheme, benefit, incident date, person, claim facts, what this year already used)
 *   → { covered, payout, breakdown[], reasons[] }.
 *
 * Readings applied (../shared/POLICY_READINGS.md, "General readings"):
 * - a claim is judged by the version in force on its incident date; outside every version it is not covered;
 * - annual caps and deductibles are per person (or household) per insurance year, cumulative over the
 *   year's claims under the same benefit: payout = owed on the cumulative amount after this claim
 *   − owed before it, never above the cap left;
 * - money is exact; the owed amount is rounded to the fen (half-up) once, when final. Because the
 *   cumulative owed amount is what gets rounded, splitting a year's expenses into several claims pays
 *   exactly what one claim would.
 */
import { assertIsoDate, type IsoDate } from '../core/dates';
import { EngineError } from '../core/errors';
import { D, type Dec, fmt, fmtParam, fmtRate, fmtYuan, formatFen, max, min, parseMoney, roundYuan, ZERO } from '../core/money';
import type { DeadlineRule } from '../deadlines/deadline';
import { READING } from '../schemes/common';
import { findVersion, getBenefit, getScheme, insuranceYearOn, sourceTitle } from '../schemes/registry';
import type { BenefitDef, DocumentDef, InsuranceYear, SchemeDefinition, SchemeVersion } from '../schemes/types';
import { Breakdown, type BreakdownLine } from './breakdown';
import { compileBenefit, type CompiledBenefit, type CompiledVariant, type FenParams } from './compiled';
import { explainedFen, explainPlan, payoutFen } from './explained';
import { checkCondition, conditionMemos, type Facts } from './conditions';
import { type EligibilityResult, eligibilityOf } from './eligibility';
import { hasCategoryOn, type PersonFacts, validatePerson } from './person';
import type { Reason } from './reasons';
import { validateFacts } from './facts';

/** What this person (or household, for household benefits) already used under this benefit. */
export interface UsedSoFar {
  /** Cumulative base amount (e.g. self-pay) of earlier claims in this insurance year. */
  base?: string;
  /** Payouts already approved or paid in this insurance year. */
  paid?: string;
  /** Claims already approved or paid: in this insurance year, and ever. */
  claimsThisYear?: number;
  claimsEver?: number;
  /** Options already granted (升学补助金: levels already paid). */
  optionsGranted?: string[];
}

export interface EstimateRequest {
  schemeId: string;
  benefitId: string;
  incidentDate: IsoDate;
  person: PersonFacts;
  facts?: Record<string, unknown>;
  used?: UsedSoFar;
}

export interface LedgerChange {
  unit: 'person' | 'household';
  insuranceYear: string;
  base: { before: string; claim: string; after: string };
  paid: { before: string; after: string };
  annualCap?: string;
  capLeftAfter?: string;
}

export interface EstimateResult {
  schemeId: string;
  schemeName: string;
  versionId?: string;
  benefitId: string;
  benefitName?: string;
  incidentDate: IsoDate;
  insuranceYear?: string;
  covered: boolean;
  /** Exact yuan, two decimals; "0.00" when not covered. */
  payout: string;
  /** Lines with `amount` add up to the payout exactly. */
  breakdown: BreakdownLine[];
  reasons: Reason[];
  /** How this claim changes the yearly ledger (for the server's conditional update). */
  ledger?: LedgerChange;
  deadline?: DeadlineRule;
  /** 一次性告知: every document this claim needs. */
  documents: DocumentDef[];
  insurer?: { id: string; name: string; hotline: string | null };
}

export interface EstimateOptions {
  /**
   * Build the Chinese breakdown and the ledger change (default true). Bulk recomputation may turn it
   * off: the result then carries covered, payout and reasons only, and the caller keeps its own ledger.
   */
  explain?: boolean;
}

/** @internal What the once-only rules read of `used`. */
export interface UsedCounts {
  claimsThisYear: number;
  claimsEver: number;
  options: string[];
}
/** @internal `used`, checked and parsed. */
export interface ParsedUsed extends UsedCounts {
  base: Dec;
  paid: Dec;
}

/** @internal */
export function parseUsed(u: unknown): ParsedUsed {
  if (u === undefined || u === null) return { base: ZERO, paid: ZERO, claimsThisYear: 0, claimsEver: 0, options: [] };
  if (typeof u !== 'object') throw new EngineError('INVALID_FIELD', 'used 应为对象', 'used');
  const o = u as UsedSoFar;
  const count = (v: unknown, f: string) => {
    if (v === undefined) return 0;
    if (!Number.isInteger(v) || (v as number) < 0) throw new EngineError('INVALID_FIELD', `${f} 应为非负整数`, f);
    return v as number;
  };
  if (o.optionsGranted !== undefined && (!Array.isArray(o.optionsGranted) || !o.optionsGranted.every((x) => typeof x === 'string'))) {
    throw new EngineError('INVALID_FIELD', 'used.optionsGranted 应为字符串列表', 'used.optionsGranted');
  }
  return {
    base: o.base === undefined ? ZERO : parseMoney(o.base, 'used.base'),
    paid: o.paid === undefined ? ZERO : parseMoney(o.paid, 'used.paid'),
    claimsThisYear: count(o.claimsThisYear, 'used.claimsThisYear'),
    claimsEver: count(o.claimsEver, 'used.claimsEver'),
    options: o.optionsGranted ?? [],
  };
}

function benefitInAnyVersion(scheme: SchemeDefinition, id: unknown): BenefitDef {
  for (let i = scheme.versions.length - 1; i >= 0; i--) {
    const b = scheme.versions[i].benefits.find((x) => x.id === id);
    if (b) return b;
  }
  return getBenefit(scheme.versions[scheme.versions.length - 1], id);
}

/**
 * 一次性告知: the documents this claim needs, the benefit's list less those whose `when` the facts rule out. The
 * array is built once per benefit and outcome of its `when` tests, frozen and shared by every result that gets it
 * (its elements were always the scheme's own document objects): read it, copy it to change it.
 */
export function documentsFor(benefit: BenefitDef, facts: Facts): DocumentDef[] {
  return documentsOf(compileBenefit(benefit), facts);
}

/** documentsFor, with the memo kept on the compiled benefit. */
function documentsOf(cb: CompiledBenefit, facts: Facts): DocumentDef[] {
  if (cb.allDocuments !== undefined) return cb.allDocuments;
  const docs = cb.def.documents;
  let memo = cb.documents;
  if (memo === undefined) {
    // No document depends on the facts: the whole list, for every claim.
    if (docs.every((d) => !d.when)) return (cb.allDocuments = Object.freeze(docs.slice()) as DocumentDef[]);
    cb.documents = memo = new Map();
  }
  // Bit i: the i-th document with a `when` is left out (benefits have a handful of documents).
  let mask = 0;
  for (let i = 0, bit = 1; i < docs.length; i++) {
    const w = docs[i].when;
    if (w === undefined) continue;
    const v = facts[w.fact];
    if (v !== undefined && v !== w.equals) mask |= bit;
    bit *= 2;
  }
  let out = memo.get(mask);
  if (out === undefined) {
    const list: DocumentDef[] = [];
    for (const d of docs) if (!d.when || facts[d.when.fact] === undefined || facts[d.when.fact] === d.when.equals) list.push(d);
    memo.set(mask, (out = Object.freeze(list) as DocumentDef[]));
  }
  return out;
}

/** The insurer as a result names it ({ id, name, hotline }): one frozen object per insurer, shared by results. */
export function insurerOf(i: NonNullable<EligibilityForEstimate['insurer']>): NonNullable<EstimateResult['insurer']> {
  let out = INSURERS.get(i);
  if (out === undefined) INSURERS.set(i, (out = Object.freeze({ id: i.id, name: i.name, hotline: i.hotline })));
  return out;
}
const INSURERS = new WeakMap<object, NonNullable<EstimateResult['insurer']>>();

export function estimate(request: EstimateRequest, options: EstimateOptions = {}): EstimateResult {
  return estimateWith(request, options, true);
}

/**
 * @internal `estimate` with every amount in decimal.js (no integer arithmetic): the reference the integer paths are
 * held to, by the tests and the bench.
 */
export function estimateDecimal(request: EstimateRequest, options: EstimateOptions = {}): EstimateResult {
  return estimateWith(request, options, false);
}

function estimateWith(request: EstimateRequest, options: EstimateOptions, integers: boolean): EstimateResult {
  if (!request || typeof request !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  const scheme = getScheme(request.schemeId);
  const date = assertIsoDate(request.incidentDate, 'incidentDate');
  const person = validatePerson(request.person);
  const version = findVersion(scheme, date);
  const used = parseUsed(request.used);

  if (!version) {
    const b = benefitInAnyVersion(scheme, request.benefitId);
    validateFacts(b, request.facts);
    const periods = scheme.versions.map((v) => `${v.effective.from} 至 ${v.effective.to}`).join('、');
    return {
      schemeId: scheme.id,
      schemeName: scheme.name,
      benefitId: b.id,
      benefitName: b.name,
      incidentDate: date,
      covered: false,
      payout: '0.00',
      breakdown: [],
      reasons: [{ ok: false, code: 'NO_VERSION_IN_FORCE', field: 'incidentDate', message: `出险日期 ${date} 不在${scheme.name}的保险期间内（${periods}），不予保障` }],
      documents: [],
    };
  }
  const benefit = getBenefit(version, request.benefitId);
  const facts = validateFacts(benefit, request.facts);
  return estimateIn(scheme, version, benefit, date, person, facts, used, options.explain !== false, integers);
}

/** What an estimate needs of an eligibility result (the prepared path passes a cached one). */
export type EligibilityForEstimate = Pick<EligibilityResult, 'eligible' | 'reasons' | 'insurer'>;

/**
 * @internal The result before the claim's own checks: one place, so the decimal and the prepared paths build
 * the same object (same keys, same order).
 */
export function resultHead(
  scheme: SchemeDefinition,
  version: SchemeVersion,
  cb: CompiledBenefit,
  date: IsoDate,
  year: InsuranceYear,
  insurer: EligibilityForEstimate['insurer'],
  reasons: Reason[],
  facts: Facts,
): EstimateResult {
  const benefit = cb.def;
  const result: EstimateResult = {
    schemeId: scheme.id,
    schemeName: scheme.name,
    versionId: version.id,
    benefitId: benefit.id,
    benefitName: benefit.name,
    incidentDate: date,
    insuranceYear: year.id,
    covered: false,
    payout: '0.00',
    breakdown: [],
    reasons,
    deadline: benefit.deadline ?? version.defaultDeadline,
    documents: documentsOf(cb, facts),
  };
  if (insurer) result.insurer = insurerOf(insurer);
  return result;
}

const NO_MEMOS: ReturnType<typeof conditionMemos> = [];

/** @internal The benefit's conditions and its once-only rule, each pushed onto the result's reasons. True when all pass. */
export function claimChecksPass(result: EstimateResult, cb: CompiledBenefit, person: PersonFacts, facts: Facts, date: IsoDate, used: UsedCounts): boolean {
  let ok = true;
  const benefit = cb.def;
  const conditions = benefit.conditions;
  const memos = conditions.length === 0 ? NO_MEMOS : (cb.conditionMemos ??= conditionMemos(conditions));
  for (let i = 0; i < conditions.length; i++) {
    const r = checkCondition(conditions[i], person, facts, date, memos[i]);
    result.reasons.push(r);
    if (!r.ok) ok = false;
  }
  const once = checkOnce(benefit, facts, used);
  if (once) {
    result.reasons.push(once);
    if (!once.ok) ok = false;
  }
  return ok;
}

/** From a validated request on; `integers`: the payout (and breakdown) in exact integers where they fit. */
function estimateIn(
  scheme: SchemeDefinition,
  version: SchemeVersion,
  benefit: BenefitDef,
  date: IsoDate,
  person: PersonFacts,
  facts: Facts,
  used: ParsedUsed,
  explain: boolean,
  integers: boolean,
): EstimateResult {
  const elig = eligibilityOf(person, scheme, date);
  const year = insuranceYearOn(version, date);
  const cb = compileBenefit(benefit);
  const result = resultHead(scheme, version, cb, date, year, elig.insurer, elig.reasons, facts);
  if (!elig.eligible) return result;
  if (!claimChecksPass(result, cb, person, facts, date, used)) return result;

  if (integers && cb.fen !== undefined) {
    // used.base and used.paid are checked money (at most 12 integer digits, 2 decimals): their fen are exact.
    const done = finishFen(result, scheme, benefit, cb, cb.fen, year, person, facts, date, used.base.times(100).toNumber(), used.paid.times(100).toNumber(), explain);
    if (done !== null) return done;
  }
  return finishDecimal(result, scheme, benefit, cb, year, person, facts, date, used, explain);
}

/**
 * @internal A covered claim's payout (and, when `explain`, breakdown and ledger) onto `result`, in exact integers
 * (./explained.ts): the same values and strings as finishDecimal. Null, with `result` untouched, where the decimal
 * path must answer (amounts beyond the integer limit).
 */
export function finishFen(
  result: EstimateResult,
  scheme: SchemeDefinition,
  benefit: BenefitDef,
  cb: CompiledBenefit,
  P: FenParams,
  year: InsuranceYear,
  person: PersonFacts,
  facts: Facts,
  date: IsoDate,
  baseFen: number,
  paidFen: number,
  explain: boolean,
  /** baseFen and paidFen as formatFen prints them, when the caller has them so. */
  printed?: { base: string; paid: string },
): EstimateResult | null {
  const variant = cb.variants ? pickVariant(cb, person, date) : undefined;
  if (!explain) {
    const fen = payoutFen(cb, P, variant, facts, baseFen, paidFen);
    if (fen < 0) return null;
    result.covered = true;
    result.payout = formatFen(fen);
    return result;
  }
  // The lines go onto the result's own (empty) breakdown; if the integers give up, finishDecimal replaces it.
  const out = explainedFen(cb, P, explainPlan(scheme, cb, P), variant, facts, baseFen, paidFen, result.breakdown);
  if (out === null) return null;
  const payout = out.payout;
  const claim = out.baseClaim;
  result.covered = true;
  const payoutText = (result.payout = formatFen(payout));
  const cap = P.annualCap;
  // A sum with 0 on one side is the other side, already printed (the first claim of a year has nothing before it).
  const baseBefore = printed ? printed.base : formatFen(baseFen);
  const claimText = formatFen(claim);
  const base = { before: baseBefore, claim: claimText, after: baseFen === 0 ? claimText : claim === 0 ? baseBefore : formatFen(baseFen + claim) };
  const paidBefore = printed ? printed.paid : formatFen(paidFen);
  const paid = { before: paidBefore, after: paidFen === 0 ? payoutText : payout === 0 ? paidBefore : formatFen(paidFen + payout) };
  // One literal per shape (the same keys in the same order as finishDecimal's), not keys added afterwards.
  let ledger: LedgerChange;
  if (cap === undefined) ledger = { unit: benefit.unit, insuranceYear: year.id, base, paid };
  else {
    const left = cap - paidFen - payout;
    ledger = { unit: benefit.unit, insuranceYear: year.id, base, paid, annualCap: P.annualCapText!, capLeftAfter: formatFen(left > 0 ? left : 0) };
  }
  result.ledger = ledger;
  return result;
}

/** @internal A covered claim's payout, breakdown and ledger, in decimals, onto `result` (eligibility and checks passed). */
export function finishDecimal(
  result: EstimateResult,
  scheme: SchemeDefinition,
  benefit: BenefitDef,
  cb: CompiledBenefit,
  year: InsuranceYear,
  person: PersonFacts,
  facts: Facts,
  date: IsoDate,
  used: ParsedUsed,
  explain: boolean,
): EstimateResult {
  const b = new Breakdown(explain, (doc) => sourceTitle(scheme, doc) ?? (doc === 'huimin' ? '惠民系统口径' : undefined));
  const { payout, baseClaim } = computePayout(cb, person, facts, date, used, b);
  result.covered = true;
  result.payout = fmt(payout);
  result.breakdown = b.lines;
  if (!explain) return result;
  const cap = cb.annualCap;
  result.ledger = {
    unit: benefit.unit,
    insuranceYear: year.id,
    base: { before: fmt(used.base), claim: fmt(baseClaim), after: fmt(used.base.plus(baseClaim)) },
    paid: { before: fmt(used.paid), after: fmt(used.paid.plus(payout)) },
    ...(cap ? { annualCap: fmt(cap), capLeftAfter: fmt(max(ZERO, cap.minus(used.paid).minus(payout))) } : {}),
  };
  return result;
}

function checkOnce(benefit: BenefitDef, facts: Facts, used: UsedCounts): Reason | undefined {
  const clause = benefit.oncePerClause ?? benefit.clause;
  switch (benefit.oncePer) {
    case 'person':
      return used.claimsEver > 0
        ? { ok: false, code: 'ALREADY_PAID', message: `“${benefit.name}”每人只赔一次，已经赔过`, clause, field: 'used.claimsEver' }
        : undefined;
    case 'year':
      return used.claimsThisYear > 0
        ? { ok: false, code: 'ALREADY_PAID', message: `“${benefit.name}”每年只赔一次，本年度已经赔过`, clause, field: 'used.claimsThisYear' }
        : undefined;
    case 'option': {
      const f = benefit.formula.kind === 'fixedByOption' ? benefit.formula.fact : '';
      const v = facts[f];
      const label = benefit.facts.find((x) => x.name === f)?.options?.find((o) => o.value === v)?.label ?? String(v);
      return used.options.includes(String(v))
        ? { ok: false, code: 'ALREADY_PAID', message: `“${benefit.name}”每个层次只补助一次，${label}已经补助过`, clause, field: `facts.${f}` }
        : undefined;
    }
    default:
      return undefined;
  }
}

/** @internal */
export function pickVariant(cb: CompiledBenefit, person: PersonFacts, date: IsoDate): CompiledVariant {
  const vs = cb.variants!;
  for (const v of vs) if (v.def.categoryAnyOf && hasCategoryOn(person, v.def.categoryAnyOf, date)) return v;
  return vs.find((v) => !v.def.categoryAnyOf) ?? vs[vs.length - 1];
}

/** The reimbursement formula on an amount x: deductible, then rate or bands. Lines only when `b` is given. */
function reimbursementValue(cb: CompiledBenefit, variant: CompiledVariant | undefined, x: Dec, b?: Breakdown): Dec {
  const f = cb.def.formula as Extract<BenefitDef['formula'], { kind: 'reimbursement' }>;
  let over = x;
  if (cb.deductible) {
    over = max(ZERO, x.minus(cb.deductible));
    if (b?.explain) {
      b.info(
        over.isZero()
          ? `${fmtYuan(x)} 未超过起付线 ${fmtParam(cb.deductible)} 元，不赔`
          : `${fmtYuan(x)} − 起付线 ${fmtParam(cb.deductible)} = ${fmtYuan(over)}`,
        f.deductible!.clause,
      );
    }
  }
  if (variant && !b?.explain) {
    // Closed form: the value at the start of the band that holds `over`, plus the part inside it.
    const bands = variant.bands;
    let i = bands.length - 1;
    while (i > 0 && !over.greaterThan(bands[i].from)) i--;
    const band = bands[i];
    return over.greaterThan(band.from) ? band.valueAtFrom.plus(over.minus(band.from).times(band.rate)) : ZERO;
  }
  if (variant) {
    let total = ZERO;
    const n = variant.bands.length;
    for (let i = 0; i < n; i++) {
      const band = variant.bands[i];
      if (!over.greaterThan(band.from)) break;
      const top = band.upTo && over.greaterThan(band.upTo) ? band.upTo : over;
      const portion = top.minus(band.from);
      const part = portion.times(band.rate);
      total = total.plus(part);
      if (b?.explain) {
        const range = band.upTo ? `${fmtParam(band.from)}–${fmtParam(band.upTo)} 元（含）` : `${fmtParam(band.from)} 元以上`;
        b.amount('add', () => `第 ${i + 1} 段 ${range}：${fmtYuan(portion)} × ${fmtRate(band.rate)} = ${fmtYuan(part)}`, part, variant.def.clause);
      }
    }
    if (b?.explain && over.isZero()) b.amount('add', '应赔 0', ZERO, f.clause);
    return total;
  }
  const v = over.times(cb.rate!);
  if (b?.explain) b.amount('add', () => `${fmtYuan(over)} × ${fmtRate(cb.rate!)} = ${fmtYuan(v)}`, v, f.clause);
  return v;
}

/** @internal The payout in decimals, with its breakdown lines when `b.explain`. */
export function computePayout(
  cb: CompiledBenefit,
  person: PersonFacts,
  facts: Facts,
  date: IsoDate,
  used: ParsedUsed,
  b: Breakdown,
): { payout: Dec; baseClaim: Dec } {
  const def = cb.def;
  const f = def.formula;
  const cap = cb.annualCap;
  let baseClaim = ZERO;

  if (f.kind === 'reimbursement' && f.accumulation === 'year') {
    // Cumulative: owed on the year's total after this claim, minus owed before it.
    baseClaim = parseMoney(facts[f.base], `facts.${f.base}`);
    const label = (def.facts.find((x) => x.name === f.base)?.label ?? f.base).replace(/（元）$/, '').replace(/^本次/, '');
    const before = used.base;
    const after = before.plus(baseClaim);
    const variant = cb.variants ? pickVariant(cb, person, date) : undefined;
    if (b.explain) {
      b.info(`本次${label} ${fmtYuan(baseClaim)} 元；本年此前累计 ${fmtYuan(before)} 元；本年累计 ${fmtYuan(after)} 元`, { ...f.clause, reading: READING.annualCumulative });
      if (variant) b.info(`适用分段：${variant.def.label}`, variant.def.clause);
    }
    const fAfter = reimbursementValue(cb, variant, after, b);
    const owedAfterRaw = cap ? min(fAfter, cap) : fAfter;
    b.amount('cap', () => `本年累计应赔超过年度限额 ${fmtParam(cap!)} 元，超出部分不赔`, owedAfterRaw.minus(fAfter), def.annualCap?.clause);
    const owedAfter = roundYuan(owedAfterRaw);
    b.amount('round', '四舍五入到分', owedAfter.minus(owedAfterRaw));
    if (!before.isZero()) {
      const fBefore = reimbursementValue(cb, variant, before);
      const owedBefore = roundYuan(cap ? min(fBefore, cap) : fBefore);
      b.amount('subtract', () => `减去本年此前累计 ${fmtYuan(before)} 元已应赔的 ${fmtYuan(owedBefore)} 元`, owedBefore.neg(), { ...f.clause, reading: READING.annualCumulative });
      return { payout: capByLeft(owedAfter.minus(owedBefore), cap, used.paid, def, b), baseClaim };
    }
    return { payout: capByLeft(owedAfter, cap, used.paid, def, b), baseClaim };
  }

  let raw: Dec;
  switch (f.kind) {
    case 'fixed':
      raw = cb.amount!;
      b.amount('add', () => `${def.name}：定额 ${fmtParam(raw)} 元`, raw, f.clause);
      break;
    case 'fixedByOption': {
      const v = String(facts[f.fact]);
      const a = cb.amounts![v];
      if (!a) throw new EngineError('INVALID_FIELD', `没有这个选项：${v}`, `facts.${f.fact}`);
      raw = a;
      const label = def.facts.find((x) => x.name === f.fact)?.options?.find((o) => o.value === v)?.label ?? v;
      b.amount('add', () => `${label}：${fmtParam(a)} 元`, a, f.clause);
      break;
    }
    case 'disability': {
      const outcome = cb.deathAmount ? facts.outcome : 'disability';
      if (outcome === 'death') {
        raw = cb.deathAmount!;
        b.amount('add', () => `身故：${fmtParam(raw)} 元`, raw, f.clause);
      } else {
        const g = facts.grade;
        const pct = new D(11 - (g as number)).times('0.1');
        raw = cb.sum!.times(pct);
        b.amount('add', () => `伤残 ${g} 级：${fmtParam(cb.sum!)} × ${fmtRate(pct)} = ${fmtYuan(raw)}`, raw, { ...f.clause, reading: READING.disabilityGrades });
      }
      break;
    }
    case 'reimbursement': {
      baseClaim = parseMoney(facts[f.base], `facts.${f.base}`);
      const variant = cb.variants ? pickVariant(cb, person, date) : undefined;
      raw = reimbursementValue(cb, variant, baseClaim, b);
      break;
    }
    case 'burdenCap': {
      const total = parseMoney(facts[f.totalFact], `facts.${f.totalFact}`);
      const burden = parseMoney(facts[f.burdenFact], `facts.${f.burdenFact}`);
      const line = total.times(cb.burdenLine!);
      raw = max(ZERO, burden.minus(line));
      baseClaim = burden;
      if (b.explain) {
        b.info(`政策范围内总费用 ${fmtYuan(total)} × ${fmtRate(cb.burdenLine!)} = 个人负担上限 ${fmtYuan(line)}`, f.clause);
        b.amount('add', () => (raw.isZero()
          ? `个人负担 ${fmtYuan(burden)} 未超过上限 ${fmtYuan(line)}，无需补偿`
          : `个人负担 ${fmtYuan(burden)} − 上限 ${fmtYuan(line)} = ${fmtYuan(raw)}`), raw, f.clause);
      }
      break;
    }
  }
  let v = raw;
  if (cb.perClaimCap && v.greaterThan(cb.perClaimCap)) {
    const c = cb.perClaimCap;
    b.amount('cap', () => `每次最高 ${fmtParam(c)} 元`, c.minus(v), def.perClaimCap!.clause);
    v = c;
  }
  const payout = capByLeft(v, cap, used.paid, def, b);
  const rounded = roundYuan(payout);
  b.amount('round', '四舍五入到分', rounded.minus(payout));
  return { payout: rounded, baseClaim };
}

/** Never above what is left of the annual cap. */
function capByLeft(v: Dec, cap: Dec | undefined, paid: Dec, def: BenefitDef, b: Breakdown): Dec {
  if (!cap) return v;
  const left = max(ZERO, cap.minus(paid));
  if (v.lessThanOrEqualTo(left)) return v;
  b.amount('cap', () => `年度限额 ${fmtParam(cap)} 元，本年已赔 ${fmtYuan(paid)} 元，只剩 ${fmtYuan(left)} 元`, left.minus(v), def.annualCap!.clause);
  return left;
}
