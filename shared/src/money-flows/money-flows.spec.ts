import { computePremium, coveredMonths } from './premium';
import { computeRiskSharing, warningCrossings, warningsFor } from './risk-sharing';
import { D } from '../core/money';
import { EngineError } from '../core/errors';

type PremiumCase = { name: string; req: Parameters<typeof computePremium>[0]; total: string; byPayer: [string, string][] };

const PREMIUM_CASES: PremiumCase[] = [
  { name: '重庆: 10 per covered month, city civil affairs pays all (120/person·year)', req: { schemeId: 'cq-hmjkb', year: '2024', area: '渝中区', personMonths: 12 }, total: '120.00', byPayer: [['重庆市民政局', '120.00']] },
  { name: '重庆: confirmed in March → 10 months = 100', req: { schemeId: 'cq-hmjkb', year: '2025', area: '巫山县', personMonths: coveredMonths('2025-03-01', '2025-12-31') }, total: '100.00', byPayer: [['重庆市民政局', '100.00']] },
  { name: '驻马店: 1 per resident, paid by the county', req: { schemeId: 'zmd-yymsh', year: '2019', area: '驿城区', persons: 812345 }, total: '812345.00', byPayer: [['驿城区财政', '812345.00']] },
  {
    name: '聊城: medical 150 (province 100, city 20, county 30), accident 10 and property 10/household from the province',
    req: { schemeId: 'lc-fpthb', year: '2019', area: '莘县', persons: 1000, households: 400 },
    total: '164000.00',
    byPayer: [['省级财政', '114000.00'], ['市级财政', '20000.00'], ['县级财政', '30000.00']],
  },
  { name: '晋城 泽州县 3:7 on 100/person + 30/household', req: { schemeId: 'jc-fpzhbx', year: '2026', area: '泽州县', persons: 1000, households: 350 }, total: '110500.00', byPayer: [['市级财政', '33150.00'], ['县级财政', '77350.00']] },
  { name: '晋城 城区 5:5 (区级)', req: { schemeId: 'jc-fpzhbx', year: '2028', area: '城区', persons: 10, households: 3 }, total: '1090.00', byPayer: [['市级财政', '545.00'], ['区级财政', '545.00']] },
  { name: '闵行 街道: district 100%', req: { schemeId: 'mh-huhuibao', year: '2024', area: '古美路街道', subsidies: 9000 }, total: '1161000.00', byPayer: [['区级财政', '1161000.00']] },
  { name: '闵行 镇: 35:65 (the document: 30000 × 129 × 0.35 = 1354500)', req: { schemeId: 'mh-huhuibao', year: '2024', area: '莘庄镇', subsidies: 30000 }, total: '3870000.00', byPayer: [['区级财政', '1354500.00'], ['镇级财政', '2515500.00']] },
  { name: '闵行 莘庄工业区: 35:65', req: { schemeId: 'mh-huhuibao', year: '2023', area: '莘庄工业区', subsidies: 1 }, total: '129.00', byPayer: [['区级财政', '45.15'], ['莘庄工业区', '83.85']] },
];

describe('premiums and who pays them', () => {
  it.each(PREMIUM_CASES)('$name', ({ req, total, byPayer }) => {
    const r = computePremium(req);
    expect(r.total).toBe(total);
    expect(r.byPayer.map((p) => [p.payer, p.amount])).toEqual(byPayer);
    for (const item of r.items) {
      const sum = item.payers.reduce((a, p) => a.plus(p.amount), new D(0));
      expect(sum.toFixed(2)).toBe(item.amount);
    }
  });

  it('refuses an unknown year, an area outside the scheme, and negative counts, naming the field', () => {
    expect(() => computePremium({ schemeId: 'cq-hmjkb', year: '2026', area: '渝中区', personMonths: 1 })).toThrow(expect.objectContaining({ code: 'NO_VERSION_IN_FORCE', field: 'year' }));
    expect(() => computePremium({ schemeId: 'zmd-yymsh', year: '2019', area: '新蔡县', persons: 1 })).toThrow(expect.objectContaining({ field: 'area' }));
    expect(() => computePremium({ schemeId: 'zmd-yymsh', year: '2019', area: '驿城区', persons: -1 })).toThrow(EngineError);
    expect(() => computePremium({ schemeId: 'zmd-yymsh', year: '2019', area: '驿城区', persons: 1.5 })).toThrow(expect.objectContaining({ field: 'persons' }));
  });

  it('counts covered months from the 1st of the confirmed month', () => {
    expect(coveredMonths('2024-01-01', '2024-12-31')).toBe(12);
    expect(coveredMonths('2024-12-01', '2024-12-31')).toBe(1);
    expect(coveredMonths('2024-07-01', '2025-12-31')).toBe(18);
  });
});

type RiskCase = { name: string; req: Parameters<typeof computeRiskSharing>[0]; expect: Record<string, unknown> };

const P = '1000000.00';
const RISK_CASES: RiskCase[] = [
  // 驻马店: C < 85% P → 85% P − C back to the county; otherwise insurer min(C − 85%P, 15%P), county C − P.
  { name: '驻马店 84.99% → refund 100.00', req: { schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '849900.00' }, expect: { refundToGovernment: '100.00', insurerBears: undefined } },
  { name: '驻马店 exactly 85% (达到) → insurer 0, no refund', req: { schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '850000.00' }, expect: { refundToGovernment: undefined, insurerBears: '0.00', governmentTopUp: '0.00' } },
  { name: '驻马店 95% → insurer 100000.00', req: { schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '950000.00' }, expect: { insurerBears: '100000.00', governmentTopUp: '0.00' } },
  { name: '驻马店 100% → insurer 150000.00 (15% 含)', req: { schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '1000000.00' }, expect: { insurerBears: '150000.00', governmentTopUp: '0.00' } },
  { name: '驻马店 100.01% → county tops up 100.00', req: { schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '1000100.00' }, expect: { insurerBears: '150000.00', governmentTopUp: '100.00' } },
  // 晋城: < 80% (不含) carry (80% − ratio) × P; > 120% (不含) government bears C − 120% P.
  { name: '晋城 79.99% → carry 100.00', req: { schemeId: 'jc-fpzhbx', year: '2026', premium: P, paid: '700000.00', reported: '99900.00' }, expect: { carryForward: '100.00', lossRatioPercent: '79.99' } },
  { name: '晋城 exactly 80% → no carry', req: { schemeId: 'jc-fpzhbx', year: '2026', premium: P, paid: '800000.00' }, expect: { carryForward: undefined, governmentBears: undefined } },
  { name: '晋城 exactly 120% → government bears nothing', req: { schemeId: 'jc-fpzhbx', year: '2027', premium: P, paid: '1200000.00' }, expect: { governmentBears: undefined } },
  { name: '晋城 120.01% 陵川县 → 100.00 split 5:5', req: { schemeId: 'jc-fpzhbx', year: '2028', premium: P, paid: '1200100.00', area: '陵川县' }, expect: { governmentBears: '100.00', governmentSplit: [{ payer: '市级财政', share: '0.5', amount: '50.00' }, { payer: '县级财政', share: '0.5', amount: '50.00' }] } },
];

describe('risk sharing', () => {
  it.each(RISK_CASES)('$name', ({ req, expect: want }) => {
    const r = computeRiskSharing(req) as unknown as Record<string, unknown>;
    for (const [k, v] of Object.entries(want)) expect(r[k]).toEqual(v);
  });

  it('warning levels are strictly above 80% and 100%', () => {
    expect(warningsFor('jc-fpzhbx', '2026', new D('0.80'))).toEqual([]);
    expect(warningsFor('jc-fpzhbx', '2026', new D('0.8001')).map((w) => w.level)).toEqual(['insurer_reports_to_county']);
    expect(warningsFor('jc-fpzhbx', '2026', new D('1.00')).map((w) => w.level)).toEqual(['insurer_reports_to_county']);
    expect(warningsFor('jc-fpzhbx', '2026', new D('1.0001')).map((w) => w.level)).toEqual(['insurer_reports_to_county', 'county_investigates']);
    expect(warningsFor('jc-fpzhbx', '2026', new D('1.0001'))[1].notify).toEqual(['county', 'city', 'insurer']);
  });

  it('reports a crossing once, when the ratio moves over a level', () => {
    expect(warningCrossings('jc-fpzhbx', '2026', '0.79', '0.81').map((w) => w.level)).toEqual(['insurer_reports_to_county']);
    expect(warningCrossings('jc-fpzhbx', '2026', '0.81', '0.95')).toEqual([]);
    expect(warningCrossings('jc-fpzhbx', '2026', '0.50', '1.10').map((w) => w.level)).toEqual(['insurer_reports_to_county', 'county_investigates']);
    expect(warningsFor('zmd-yymsh', '2019', new D('2'))).toEqual([]);
  });

  it('refuses a zero premium and schemes without risk sharing', () => {
    expect(() => computeRiskSharing({ schemeId: 'jc-fpzhbx', year: '2026', premium: '0', paid: '1' })).toThrow(expect.objectContaining({ field: 'premium' }));
    expect(() => computeRiskSharing({ schemeId: 'cq-hmjkb', year: '2024', premium: P, paid: '1' })).toThrow(expect.objectContaining({ field: 'schemeId' }));
    expect(() => computeRiskSharing({ schemeId: 'zmd-yymsh', year: '2019', premium: P, paid: '-1' })).toThrow(expect.objectContaining({ code: 'NEGATIVE_AMOUNT', field: 'paid' }));
  });
});
