import Decimal from 'decimal.js';
import type { ColumnOptions, ValueTransformer } from 'typeorm';

/** DECIMAL(14,2): at most 12 integer digits and 2 decimals. */
export const MONEY_PRECISION = 14;
export const MONEY_SCALE = 2;
const MAX_INTEGER_DIGITS = MONEY_PRECISION - MONEY_SCALE;
const LIMIT = new Decimal(10).pow(MAX_INTEGER_DIGITS); // 1e12, exclusive

export class MoneyRangeError extends Error {
  override readonly name = 'MoneyRangeError';
  readonly code = 'MONEY_OUT_OF_RANGE';
}

/** Validate and normalise a money value for a DECIMAL(14,2) column; throws MoneyRangeError. */
export function toMoneyColumnValue(value: Decimal | string | number): string {
  let d: Decimal;
  try {
    d = Decimal.isDecimal(value) ? (value as Decimal) : new Decimal(typeof value === 'number' ? String(value) : value.trim());
  } catch {
    throw new MoneyRangeError(`money value ${JSON.stringify(String(value)).slice(0, 40)} is not a number`);
  }
  if (!d.isFinite()) throw new MoneyRangeError(`money value ${d.toString()} is not finite`);
  if (d.decimalPlaces() > MONEY_SCALE) {
    throw new MoneyRangeError(
      `money value ${d.toFixed()} has ${d.decimalPlaces()} decimals; DECIMAL(${MONEY_PRECISION},${MONEY_SCALE}) allows at most ${MONEY_SCALE}`,
    );
  }
  if (d.abs().gte(LIMIT)) {
    const digits = d.abs().truncated().toFixed().length;
    throw new MoneyRangeError(
      `money value ${d.toFixed()} has ${digits} integer digits; DECIMAL(${MONEY_PRECISION},${MONEY_SCALE}) allows at most ${MAX_INTEGER_DIGITS}`,
    );
  }
  return d.toFixed(MONEY_SCALE);
}

/**
 * The one transformer for every money column.
 *  - to DB:   Decimal (or a decimal string/number) → '1234.50', refused before the DB sees it when out of range.
 *  - from DB: mysql2 gives a string ('0.10'); SQLite gives a JS number (0.1). Both become a Decimal; the
 *             SQLite number is rounded to the fen, which undoes binary noise from SQL arithmetic like
 *             `paid = paid + 0.1` (true values never have more than 2 decimals).
 */
export const decimalTransformer: ValueTransformer = {
  to(value: Decimal | string | number | null | undefined): string | null | undefined {
    if (value === null || value === undefined) return value;
    return toMoneyColumnValue(value);
  },
  from(value: string | number | null | undefined): Decimal | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return new Decimal(value).toDecimalPlaces(MONEY_SCALE, Decimal.ROUND_HALF_UP);
    return new Decimal(value);
  },
};

/** Column options for a DECIMAL(14,2) money column; spread into @Column(). */
export function moneyColumn(options: Partial<ColumnOptions> = {}): ColumnOptions {
  return {
    type: 'decimal',
    precision: MONEY_PRECISION,
    scale: MONEY_SCALE,
    transformer: decimalTransformer,
    ...options,
  } as ColumnOptions;
}
