/* eslint-disable */
/**
 * 2,000 claims replayed from cache (no harness around them, every line of each breakdown read): what an estimate
 * itself costs, without the million-claim bench's memory traffic. Meant for counting instructions, which on a shared
 * machine are steadier than times:
 *
 *   for r in 20 60; do REPS=$r valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
 *     --smc-check=all-non-file node --single-threaded --single-threaded-gc bench/hot-loop.js; done
 *
 * (I refs of the 60-rep run minus the 20-rep run, divided by 80,000, is instructions per estimate.)
 * EXPLAIN=0: payout only. DIST=<path>: another build of the engine, to compare.
 * Half the claims are the first of their year (no `used`), as about half of the bench's are.
 */
'use strict';
const s = require(process.env.DIST || '../dist');
let seed = 7;
const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff) / 0x80000000);
const pick = (a) => a[Math.floor(rnd() * a.length)];
const CATS = { 'cq-hmjkb': ['dibao'], 'lc-fpthb': ['poverty_policy'], 'jc-fpzhbx': ['tuopin'], 'mh-huhuibao': ['dibao'], 'zmd-yymsh': ['dibao'] };
const claims = [];
for (let i = 0; i < 2000; i++) {
  const sc = pick(s.SCHEMES);
  const v = pick(sc.versions);
  const y = pick(v.insuranceYears);
  const b = pick(v.benefits);
  const person = s.preparePerson({
    birthDate: '1960-03-12',
    area: v.coverage.areas[0].name,
    identities: [{ code: CATS[sc.id][0], validFrom: '2000-01-01' }],
    registeredResident: true,
    medicalInsuranceYears: [2026, 2027, 2028],
    monitoringSystemSince: '2000-01-01',
    disabilityCardValidUntil: '2040-01-01',
  });
  const facts = {};
  for (const d of b.facts) {
    if (d.type === 'money') facts[d.name] = `${Math.floor(rnd() * 30000)}.${Math.floor(rnd() * 90) + 10}`;
    else if (d.type === 'grade') facts[d.name] = 3;
    else if (d.type === 'enum') facts[d.name] = d.options[0].value;
    else if (d.type === 'boolean') facts[d.name] = d.name !== 'groupPolicy';
    else if (d.type === 'date') facts[d.name] = y.from;
    else facts[d.name] = 'x';
  }
  if (b.formula.kind === 'burdenCap') facts.inPolicyBurden = facts.inPolicyTotal;
  const used = rnd() < 0.5 ? undefined : { base: (rnd() * 3000).toFixed(2), paid: (rnd() * 300).toFixed(2), claimsThisYear: 1, claimsEver: 1 };
  claims.push({ p: person, r: { schemeId: sc.id, benefitId: b.id, incidentDate: y.from, facts, used } });
}
const o = { explain: process.env.EXPLAIN !== '0' };
const REPS = +(process.env.REPS || 20);
let chars = 0;
const t0 = process.hrtime.bigint();
for (let rep = 0; rep < REPS; rep++) {
  for (const c of claims) {
    const r = s.estimateFast(c.p, c.r, o);
    for (const l of r.breakdown) chars += l.text.length;
  }
}
const ns = Number(process.hrtime.bigint() - t0) / (REPS * claims.length);
console.log(`${REPS * claims.length} estimates (${o.explain ? 'with breakdown' : 'payout only'}), ${ns.toFixed(0)} ns each; breakdown text read: ${chars} characters`);
