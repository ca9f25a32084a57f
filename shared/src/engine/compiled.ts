/**
 * A benefit's parameters parsed once into decimals (the definitions hold exact strings).
 * Memoised per benefit object, so the hot path never re-parses "0.25".
 */
import { D, type Dec } from '../core/money';
import type { BandVariant, BenefitDef, Cap } from '../schemes/types';

export interface CompiledBand {
  from: Dec;
  upTo?: Dec;
  rate: Dec;
  /** The formula's value at `from` (sum of the full bands below), for the closed-form path. */
  valueAtFrom: Dec;
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
}

const cache = new WeakMap<BenefitDef, CompiledBenefit>();
const cap = (c?: Cap) => (c ? new D(c.amount) : undefined);

export function compileBenefit(def: BenefitDef): CompiledBenefit {
  let cb = cache.get(def);
  if (cb) return cb;
  cb = { def, annualCap: cap(def.annualCap), perClaimCap: cap(def.perClaimCap) };
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
            const band: CompiledBand = { from, rate: new D(b.rate), valueAtFrom, ...(b.upTo ? { upTo: new D(b.upTo) } : {}) };
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
  cache.set(def, cb);
  return cb;
}
