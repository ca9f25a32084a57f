/** Raw-SQL helpers for the oversight aggregates, on both dialects (backtick identifiers and `?` work on both). */
import Decimal from 'decimal.js';
import { type Dialect, dialectOf, marks } from '../database/dialect';

export { type Dialect, dialectOf, marks };

/**
 * SUM of a DECIMAL(14,2) column, exact on both dialects. MariaDB sums DECIMAL exactly; SQLite stores it as
 * REAL, so it sums whole fen as integers there (exact up to 2^63 fen). Read the result with `fen()` / `yuan()`.
 */
export function sumMoney(d: Dialect, expr: string): string {
  return d === 'sqlite' ? `SUM(CAST(ROUND((${expr}) * 100) AS INTEGER))` : `SUM(${expr}) * 100`;
}

/** A value from sumMoney (fen, maybe null, a number or a decimal string) as exact yuan. */
export function yuan(v: unknown): Decimal {
  if (v === null || v === undefined || v === '') return new Decimal(0);
  return new Decimal(String(v)).div(100).toDecimalPlaces(2);
}

export function int(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

/** 'YYYY-MM' of a DATETIME column in China (MariaDB sessions run at +08:00; SQLite stores UTC text). */
export function monthOf(d: Dialect, col: string): string {
  return d === 'sqlite' ? `strftime('%Y-%m', ${col}, '+8 hours')` : `DATE_FORMAT(${col}, '%Y-%m')`;
}

/** 'YYYY-MM-DD' of a DATETIME column in China. */
export function dateOf(d: Dialect, col: string): string {
  return d === 'sqlite' ? `date(${col}, '+8 hours')` : `DATE_FORMAT(${col}, '%Y-%m-%d')`;
}

/** DATE columns: 'YYYY-MM-DD' strings from both drivers (mysql2 may give a Date when dateStrings is off). */
export function dateStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) {
    // A DATE read as a JS Date by mysql2 is local midnight; keep the calendar day.
    const y = v.getFullYear();
    return `${y}-${String(v.getMonth() + 1).padStart(2, '0')}-${String(v.getDate()).padStart(2, '0')}`;
  }
  return String(v).slice(0, 10);
}

/** 'YYYY-MM' months from the month of `from` to the month of `to`, inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ey, em] = to.split('-').map(Number);
  while (y < ey || (y === ey && m <= em)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/** Last day of a 'YYYY-MM' month. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${month}-${String(last).padStart(2, '0')}`;
}

/** numerator / denominator × 100 with two decimals (half up), or null when there is nothing to measure. */
export function percent(n: Decimal.Value, d: Decimal.Value): string | null {
  const den = new Decimal(d);
  if (den.isZero()) return null;
  return new Decimal(n).div(den).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}
