import { settleLiaocheng, type LiaochengChainRequest } from './liaocheng-chain';

const person = { birthDate: '1955-01-01', area: '冠县', identities: [{ code: 'poverty_policy' }] };
const base: LiaochengChainRequest = { incidentDate: '2019-06-01', person, hospitalLevel: 1, inPolicyTotal: '10000.00', outsideHomeCounty: false };

describe('Liaocheng settlement chain', () => {
  it.each([
    // (10000 − 200) × 80% = 7840
    { name: 'level 1: 200 deductible, 80%', req: { ...base }, basic: '7840.00' },
    // (10000 − 500) × 70% = 6650
    { name: 'level 2: 500 deductible, 70%', req: { ...base, hospitalLevel: 2 as const }, basic: '6650.00' },
    // (10000 − 900) × 60% = 5460
    { name: 'level 3: 900 deductible, 60%', req: { ...base, hospitalLevel: 3 as const }, basic: '5460.00' },
    // other 6000 − 200 = 5800 × 80% = 4640; essential 4000 × 90% = 3600 → 8240
    { name: 'level 1 essential drugs at 90%, deductible borne by other costs first', req: { ...base, essentialDrugs: '4000.00' }, basic: '8240.00' },
    // other 100, deductible 200 → other 0, essential 9900 − 100 = 9800 × 90% = 8820
    { name: 'level 1 when the deductible exceeds the other costs', req: { ...base, essentialDrugs: '9900.00' }, basic: '8820.00' },
  ])('$name', ({ req, basic }) => {
    expect(settleLiaocheng(req).steps[0].amount).toBe(basic);
  });

  it('medical assistance is 70% of in-policy self-pay, at most 15000 a year', () => {
    // level 3, 100000: basic 59460, self-pay 40540 × 70% = 28378 → capped at 15000
    const r = settleLiaocheng({ ...base, hospitalLevel: 3, inPolicyTotal: '100000.00' });
    expect(r.steps[3].amount).toBe('15000.00');
    // in-policy burden 25540 − 10000 (10% line) → supplement 15540; burden ends at 10000 = 10%
    expect(r.supplement.payout).toBe('15540.00');
    expect(r.inPolicyBurden).toBe('10000.00');
    expect(r.burdenPercent).toBe('10.00');
  });

  it('without a referral outside the home county, no supplement', () => {
    const r = settleLiaocheng({ ...base, hospitalLevel: 3, inPolicyTotal: '100000.00', outsideHomeCounty: true, referral: 'none' });
    expect(r.supplement.covered).toBe(false);
    expect(r.supplement.reasons.find((x) => !x.ok)?.code).toBe('NO_REFERRAL');
  });

  it('an emergency referral within 3 days of admission counts; on day 4 it does not', () => {
    const req = { ...base, hospitalLevel: 3 as const, inPolicyTotal: '100000.00', outsideHomeCounty: true, referral: 'emergency_after' as const, admissionDate: '2019-06-01' };
    expect(settleLiaocheng({ ...req, referralDate: '2019-06-04' }).supplement.covered).toBe(true);
    expect(settleLiaocheng({ ...req, referralDate: '2019-06-05' }).supplement.reasons.find((x) => !x.ok)?.code).toBe('REFERRAL_TOO_LATE');
  });

  it('refuses bad input naming the field', () => {
    expect(() => settleLiaocheng({ ...base, hospitalLevel: 4 as 1 })).toThrow(expect.objectContaining({ field: 'hospitalLevel' }));
    expect(() => settleLiaocheng({ ...base, essentialDrugs: '10000.01' })).toThrow(expect.objectContaining({ field: 'essentialDrugs' }));
    expect(() => settleLiaocheng({ ...base, inPolicyTotal: '-5' })).toThrow(expect.objectContaining({ code: 'NEGATIVE_AMOUNT' }));
  });
});
