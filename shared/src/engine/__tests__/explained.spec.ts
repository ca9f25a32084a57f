/** The integer printers of ./explained.ts print what the decimal printers print for the same value. */
import fc from 'fast-check';
import { D, fmtExact, fmtYuan } from '../../core/money';
import { exactOf, roundToFen, yuanOf } from '../explained';

describe('exactOf / yuanOf print as fmtExact / fmtYuan', () => {
  const value = (n: bigint, dp: number) => new D(n.toString()).dividedBy(new D(10).pow(dp));
  it.each([
    [0n, 2], [5n, 3], [-5n, 3], [100n, 2], [-100n, 2], [123456789n, 2], [1234567890n, 4], [-1234567890n, 4], [10n, 3], [1000n, 6], [7n, 8],
  ])('%s × 10^-%s', (n, dp) => {
    expect(exactOf(Number(n), dp)).toBe(fmtExact(value(n, dp)));
    expect(yuanOf(Number(n), dp)).toBe(fmtYuan(value(n, dp)));
  });
  it('on random safe integers and 2..8 decimals', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(2n ** 53n - 1n), max: 2n ** 53n - 1n }), fc.integer({ min: 2, max: 8 }), (n, dp) => {
        expect(exactOf(Number(n), dp)).toBe(fmtExact(value(n, dp)));
        expect(yuanOf(Number(n), dp)).toBe(fmtYuan(value(n, dp)));
      }),
      { numRuns: 5000 },
    );
  });
});

describe('roundToFen rounds half-up as decimal.js does', () => {
  it('on random values and scales', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 53n - 1n }), fc.integer({ min: 0, max: 6 }), (n, k) => {
        const scale = 10 ** k;
        const want = new D(n.toString()).dividedBy(scale).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
        expect(roundToFen(Number(n), scale)).toBe(want);
      }),
      { numRuns: 5000 },
    );
  });
});
