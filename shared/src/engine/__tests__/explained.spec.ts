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
  it('either side of every place where the printing changes (1,000 and 1,000,000 yuan, from the tables to the general way)', () => {
    for (const yuan of [0n, 1n, 999n, 1000n, 1001n, 999_999n, 1_000_000n, 1_000_001n, 123_456n, 100_000n, 999_000n]) {
      for (const dp of [2, 3, 4, 6]) {
        const one = 10n ** BigInt(dp);
        for (const n of [yuan * one, yuan * one - 1n, yuan * one + 1n, yuan * one + one / 2n]) {
          for (const signed of [n, -n]) {
            expect(exactOf(Number(signed), dp)).toBe(fmtExact(value(signed, dp)));
            expect(yuanOf(Number(signed), dp)).toBe(fmtYuan(value(signed, dp)));
          }
        }
      }
    }
  });
  it('an amount printed again, or the same integer at another scale, prints as it should (yuanOf remembers its last few)', () => {
    const seq: [number, number, string][] = [
      [123456, 2, '1,234.56'], [123456, 3, '123.456'], [123456, 2, '1,234.56'], [-123456, 2, '-1,234.56'],
      [0, 2, '0.00'], [123456, 4, '12.3456'], [7, 2, '0.07'], [123456, 3, '123.456'], [123456, 2, '1,234.56'], [-0, 2, '0.00'],
    ];
    for (const [n, dp, want] of seq) expect(yuanOf(n, dp)).toBe(want);
  });
  it('on random amounts up to ten million yuan, 2..4 decimals', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 11), max: 10 ** 11 }), fc.integer({ min: 2, max: 4 }), (n, dp) => {
        expect(exactOf(n, dp)).toBe(fmtExact(value(BigInt(n), dp)));
        expect(yuanOf(n, dp)).toBe(fmtYuan(value(BigInt(n), dp)));
      }),
      { numRuns: 20000 },
    );
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
