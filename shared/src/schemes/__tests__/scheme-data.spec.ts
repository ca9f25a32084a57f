/**
 * Data integrity of every scheme in the registry: periods, clauses, numbers, areas and insurers,
 * bands, fact references, the 一次性告知 document lists and the category vocabulary.
 */
import Decimal from 'decimal.js';
import type { ClauseRef } from '../../core/clause';
import { addDays } from '../../core/dates';
import { CATEGORIES } from '../categories';
import { SCHEMES } from '../registry';
import type { DeadlineRule } from '../../deadlines/deadline';
import type { BenefitDef, ConditionDef, SchemeDefinition, SchemeVersion } from '../types';

const CATEGORY_CODES = new Set(CATEGORIES.map((c) => c.code));
const ISO = /^\d{4}-\d{2}-\d{2}$/;
const DECIMAL = /^\d+(\.\d+)?$/;

const schemes = SCHEMES.map((s) => [s.id, s] as const);
const versions = SCHEMES.flatMap((s) => s.versions.map((v) => [`${s.id} ${v.id}`, s, v] as const));
const benefits = SCHEMES.flatMap((s) => s.versions.flatMap((v) => v.benefits.map((b) => [`${s.id} ${v.id} ${b.id}`, s, v, b] as const)));

/** Every clause reference in a version, with where it sits. */
function clausesOf(v: SchemeVersion): [string, ClauseRef | undefined][] {
  const out: [string, ClauseRef | undefined][] = [];
  const add = (where: string, c: ClauseRef | undefined) => out.push([where, c]);
  const deadline = (where: string, d: DeadlineRule | undefined) => {
    if (d) add(`${where}.deadline`, (d as { clause?: ClauseRef }).clause);
  };
  add('periodClause', v.periodClause);
  add('coverage.clause', v.coverage.clause);
  add('coverage.coverStartClause', v.coverage.coverStartClause);
  v.coverage.qualifying.forEach((q) => add(`coverage.qualifying.${q.code}`, q.clause));
  v.coverage.excludedAreas?.forEach((a) => add(`coverage.excludedAreas.${a.name}`, a.clause));
  v.funding.forEach((f) => {
    add(`funding.${f.id}`, f.clause);
    add(`funding.${f.id}.payers`, f.payers.clause);
  });
  if (v.purchaseWindow) add('purchaseWindow', v.purchaseWindow.clause);
  if (v.riskSharing) add('riskSharing', v.riskSharing.clause);
  v.lossRatioWarnings?.forEach((w) => add(`lossRatioWarnings.${w.level}`, w.clause));
  deadline('defaultDeadline', v.defaultDeadline);
  for (const b of v.benefits) {
    const p = `benefits.${b.id}`;
    add(p, b.clause);
    add(`${p}.formula`, b.formula.clause);
    if (b.formula.kind === 'reimbursement') {
      if (b.formula.deductible) add(`${p}.deductible`, b.formula.deductible.clause);
      b.formula.variants?.forEach((x) => add(`${p}.variant.${x.label}`, x.clause));
    }
    if (b.annualCap) add(`${p}.annualCap`, b.annualCap.clause);
    if (b.perClaimCap) add(`${p}.perClaimCap`, b.perClaimCap.clause);
    if (b.oncePerClause) add(`${p}.oncePerClause`, b.oncePerClause);
    b.conditions.forEach((c, i) => add(`${p}.conditions[${i}].${c.test}`, c.clause));
    deadline(p, b.deadline);
  }
  return out;
}

/** Every amount/rate string in a version, with where it sits. */
function numbersOf(v: SchemeVersion): [string, string][] {
  const out: [string, string][] = [];
  const add = (where: string, x: string) => out.push([where, x]);
  v.funding.forEach((f) => {
    add(`funding.${f.id}.amount`, f.amount);
    const p = f.payers;
    if (p.kind === 'fixedAmounts') p.parts.forEach((x) => add(`funding.${f.id}.${x.payer}`, x.amount));
    if (p.kind === 'sharesByArea') Object.entries(p.byArea).forEach(([a, xs]) => xs.forEach((x) => add(`funding.${f.id}.${a}.${x.payer}`, x.share)));
    if (p.kind === 'sharesByTownType') Object.entries(p.byTownType).forEach(([a, xs]) => xs.forEach((x) => add(`funding.${f.id}.${a}.${x.payer}`, x.share)));
  });
  if (v.riskSharing?.kind === 'refundAndShare') {
    add('riskSharing.breakEven', v.riskSharing.breakEven);
    add('riskSharing.insurerMaxShare', v.riskSharing.insurerMaxShare);
  }
  if (v.riskSharing?.kind === 'corridor') {
    add('riskSharing.carryForwardBelow', v.riskSharing.carryForwardBelow);
    add('riskSharing.governmentAbove', v.riskSharing.governmentAbove);
  }
  v.lossRatioWarnings?.forEach((w) => add(`lossRatioWarnings.${w.level}`, w.above));
  const dl = (where: string, d: DeadlineRule | undefined) => {
    if (d && d.kind === 'amountBands') d.bands.forEach((b, i) => b.max !== undefined && add(`${where}.bands[${i}].max`, b.max));
  };
  dl('defaultDeadline', v.defaultDeadline);
  for (const b of v.benefits) {
    const p = `benefits.${b.id}`;
    const f = b.formula;
    if (f.kind === 'fixed') add(`${p}.amount`, f.amount);
    if (f.kind === 'fixedByOption') Object.entries(f.amounts).forEach(([k, x]) => add(`${p}.amounts.${k}`, x));
    if (f.kind === 'disability') {
      add(`${p}.sum`, f.sum);
      if (f.deathAmount) add(`${p}.deathAmount`, f.deathAmount);
    }
    if (f.kind === 'reimbursement') {
      if (f.deductible) add(`${p}.deductible`, f.deductible.amount);
      if (f.rate) add(`${p}.rate`, f.rate);
      f.variants?.forEach((x) => x.bands.forEach((band, i) => {
        add(`${p}.${x.label}.bands[${i}].rate`, band.rate);
        if (band.upTo) add(`${p}.${x.label}.bands[${i}].upTo`, band.upTo);
      }));
    }
    if (f.kind === 'burdenCap') add(`${p}.burdenLine`, f.burdenLine);
    if (b.annualCap) add(`${p}.annualCap`, b.annualCap.amount);
    if (b.perClaimCap) add(`${p}.perClaimCap`, b.perClaimCap.amount);
    dl(p, b.deadline);
  }
  return out;
}

/** Fact names a benefit's formula, conditions and documents refer to. */
function referencedFacts(b: BenefitDef): string[] {
  const out: string[] = [];
  const f = b.formula;
  if (f.kind === 'reimbursement') out.push(f.base);
  if (f.kind === 'fixedByOption') out.push(f.fact);
  if (f.kind === 'burdenCap') out.push(f.totalFact, f.burdenFact);
  if (f.kind === 'disability') out.push('grade', ...(f.deathAmount ? ['outcome'] : []));
  for (const c of b.conditions as ConditionDef[]) {
    if ('fact' in c) out.push(c.fact);
    if (c.test === 'referral') out.push('outsideHomeCounty', 'referral', 'admissionDate', 'referralDate');
  }
  for (const d of b.documents) if (d.when) out.push(d.when.fact);
  return out;
}

describe.each(schemes)('%s', (_id, s: SchemeDefinition) => {
  it('has sources with ids, titles, dates and seed files', () => {
    expect(s.sources.length).toBeGreaterThan(0);
    for (const src of s.sources) {
      expect(src.id).toBeTruthy();
      expect(src.title).toBeTruthy();
      expect(src.date).toMatch(ISO);
      expect(src.seedFile).toMatch(/^\d{3}_[0-9a-f]{16}\.txt$/);
    }
    expect(new Set(s.sources.map((x) => x.id)).size).toBe(s.sources.length);
  });

  it('versions do not overlap and are in date order', () => {
    const vs = s.versions;
    expect(vs.length).toBeGreaterThan(0);
    expect(new Set(vs.map((v) => v.id)).size).toBe(vs.length);
    for (const v of vs) {
      expect(v.effective.from).toMatch(ISO);
      expect(v.effective.to).toMatch(ISO);
      expect(v.effective.from <= v.effective.to).toBe(true);
    }
    for (let i = 1; i < vs.length; i++) expect(vs[i - 1].effective.to < vs[i].effective.from).toBe(true);
  });
});

describe.each(versions)('%s', (_label, s, v) => {
  const docs = new Set([...s.sources.map((x) => x.id), 'huimin']);

  it('insurance years tile the version: no gap, no overlap, from its first day to its last', () => {
    const ys = v.insuranceYears;
    expect(ys.length).toBeGreaterThan(0);
    expect(ys[0].from).toBe(v.effective.from);
    expect(ys[ys.length - 1].to).toBe(v.effective.to);
    for (const y of ys) expect(y.from <= y.to).toBe(true);
    for (let i = 1; i < ys.length; i++) expect(ys[i].from).toBe(addDays(ys[i - 1].to, 1));
    expect(new Set(ys.map((y) => y.id)).size).toBe(ys.length);
  });

  it('every clause cites one of the scheme\'s sources (or huimin)', () => {
    const bad = clausesOf(v).filter(([, c]) => !c || !docs.has(c.doc) || !c.clause);
    expect(bad.map(([where, c]) => `${where}: ${JSON.stringify(c)}`)).toEqual([]);
  });

  it('every benefit, cap, condition, variant and funding item carries a clause', () => {
    const where = clausesOf(v).map(([w]) => w);
    for (const b of v.benefits) {
      expect(where).toContain(`benefits.${b.id}`);
      if (b.annualCap) expect(where).toContain(`benefits.${b.id}.annualCap`);
      if (b.perClaimCap) expect(where).toContain(`benefits.${b.id}.perClaimCap`);
    }
    for (const f of v.funding) expect(where).toContain(`funding.${f.id}`);
  });

  it('every amount and rate string parses as a decimal', () => {
    const bad = numbersOf(v).filter(([, x]) => typeof x !== 'string' || !DECIMAL.test(x) || !new Decimal(x).isFinite());
    expect(bad).toEqual([]);
  });

  it('shares of each payer split add up to 1', () => {
    for (const f of v.funding) {
      const p = f.payers;
      const groups = p.kind === 'sharesByArea' ? Object.values(p.byArea) : p.kind === 'sharesByTownType' ? Object.values(p.byTownType) : [];
      for (const g of groups) expect(g.reduce((a, x) => a.plus(x.share), new Decimal(0)).toFixed()).toBe('1');
      if (p.kind === 'fixedAmounts') {
        const fixed = p.parts.reduce((a, x) => a.plus(x.amount), new Decimal(0));
        expect(fixed.lessThanOrEqualTo(f.amount)).toBe(true);
      }
    }
  });

  it('every area has an insurer in the version', () => {
    expect(v.coverage.areas.length).toBeGreaterThan(0);
    const ids = new Set(v.insurers.map((i) => i.id));
    expect(ids.size).toBe(v.insurers.length);
    for (const a of v.coverage.areas) {
      if (a.insurerId !== undefined) expect(ids).toContain(a.insurerId);
      else expect(v.insurers).toHaveLength(1); // the single insurer serves every area
    }
    // each insurer serves at least one area
    for (const i of v.insurers) {
      expect(v.coverage.areas.some((a) => a.insurerId === i.id || (a.insurerId === undefined && v.insurers.length === 1))).toBe(true);
    }
    expect(new Set(v.coverage.areas.map((a) => a.name)).size).toBe(v.coverage.areas.length);
    for (const x of v.coverage.excludedAreas ?? []) expect(v.coverage.areas.map((a) => a.name)).not.toContain(x.name);
  });

  it('sharesByArea names only areas of the version', () => {
    const names = new Set(v.coverage.areas.map((a) => a.name));
    for (const f of v.funding) if (f.payers.kind === 'sharesByArea') for (const a of Object.keys(f.payers.byArea)) expect(names).toContain(a);
    for (const f of v.funding) if (f.payers.kind === 'sharesByArea') for (const a of names) expect(Object.keys(f.payers.byArea)).toContain(a);
  });

  it('every qualifying, excluding and required category code is in CATEGORIES', () => {
    const codes = [
      ...v.coverage.qualifying.flatMap((q) => [q.code, ...(q.unless ?? [])]),
      ...v.benefits.flatMap((b) => [
        ...b.conditions.flatMap((c) => (c.test === 'hasCategory' ? c.anyOf : [])),
        ...(b.formula.kind === 'reimbursement' ? (b.formula.variants ?? []).flatMap((x) => x.categoryAnyOf ?? []) : []),
      ]),
    ];
    expect(codes.filter((c) => !CATEGORY_CODES.has(c))).toEqual([]);
    if (v.coverage.basis === 'categories') expect(v.coverage.qualifying.length).toBeGreaterThan(0);
  });

  it('benefit ids are unique; funding names only benefits of the version', () => {
    const ids = v.benefits.map((b) => b.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const f of v.funding) for (const id of f.benefitIds ?? []) expect(ids).toContain(id);
  });
});

describe.each(benefits)('%s', (_label, _s, _v, b) => {
  it('bands: upTo ascending, only the last band open, rates in (0, 1]', () => {
    const f = b.formula;
    if (f.kind !== 'reimbursement') return;
    expect(f.rate !== undefined || (f.variants?.length ?? 0) > 0).toBe(true);
    for (const x of f.variants ?? []) {
      const bands = x.bands;
      expect(bands.length).toBeGreaterThan(0);
      bands.forEach((band, i) => {
        if (i < bands.length - 1) expect(band.upTo).toBeDefined();
        else expect(band.upTo).toBeUndefined();
        expect(new Decimal(band.rate).greaterThan(0) && new Decimal(band.rate).lessThanOrEqualTo(1)).toBe(true);
      });
      for (let i = 1; i < bands.length - 1; i++) expect(new Decimal(bands[i].upTo!).greaterThan(bands[i - 1].upTo!)).toBe(true);
      if (bands.length > 1) expect(new Decimal(bands[0].upTo!).greaterThan(0)).toBe(true);
    }
    const defaults = (f.variants ?? []).filter((x) => !x.categoryAnyOf);
    if (f.variants) expect(defaults).toHaveLength(1);
    if (f.rate) expect(new Decimal(f.rate).greaterThan(0) && new Decimal(f.rate).lessThanOrEqualTo(1)).toBe(true);
  });

  it('facts referenced by the formula, conditions and documents exist', () => {
    const names = new Set(b.facts.map((f) => f.name));
    expect(names.size).toBe(b.facts.length);
    expect(referencedFacts(b).filter((n) => !names.has(n))).toEqual([]);
    const f = b.formula;
    const typeOf = (n: string) => b.facts.find((x) => x.name === n)?.type;
    if (f.kind === 'reimbursement') expect(typeOf(f.base)).toBe('money');
    if (f.kind === 'burdenCap') expect([typeOf(f.totalFact), typeOf(f.burdenFact)]).toEqual(['money', 'money']);
    if (f.kind === 'disability') expect(typeOf('grade')).toBe('grade');
    if (f.kind === 'fixedByOption') {
      const opts = b.facts.find((x) => x.name === f.fact)?.options?.map((o) => o.value) ?? [];
      expect(Object.keys(f.amounts).sort()).toEqual([...opts].sort());
    }
    for (const c of b.conditions) {
      if (c.test === 'factIn') {
        const def = b.facts.find((x) => x.name === c.fact)!;
        if (def.type === 'enum') for (const val of c.values) expect(def.options!.map((o) => o.value)).toContain(val);
      }
    }
    for (const fd of b.facts) if (fd.type === 'enum') expect(fd.options?.length).toBeGreaterThan(0);
  });

  it('一次性告知: lists an ID document and a bank-account document, no duplicates', () => {
    const ids = b.documents.map((d) => d.id);
    expect(ids).toContain('id_card');
    expect(ids).toContain('bank_account');
    expect(b.documents.find((d) => d.id === 'id_card')!.when).toBeUndefined();
    expect(b.documents.find((d) => d.id === 'bank_account')!.when).toBeUndefined();
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('caps and once-per rules are consistent', () => {
    if (b.oncePer === 'option') expect(b.formula.kind).toBe('fixedByOption');
    if (b.formula.kind === 'reimbursement' && b.formula.accumulation === 'year') expect(b.annualCap).toBeDefined();
    if (b.annualCap && b.perClaimCap) expect(new Decimal(b.perClaimCap.amount).lessThanOrEqualTo(b.annualCap.amount)).toBe(true);
  });
});
