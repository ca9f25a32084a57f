import Decimal from 'decimal.js';
import { EngineError } from './errors';

/**
 * Money: exact decimal yuan. Amounts travel as strings ("1234.50") and are computed with decimal.js.
 * A private Decimal constructor keeps the engine's settings away from anyone else's.
 */
/**
 * 24 significant digits: amounts have at most 12 integer digits and 2 decimals, rates at most 4 decimals,
 * so every product and sum the engine forms is exact; only divisions (loss ratios) round, and those are
 * rounded explicitly for display.
 */
export const D = Decimal.clone({ precision: 24, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);
export const HUNDRED = new D(100);

const MONEY = /^-?\d{1,12}(\.\d{1,2})?$/;
const RATE = /^\d+(\.\d+)?$/;

/** Parse a money amount from a request: a decimal string (or an integer / 2-dp number), at most 12 integer digits. */
export function parseMoney(value: unknown, field: string, opts: { allowNegative?: boolean } = {}): Dec {
  let s: string;
  if (typeof value === 'string') s = value.trim();
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
  else throw new EngineError('INVALID_AMOUNT', `${field} 应为金额（元），如 "1234.50"`, field, { value });
  if (!MONEY.test(s)) {
    throw new EngineError('INVALID_AMOUNT', `${field} 金额格式不对：最多两位小数、12 位整数，如 "1234.50"`, field, { value });
  }
  const d = new D(s);
  if (d.isNegative() && !opts.allowNegative) {
    throw new EngineError('NEGATIVE_AMOUNT', `${field} 不能为负数`, field, { value });
  }
  return d;
}

export function parseRate(value: string): Dec {
  if (!RATE.test(value)) throw new Error(`bad rate in scheme data: ${value}`);
  return new D(value);
}

/** Round half-up to the fen. Called once, when a payout is final. */
export function roundYuan(d: Dec): Dec {
  return d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** "2500.00" */
export function fmt(d: Dec): string {
  return d.toFixed(2);
}

/** Exact: two decimals, or more when the value has more (0.005 stays "0.005"). Breakdown amounts use it so they add up exactly. */
export function fmtExact(d: Dec): string {
  return d.decimalPlaces() > 2 ? d.toFixed() : d.toFixed(2);
}

/** Chinese display with thousands separators: "12,345.60" (shown in breakdown lines); exact, like fmtExact. */
export function fmtYuan(d: Dec): string {
  const s = fmtExact(d);
  const neg = s.startsWith('-');
  const [i, f] = (neg ? s.slice(1) : s).split('.');
  return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
}

/** A parameter amount (no fen shown when whole): "10,000" / "0.5". */
export function fmtParam(d: Dec): string {
  const s = d.toFixed();
  const [i, f] = s.split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f ? `${grouped}.${f}` : grouped;
}

/** "25%" from "0.25" */
export function fmtRate(d: Dec): string {
  return `${d.times(100).toFixed()}%`;
}

export function min(a: Dec, b: Dec): Dec {
  return a.lessThan(b) ? a : b;
}
export function max(a: Dec, b: Dec): Dec {
  return a.greaterThan(b) ? a : b;
}

/** A ratio as a percentage with two decimals: 0.835 → "83.50". */
export function fmtPercent(ratio: Dec): string {
  return fmt(ratio.times(100).toDecimalPlaces(2));
}
