/**
 * Runs every hand-computed case of ./cases/*.cases.ts through `estimate`, and for every covered case
 * checks that the breakdown lines' amounts add up exactly (decimal, not float) to the payout.
 */
import { D } from '../../core/money';
import { checkEligibility } from '../eligibility';
import { estimate, type EstimateResult } from '../estimate';
import type { EstimateCase } from './cases/case';
import { CHONGQING_CASES } from './cases/chongqing.cases';
import { JINCHENG_CASES } from './cases/jincheng.cases';
import { LIAOCHENG_CASES } from './cases/liaocheng.cases';
import { MINHANG_CASES } from './cases/minhang.cases';
import { ZHUMADIAN_CASES } from './cases/zhumadian.cases';

const SUITES: [string, EstimateCase[]][] = [
  ['chongqing', CHONGQING_CASES],
  ['zhumadian', ZHUMADIAN_CASES],
  ['liaocheng', LIAOCHENG_CASES],
  ['jincheng', JINCHENG_CASES],
  ['minhang', MINHANG_CASES],
];

function breakdownSum(r: EstimateResult): string {
  return r.breakdown.reduce((s, l) => (l.amount === undefined ? s : s.plus(new D(l.amount))), new D(0)).toFixed(2);
}

function failing(r: EstimateResult): string[] {
  return r.reasons.filter((x) => !x.ok).map((x) => x.code);
}

describe.each(SUITES)('%s cases', (_scheme, cases) => {
  it('has unique case names', () => {
    const names = cases.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const r = estimate(c.request, { explain: true });
    expect({ covered: r.covered, failing: failing(r) }).toMatchObject({ covered: c.expect.covered });
    if (c.expect.covered) {
      expect(r.payout).toBe(c.expect.payout);
      expect(failing(r).filter((code) => code !== 'CATEGORY_EXCLUDED' && code !== 'COVER_NOT_STARTED' && code !== 'DISABILITY_CARD_INVALID')).toEqual([]);
      expect(breakdownSum(r)).toBe(r.payout);
      expect(r.breakdown.some((l) => l.amount !== undefined)).toBe(true);
      // Bulk recomputation gives the same answer.
      const quiet = estimate(c.request, { explain: false });
      expect(quiet.payout).toBe(r.payout);
      expect(quiet.covered).toBe(true);
      expect(quiet.breakdown).toEqual([]);
    } else {
      expect(r.payout).toBe('0.00');
      expect(r.breakdown).toEqual([]);
      expect(r.ledger).toBeUndefined();
      expect(failing(r)).toContain(c.expect.reasonCode);
    }
  });
});

describe('case data', () => {
  it('every case states a payout when covered and a reason code when not', () => {
    for (const [, cases] of SUITES) {
      for (const c of cases) {
        if (c.expect.covered) expect(c.expect.payout).toMatch(/^\d+\.\d{2}$/);
        else expect(typeof c.expect.reasonCode).toBe('string');
      }
    }
  });
});

describe('Chongqing: several identities, one enrolment; routing to the district insurer', () => {
  const p = (area: string, codes: string[]) => ({ birthDate: '1975-06-01', area, identities: codes.map((code) => ({ code })) });

  it('a 低保 + 特困 + 孤儿 person is enrolled once (one eligibility, one payout)', () => {
    const e = checkEligibility(p('渝中区', ['dibao', 'tekun', 'orphan']), 'cq-hmjkb', '2024-06-15');
    expect(e.eligible).toBe(true);
    expect(e.qualifyingCategories.sort()).toEqual(['dibao', 'orphan', 'tekun']);
    expect(e.reasons.filter((r) => r.ok && r.code === 'ENROLLED_ONCE')).toHaveLength(1);
  });

  it('优抚 + 伤残人民警察 + 低保 qualifies through 低保 only', () => {
    const e = checkEligibility(p('渝中区', ['youfu_regular', 'disabled_police', 'dibao']), 'cq-hmjkb', '2024-06-15');
    expect(e.eligible).toBe(true);
    expect(e.qualifyingCategories).toEqual(['dibao']);
  });

  it.each([
    ['渝中区', 'cq-ancheng'],
    ['万盛经开区', 'cq-ancheng'],
    ['两江新区', 'cq-cpic'],
    ['奉节县', 'cq-cpic'],
    ['渝北区', 'cq-chinalife'],
    ['城口县', 'cq-chinalife'],
    ['九龙坡区', 'cq-tianan'],
    ['彭水县', 'cq-tianan'],
    ['巴南区', 'cq-sinosig'],
    ['巫山县', 'cq-sinosig'],
  ])('%s is served by %s (附件1)', (area, insurer) => {
    const r = estimate({ schemeId: 'cq-hmjkb', benefitId: 'accident_death', incidentDate: '2024-06-15', person: p(area, ['dibao']) });
    expect(r.covered).toBe(true);
    expect(r.insurer?.id).toBe(insurer);
  });
});
