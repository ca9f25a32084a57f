/**
 * The prepared path's scheme index (registry.ts: schemeIndex, versionAt, yearAt, benefitIn) answers what getScheme,
 * findVersion, insuranceYearOn and getBenefit answer; isoDateKey orders dates as their strings do.
 */
import { addDays, isIsoDate, isoDateKey } from '../../core/dates';
import { EngineError } from '../../core/errors';
import { benefitIn, findVersion, getBenefit, getScheme, insuranceYearOn, SCHEMES, schemeIndex, versionAt, yearAt } from '../registry';

describe('isoDateKey', () => {
  it.each([
    ['2025-03-10', 20250310],
    ['2024-02-29', 20240229],
    ['2000-02-29', 20000229],
    ['0001-01-01', 10101],
    ['9999-12-31', 99991231],
  ])('%s → %d', (s, key) => {
    expect(isoDateKey(s)).toBe(key);
    expect(isIsoDate(s)).toBe(true);
  });

  it.each(['2025-02-29', '1900-02-29', '2025-13-01', '2025-00-10', '2025-04-31', '2025-3-10', '2025/03/10', '20250310', ' 2025-03-1', '２０２５-03-10', '', null, undefined, 20250310, {}])(
    '%p → -1, and isIsoDate says no',
    (v) => {
      expect(isoDateKey(v)).toBe(-1);
      expect(isIsoDate(v)).toBe(false);
    },
  );

  it('orders 3,000 consecutive days as their strings do', () => {
    let prev = '2023-12-25';
    for (let i = 1; i < 3000; i++) {
      const d = addDays('2023-12-25', i);
      expect(isoDateKey(d)).toBeGreaterThan(isoDateKey(prev));
      expect(d > prev).toBe(true);
      prev = d;
    }
  });
});

describe('scheme index', () => {
  it.each(SCHEMES.map((s) => [s.id, s] as const))('%s: the same version and year as findVersion and insuranceYearOn on every day', (id, scheme) => {
    const ix = schemeIndex(id);
    expect(ix.scheme).toBe(getScheme(id));
    const first = scheme.versions[0].effective.from;
    const last = scheme.versions[scheme.versions.length - 1].effective.to;
    let checked = 0;
    for (let d = addDays(first, -3); d <= addDays(last, 3); d = addDays(d, 1)) {
      const vx = versionAt(ix, isoDateKey(d));
      const v = findVersion(scheme, d);
      expect(vx?.version).toBe(v);
      if (v && vx) {
        expect(yearAt(vx, isoDateKey(d))).toBe(insuranceYearOn(v, d));
        for (const b of v.benefits) expect(benefitIn(vx, b.id)).toBe(getBenefit(v, b.id));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('an unknown scheme or benefit gives the same errors as getScheme and getBenefit', () => {
    expect(() => schemeIndex('nope')).toThrow(EngineError);
    expect(() => schemeIndex(42)).toThrow(expect.objectContaining({ code: 'UNKNOWN_SCHEME', field: 'schemeId' }));
    const vx = schemeIndex('cq-hmjkb').versions[0];
    expect(() => benefitIn(vx, 'nope')).toThrow(expect.objectContaining({ code: 'UNKNOWN_BENEFIT', field: 'benefitId' }));
    expect(() => benefitIn(vx, undefined)).toThrow(expect.objectContaining({ code: 'UNKNOWN_BENEFIT' }));
  });
});
