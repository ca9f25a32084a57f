/**
 * The integer paths — estimate (integers where they fit) and the prepared path (preparePerson + estimateFast) —
 * against the decimal path (estimateDecimal: every amount and every breakdown line in decimal.js): on every hand case and
 * on random requests over all five schemes, the two give the same result — deep-equal and the same JSON (so the
 * same fields in the same order: covered, payout, reasons with their codes and messages, ledger, breakdown…) —
 * or throw the same error. Random requests include bad facts, bad `used`, dates outside every version, people
 * whose identities start or end inside an insurance year (no cached eligibility), amounts too large for the
 * integer arithmetic (the decimal fallback), and one prepared person reused over many claims.
 *
 * Money is generated as integer fen and turned into strings — never floats.
 */
import fc from 'fast-check';
import { addDays, dayNumber } from '../../core/dates';
import { EngineError } from '../../core/errors';
import { D, fenOf, fmt, fmtParam, fmtYuan, formatFen, intText, parseMoney, printedAsFen } from '../../core/money';
import { CATEGORIES } from '../../schemes/categories';
import { SCHEMES } from '../../schemes/registry';
import type { BenefitDef, FactDef, SchemeDefinition } from '../../schemes/types';
import { checkEligibility } from '../eligibility';
import { estimate, estimateDecimal, type EstimateOptions, type EstimateRequest, type EstimateResult, type UsedSoFar } from '../estimate';
import type { PersonFacts, PersonIdentity } from '../person';
import { eligibilityPrepared, estimateFast, preparePerson } from '../prepared';
import type { EstimateCase } from './cases/case';
import { CHONGQING_CASES } from './cases/chongqing.cases';
import { JINCHENG_CASES } from './cases/jincheng.cases';
import { LIAOCHENG_CASES } from './cases/liaocheng.cases';
import { MINHANG_CASES } from './cases/minhang.cases';
import { ZHUMADIAN_CASES } from './cases/zhumadian.cases';

const RUNS = 1000;

type Outcome = { ok: true; result: EstimateResult; json: string } | { ok: false; error: { name: string; code?: string; field?: string; message: string } };

function run(f: () => EstimateResult): Outcome {
  try {
    const result = f();
    return { ok: true, result, json: JSON.stringify(result) };
  } catch (e) {
    const err = e as EngineError;
    return { ok: false, error: { name: err.name, code: err.code, field: err.field, message: err.message } };
  }
}

/** Both paths on one request. A person the engine rejects is rejected by preparePerson, with the same error. */
function expectSame(request: EstimateRequest, options: EstimateOptions): Outcome {
  const want = run(() => estimateDecimal(request, options));
  const viaIntegers = run(() => estimate(request, options));
  expect(viaIntegers).toEqual(want);
  if (viaIntegers.ok && want.ok) expect(viaIntegers.json).toBe(want.json);
  let prepared;
  try {
    prepared = preparePerson(request.person);
  } catch (e) {
    // estimate checks the scheme and the date before the person.
    expect(e).toBeInstanceOf(EngineError);
    if (!want.ok) expect(['UNKNOWN_SCHEME', 'INVALID_DATE', (e as EngineError).code]).toContain(want.error.code);
    else throw new Error(`preparePerson rejected a person estimate accepted: ${(e as Error).message}`);
    return want;
  }
  const { person: _omit, ...rest } = request;
  const got = run(() => estimateFast(prepared, rest, options));
  expect(got).toEqual(want);
  if (got.ok && want.ok) expect(got.json).toBe(want.json);
  return want;
}

const OPTIONS: EstimateOptions[] = [{ explain: false }, { explain: true }, {}];

// ---------------------------------------------------------------- every hand case

const CASES: EstimateCase[] = [...CHONGQING_CASES, ...ZHUMADIAN_CASES, ...LIAOCHENG_CASES, ...JINCHENG_CASES, ...MINHANG_CASES];

describe('hand cases: estimate and estimateFast equal estimateDecimal', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_n, c) => {
    for (const o of OPTIONS) expectSame(c.request, o);
  });
});

describe('hand cases with amounts beyond the integer limit (the decimal fallback) agree too', () => {
  const HUGE = ['999999999999.99', '123456789012.34', '90071992547.41', '500000000000'];
  it.each(CASES.filter((c) => Object.values(c.request.facts ?? {}).some((v) => typeof v === 'string' && /^\d+(\.\d+)?$/.test(v))).map((c) => [c.name, c] as const))(
    '%s',
    (_n, c) => {
      for (const h of HUGE) {
        for (const [k, v] of Object.entries(c.request.facts ?? {})) {
          if (typeof v !== 'string' || !/^\d+(\.\d+)?$/.test(v)) continue;
          for (const o of OPTIONS) {
            expectSame({ ...c.request, facts: { ...c.request.facts, [k]: h } }, o);
            expectSame({ ...c.request, used: { ...c.request.used, base: h } }, o);
            expectSame({ ...c.request, used: { ...c.request.used, paid: h } }, o);
          }
        }
      }
    },
  );
});

// ---------------------------------------------------------------- random requests over all five schemes

const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;

/** Money: mostly valid fen amounts (small, near caps, or huge), sometimes a malformed or negative value. */
const moneyArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 2_000_000 }).map(yuan) },
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 50_000_000 }).map(yuan) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 99 }).map((c) => `0.${c}`.slice(0, c < 10 ? 3 : 4)) },
  { weight: 3, arbitrary: fc.bigInt({ min: 0n, max: 99_999_999_999_999n }).map((f) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 100_000 }) },
  { weight: 1, arbitrary: fc.constantFrom('-1', '-0', '-0.00', '1.234', '12,000', '', ' 5 ', '1e3', 'abc', '1000000000000', '999999999999.99', null, true, 12.345, -5, 0.1 + 0.2) },
);

/** Dates around the schemes' periods and insurance-year edges. */
const EDGES = SCHEMES.flatMap((s) => s.versions.flatMap((v) => [v.effective.from, v.effective.to, ...v.insuranceYears.flatMap((y) => [y.from, y.to])]));
const dateArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...EDGES).chain((e) => fc.integer({ min: -40, max: 40 }).map((d) => addDays(e, d))),
  fc.integer({ min: 0, max: 12 * 366 }).map((d) => addDays('2017-01-01', d)),
);

const identityArb: fc.Arbitrary<PersonIdentity> = fc.record(
  {
    code: fc.constantFrom(...CATEGORIES.map((c) => c.code)),
    validFrom: dateArb,
    validTo: dateArb,
    confirmedOn: dateArb,
  },
  { requiredKeys: ['code'] },
);

function personArb(scheme: SchemeDefinition): fc.Arbitrary<PersonFacts> {
  const areas = [...new Set(scheme.versions.flatMap((v) => [...v.coverage.areas.map((a) => a.name), ...(v.coverage.excludedAreas ?? []).map((a) => a.name)]))];
  const codes = [...new Set(scheme.versions.flatMap((v) => v.coverage.qualifying.map((q) => q.code)))];
  const ownIdentity = fc.record({ code: codes.length ? fc.constantFrom(...codes) : fc.constant('dibao') }, { requiredKeys: ['code'] });
  return fc.record(
    {
      birthDate: fc.integer({ min: 0, max: 90 * 366 }).map((d) => addDays('1935-01-01', d)),
      area: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...areas) }, { weight: 1, arbitrary: fc.constant('火星区') }),
      identities: fc.oneof(
        { weight: 3, arbitrary: fc.array(ownIdentity, { minLength: 1, maxLength: 2 }) },
        { weight: 2, arbitrary: fc.array(fc.oneof(ownIdentity, identityArb), { maxLength: 3 }) },
      ),
      registeredResident: fc.oneof({ weight: 5, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      inSchool: fc.boolean(),
      medicalInsuranceYears: fc.oneof(
        { weight: 3, arbitrary: fc.constant(Array.from({ length: 13 }, (_, i) => 2017 + i)) },
        { weight: 1, arbitrary: fc.array(fc.integer({ min: 2017, max: 2029 }), { maxLength: 4 }) },
      ),
      monitoringSystemSince: dateArb,
      disabilityCardValidUntil: dateArb,
    },
    { requiredKeys: ['birthDate', 'area', 'identities'] },
  );
}

/** A fact's value: mostly valid (and mostly meeting the benefit's condition on it), now and then malformed. */
function factArb(d: FactDef, benefit: BenefitDef, incidentDate: string): fc.Arbitrary<unknown> {
  const cond = benefit.conditions.find((c) => 'fact' in c && c.fact === d.name);
  const rarely = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 40, arbitrary: good }, { weight: 1, arbitrary: bad });
  const biased = (meets: unknown, any: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: fc.constant(meets) }, { weight: 1, arbitrary: any });
  switch (d.type) {
    case 'money':
      return moneyArb;
    case 'grade':
      return rarely(fc.integer({ min: 1, max: 10 }), fc.constantFrom(0, 11, 2.5, '3'));
    case 'enum': {
      const any = fc.constantFrom(...d.options!.map((o) => o.value));
      return rarely(cond?.test === 'factIn' ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...cond.values) }, { weight: 1, arbitrary: any }) : any, fc.constant('no-such-option'));
    }
    case 'boolean':
      return rarely(cond?.test === 'factTrue' ? biased(true, fc.boolean()) : cond?.test === 'factFalse' ? biased(false, fc.boolean()) : fc.boolean(), fc.constant('yes'));
    case 'date': {
      const y = incidentDate.slice(0, 4);
      const near = cond?.test === 'dateWithin' ? fc.integer({ min: -3, max: 64 }).map((n) => addDays(`${y}-${cond.monthDayFrom}`, n)) : fc.integer({ min: -5, max: 5 }).map((n) => addDays(incidentDate, n));
      return rarely(fc.oneof({ weight: 4, arbitrary: near }, { weight: 1, arbitrary: dateArb }), fc.constant('2024-02-30'));
    }
    case 'text':
      return rarely(fc.constant('示例'), fc.constant('字'.repeat(201)));
  }
}

function factsArb(benefit: BenefitDef, incidentDate: string): fc.Arbitrary<Record<string, unknown> | undefined> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const d of benefit.facts) shape[d.name] = factArb(d, benefit, /^\d{4}-\d\d-\d\d$/.test(incidentDate) ? incidentDate : '2024-06-15');
  const normal = fc.record(shape, { requiredKeys: benefit.facts.filter((d) => d.required).map((d) => d.name) });
  // burdenCap: mostly a burden within the total, sometimes near the line.
  const f = benefit.formula;
  const withBurden =
    f.kind === 'burdenCap'
      ? fc
          .tuple(normal, fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 2 }))
          .map(([facts, totalFen, d, how]) => {
            const burdenFen = how === 0 ? Math.floor(totalFen / 10) + d - 500 : how === 1 ? totalFen : Math.floor((totalFen * d) / 1000);
            return { ...facts, [f.totalFact]: yuan(totalFen), [f.burdenFact]: yuan(Math.max(0, burdenFen)) };
          })
      : normal;
  return fc.oneof(
    { weight: 40, arbitrary: withBurden },
    { weight: 1, arbitrary: normal.map((x) => ({ ...x, unknownFact: 1 })) },
    { weight: 1, arbitrary: fc.constantFrom(undefined, null, [], 'facts') as fc.Arbitrary<never> },
  );
}

const usedArb: fc.Arbitrary<UsedSoFar | undefined> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  {
    weight: 32,
    arbitrary: fc.record(
      {
        base: moneyArb,
        paid: fc.oneof(moneyArb, fc.constant('0'), fc.integer({ min: 0, max: 30_000_000 }).map(yuan)),
        claimsThisYear: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 20, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, '1') }),
        claimsEver: fc.oneof({ weight: 30, arbitrary: fc.constant(0) }, { weight: 20, arbitrary: fc.integer({ min: 0, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(-1, 1.5, '1') }),
        optionsGranted: fc.oneof(
          { weight: 40, arbitrary: fc.array(fc.constantFrom('zhuanke', 'benke', 'yanjiusheng'), { maxLength: 2 }) },
          { weight: 1, arbitrary: fc.constantFrom([1], 'benke', null) },
        ),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<UsedSoFar>,
  },
  { weight: 1, arbitrary: fc.constantFrom(null, 'used', 5) as fc.Arbitrary<never> },
);

/** One claim of a scheme: a benefit (of any version), a date, facts and `used`. */
function claimArb(scheme: SchemeDefinition): fc.Arbitrary<Omit<EstimateRequest, 'person'>> {
  const benefits = [...new Map(scheme.versions.flatMap((v) => v.benefits.map((b) => [b.id, b] as const))).values()];
  const inVersion = fc
    .constantFrom(...scheme.versions)
    .chain((v) => fc.integer({ min: 0, max: dayNumber(v.effective.to) - dayNumber(v.effective.from) }).map((d) => addDays(v.effective.from, d)));
  const incidentDate = fc.oneof(
    { weight: 16, arbitrary: inVersion },
    { weight: 2, arbitrary: dateArb },
    { weight: 1, arbitrary: fc.constantFrom('2024-13-01', '20240101', 20240101) as fc.Arbitrary<string> },
  );
  return fc.tuple(fc.constantFrom(...benefits), incidentDate).chain(([b, date]) =>
    fc.record({
      schemeId: fc.oneof({ weight: 30, arbitrary: fc.constant(scheme.id) }, { weight: 1, arbitrary: fc.constant('no-such-scheme') }),
      benefitId: fc.oneof({ weight: 30, arbitrary: fc.constant(b.id) }, { weight: 1, arbitrary: fc.constant('dental') }),
      incidentDate: fc.constant(date),
      facts: factsArb(b, String(date)),
      used: usedArb,
    }),
  );
}

describe.each(SCHEMES.map((s) => [s.id, s] as const))('random requests: %s', (_id, scheme) => {
  it('estimateFast equals estimate (payout, covered, reasons, ledger, breakdown, errors)', () => {
    let paying = 0;
    fc.assert(
      fc.property(personArb(scheme), claimArb(scheme), fc.constantFrom(...OPTIONS), (person, claim, o) => {
        const r = expectSame({ ...claim, person }, o);
        if (r.ok && r.result.covered && r.result.payout !== '0.00') paying++;
      }),
      { numRuns: RUNS },
    );
    // The generator must keep producing claims that pay, not only errors and refusals.
    expect(paying).toBeGreaterThan(RUNS / 10);
  });

  it('one prepared person over a year of claims, with the ledger carried (cached eligibility)', () => {
    fc.assert(
      fc.property(personArb(scheme), fc.array(claimArb(scheme), { minLength: 2, maxLength: 12 }), (person, claims) => {
        const prepared = preparePerson(person);
        const ledger = new Map<string, { base: number; paid: number; n: number; options: string[] }>();
        for (const c of claims) {
          const key = `${String(c.benefitId)}|${String(c.incidentDate).slice(0, 4)}`;
          const u = ledger.get(key);
          const used = u ? { base: formatFen(u.base), paid: formatFen(u.paid), claimsThisYear: u.n, claimsEver: u.n, optionsGranted: u.options } : undefined;
          const request = { ...c, used };
          const want = run(() => estimateDecimal({ ...request, person }, { explain: true }));
          const fast = run(() => estimateFast(prepared, request, { explain: false }));
          const explained = run(() => estimateFast(prepared, request, { explain: true }));
          expect(explained).toEqual(want);
          expect(run(() => estimate({ ...request, person }, { explain: true }))).toEqual(want);
          if (!want.ok || !fast.ok) {
            expect(fast).toEqual(run(() => estimateDecimal({ ...request, person }, { explain: false })));
            continue;
          }
          expect(fast.result.payout).toBe(want.result.payout);
          expect(fast.result.covered).toBe(want.result.covered);
          expect(fast.result.reasons.map((r) => r.code)).toEqual(want.result.reasons.map((r) => r.code));
          if (want.result.covered && want.result.ledger) {
            const l = want.result.ledger;
            const next = { base: fenOf(l.base.after), paid: fenOf(l.paid.after), n: (u?.n ?? 0) + 1, options: [...(u?.options ?? [])] };
            if (typeof c.facts?.level === 'string') next.options.push(c.facts.level);
            if (next.base >= 0 && next.paid >= 0) ledger.set(key, next);
          }
        }
      }),
      { numRuns: Math.floor(RUNS / 10) },
    );
  });
});

// ---------------------------------------------------------------- the pieces

describe('preparePerson', () => {
  const person = { birthDate: '1975-06-01', area: '渝中区', identities: [{ code: 'dibao', validFrom: '2020-01-01' }] };
  const request = { schemeId: 'cq-hmjkb', benefitId: 'accident_medical', incidentDate: '2024-06-15', facts: { selfPayInScope: '1000' } };

  it('rejects a bad person with the same error as estimate', () => {
    const bad = { ...person, identities: [{ code: 'martian' }] };
    const e1 = run(() => estimate({ ...request, person: bad }));
    let e2: EngineError | undefined;
    try {
      preparePerson(bad);
    } catch (e) {
      e2 = e as EngineError;
    }
    expect(e1.ok).toBe(false);
    expect(e2 && { name: e2.name, code: e2.code, field: e2.field, message: e2.message }).toEqual(!e1.ok && e1.error);
  });

  it('keeps its own copy: later changes to the caller’s object do not reach it', () => {
    const mine = JSON.parse(JSON.stringify(person)) as PersonFacts;
    const p = preparePerson(mine);
    const before = estimateFast(p, request, { explain: false });
    mine.identities[0].code = 'martian';
    mine.area = '火星区';
    expect(estimateFast(p, request, { explain: false })).toEqual(before);
    expect(before.covered).toBe(true);
    // Cached reasons are shared between results, and frozen: no result can change another.
    const a = estimateFast(p, request, { explain: false });
    expect(() => {
      a.reasons[0].message = 'changed';
    }).toThrow(TypeError);
    a.reasons.push({ ok: true, code: 'EXTRA', message: '' });
    expect(estimateFast(p, request, { explain: false })).toEqual(before);
  });

  it('caches a year only over the dates its scheme tests: a mid-year monitoring date matters to Jincheng, not to Zhumadian', () => {
    // Zhumadian's eligibility never reads monitoringSystemSince: a date inside its year still lets the year be cached
    // (the reasons come back frozen, shared); Jincheng requires the monitoring system for 边缘易致贫户: before the
    // date it is not eligible, after it it is, and nothing is cached (fresh, unfrozen reasons).
    const zmdPerson = { birthDate: '1960-03-01', area: '驿城区', registeredResident: true, identities: [{ code: 'dibao', validFrom: '2000-01-01' }], monitoringSystemSince: '2020-01-01' };
    const zmd = preparePerson(zmdPerson);
    const zmdScheme = SCHEMES.find((s) => s.id === 'zmd-yymsh')!;
    for (const date of ['2019-09-01', '2020-03-01']) {
      const z = eligibilityPrepared(zmd, zmdScheme, date);
      const e = checkEligibility(zmdPerson, zmdScheme.id, date);
      expect(z).toEqual({ eligible: e.eligible, reasons: e.reasons, insurer: e.insurer });
      expect(z.eligible).toBe(true);
      expect(Object.isFrozen(z.reasons[0])).toBe(true);
    }

    const jcPerson = { birthDate: '1960-03-01', area: '泽州县', identities: [{ code: 'edge_at_risk', validFrom: '2020-01-01' }], medicalInsuranceYears: [2026], monitoringSystemSince: '2026-06-01' };
    const jc = preparePerson(jcPerson);
    const eligibleOn = (date: string) => eligibilityPrepared(jc, SCHEMES.find((s) => s.id === 'jc-fpzhbx')!, date);
    const before = eligibleOn('2026-03-01');
    const after = eligibleOn('2026-08-01');
    expect(before.eligible).toBe(false);
    expect(before.reasons.map((r) => r.code)).toContain('NOT_IN_MONITORING_SYSTEM');
    expect(after.eligible).toBe(true);
    expect(Object.isFrozen(after.reasons[0])).toBe(false);
    expect(eligibleOn('2026-03-01')).toEqual(before);
  });

  it('people with the same eligibility facts share one cached answer; a date inside the schemes\' years keeps people apart', () => {
    const cq = SCHEMES.find((s) => s.id === 'cq-hmjkb')!;
    const jc = SCHEMES.find((s) => s.id === 'jc-fpzhbx')!;
    const mh = SCHEMES.find((s) => s.id === 'mh-huhuibao')!;
    // The same area and category; different birth dates, school and roster dates before every insurance year
    // (2019, 2015): the same eligibility on every date of the schemes' years, so one group.
    const a = { birthDate: '1950-02-03', area: '万州区', identities: [{ code: 'tekun', validFrom: '2019-03-05', confirmedOn: '2019-03-10' }], inSchool: false };
    const b = { birthDate: '1988-11-30', area: '万州区', identities: [{ code: 'tekun', validFrom: '2015-07-01', confirmedOn: '2015-07-02' }], inSchool: true };
    // Confirmed inside Chongqing's 2025 year (cover from 1 July 2025), and confirmed later in the same month.
    const c = { birthDate: '1950-02-03', area: '万州区', identities: [{ code: 'tekun', validFrom: '2019-03-05', confirmedOn: '2025-07-10' }] };
    const d = { birthDate: '1950-02-03', area: '万州区', identities: [{ code: 'tekun', validFrom: '2019-03-05', confirmedOn: '2025-07-20' }] };
    // Chongqing never tests the monitoring system or a disability card: dates inside its years do not part a2 from a.
    const a2 = { ...a, monitoringSystemSince: '2024-05-05', disabilityCardValidUntil: '2024-09-30' };
    // Jincheng: monitoring system since long ago or since inside 2027. Minhang: a disability card valid beyond every
    // year, or ending inside 2024.
    const e = { birthDate: '1960-01-01', area: '泽州县', identities: [{ code: 'edge_at_risk', validFrom: '2018-01-01' }], monitoringSystemSince: '2019-05-01', medicalInsuranceYears: [2026, 2027, 2028] };
    const f = { ...e, monitoringSystemSince: '2021-09-09' };
    const g = { ...e, monitoringSystemSince: '2027-04-01' };
    const h = { birthDate: '1960-01-01', area: '古美路街道', registeredResident: true, identities: [{ code: 'disability_card', validFrom: '2018-01-01' }], disabilityCardValidUntil: '2040-01-01' };
    const k = { ...h, birthDate: '1999-09-09', disabilityCardValidUntil: '2035-06-30' };
    const m = { ...h, disabilityCardValidUntil: '2024-08-31' };
    const dates: Record<string, string[]> = {
      'cq-hmjkb': ['2024-01-01', '2024-06-15', '2025-01-01', '2025-06-30', '2025-07-01', '2025-07-31', '2025-08-01', '2025-12-31'],
      'jc-fpzhbx': ['2026-01-01', '2027-03-31', '2027-04-01', '2027-08-31', '2027-09-01', '2028-12-31'],
      'mh-huhuibao': ['2023-01-01', '2024-06-01', '2024-08-31', '2024-09-01', '2024-12-31'],
    };
    const people: [SchemeDefinition, PersonFacts][] = [
      [cq, a], [cq, b], [cq, c], [cq, d],
      [jc, e], [jc, f], [jc, g], [mh, h], [mh, k], [mh, m], [cq, a2],
    ];
    const prepared = people.map(([, person]) => preparePerson(person));
    // Twice over, so that the second round answers from the groups the first one filled.
    for (let round = 0; round < 2; round++) {
      people.forEach(([scheme, person], i) => {
        for (const date of dates[scheme.id]) {
          const want = checkEligibility(person, scheme.id, date);
          expect(eligibilityPrepared(prepared[i], scheme, date)).toEqual({ eligible: want.eligible, reasons: want.reasons, insurer: want.insurer });
        }
      });
    }
    const reasonsOf = (i: number, date: string) => eligibilityPrepared(prepared[i], people[i][0], date).reasons;
    // a and b: one group; the reasons are the same frozen objects.
    expect(reasonsOf(1, '2024-06-15')[0]).toBe(reasonsOf(0, '2024-06-15')[0]);
    expect(Object.isFrozen(reasonsOf(0, '2024-06-15')[0])).toBe(true);
    expect(reasonsOf(10, '2024-06-15')[0]).toBe(reasonsOf(0, '2024-06-15')[0]);
    // c and d: their own groups (a date inside 2025), not a's; in 2025 itself nothing is cached for them.
    expect(reasonsOf(2, '2024-06-15')[0]).not.toBe(reasonsOf(0, '2024-06-15')[0]);
    expect(reasonsOf(2, '2024-06-15')[0]).not.toBe(reasonsOf(3, '2024-06-15')[0]);
    expect(reasonsOf(2, '2025-06-30').map((r) => r.code)).toContain('COVER_NOT_STARTED');
    expect(reasonsOf(2, '2025-08-01').map((r) => r.code)).not.toContain('COVER_NOT_STARTED');
    // e and f (monitoring since before every year): one group; g: not, and not eligible before 1 April 2027.
    expect(reasonsOf(5, '2027-03-31')[0]).toBe(reasonsOf(4, '2027-03-31')[0]);
    expect(reasonsOf(6, '2026-06-01')[0]).not.toBe(reasonsOf(4, '2026-06-01')[0]);
    expect(eligibilityPrepared(prepared[6], jc, '2027-03-31').eligible).toBe(false);
    expect(eligibilityPrepared(prepared[6], jc, '2027-04-01').eligible).toBe(true);
    // h and k (cards valid beyond every year): one group; m's card ends inside 2024.
    expect(reasonsOf(8, '2024-06-01')[0]).toBe(reasonsOf(7, '2024-06-01')[0]);
    expect(reasonsOf(9, '2023-06-01')[0]).not.toBe(reasonsOf(7, '2023-06-01')[0]);
    expect(eligibilityPrepared(prepared[9], mh, '2024-08-31').eligible).toBe(true);
    expect(eligibilityPrepared(prepared[9], mh, '2024-09-01').eligible).toBe(false);
  });

  it('documents, insurer and condition reasons are shared between results, frozen: no result can change another', () => {
    const person = { birthDate: '1958-03-01', area: '泽州县', identities: [{ code: 'tuopin', validFrom: '2020-01-01' }], medicalInsuranceYears: [2026] };
    const req = { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-06-15', facts: { selfPayAfterOthers: '5000' } };
    const a = estimate({ ...req, person });
    const b = estimate({ ...req, person });
    expect(a.covered).toBe(true);
    expect(a.documents.length).toBeGreaterThan(0);
    expect(b.documents).toBe(a.documents);
    expect(b.insurer).toBe(a.insurer);
    expect(() => a.documents.push(a.documents[0])).toThrow(TypeError);
    expect(() => {
      a.insurer!.hotline = 'changed';
    }).toThrow(TypeError);
    const medical = a.reasons.find((r) => r.code === 'MEDICAL_INSURANCE_OK')!;
    expect(b.reasons).toContain(medical);
    expect(() => {
      medical.message = 'changed';
    }).toThrow(TypeError);
    expect(estimate({ ...req, person })).toEqual(b);
  });

  it('estimateFast wants a prepared person', () => {
    expect(() => estimateFast(person as never, request)).toThrow(EngineError);
  });

  it('eligibilityPrepared gives the reasons checkEligibility gives', () => {
    const scheme = SCHEMES.find((s) => s.id === 'cq-hmjkb')!;
    const p = preparePerson(person);
    for (const date of ['2024-01-01', '2024-06-15', '2025-12-31', '2026-01-01']) {
      const e = checkEligibility(person, scheme.id, date);
      expect(eligibilityPrepared(p, scheme, date)).toEqual({ eligible: e.eligible, reasons: e.reasons, insurer: e.insurer });
    }
  });
});

describe('fenOf, formatFen and the thousands separators', () => {
  it('fmtYuan and fmtParam group thousands exactly as the former regular expression did', () => {
    const regexYuan = (d: InstanceType<typeof D>) => {
      const t = d.decimalPlaces() > 2 ? d.toFixed() : d.toFixed(2);
      const neg = t.startsWith('-');
      const [i, f] = (neg ? t.slice(1) : t).split('.');
      return `${neg ? '-' : ''}${i.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${f}`;
    };
    const regexParam = (d: InstanceType<typeof D>) => {
      const [i, f] = d.toFixed().split('.');
      const g = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return f ? `${g}.${f}` : g;
    };
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 18n), max: 10n ** 18n }), fc.integer({ min: 0, max: 6 }), (n, scale) => {
        const d = new D(n.toString()).dividedBy(10 ** scale);
        expect(fmtYuan(d)).toBe(regexYuan(d));
        expect(fmtParam(d)).toBe(regexParam(d));
      }),
      { numRuns: 20000 },
    );
  });

  it('fenOf accepts exactly what parseMoney accepts, with the same value', () => {
    const str = fc.stringMatching(/^[ -]?\d{0,14}(\.\d{0,3})?[ x]?$/);
    fc.assert(
      fc.property(fc.oneof(str, fc.integer({ min: -10, max: 10 ** 9 }), fc.double({ noNaN: false }), fc.constantFrom('', '-0', ' 1.5 ', '\t7\n')), (v) => {
        let want: number;
        try {
          want = parseMoney(v, 'x').times(100).toNumber();
        } catch {
          want = -1;
        }
        expect(fenOf(v)).toBe(want);
      }),
      { numRuns: 20000 },
    );
  });

  it('printedAsFen(x) exactly when fenOf accepts x and formatFen prints it back as x', () => {
    const strings = fc.oneof(
      fc.integer({ min: 0, max: 99_999_999 }).map((f) => formatFen(f)),
      fc.stringMatching(/^ ?0{0,2}\d{0,5}(\.\d{0,3})? ?$/),
      fc.constantFrom('0.00', '00.00', '0.0', '.50', '1.', '1.5', '12.30', '012.30', ' 1.00', '1.00 ', '1e3', '-1.00', '999999999999.99', '1,000.00'),
    );
    fc.assert(
      fc.property(strings, (x) => {
        const fen = fenOf(x);
        expect(printedAsFen(x) && fen >= 0).toBe(fen >= 0 && formatFen(fen) === x);
      }),
      { numRuns: 5000 },
    );
  });

  it('intText(n) is String(n): every integer below 1,100,000, and large ones', () => {
    for (let n = 0; n < 1_100_000; n++) if (intText(n) !== String(n)) throw new Error(`intText(${n}) = ${intText(n)}`);
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => intText(n) === String(n)));
  });

  it('formatFen(n) is fmt of n fen', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(10 ** 15), max: 10 ** 15 }), (n) => {
        expect(formatFen(n)).toBe(fmt(new D(n).dividedBy(100)));
      }),
      { numRuns: 20000 },
    );
  });
});
