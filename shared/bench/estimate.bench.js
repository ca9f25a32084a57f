/* eslint-disable */
/**
 * npm run bench (shared): one million mixed claims over all five schemes, with annual accumulation per
 * person (and household), estimated by the engine (decimal.js) and by a plain-number version of the same
 * pipeline (same lookups, eligibility and conditions; the arithmetic with JS numbers) in the same run.
 * Prints estimates per second for each and the ratio. Goal (issue 2): ≥ 200,000/s on one core, ≥ 0.25 of plain.
 *   N=200000 npm run bench -w @huimin/shared    (fewer claims)
 */
'use strict';
const s = require('../dist');
const { eligibilityOf } = require('../dist/engine/eligibility');
const { checkCondition } = require('../dist/engine/conditions');
const { validateFacts } = require('../dist/engine/facts');
const { validatePerson } = require('../dist/engine/person');

const N = Number(process.env.N || 1000000);
const PEOPLE_PER_SCHEME = 20000;

// ---------------------------------------------------------------- a seeded generator
let seed = 20261122;
const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const cents = (maxYuan) => { const c = Math.floor(rnd() * maxYuan * 100); return `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`; };

const CATS = {
  'cq-hmjkb': ['dibao', 'tekun', 'orphan', 'youfu_regular'],
  'lc-fpthb': ['poverty_policy'],
  'jc-fpzhbx': ['tuopin', 'edge_at_risk', 'severe_hardship'],
  'mh-huhuibao': ['dibao', 'low_income', 'disability_card', 'hardship_farmer', 'youfu_key'],
  'zmd-yymsh': ['dibao', 'tekun', 'rural_poverty_registered'],
};

function makePeople(scheme) {
  const v = scheme.versions[0];
  const areas = v.coverage.areas;
  const out = [];
  for (let i = 0; i < PEOPLE_PER_SCHEME; i++) {
    const by = 1940 + Math.floor(rnd() * 80);
    out.push({
      key: `${scheme.id}:${i}`,
      household: `${scheme.id}:h${i >> 1}`,
      person: {
        birthDate: `${by}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
        area: pick(areas).name,
        identities: [{ code: pick(CATS[scheme.id]), validFrom: '2000-01-01' }],
        registeredResident: true,
        inSchool: rnd() < 0.3,
        medicalInsuranceYears: [2026, 2027, 2028],
        monitoringSystemSince: '2020-01-01',
        disabilityCardValidUntil: '2040-01-01',
      },
    });
  }
  return out;
}

function factsFor(benefit, incidentDate) {
  const f = {};
  for (const d of benefit.facts) {
    switch (d.type) {
      case 'money': f[d.name] = cents(rnd() < 0.8 ? 20000 : 200000); break;
      case 'grade': f[d.name] = 1 + Math.floor(rnd() * 10); break;
      case 'enum': f[d.name] = pick(d.options).value; break;
      case 'boolean': f[d.name] = d.name === 'groupPolicy' ? rnd() < 0.1 : d.name === 'outsideHomeCounty' ? rnd() < 0.2 : rnd() < 0.95; break;
      case 'date': f[d.name] = d.name === 'purchaseDate' ? `${incidentDate.slice(0, 4)}-06-15` : incidentDate; break;
      case 'text': f[d.name] = '示例'; break;
    }
  }
  if (benefit.formula.kind === 'burdenCap') {
    const total = Number(f.inPolicyTotal); // generation only, not money arithmetic
    f.inPolicyBurden = cents(Math.max(1, Math.floor(total * 0.3)));
    if (Number(f.inPolicyBurden) > total) f.inPolicyBurden = f.inPolicyTotal;
  }
  return f;
}

function generate() {
  const schemes = s.SCHEMES.map((sc) => ({ sc, people: makePeople(sc) }));
  const claims = new Array(N);
  for (let i = 0; i < N; i++) {
    const { sc, people } = pick(schemes);
    const v = pick(sc.versions);
    const y = pick(v.insuranceYears);
    const benefit = pick(v.benefits);
    const dayOffset = Math.floor(rnd() * 300);
    const d = new Date(Date.parse(y.from) + dayOffset * 86400000).toISOString().slice(0, 10);
    const incidentDate = d > y.to ? y.to : d;
    const p = pick(people);
    claims[i] = {
      ledgerKey: `${benefit.unit === 'household' ? p.household : p.key}|${sc.id}|${benefit.id}|${y.id}`,
      request: { schemeId: sc.id, benefitId: benefit.id, incidentDate, person: p.person, facts: factsFor(benefit, incidentDate) },
    };
  }
  return claims;
}

// ---------------------------------------------------------------- the yearly ledger, kept by the caller
/** Adds a covered claim to its person's (household's) ledger; `num` is decimal.js or plain numbers. */
function record(ledger, c, u, payout, num) {
  const facts = c.request.facts;
  const f = s.getBenefit(s.findVersion(s.getScheme(c.request.schemeId), c.request.incidentDate), c.request.benefitId).formula;
  const baseFact = f.kind === 'reimbursement' ? f.base : f.kind === 'burdenCap' ? f.burdenFact : undefined;
  const next = u || { base: num.zero(), paid: num.zero(), n: 0, options: [] };
  if (baseFact) next.base = num.add(next.base, facts[baseFact]);
  next.paid = num.add(next.paid, payout);
  next.n++;
  if (f.kind === 'fixedByOption') next.options = [...next.options, facts[f.fact]];
  ledger.set(c.ledgerKey, next);
}

// ---------------------------------------------------------------- the engine (decimal.js)
function runEngine(claims, explain) {
  const D = s.D;
  const ledger = new Map();
  let covered = 0;
  const payouts = new Array(claims.length);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i];
    const u = ledger.get(c.ledgerKey);
    c.request.used = u ? { base: u.base.toFixed(2), paid: u.paid.toFixed(2), claimsThisYear: u.n, claimsEver: u.n, optionsGranted: u.options } : undefined;
    const r = s.estimate(c.request, { explain });
    payouts[i] = r.payout;
    if (r.covered) {
      covered++;
      record(ledger, c, u, r.payout, { zero: () => new D(0), add: (a, b) => a.plus(b) });
    }
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { secs, covered, payouts };
}

// ---------------------------------------------------------------- plain numbers, same pipeline
const round2 = (x) => Math.round(x * 100 + 1e-9) / 100;
const compiledPlain = new WeakMap();
function plainDef(b) {
  let c = compiledPlain.get(b);
  if (c) return c;
  const f = b.formula;
  c = { cap: b.annualCap ? Number(b.annualCap.amount) : undefined, perClaim: b.perClaimCap ? Number(b.perClaimCap.amount) : undefined };
  if (f.kind === 'reimbursement') {
    c.ded = f.deductible ? Number(f.deductible.amount) : 0;
    c.rate = f.rate ? Number(f.rate) : undefined;
    c.variants = f.variants && f.variants.map((v) => ({ cats: v.categoryAnyOf, bands: v.bands.map((x) => ({ upTo: x.upTo ? Number(x.upTo) : Infinity, rate: Number(x.rate) })) }));
  }
  compiledPlain.set(b, c);
  return c;
}
function plainValue(c, variant, x) {
  const over = Math.max(0, x - c.ded);
  if (!variant) return over * c.rate;
  let total = 0, from = 0;
  for (const band of variant.bands) { if (over <= from) break; total += (Math.min(over, band.upTo) - from) * band.rate; from = band.upTo; }
  return total;
}
function plainEstimate(req) {
  const scheme = s.getScheme(req.schemeId);
  const version = s.findVersion(scheme, req.incidentDate);
  if (!version) return { covered: false, payout: 0 };
  const benefit = s.getBenefit(version, req.benefitId);
  const person = validatePerson(req.person);
  const facts = validateFacts(benefit, req.facts);
  const elig = eligibilityOf(person, scheme, req.incidentDate);
  if (!elig.eligible) return { covered: false, payout: 0 };
  for (const cond of benefit.conditions) if (!checkCondition(cond, person, facts, req.incidentDate).ok) return { covered: false, payout: 0 };
  const used = req.used || {};
  if (benefit.oncePer === 'person' && used.claimsEver > 0) return { covered: false, payout: 0 };
  if (benefit.oncePer === 'year' && used.claimsThisYear > 0) return { covered: false, payout: 0 };
  const f = benefit.formula;
  if (benefit.oncePer === 'option' && (used.optionsGranted || []).includes(facts[f.fact])) return { covered: false, payout: 0 };
  const c = plainDef(benefit);
  const paid = used.paid ? Number(used.paid) : 0;
  const left = c.cap !== undefined ? Math.max(0, c.cap - paid) : Infinity;
  let v;
  if (f.kind === 'reimbursement' && f.accumulation === 'year') {
    const variant = c.variants && (c.variants.find((x) => x.cats && x.cats.some((k) => person.identities.some((i) => i.code === k))) || c.variants.find((x) => !x.cats));
    const before = used.base ? Number(used.base) : 0;
    const after = before + Number(facts[f.base]);
    const owed = (x) => round2(c.cap !== undefined ? Math.min(c.cap, plainValue(c, variant, x)) : plainValue(c, variant, x));
    return { covered: true, payout: Math.min(owed(after) - (before ? owed(before) : 0), left) };
  }
  switch (f.kind) {
    case 'fixed': v = Number(f.amount); break;
    case 'fixedByOption': v = Number(f.amounts[facts[f.fact]]); break;
    case 'disability': v = f.deathAmount && facts.outcome === 'death' ? Number(f.deathAmount) : Number(f.sum) * (11 - facts.grade) / 10; break;
    case 'reimbursement': v = plainValue(c, undefined, Number(facts[f.base])); break;
    case 'burdenCap': v = Math.max(0, Number(facts[f.burdenFact]) - Number(facts[f.totalFact]) * Number(f.burdenLine)); break;
  }
  if (c.perClaim !== undefined) v = Math.min(v, c.perClaim);
  return { covered: true, payout: round2(Math.min(v, left)) };
}
function runPlain(claims) {
  const ledger = new Map();
  let covered = 0;
  const payouts = new Array(claims.length);
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < claims.length; i++) {
    const c = claims[i];
    const u = ledger.get(c.ledgerKey);
    c.request.used = u ? { base: String(u.base), paid: String(u.paid), claimsThisYear: u.n, claimsEver: u.n, optionsGranted: u.options } : undefined;
    const r = plainEstimate(c.request);
    payouts[i] = r.payout;
    if (r.covered) {
      covered++;
      record(ledger, c, u, r.payout, { zero: () => 0, add: (a, b) => round2(a + Number(b)) });
    }
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  return { secs, covered, payouts };
}

// ---------------------------------------------------------------- run
const fmtN = (x) => Math.round(x).toLocaleString('en-US');
console.log(`huimin-estimate bench: ${fmtN(N)} mixed claims, ${s.SCHEMES.length} schemes, ${fmtN(PEOPLE_PER_SCHEME)} people each, node ${process.version}`);
const tg = Date.now();
const claims = generate();
console.log(`generated in ${((Date.now() - tg) / 1000).toFixed(1)} s`);
// Warm up both paths on a slice, then measure.
runEngine(claims.slice(0, 20000), false);
runPlain(claims.slice(0, 20000));
global.gc && global.gc();
const eng = runEngine(claims, false);
global.gc && global.gc();
const plain = runPlain(claims);
let mismatch = 0;
for (let i = 0; i < N; i++) if (Math.abs(Number(eng.payouts[i]) - plain.payouts[i]) > 0.0051) mismatch++;
const M = Math.min(N, 100000);
global.gc && global.gc();
const explained = runEngine(claims.slice(0, M), true);
const rEng = N / eng.secs, rPlain = N / plain.secs, rExpl = M / explained.secs;
console.log(`engine (decimal.js, payout only):     ${fmtN(rEng)} estimates/s  (${eng.secs.toFixed(2)} s, ${fmtN(eng.covered)} covered)`);
console.log(`engine (decimal.js, with breakdown):  ${fmtN(rExpl)} estimates/s  (first ${fmtN(M)} claims)`);
console.log(`plain numbers, same pipeline:         ${fmtN(rPlain)} estimates/s  (${plain.secs.toFixed(2)} s)`);
console.log(`ratio engine / plain:                 ${(rEng / rPlain).toFixed(3)}   (goal >= 0.25)`);
console.log(`goal >= 200,000 estimates/s:          ${rEng >= 200000 ? 'met' : 'NOT met'}`);
console.log(`claims where plain numbers differ from the exact payout by more than half a fen: ${fmtN(mismatch)}`);
