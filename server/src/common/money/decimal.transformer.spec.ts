import Decimal from 'decimal.js';
import { decimalTransformer, MoneyRangeError, toMoneyColumnValue } from './decimal.transformer';

describe('decimalTransformer', () => {
  const { to, from } = decimalTransformer;

  it('writes Decimals as fixed 2-decimal strings', () => {
    expect(to(new Decimal('12345678901.23'))).toBe('12345678901.23');
    expect(to(new Decimal('0.1'))).toBe('0.10');
    expect(to(new Decimal('-5'))).toBe('-5.00');
    expect(to('999999999999.99')).toBe('999999999999.99');
    expect(to(0)).toBe('0.00');
    expect(to(null)).toBeNull();
    expect(to(undefined)).toBeUndefined();
  });

  it('reads mysql2 strings and SQLite numbers as exact Decimals', () => {
    expect((from('0.10') as Decimal).toFixed(2)).toBe('0.10');
    expect((from('12345678901.23') as Decimal).toFixed(2)).toBe('12345678901.23');
    expect((from(0.1) as Decimal).toFixed(2)).toBe('0.10');
    expect((from(12345678901.23) as Decimal).toFixed(2)).toBe('12345678901.23');
    expect((from(0.1 + 0.2) as Decimal).toFixed()).toBe('0.3'); // SQLite REAL arithmetic noise
    expect(from(null)).toBeNull();
    expect(Decimal.isDecimal(from(5))).toBe(true);
  });

  it('refuses 13 integer digits with a clear message', () => {
    expect(() => to(new Decimal('1234567890123.00'))).toThrow(MoneyRangeError);
    expect(() => to(new Decimal('1234567890123'))).toThrow(/13 integer digits; DECIMAL\(14,2\) allows at most 12/);
    expect(() => to('-1000000000000')).toThrow(/13 integer digits/);
  });

  it('refuses more than 2 decimals, NaN, Infinity and garbage', () => {
    expect(() => to(new Decimal('0.001'))).toThrow(/3 decimals/);
    expect(() => to('1.234')).toThrow(MoneyRangeError);
    expect(() => to(Number.NaN)).toThrow(MoneyRangeError);
    expect(() => to(Infinity)).toThrow(/not finite/);
    expect(() => to('12abc')).toThrow(/not a number/);
    try {
      toMoneyColumnValue('1e13');
    } catch (e) {
      expect((e as MoneyRangeError).code).toBe('MONEY_OUT_OF_RANGE');
    }
    expect.assertions(6);
  });
});
