/**
 * A benefit's parameters parsed once into decimals (the definitions hold exact strings), and, where they
 * allow it, into integers for the prepared path's exact integer arithmetic (see `FenParams`).
 * Memoised per benefit object, so the hot path never re-parses "0.25".
 */
import { D, type Dec, formatFen } from '../core/money';
import type { BandVariant, BenefitDef, Cap, DocumentDef } from '../schemes/types';
import type { ExplainPlan } from './explained';
import type { Reason } from './reasons';

export interface CompiledBand {
  from: Dec;
  upTo?: Dec;
  rate: Dec;
  /** The formula's value at `from` (sum of the full bands below), for the closed-form path. */
  valueAtFrom: Dec;
  /** The same in integers (used only when the benefit has `fen`): `from` in fen, the rate × scale, the value × scale. */
  fromFen: number;
  /** `upTo` in fen (NaN without one). */
  upToFen: number;
  rateN: number;
  valueAtFromN: number;
}
export interface CompiledVariant {
  def: BandVariant;
  bands: CompiledBand[];
}
export interface CompiledBenefit {
  def: BenefitDef;
  annualCap?: Dec;
  perClaimCap?: Dec;
  deductible?: Dec;
  rate?: Dec;
  variants?: CompiledVariant[];
  amount?: Dec;
  amounts?: Record<string, Dec>;
  sum?: Dec;
  deathAmount?: Dec;
  burdenLine?: Dec;
  /** Set when every parameter fits exact integer arithmetic (always, for the five schemes' data). */
  fen?: FenParams;
  /**
   * Kept here by the estimate paths, built on first use, so that one lookup per claim (compileBenefit) finds all
   * of them: the documents a claim needs (all of them when none has a `when`; otherwise per outcome of the `when`
   * tests), the memos of the conditions' reasons, in the conditions' order, and the breakdown's printed parts.
   */
  allDocuments?: DocumentDef[];
  documents?: Map<number, DocumentDef[]>;
  conditionMemos?: Map<number | string, Reason>[];
  plan?: ExplainPlan;
}

/**
 * A benefit's parameters as integers. Money is in fen; a rate r is held as r × scale, with scale = 10^k and
 * k the most decimals any of its rates has (at least 1 for disability grades, 10% a grade). A formula's value
 * on x fen is then an exact integer in units of 1/scale fen, and rounding it half-up to the fen is integer
 * division. No value leaves the safe integers while every input amount is at most `limit` fen; above that
 * the prepared path takes the decimal one.
 */
export interface FenParams {
  scale: number;
  limit: number;
  annualCap?: number;
  /** annualCap printed (formatFen), for every result's ledger. */
  annualCapText?: string;
  perClaimCap?: number;
  deductible: number;
  rateN?: number;
  amount?: number;
  amounts?: Map<string, number>;
  sum?: number;
  deathAmount?: number;
  burdenLineN?: number;
}

const MAX_DECIMALS = 6;

/** d × m as a safe integer, or NaN when it is not a whole number or too large. */
function intOf(d: Dec, m: number): number {
  const x = d.times(m);
  return x.isInteger() && x.abs().lessThanOrEqualTo(Number.MAX_SAFE_INTEGER) ? x.toNumber() : NaN;
}

function fenParams(cb: CompiledBenefit): FenParams | undefined {
  const rates: Dec[] = [];
  if (cb.rate) rates.push(cb.rate);
  if (cb.burdenLine) rates.push(cb.burdenLine);
  for (const v of cb.variants ?? []) for (const b of v.bands) rates.push(b.rate);
  let k = cb.def.formula.kind === 'disability' ? 1 : 0;
  for (const r of rates) k = Math.max(k, r.decimalPlaces());
  if (k > MAX_DECIMALS) return undefined;
  const scale = 10 ** k;
  const fenOfDec = (d: Dec | undefined) => (d === undefined ? undefined : intOf(d, 100));
  const p: FenParams = {
    scale,
    limit: 0,
    annualCap: fenOfDec(cb.annualCap),
    perClaimCap: fenOfDec(cb.perClaimCap),
    deductible: fenOfDec(cb.deductible) ?? 0,
    rateN: cb.rate ? intOf(cb.rate, scale) : undefined,
    amount: fenOfDec(cb.amount),
    amounts: cb.amounts ? new Map(Object.entries(cb.amounts).map(([k2, v]) => [k2, intOf(v, 100)])) : undefined,
    sum: fenOfDec(cb.sum),
    deathAmount: fenOfDec(cb.deathAmount),
    burdenLineN: cb.burdenLine ? intOf(cb.burdenLine, scale) : undefined,
    // Set below; in the literal so that every FenParams has one shape (the hot paths read them all the same way).
    annualCapText: undefined,
  };
  const ints: number[] = [p.deductible];
  for (const x of [p.annualCap, p.perClaimCap, p.rateN, p.amount, p.sum, p.deathAmount, p.burdenLineN]) if (x !== undefined) ints.push(x);
  for (const x of p.amounts?.values() ?? []) ints.push(x);
  for (const v of cb.variants ?? []) {
    for (const b of v.bands) {
      b.fromFen = intOf(b.from, 100);
      b.rateN = intOf(b.rate, scale);
      b.valueAtFromN = intOf(b.valueAtFrom, 100 * scale);
      ints.push(b.fromFen, b.rateN, b.valueAtFromN);
      if (b.upTo) ints.push((b.upToFen = intOf(b.upTo, 100)));
    }
  }
  if (!ints.every((x) => Number.isSafeInteger(x) && x >= 0)) return undefined;
  if (p.annualCap !== undefined) p.annualCapText = formatFen(p.annualCap);
  const complete = { fixed: p.amount, fixedByOption: p.amounts, disability: p.sum, reimbursement: cb.variants ?? p.rateN, burdenCap: p.burdenLineN };
  if (complete[cb.def.formula.kind] === undefined) return undefined;
  // Every product the formulas form is (an amount in fen) × (a rate numerator, or the scale); a few are added.
  // Bounding the amounts by `limit` keeps all of it far inside the safe integers.
  let factor = scale;
  for (const n of [p.rateN, p.burdenLineN, ...(cb.variants ?? []).flatMap((v) => v.bands.map((b) => b.rateN))]) if (n !== undefined) factor = Math.max(factor, n);
  p.limit = Math.floor(Number.MAX_SAFE_INTEGER / (8 * factor));
  // Parameters are themselves amounts the formulas scale.
  const amounts = [p.deductible, p.annualCap, p.perClaimCap, p.amount, p.sum, p.deathAmount, ...(p.amounts?.values() ?? [])];
  for (const v of cb.variants ?? []) for (const b of v.bands) amounts.push(b.fromFen, b.upTo ? b.upToFen : undefined);
  for (const x of amounts) if (x !== undefined && x > p.limit) return undefined;
  return p;
}

const cache = new WeakMap<BenefitDef, CompiledBenefit>();
const cap = (c?: Cap) => (c ? new D(c.amount) : undefined);

export function compileBenefit(def: BenefitDef): CompiledBenefit {
  let cb = cache.get(def);
  if (cb) return cb;
  // Every field in the literal, set or not: one shape for every compiled benefit, whatever its formula, so that the
  // hot paths read them all the same way.
  cb = {
    def,
    annualCap: cap(def.annualCap),
    perClaimCap: cap(def.perClaimCap),
    deductible: undefined,
    rate: undefined,
    variants: undefined,
    amount: undefined,
    amounts: undefined,
    sum: undefined,
    deathAmount: undefined,
    burdenLine: undefined,
    fen: undefined,
    allDocuments: undefined,
    documents: undefined,
    conditionMemos: undefined,
    plan: undefined,
  };
  const f = def.formula;
  switch (f.kind) {
    case 'fixed':
      cb.amount = new D(f.amount);
      break;
    case 'fixedByOption':
      cb.amounts = Object.fromEntries(Object.entries(f.amounts).map(([k, v]) => [k, new D(v)]));
      break;
    case 'disability':
      cb.sum = new D(f.sum);
      if (f.deathAmount) cb.deathAmount = new D(f.deathAmount);
      break;
    case 'reimbursement':
      if (f.deductible) cb.deductible = new D(f.deductible.amount);
      if (f.rate) cb.rate = new D(f.rate);
      if (f.variants) {
        cb.variants = f.variants.map((v) => {
          let from = new D(0);
          let valueAtFrom = new D(0);
          const bands = v.bands.map((b) => {
            const band: CompiledBand = {
              from,
              rate: new D(b.rate),
              valueAtFrom,
              // Present (undefined when open-ended) on every band: one shape for all of them.
              upTo: b.upTo ? new D(b.upTo) : undefined,
              fromFen: NaN,
              upToFen: NaN,
              rateN: NaN,
              valueAtFromN: NaN,
            };
            if (b.upTo) {
              valueAtFrom = valueAtFrom.plus(new D(b.upTo).minus(from).times(b.rate));
              from = new D(b.upTo);
            }
            return band;
          });
          return { def: v, bands };
        });
      }
      break;
    case 'burdenCap':
      cb.burdenLine = new D(f.burdenLine);
      break;
  }
  cb.fen = fenParams(cb);
  cache.set(def, cb);
  return cb;
}
