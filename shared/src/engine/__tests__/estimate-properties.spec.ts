/**
 * Property tests over every capped or year-accumulating benefit of every scheme version in the
 * registry. A person and the non-money facts that satisfy the benefit's conditions are built from
 * the scheme data itself, so a sixth city's benefits are picked up without touching this file.
 *
 * Money is generated as integer fen and turned into strings — never floats.
 *
 * (a) payout ≤ per-claim cap and ≤ annual cap − used.paid (and ≥ 0)
 * (b) monotone: more expense (or a more severe disability grade) never pays less
 * (c) splitting a year's expenses into several claims, each fed the earlier claims' base and payouts,
 *     pays exactly what one claim with the sum pays
 * (d) the breakdown's amounts add up exactly to the payout
 * (e) explain:false gives the same payout as explain:true
 * (f) the payout equals an independent re-computation of the readings (oracle below)
 */
import fc from 'fast-check';
import { addDays } from '../../core/dates';
import { D, type Dec } from '../../core/money';
import { SCHEMES } from '../../schemes/registry';
import type { BandVariant, BenefitDef, SchemeDefinition, SchemeVersion } from '../../schemes/types';
import { estimate, type EstimateRequest, type EstimateResult, type UsedSoFar } from '../estimate';
import type { PersonFacts } from '../person';

const RUNS = 150;

// ---------------------------------------------------------------- money as fen

const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
const fenOf = (d: Dec): number => d.times(100).toDecimalPlaces(0, D.ROUND_HALF_UP).toNumber();
const round2 = (d: Dec): Dec => d.toDecimalPlaces(2, D.ROUND_HALF_UP);
const dmin = (a: Dec, b: Dec): Dec => (a.lessThan(b) ? a : b);
const dmax = (a: Dec, b: Dec): Dec => (a.greaterThan(b) ? a : b);
const ZERO = new D(0);

/** Amounts in fen, biased towards the given edges (± 3 yuan) and otherwise uniform up to `maxFen`. */
function moneyFen(edgesFen: number[], maxFen: number): fc.Arbitrary<number> {
  const arbs: fc.Arbitrary<number>[] = [fc.integer({ min: 0, max: maxFen }), fc.integer({ min: 0, max: 500 })];
  if (edgesFen.length) {
    arbs.push(fc.constantFrom(...edgesFen).chain((e) => fc.integer({ min: Math.max(0, e - 300), max: e + 300 })));
  }
  return fc.oneof(...arbs);
}

// ---------------------------------------------------------------- targets from the registry

interface Target {
  label: string;
  scheme: SchemeDefinition;
  version: SchemeVersion;
  benefit: BenefitDef;
  date: string;
}

function isTarget(b: BenefitDef): boolean {
  return !!b.annualCap || !!b.perClaimCap || (b.formula.kind === 'reimbursement' && b.formula.accumulation === 'year');
}

const TARGETS: Target[] = SCHEMES.flatMap((scheme) =>
  scheme.versions.flatMap((version) =>
    version.benefits.filter(isTarget).map((benefit) => {
      const y = version.insuranceYears[0];
      const mid = addDays(y.from, 100);
      return { label: `${scheme.id} ${version.id} ${benefit.id}`, scheme, version, benefit, date: mid <= y.to ? mid : y.to };
    }),
  ),
);

/** A person covered by the version on `date` and meeting the benefit's person conditions; `extraCodes` chooses a band variant. */
function personFor(t: Target, extraCodes: string[] = []): PersonFacts {
  const cov = t.version.coverage;
  const codes = new Set<string>(extraCodes);
  if (cov.basis === 'categories') {
    const q = cov.qualifying.find((x) => !x.unless?.length) ?? cov.qualifying[0];
    codes.add(q.code);
  }
  for (const c of t.benefit.conditions) if (c.test === 'hasCategory') codes.add(c.anyOf[0]);
  let birthDate = '1970-01-01';
  const age = t.benefit.conditions.find((c) => c.test === 'ageRange');
  if (age && age.test === 'ageRange') {
    const years = Math.floor(((age.min ?? 0) + (age.max ?? age.min ?? 0)) / 2);
    birthDate = `${Number(t.date.slice(0, 4)) - years}-01-01`;
  }
  return {
    birthDate,
    area: cov.areas[0].name,
    identities: [...codes].map((code) => ({ code })),
    ...(cov.basis === 'registered_residents' ? { registeredResident: true } : {}),
    inSchool: true,
    medicalInsuranceYears: [Number(t.date.slice(0, 4))],
    monitoringSystemSince: t.version.insuranceYears[0].from,
    disabilityCardValidUntil: '2099-12-31',
  };
}

/** The non-money facts that satisfy the benefit's conditions (in county, recognised, listed disaster…). */
function baseFacts(t: Target): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of t.benefit.facts) {
    const cond = t.benefit.conditions.find((c) => 'fact' in c && c.fact === f.name);
    if (f.type === 'money' || f.type === 'grade') continue;
    if (cond?.test === 'factTrue') out[f.name] = true;
    else if (cond?.test === 'factFalse') out[f.name] = false;
    else if (cond?.test === 'factIn') out[f.name] = cond.values[0];
    else if (f.name === 'outcome') out[f.name] = 'disability';
    else if (!f.required) continue;
    else if (f.type === 'boolean') out[f.name] = false; // e.g. outsideHomeCounty: treated in the home county
    else if (f.type === 'enum') out[f.name] = f.options![0].value;
    else if (f.type === 'date') out[f.name] = t.date;
    else if (f.type === 'text') out[f.name] = '测试';
  }
  return out;
}

function req(t: Target, facts: Record<string, unknown>, used?: UsedSoFar, extraCodes: string[] = []): EstimateRequest {
  return {
    schemeId: t.scheme.id,
    benefitId: t.benefit.id,
    incidentDate: t.date,
    person: personFor(t, extraCodes),
    facts: { ...baseFacts(t), ...facts },
    ...(used ? { used } : {}),
  };
}

/** Variant choices: one extra identity set per band variant (the default variant: none). */
function variantChoices(t: Target): string[][] {
  const f = t.benefit.formula;
  if (f.kind !== 'reimbursement' || !f.variants) return [[]];
  return f.variants.map((v) => (v.categoryAnyOf ? [v.categoryAnyOf[0]] : []));
}

// ---------------------------------------------------------------- the oracle (the readings, re-computed)

function variantFor(t: Target, codes: string[]): BandVariant | undefined {
  const f = t.benefit.formula;
  if (f.kind !== 'reimbursement' || !f.variants) return undefined;
  return f.variants.find((v) => v.categoryAnyOf?.some((c) => codes.includes(c))) ?? f.variants.find((v) => !v.categoryAnyOf);
}

/** Reimbursement value of an amount x: deductible, then a flat rate or bands over what is left. Unrounded. */
function reimb(t: Target, codes: string[], x: Dec): Dec {
  const f = t.benefit.formula;
  if (f.kind !== 'reimbursement') throw new Error('not a reimbursement');
  const over = dmax(ZERO, x.minus(f.deductible?.amount ?? 0));
  const v = variantFor(t, codes);
  if (!v) return over.times(f.rate!);
  let total = ZERO;
  let from = ZERO;
  for (const b of v.bands) {
    if (!over.greaterThan(from)) break;
    const top = b.upTo && over.greaterThan(b.upTo) ? new D(b.upTo) : over;
    total = total.plus(top.minus(from).times(b.rate));
    if (b.upTo) from = new D(b.upTo);
  }
  return total;
}

interface Owed {
  payout: Dec;
  /** The exact value that gets rounded to the fen (where a half fen shows the breakdown defect). */
  preRound: Dec;
}

function oracle(t: Target, facts: Record<string, string | number>, used: { base: Dec; paid: Dec }, codes: string[]): Owed {
  const b = t.benefit;
  const f = b.formula;
  const cap = b.annualCap ? new D(b.annualCap.amount) : undefined;
  const left = cap ? dmax(ZERO, cap.minus(used.paid)) : undefined;
  if (f.kind === 'reimbursement' && f.accumulation === 'year') {
    const x = new D(facts[f.base]);
    const capped = (v: Dec) => (cap ? dmin(v, cap) : v);
    const afterRaw = capped(reimb(t, codes, used.base.plus(x)));
    const owedAfter = round2(afterRaw);
    const owedBefore = round2(capped(reimb(t, codes, used.base)));
    const d = owedAfter.minus(owedBefore);
    return { payout: left ? dmin(d, left) : d, preRound: afterRaw };
  }
  let raw: Dec;
  if (f.kind === 'reimbursement') raw = reimb(t, codes, new D(facts[f.base]));
  else if (f.kind === 'burdenCap') {
    raw = dmax(ZERO, new D(facts[f.burdenFact]).minus(new D(facts[f.totalFact]).times(f.burdenLine)));
  } else if (f.kind === 'disability') raw = new D(f.sum).times(11 - Number(facts.grade)).dividedBy(10);
  else throw new Error(`no oracle for ${f.kind}`);
  if (b.perClaimCap) raw = dmin(raw, new D(b.perClaimCap.amount));
  if (left) raw = dmin(raw, left);
  return { payout: round2(raw), preRound: raw };
}


// ---------------------------------------------------------------- per-kind claim generators

function edgesFen(t: Target): number[] {
  const f = t.benefit.formula;
  const out: number[] = [];
  if (f.kind === 'reimbursement') {
    const ded = new D(f.deductible?.amount ?? 0);
    out.push(fenOf(ded));
    const bands = f.variants?.flatMap((v) => v.bands) ?? [];
    for (const band of bands) if (band.upTo) out.push(fenOf(ded.plus(band.upTo)));
    // where the value reaches a cap, per variant
    const caps = [t.benefit.annualCap?.amount, t.benefit.perClaimCap?.amount].filter((x): x is string => !!x).map((x) => new D(x));
    for (const codes of variantChoices(t)) {
      for (const c of caps) {
        let lo = ZERO;
        let hi = new D('10000000');
        for (let i = 0; i < 60; i++) {
          const mid = lo.plus(hi).dividedBy(2);
          if (reimb(t, codes, mid).lessThan(c)) lo = mid;
          else hi = mid;
        }
        out.push(fenOf(hi));
      }
    }
  }
  return [...new Set(out)];
}

function maxFenFor(t: Target): number {
  const e = edgesFen(t);
  const top = e.length ? Math.max(...e) : 0;
  const cap = t.benefit.annualCap ? fenOf(new D(t.benefit.annualCap.amount)) : 0;
  return Math.max(top, cap) * 2 + 100_000;
}

/** One claim's facts: the money (or grade) that the benefit takes. */
function claimArb(t: Target): fc.Arbitrary<Record<string, string | number>> {
  const f = t.benefit.formula;
  if (f.kind === 'reimbursement') {
    return moneyFen(edgesFen(t), maxFenFor(t)).map((fen) => ({ [f.base]: yuan(fen) }));
  }
  if (f.kind === 'burdenCap') {
    const capFen = t.benefit.annualCap ? fenOf(new D(t.benefit.annualCap.amount)) : 100_000_000;
    return fc
      .tuple(fc.integer({ min: 0, max: capFen * 4 }), fc.integer({ min: 0, max: 1_000_000 }))
      .chain(([totalFen, near]) =>
        fc.oneof(
          fc.integer({ min: 0, max: totalFen }),
          // near the 10% line
          fc.constant(Math.min(totalFen, Math.floor(totalFen / 10) + (near % 300))),
        ).map((burdenFen) => ({ [f.totalFact]: yuan(totalFen), [f.burdenFact]: yuan(burdenFen) })),
      );
  }
  if (f.kind === 'disability') return fc.integer({ min: 1, max: 10 }).map((grade) => ({ grade }));
  throw new Error(`no generator for ${f.kind}`);
}

function usedArb(t: Target): fc.Arbitrary<{ base: number; paid: number }> {
  const capFen = t.benefit.annualCap ? fenOf(new D(t.benefit.annualCap.amount)) : 100_000;
  return fc.record({
    base: fc.oneof(fc.constant(0), moneyFen(edgesFen(t), maxFenFor(t))),
    paid: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: capFen }), fc.integer({ min: capFen - 500 > 0 ? capFen - 500 : 0, max: capFen + 500 })),
  });
}

const usedOf = (u: { base: number; paid: number }): UsedSoFar => ({ base: yuan(u.base), paid: yuan(u.paid) });

function sumOf(r: EstimateResult): Dec {
  return r.breakdown.reduce((s, l) => (l.amount === undefined ? s : s.plus(new D(l.amount))), ZERO);
}

// ---------------------------------------------------------------- the properties

describe('targets', () => {
  it('covers every capped or accumulating benefit of the five schemes', () => {
    const ids = new Set(TARGETS.map((t) => `${t.scheme.id}:${t.benefit.id}`));
    for (const id of [
      'cq-hmjkb:accident_disability', 'cq-hmjkb:accident_medical', 'cq-hmjkb:critical_supplement',
      'zmd-yymsh:heroic_death_disability', 'zmd-yymsh:heroic_medical', 'zmd-yymsh:disaster_property', 'zmd-yymsh:hardship_major_illness',
      'lc-fpthb:medical_supplement', 'lc-fpthb:accident_medical', 'lc-fpthb:property_disaster', 'lc-fpthb:property_theft', 'lc-fpthb:accident_disability',
      'jc-fpzhbx:inpatient', 'jc-fpzhbx:outpatient', 'jc-fpzhbx:property',
    ]) expect(ids).toContain(id);
  });

  it.each(TARGETS.map((t) => [t.label, t] as const))('%s: the generated person and facts are covered', (_l, t) => {
    for (const codes of variantChoices(t)) {
      const r = estimate(req(t, fc.sample(claimArb(t), { numRuns: 1, seed: 1 })[0], undefined, codes));
      expect(r.reasons.filter((x) => !x.ok).map((x) => `${x.code} ${x.message}`)).toEqual([]);
      expect(r.covered).toBe(true);
    }
  });
});

describe.each(TARGETS.map((t) => [t.label, t] as const))('%s', (_label, t) => {
  const codesArb = fc.constantFrom(...variantChoices(t));
  const isYear = t.benefit.formula.kind === 'reimbursement' && t.benefit.formula.accumulation === 'year';

  it('(a) payout ≤ per-claim cap and ≤ annual cap − used.paid, never negative', () => {
    fc.assert(
      fc.property(claimArb(t), usedArb(t), codesArb, (facts, u, codes) => {
        const r = estimate(req(t, facts, usedOf(u), codes), { explain: false });
        expect(r.covered).toBe(true);
        const p = new D(r.payout);
        expect(p.isNegative()).toBe(false);
        if (t.benefit.perClaimCap) expect(p.lessThanOrEqualTo(t.benefit.perClaimCap.amount)).toBe(true);
        if (t.benefit.annualCap) {
          const left = dmax(ZERO, new D(t.benefit.annualCap.amount).minus(yuan(u.paid)));
          expect(p.lessThanOrEqualTo(left)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('(b) monotone: more expense (or a more severe grade) never pays less', () => {
    const f = t.benefit.formula;
    let pair: fc.Arbitrary<[Record<string, string | number>, Record<string, string | number>]>;
    if (f.kind === 'reimbursement') {
      pair = fc
        .tuple(moneyFen(edgesFen(t), maxFenFor(t)), fc.oneof(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 1_000_000 })))
        .map(([a, d]) => [{ [f.base]: yuan(a) }, { [f.base]: yuan(a + d) }]);
    } else if (f.kind === 'burdenCap') {
      pair = fc
        .tuple(fc.integer({ min: 0, max: 500_000_000 }), fc.nat(), fc.nat())
        .map(([total, a, b]) => {
          const lo = Math.min(a, b) % (total + 1);
          const hi = Math.max(lo, Math.max(a, b) % (total + 1));
          return [
            { [f.totalFact]: yuan(total), [f.burdenFact]: yuan(lo) },
            { [f.totalFact]: yuan(total), [f.burdenFact]: yuan(hi) },
          ];
        });
    } else {
      pair = fc.tuple(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 10 })).map(([a, b]) => [{ grade: Math.max(a, b) }, { grade: Math.min(a, b) }]);
    }
    fc.assert(
      fc.property(pair, usedArb(t), codesArb, ([less, more], u, codes) => {
        const p1 = new D(estimate(req(t, less, usedOf(u), codes), { explain: false }).payout);
        const p2 = new D(estimate(req(t, more, usedOf(u), codes), { explain: false }).payout);
        expect(p2.greaterThanOrEqualTo(p1)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  // (c) only where the deductible and cap accumulate over the year ('year' reimbursements).
  if (isYear) it('(c) several claims in a year pay exactly what one claim with the sum pays', () => {
    const f = t.benefit.formula as Extract<BenefitDef['formula'], { kind: 'reimbursement' }>;
    const one = moneyFen(edgesFen(t), Math.floor(maxFenFor(t) / 3));
    fc.assert(
      fc.property(fc.array(one, { minLength: 1, maxLength: 6 }), codesArb, (parts, codes) => {
        let base = ZERO;
        let paid = ZERO;
        for (const fen of parts) {
          const r = estimate(req(t, { [f.base]: yuan(fen) }, { base: base.toFixed(2), paid: paid.toFixed(2) }, codes), { explain: true });
          expect(r.covered).toBe(true);
          expect(r.ledger?.paid.before).toBe(paid.toFixed(2));
          base = base.plus(yuan(fen));
          paid = paid.plus(r.payout);
          expect(r.ledger?.paid.after).toBe(paid.toFixed(2));
          expect(r.ledger?.base.after).toBe(base.toFixed(2));
        }
        const whole = estimate(req(t, { [f.base]: base.toFixed(2) }, undefined, codes), { explain: false });
        expect(paid.toFixed(2)).toBe(whole.payout);
      }),
      { numRuns: RUNS },
    );
  });

  it('(d) the breakdown amounts add up exactly to the payout', () => {
    fc.assert(
      fc.property(claimArb(t), usedArb(t), codesArb, (facts, u, codes) => {
        const r = estimate(req(t, facts, usedOf(u), codes), { explain: true });
        expect(r.covered).toBe(true);
        expect(sumOf(r).toFixed()).toBe(new D(r.payout).toFixed());
      }),
      { numRuns: RUNS },
    );
  });

  it('(e) explain:false gives the same payout as explain:true', () => {
    fc.assert(
      fc.property(claimArb(t), usedArb(t), codesArb, (facts, u, codes) => {
        const a = estimate(req(t, facts, usedOf(u), codes), { explain: true });
        const b = estimate(req(t, facts, usedOf(u), codes), { explain: false });
        expect(b.covered).toBe(a.covered);
        expect(b.payout).toBe(a.payout);
      }),
      { numRuns: RUNS },
    );
  });

  it('(f) the payout equals the readings re-computed independently', () => {
    fc.assert(
      fc.property(claimArb(t), usedArb(t), codesArb, (facts, u, codes) => {
        const used = { base: new D(yuan(u.base)), paid: new D(yuan(u.paid)) };
        const want = oracle(t, facts, isYear ? used : { base: ZERO, paid: used.paid }, personFor(t, codes).identities.map((i) => i.code));
        const r = estimate(req(t, facts, usedOf(u), codes), { explain: false });
        expect(r.payout).toBe(want.payout.toFixed(2));
      }),
      { numRuns: RUNS },
    );
  });
});
