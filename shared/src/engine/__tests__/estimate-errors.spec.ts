/**
 * Bad requests: the engine throws an EngineError naming the field at fault — it never answers a bad
 * request with a number. An incident outside every version is not an error but "not covered", with
 * that reason (POLICY_READINGS.md: "an incident outside every version's period is 'not covered', with that reason").
 */
import { EngineError } from '../../core/errors';
import { estimate, type EstimateRequest } from '../estimate';

const CQ_PERSON = { birthDate: '1975-06-01', area: '渝中区', identities: [{ code: 'dibao' }] };
const CRITICAL: EstimateRequest = {
  schemeId: 'cq-hmjkb',
  benefitId: 'critical_supplement',
  incidentDate: '2024-06-15',
  person: CQ_PERSON,
  facts: { outOfCatalogueSelfPay: '5000' },
};
const DISABILITY: EstimateRequest = { schemeId: 'cq-hmjkb', benefitId: 'accident_disability', incidentDate: '2024-06-15', person: CQ_PERSON, facts: { grade: 5 } };
const LC_SUPPLEMENT: EstimateRequest = {
  schemeId: 'lc-fpthb',
  benefitId: 'medical_supplement',
  incidentDate: '2019-05-10',
  person: { birthDate: '1960-03-03', area: '东昌府区', identities: [{ code: 'poverty_policy' }] },
  facts: { inPolicyTotal: '10000', inPolicyBurden: '3000', outsideHomeCounty: false },
};

/** Runs the request; it must throw an EngineError (and never return a result). */
function thrown(req: unknown): EngineError {
  let result: unknown;
  try {
    result = estimate(req as EstimateRequest);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error(`expected an EngineError, got a result: ${JSON.stringify((result as { payout?: string }).payout)}`);
}

function expectError(req: unknown, code: string, field: string): void {
  const e = thrown(req);
  expect({ code: e.code, field: e.field }).toEqual({ code, field });
  expect(e.message.length).toBeGreaterThan(0);
  expect(e.toJSON()).toMatchObject({ code, field });
}

describe('unknown scheme and benefit', () => {
  it('unknown scheme → UNKNOWN_SCHEME on schemeId', () => expectError({ ...CRITICAL, schemeId: 'no-such-scheme' }, 'UNKNOWN_SCHEME', 'schemeId'));
  it('scheme id of the wrong type → UNKNOWN_SCHEME on schemeId', () => expectError({ ...CRITICAL, schemeId: 42 }, 'UNKNOWN_SCHEME', 'schemeId'));
  it('unknown benefit → UNKNOWN_BENEFIT on benefitId', () => expectError({ ...CRITICAL, benefitId: 'dental' }, 'UNKNOWN_BENEFIT', 'benefitId'));
  it('a benefit of another scheme → UNKNOWN_BENEFIT', () => expectError({ ...CRITICAL, benefitId: 'huhuibao_subsidy' }, 'UNKNOWN_BENEFIT', 'benefitId'));
  it('unknown benefit with a date outside every version is still UNKNOWN_BENEFIT', () =>
    expectError({ ...CRITICAL, benefitId: 'dental', incidentDate: '2030-01-01' }, 'UNKNOWN_BENEFIT', 'benefitId'));
  it('an empty request → MISSING_FIELD', () => {
    const e = thrown(null);
    expect(e.code).toBe('MISSING_FIELD');
  });
});

describe('malformed amounts → INVALID_AMOUNT naming facts.<name>', () => {
  it.each<[string, unknown]>([
    ['thousands separator', '12,000'],
    ['exponent', '1e5'],
    ['letters', 'abc'],
    ['three decimals (number)', 12.345],
    ['three decimals (string)', '12.345'],
    ['13 integer digits', '1234567890123'],
    ['empty-looking', '.'],
    ['full-width digits', '１２３'],
    ['yuan sign', '¥100'],
    ['a boolean', true],
    ['an object', { amount: 100 }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('%s (%p)', (_what, value) => {
    expectError({ ...CRITICAL, facts: { outOfCatalogueSelfPay: value } }, 'INVALID_AMOUNT', 'facts.outOfCatalogueSelfPay');
  });

  it('the message names the fact by its label, as the user saw it, not by its path', () => {
    for (const [value, text] of [['12,000', '金额格式不对'], [true, '应为金额'], ['-5', '不能为负数']] as const) {
      const e = thrown({ ...CRITICAL, facts: { outOfCatalogueSelfPay: value } });
      expect(e.field).toBe('facts.outOfCatalogueSelfPay');
      expect(e.message).toContain('医保目录外');
      expect(e.message).toContain(text);
      expect(e.message).not.toContain('facts.');
    }
  });

  it('in a burden-cap benefit the faulty fact is named', () => {
    expectError({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, inPolicyBurden: '1e5' } }, 'INVALID_AMOUNT', 'facts.inPolicyBurden');
    expectError({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, inPolicyTotal: '12,000' } }, 'INVALID_AMOUNT', 'facts.inPolicyTotal');
  });

  it('malformed used.base / used.paid are named', () => {
    expectError({ ...CRITICAL, used: { base: '1,000' } }, 'INVALID_AMOUNT', 'used.base');
    expectError({ ...CRITICAL, used: { paid: 'abc' } }, 'INVALID_AMOUNT', 'used.paid');
  });

  it('the largest valid amount (12 integer digits, 2 decimals) is accepted', () => {
    const r = estimate({ ...CRITICAL, facts: { outOfCatalogueSelfPay: '999999999999.99' } });
    expect(r.payout).toBe('150000.00');
  });
});

describe('negative money → NEGATIVE_AMOUNT', () => {
  it.each<[string, unknown]>([
    ['string', '-0.01'],
    ['number', -100],
  ])('%s', (_w, value) => expectError({ ...CRITICAL, facts: { outOfCatalogueSelfPay: value } }, 'NEGATIVE_AMOUNT', 'facts.outOfCatalogueSelfPay'));
  it('negative used.paid', () => expectError({ ...CRITICAL, used: { paid: '-1' } }, 'NEGATIVE_AMOUNT', 'used.paid'));
  it('negative in-policy burden', () => expectError({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, inPolicyBurden: '-5' } }, 'NEGATIVE_AMOUNT', 'facts.inPolicyBurden'));
});

describe('facts the benefit does not take, or lacks', () => {
  it('a fact the benefit does not take → INVALID_FIELD on it', () =>
    expectError({ ...CRITICAL, facts: { outOfCatalogueSelfPay: '5000', grade: 3 } }, 'INVALID_FIELD', 'facts.grade'));
  it('a fact on a benefit that takes none → INVALID_FIELD', () =>
    expectError({ schemeId: 'cq-hmjkb', benefitId: 'accident_death', incidentDate: '2024-06-15', person: CQ_PERSON, facts: { medicalCost: '10' } }, 'INVALID_FIELD', 'facts.medicalCost'));
  it('missing required money fact → MISSING_FIELD', () => expectError({ ...CRITICAL, facts: {} }, 'MISSING_FIELD', 'facts.outOfCatalogueSelfPay'));
  it('no facts at all → MISSING_FIELD', () => expectError({ ...CRITICAL, facts: undefined }, 'MISSING_FIELD', 'facts.outOfCatalogueSelfPay'));
  it('empty string counts as missing', () => expectError({ ...CRITICAL, facts: { outOfCatalogueSelfPay: '' } }, 'MISSING_FIELD', 'facts.outOfCatalogueSelfPay'));
  it('missing grade → MISSING_FIELD', () => expectError({ ...DISABILITY, facts: {} }, 'MISSING_FIELD', 'facts.grade'));
  it('Zhumadian disability without a grade → MISSING_FIELD facts.grade (death needs none)', () => {
    const req = {
      schemeId: 'zmd-yymsh',
      benefitId: 'heroic_death_disability',
      incidentDate: '2019-09-10',
      person: { birthDate: '1980-05-05', area: '驿城区', identities: [], registeredResident: true },
    };
    expectError({ ...req, facts: { inCity: true, recognised: true, outcome: 'disability' } }, 'MISSING_FIELD', 'facts.grade');
    expect(estimate({ ...req, facts: { inCity: true, recognised: true, outcome: 'death' } }).payout).toBe('200000.00');
  });
  it('missing required boolean (Liaocheng outsideHomeCounty) → MISSING_FIELD', () => {
    const { outsideHomeCounty: _drop, ...facts } = LC_SUPPLEMENT.facts as Record<string, unknown>;
    expectError({ ...LC_SUPPLEMENT, facts }, 'MISSING_FIELD', 'facts.outsideHomeCounty');
  });
  it('enum value outside its options → INVALID_FIELD', () =>
    expectError({ schemeId: 'cq-hmjkb', benefitId: 'admission_grant', incidentDate: '2024-09-05', person: CQ_PERSON, facts: { level: 'boshi', exam: 'postgraduate', fullTime: true } }, 'INVALID_FIELD', 'facts.level'));
  it('boolean given as a string → INVALID_FIELD', () =>
    expectError({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, outsideHomeCounty: 'false' } }, 'INVALID_FIELD', 'facts.outsideHomeCounty'));
  it('facts as an array → INVALID_FIELD on facts', () => expectError({ ...CRITICAL, facts: ['5000'] }, 'INVALID_FIELD', 'facts'));
  it('with several faults, the one reported is the first in the order the checks go: unknown facts, then each declared fact in turn', () => {
    // The bad amount comes first in the object, the unknown fact after it: the unknown fact is reported.
    expectError({ ...CRITICAL, facts: { outOfCatalogueSelfPay: 'abc', grade: 3 } }, 'INVALID_FIELD', 'facts.grade');
    // Two bad amounts, given in the opposite order to the benefit's own: the one it declares first is reported.
    expectError({ ...LC_SUPPLEMENT, facts: { outsideHomeCounty: false, inPolicyBurden: 'x', inPolicyTotal: 'y' } }, 'INVALID_AMOUNT', 'facts.inPolicyTotal');
    // A bad value before a missing required fact (declared before it): the bad value.
    expectError({ ...LC_SUPPLEMENT, facts: { inPolicyTotal: '-1' } }, 'NEGATIVE_AMOUNT', 'facts.inPolicyTotal');
  });
  it('facts in an object without a prototype, or inherited from one, are read as in a plain object', () => {
    const plain = estimate({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, inPolicyBurden: '3500' } });
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, LC_SUPPLEMENT.facts, { inPolicyBurden: '3500' });
    expect(estimate({ ...LC_SUPPLEMENT, facts: bare })).toEqual(plain);
    const inherited = Object.assign(Object.create({ inPolicyBurden: '3500' }) as Record<string, unknown>, { inPolicyTotal: '10000', outsideHomeCounty: false });
    expect(estimate({ ...LC_SUPPLEMENT, facts: inherited })).toEqual(plain);
    expect(plain.payout).toBe('2500.00');
    // An inherited fact is checked too.
    expectError({ ...LC_SUPPLEMENT, facts: Object.assign(Object.create({ inPolicyBurden: 'x' }) as Record<string, unknown>, { inPolicyTotal: '10000', outsideHomeCounty: false }) }, 'INVALID_AMOUNT', 'facts.inPolicyBurden');
  });
  it('in-policy burden above the in-policy total → INVALID_FIELD', () =>
    expectError({ ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, inPolicyTotal: '1000', inPolicyBurden: '1000.01' } }, 'INVALID_FIELD', 'facts.inPolicyBurden'));
});

describe('grades', () => {
  it.each<[unknown]>([[0], [11], [2.5], [-1], ['5'], [Number.NaN]])('grade %p → INVALID_FIELD on facts.grade', (grade) =>
    expectError({ ...DISABILITY, facts: { grade } }, 'INVALID_FIELD', 'facts.grade'));
  it('grades 1 and 10 are accepted', () => {
    expect(estimate({ ...DISABILITY, facts: { grade: 1 } }).payout).toBe('30000.00');
    expect(estimate({ ...DISABILITY, facts: { grade: 10 } }).payout).toBe('3000.00');
  });
});

describe('dates', () => {
  it.each(['2024-02-30', '2023-02-29', '2024-13-01', '2024-00-10', '2024-6-15', '15/06/2024', '2024-06-15T00:00:00', ''])('incidentDate %p → INVALID_DATE', (d) =>
    expectError({ ...CRITICAL, incidentDate: d }, 'INVALID_DATE', 'incidentDate'));
  it('incidentDate missing → INVALID_DATE', () => expectError({ ...CRITICAL, incidentDate: undefined }, 'INVALID_DATE', 'incidentDate'));
  it('2024-02-29 (leap year) is a real date', () => expect(estimate({ ...CRITICAL, incidentDate: '2024-02-29' }).covered).toBe(true));
  it('bad birth date → INVALID_DATE on person.birthDate', () =>
    expectError({ ...CRITICAL, person: { ...CQ_PERSON, birthDate: '1975-02-30' } }, 'INVALID_DATE', 'person.birthDate'));
  it('bad referral date → INVALID_DATE on facts.referralDate', () =>
    expectError(
      { ...LC_SUPPLEMENT, facts: { ...LC_SUPPLEMENT.facts, outsideHomeCounty: true, referral: 'emergency_after', admissionDate: '2019-05-10', referralDate: '2019-05-32' } },
      'INVALID_DATE',
      'facts.referralDate',
    ));
});

describe('person', () => {
  it('no person → MISSING_FIELD person', () => expectError({ ...CRITICAL, person: undefined }, 'MISSING_FIELD', 'person'));
  it('no area → MISSING_FIELD person.area', () => expectError({ ...CRITICAL, person: { ...CQ_PERSON, area: '' } }, 'MISSING_FIELD', 'person.area'));
  it('identities not a list → MISSING_FIELD person.identities', () =>
    expectError({ ...CRITICAL, person: { ...CQ_PERSON, identities: 'dibao' } }, 'MISSING_FIELD', 'person.identities'));
  it('identity without code → INVALID_FIELD', () =>
    expectError({ ...CRITICAL, person: { ...CQ_PERSON, identities: [{}] } }, 'INVALID_FIELD', 'person.identities[0].code'));
  it('used counts must be non-negative integers', () => {
    expectError({ ...CRITICAL, used: { claimsThisYear: -1 } }, 'INVALID_FIELD', 'used.claimsThisYear');
    expectError({ ...CRITICAL, used: { claimsEver: 1.5 } }, 'INVALID_FIELD', 'used.claimsEver');
  });
});

describe('an incident outside every version: not covered, with that reason', () => {
  it.each([
    ['cq-hmjkb', 'critical_supplement', '2026-01-01', { outOfCatalogueSelfPay: '5000' }],
    ['cq-hmjkb', 'critical_supplement', '2023-12-31', { outOfCatalogueSelfPay: '5000' }],
    ['jc-fpzhbx', 'inpatient', '2029-01-01', { selfPayAfterOthers: '12000' }],
    ['lc-fpthb', 'accident_death', '2020-01-01', undefined],
    ['zmd-yymsh', 'heroic_act', '2020-07-01', { inCity: true, recognised: true }],
    ['mh-huhuibao', 'huhuibao_subsidy', '2025-06-15', { policyNo: 'x', purchaseDate: '2025-06-10', policyIssued: true, groupPolicy: false, viaMinhangLink: true }],
  ] as const)('%s %s on %s', (schemeId, benefitId, incidentDate, facts) => {
    const r = estimate({ schemeId, benefitId, incidentDate, person: { birthDate: '1970-01-01', area: 'x', identities: [] }, ...(facts ? { facts } : {}) });
    expect(r.covered).toBe(false);
    expect(r.payout).toBe('0.00');
    expect(r.breakdown).toEqual([]);
    const reason = r.reasons.find((x) => !x.ok && x.code === 'NO_VERSION_IN_FORCE');
    expect(reason).toBeDefined();
    expect(reason!.field).toBe('incidentDate');
    expect(reason!.message).toContain(incidentDate);
  });

  it('a bad date is still an error, not "not covered"', () => expectError({ ...CRITICAL, incidentDate: '2029-02-30' }, 'INVALID_DATE', 'incidentDate'));
});

describe('a bad request is an error even when the person would not be covered', () => {
  it('malformed facts with an incident outside every version → INVALID_AMOUNT, not "not covered"', () =>
    expectError({ ...CRITICAL, incidentDate: '2026-01-01', facts: { outOfCatalogueSelfPay: 'abc' } }, 'INVALID_AMOUNT', 'facts.outOfCatalogueSelfPay'));
  it('an unknown fact with an incident outside every version → INVALID_FIELD', () =>
    expectError({ ...CRITICAL, incidentDate: '2026-01-01', facts: { outOfCatalogueSelfPay: '1', bogus: 1 } }, 'INVALID_FIELD', 'facts.bogus'));
  it('a disability without a grade for a 新蔡县 person → MISSING_FIELD facts.grade', () =>
    expectError(
      {
        schemeId: 'zmd-yymsh',
        benefitId: 'disaster_death_disability',
        incidentDate: '2019-08-01',
        person: { birthDate: '1970-01-01', area: '新蔡县', registeredResident: true, identities: [] },
        facts: { disasterType: '水灾', outcome: 'disability' },
      },
      'MISSING_FIELD',
      'facts.grade',
    ));
  it('a burden above the total for a person without the category → INVALID_FIELD', () =>
    expectError({ ...LC_SUPPLEMENT, person: { ...LC_SUPPLEMENT.person, identities: [] }, facts: { ...LC_SUPPLEMENT.facts, inPolicyTotal: '100.00', inPolicyBurden: '100.01' } }, 'INVALID_FIELD', 'facts.inPolicyBurden'));
  it('an unknown identity category → INVALID_FIELD naming it', () =>
    expectError({ ...CRITICAL, person: { ...CQ_PERSON, identities: [{ code: 'dibao' }, { code: 'millionaire' }] } }, 'INVALID_FIELD', 'person.identities[1].code'));
});
