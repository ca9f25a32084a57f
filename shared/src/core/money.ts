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

/**
 * Parse a money amount from a request: a decimal string (or an integer / 2-dp number), at most 12 integer digits.
 * An error names `field`; its message names `label` (what the user saw, e.g. a fact's Chinese label), or the field.
 */
export function parseMoney(value: unknown, field: string, opts: { allowNegative?: boolean } = {}, label: string = field): Dec {
  let s: string;
  if (typeof value === 'string') {
    // trim() only when an end could be whitespace (ASCII controls and space, or any non-ASCII character).
    const a = value.charCodeAt(0);
    const z = value.charCodeAt(value.length - 1);
    s = a <= 32 || a >= 128 || z <= 32 || z >= 128 ? value.trim() : value;
  }
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
  else throw new EngineError('INVALID_AMOUNT', `${label} 应为金额（元），如 "1234.50"`, field, { value });
  if (!MONEY.test(s)) {
    throw new EngineError('INVALID_AMOUNT', `${label} 金额格式不对：最多两位小数、12 位整数，如 "1234.50"`, field, { value });
  }
  const d = new D(s);
  if (d.isNegative() && !opts.allowNegative) {
    throw new EngineError('NEGATIVE_AMOUNT', `${label} 不能为负数`, field, { value });
  }
  return d;
}

/**
 * A money amount as integer fen, without allocating: exactly the values parseMoney accepts (and not negative)
 * give their fen, anything else gives -1 (the caller then takes parseMoney's path for the error).
 * At most 12 integer digits, so the result is below 10^14, a safe integer: fen sums stay exact far beyond any
 * year's claims.
 */
export function fenOf(value: unknown): number {
  let s: string;
  if (typeof value === 'string') {
    // trim() only when an end could be whitespace (ASCII controls and space, or any non-ASCII character).
    const a = value.charCodeAt(0);
    const z = value.charCodeAt(value.length - 1);
    s = a <= 32 || a >= 128 || z <= 32 || z >= 128 ? value.trim() : value;
  }
  else if (typeof value === 'number' && Number.isFinite(value)) s = String(value);
  else return -1;
  const n = s.length;
  let i = 0;
  let yuan = 0;
  while (i < n) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    yuan = yuan * 10 + c;
    i++;
  }
  if (i < 1 || i > 12) return -1;
  if (i === n) return yuan * 100;
  if (s.charCodeAt(i) !== 46 || n - i < 2 || n - i > 3) return -1;
  const d1 = s.charCodeAt(i + 1) - 48;
  if (d1 < 0 || d1 > 9) return -1;
  if (n - i === 2) return yuan * 100 + d1 * 10;
  const d2 = s.charCodeAt(i + 2) - 48;
  if (d2 < 0 || d2 > 9) return -1;
  return yuan * 100 + d1 * 10 + d2;
}

/**
 * True when `value`, which fenOf read as a fen amount (not -1), is already what formatFen prints for it: digits
 * with no leading zero (or a single 0), a point and two decimals, no spaces. Such a string can be used as it is.
 */
export function printedAsFen(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const n = value.length;
  if (n < 4 || value.charCodeAt(n - 3) !== 46) return false;
  const a = value.charCodeAt(0);
  if (a < 48 || a > 57 || (a === 48 && n !== 4)) return false;
  const z = value.charCodeAt(n - 1);
  return z >= 48 && z <= 57;
}

/** ".00" … ".99": the fen part of formatFen, built once. */
const FEN_PART: readonly string[] = Array.from({ length: 100 }, (_, f) => `.${f < 10 ? '0' : ''}${f}`);
/**
 * "0" … "999" and "000" … "999", built once: printing an integer from them skips the JavaScript engine's
 * number-to-string conversion, which misses its cache on most amounts.
 */
export const UP_TO_999: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n));
export const THREE_DIGITS: readonly string[] = Array.from({ length: 1000 }, (_, n) => String(n).padStart(3, '0'));

/** A non-negative safe integer in decimal digits, as String(n) prints it. */
export function intText(n: number): string {
  if (n < 1000) return UP_TO_999[n];
  if (n < 1_000_000) {
    const hi = Math.floor(n / 1000);
    return UP_TO_999[hi] + THREE_DIGITS[n - hi * 1000];
  }
  return String(n);
}

/** Integer fen → "1234.50" (what fmt gives for the same amount). `fen` must be a safe integer. */
export function formatFen(fen: number): string {
  if (fen === 0) return '0.00';
  if (fen < 0) return `-${formatFen(-fen)}`;
  let y = Math.floor(fen / 100);
  let f = fen - y * 100; // exact; corrects the float quotient (no `%`, slow on values beyond 2^31)
  if (f < 0) {
    y -= 1;
    f += 100;
  } else if (f >= 100) {
    y += 1;
    f -= 100;
  }
  return intText(y) + FEN_PART[f];
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

/** Digits with a comma every three from the right: "1234567" → "1,234,567" (optionally after a leading "-"). */
function groupThousands(i: string): string {
  const sign = i.charCodeAt(0) === 45 ? '-' : '';
  const digits = sign ? i.slice(1) : i;
  if (digits.length <= 3) return i;
  let out = digits.slice(0, digits.length % 3 || 3);
  for (let k = out.length; k < digits.length; k += 3) out += `,${digits.slice(k, k + 3)}`;
  return sign + out;
}

/** Chinese display with thousands separators: "12,345.60" (shown in breakdown lines); exact, like fmtExact. */
export function fmtYuan(d: Dec): string {
  const s = fmtExact(d);
  const dot = s.indexOf('.');
  return `${groupThousands(s.slice(0, dot))}${s.slice(dot)}`;
}

/** A parameter amount (no fen shown when whole): "10,000" / "0.5". */
export function fmtParam(d: Dec): string {
  const s = d.toFixed();
  const dot = s.indexOf('.');
  return dot < 0 ? groupThousands(s) : `${groupThousands(s.slice(0, dot))}${s.slice(dot)}`;
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
