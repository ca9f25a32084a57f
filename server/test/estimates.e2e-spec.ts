/** POST /api/estimates: person facts and the ledger from the database, access by role, engine errors as field errors. */
import request from 'supertest';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

describe('estimates', () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const post = (auth: string, body: object) => request(t.app.getHttpServer()).post('/api/estimates').set('Authorization', auth).send(body);
  const inpatient = { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', facts: { selfPayAfterOthers: '3800.00' } };

  it('estimates for the caller themself, with this year\'s ledger from the database', async () => {
    const r = await post(bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id }), inpatient).expect(200);
    expect(r.body).toMatchObject({ personId: w.a.id, covered: true, payout: '1500.00', insuranceYear: '2026', versionId: 'jc-2026' });
    expect(r.body.ledger).toMatchObject({ unit: 'person', base: { before: '1200.00', claim: '3800.00', after: '5000.00' }, annualCap: '20000.00', capLeftAfter: '18500.00' });
    const sum = r.body.breakdown.filter((l: { amount?: string }) => l.amount).reduce((s: number, l: { amount: string }) => s + Number(l.amount), 0);
    expect(sum.toFixed(2)).toBe('1500.00');
    expect(r.body.reasons.find((x: { code: string }) => x.code === 'AREA_COVERED')).toMatchObject({ ok: true });
    expect(r.body.documents.length).toBeGreaterThan(2);
    expect(r.body.deadline).toMatch(/工作日/);
  });

  it('uses the household ledger for a household benefit', async () => {
    const body = { schemeId: 'jc-fpzhbx', benefitId: 'property', incidentDate: '2026-07-01', facts: { cause: 'natural_disaster', loss: '30000', jointlyAssessed: true } };
    const r = await post(bearer(t.app, { userId: 2, role: 'beneficiary', personId: w.b.id }), body).expect(200);
    expect(r.body).toMatchObject({ covered: true, payout: '17000.00', ledger: { unit: 'household', paid: { before: '3000.00', after: '20000.00' } } });
  });

  it('lets a caseworker estimate for a person of their district, and answers 404 for another district\'s', async () => {
    const cw = bearer(t.app, { userId: 5, role: 'caseworker', districtIds: [w.gaoping.id] });
    const ok = await post(cw, { ...inpatient, personId: w.a.id }).expect(200);
    expect(ok.body.payout).toBe('1500.00');
    const other = await post(cw, { ...inpatient, personId: w.c.id }).expect(404);
    expect(other.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到' });
    await post(cw, { ...inpatient, personId: 999999 }).expect(404);
    const missing = await post(cw, inpatient).expect(400);
    expect(missing.body.errors).toEqual([{ field: 'personId', message: '请选择要估算的参保人' }]);
  });

  it('answers 404 when a beneficiary asks about someone else', async () => {
    await post(bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id }), { ...inpatient, personId: w.c.id }).expect(404);
  });

  it('says "not covered" with reasons, as a normal answer', async () => {
    const r = await post(bearer(t.app, { userId: 3, role: 'beneficiary', personId: w.c.id }), { ...inpatient, incidentDate: '2030-02-01' }).expect(200);
    expect(r.body).toMatchObject({ covered: false, payout: '0.00' });
    expect(r.body.reasons[0]).toMatchObject({ ok: false, code: 'NO_VERSION_IN_FORCE' });
    // C lives in 泽州县, not a Minhang town: not covered by the Minhang subsidy
    const mh = await post(bearer(t.app, { userId: 3, role: 'beneficiary', personId: w.c.id }), {
      schemeId: 'mh-huhuibao', benefitId: 'huhuibao_subsidy', incidentDate: '2024-06-20',
      facts: { policyNo: 'X1', purchaseDate: '2024-06-18', policyIssued: true, groupPolicy: false, viaMinhangLink: true },
    }).expect(200);
    expect(mh.body.covered).toBe(false);
    expect(mh.body.reasons.some((x: { code: string }) => x.code === 'AREA_NOT_COVERED')).toBe(true);
  });

  it('answers bad facts with 400 and the field at fault, in Chinese', async () => {
    const auth = bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id });
    const r = await post(auth, { ...inpatient, facts: { selfPayAfterOthers: 'abc' } }).expect(400);
    expect(r.body).toMatchObject({ statusCode: 400, code: 'INVALID_AMOUNT' });
    expect(r.body.errors).toHaveLength(1);
    expect(r.body.errors[0].field).toBe('facts.selfPayAfterOthers');
    expect(r.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    // The fact by its label, as the form shows it, not by its path.
    expect(r.body.errors[0].message).toContain('个人自付金额 金额格式不对');
    expect(r.body.errors[0].message).not.toContain('facts.');
    const unknownFact = await post(auth, { ...inpatient, facts: { selfPayAfterOthers: '10', bonus: '1' } }).expect(400);
    expect(unknownFact.body.errors[0].field).toBe('facts.bonus');
    const unknownBenefit = await post(auth, { ...inpatient, benefitId: 'nope' }).expect(400);
    expect(unknownBenefit.body).toMatchObject({ code: 'UNKNOWN_BENEFIT', errors: [{ field: 'benefitId' }] });
    const badDate = await post(auth, { ...inpatient, incidentDate: '2026-5-1' }).expect(400);
    expect(badDate.body.errors).toEqual([{ field: 'incidentDate', message: '出险日期应为真实的日期，如 2026-05-10' }]);
    // A date of the right shape that is not on the calendar: refused in the same words, before the engine sees it.
    for (const incidentDate of ['2026-02-30', '2026-13-01']) {
      const impossible = await post(auth, { ...inpatient, incidentDate }).expect(400);
      expect(impossible.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'incidentDate', message: '出险日期应为真实的日期，如 2026-05-10' }] });
    }
    const noFacts = await post(auth, { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10' }).expect(400);
    expect(noFacts.body.errors).toEqual([{ field: 'facts', message: '理赔信息应为对象' }]);
  });

  it('refuses extra top-level fields (mass assignment): role, districtId, userId', async () => {
    const r = await post(bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id }), { ...inpatient, role: 'admin', districtId: w.zezhou.id, userId: 1 }).expect(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['districtId', 'role', 'userId']);
    expect(r.body.errors[0].message).toBe('不认识这个字段，请勿提交');
  });

  it('is not for finance or admin (403), nor without a login (401)', async () => {
    await post(bearer(t.app, { userId: 7, role: 'finance' }), { ...inpatient, personId: w.a.id }).expect(403);
    await request(t.app.getHttpServer()).post('/api/estimates').send(inpatient).expect(401);
  });
});
