/** GET /api/me/coverage: enrolments in force and ended within 12 months, limits and this year's use, own data only. */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { TokenService } from '../src/auth/token.service';
import { Clock } from '../src/common/clock';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

describe('my coverage', () => {
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

  const get = (auth: string) => request(t.app.getHttpServer()).get('/api/me/coverage').set('Authorization', auth);

  it('shows a person with two schemes: the one in force and the one ended within 12 months, flagged', async () => {
    const r = await get(bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id })).expect(200);
    expect(r.body.today).toBe('2026-03-01');
    expect(r.body.person).toMatchObject({ id: w.a.id, name: '赵**', phoneMasked: '139****5678', age: 58, district: { name: '高平市', city: '晋城市' } });
    expect(r.body.person.idNumberMasked).toMatch(/^140\*{11}\w{4}$/);
    expect(r.body.enrolments.map((e: { schemeId: string; insuranceYear: string; status: string }) => [e.schemeId, e.insuranceYear, e.status])).toEqual([
      ['jc-fpzhbx', '2026', 'active'],
      ['cq-hmjkb', '2025', 'ended'],
    ]);
    const [jc, cq] = r.body.enrolments;
    expect(jc).toMatchObject({ schemeName: '防贫综合保险', versionId: 'jc-2026', coverStart: '2026-01-01', coverEnd: '2026-12-31', statusLabel: '保障中' });
    expect(jc.insurer).toMatchObject({ name: '市级统一招标确定的承保机构', hotline: null, telLink: null });
    expect(cq).toMatchObject({ statusLabel: '已结束', insuranceYearFrom: '2025-01-01', insuranceYearTo: '2025-12-31' });
    expect(cq.note).toContain('仍可报案理赔');
    expect(cq.insurer).toMatchObject({ name: '安诚财产保险股份有限公司重庆分公司' });

    const inpatient = jc.benefits.find((b: { id: string }) => b.id === 'inpatient');
    expect(inpatient.usage).toEqual({
      insuranceYear: '2026', ledger: 'person', baseUsed: '1200.00', paid: '0.00',
      annualCap: { amount: '20000.00', used: '0.00', left: '20000.00' },
      deductible: { amount: '2000.00', met: '1200.00', left: '800.00' },
    });
    expect(inpatient.limits.annualCap.amount).toBe('20000.00');
    expect(inpatient.documents.map((d: { name: string }) => d.name)).toContain('医疗费用发票（医疗电子票据）');
    const accident = cq.benefits.find((b: { id: string }) => b.id === 'accident_medical');
    expect(accident.usage.annualCap).toEqual({ amount: '5000.00', used: '800.00', left: '4200.00' });
  });

  it('takes a household benefit\'s used/left from the household ledger, for every member', async () => {
    for (const p of [w.a, w.b]) {
      const r = await get(bearer(t.app, { userId: 2, role: 'beneficiary', personId: p.id })).expect(200);
      const property = r.body.enrolments[0].benefits.find((b: { id: string }) => b.id === 'property');
      expect(property.usage).toMatchObject({ ledger: 'household', paid: '3000.00', annualCap: { amount: '20000.00', used: '3000.00', left: '17000.00' } });
    }
  });

  it('gives another beneficiary only their own', async () => {
    const r = await get(bearer(t.app, { userId: 3, role: 'beneficiary', personId: w.b.id })).expect(200);
    expect(r.body.person.id).toBe(w.b.id);
    expect(r.body.enrolments).toHaveLength(1);
    const inpatient = r.body.enrolments[0].benefits.find((b: { id: string }) => b.id === 'inpatient');
    expect(inpatient.usage.baseUsed).toBe('0.00'); // A's personal ledger is not B's
  });

  it('follows the clock: a year later the Chongqing cover is no longer listed', async () => {
    t.app.get(Clock).setToday('2027-01-05');
    const r = await get(bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id })).expect(200);
    expect(r.body.enrolments.map((e: { schemeId: string; status: string }) => [e.schemeId, e.status])).toEqual([['jc-fpzhbx', 'ended']]);
    t.app.get(Clock).setToday('2026-03-01');
  });

  it('refuses staff (403), an unbound account (404) and no token (401)', async () => {
    const cw = await get(bearer(t.app, { userId: 9, role: 'caseworker', districtIds: [w.gaoping.id] })).expect(403);
    expect(cw.body.code).toBe('FORBIDDEN');
    await get(bearer(t.app, { userId: 10, role: 'beneficiary', personId: null })).expect(404);
    await request(t.app.getHttpServer()).get('/api/me/coverage').expect(401);
  });

  // The route is @SessionCheckedInRead: for a beneficiary's own request the session is checked in the coverage
  // read itself, not by the guard. These sessions are real rows (not minted by bearer()), changed behind the
  // app's back as another server process or an admin would.
  describe('the session, checked in the coverage read', () => {
    const tokenFor = (userId: number, personId: number | null, sessionId: string) =>
      `Bearer ${t.app.get(TokenService).issueAccessToken({ userId, role: 'beneficiary', personId, districtIds: [], sessionId })}`;
    async function liveSession(personId: number | null): Promise<{ userId: number; sessionId: string; auth: string }> {
      const users = t.dataSource.getRepository(AppUser);
      // The account row stays unbound (one account per person): whose coverage it is comes from the token's pid.
      const userId = (await users.insert({ role: 'beneficiary', wechatOpenid: `cov-${randomUUID()}`, personId: null, active: true })).identifiers[0].id as number;
      const sessionId = randomUUID();
      await t.dataSource.getRepository(AuthSession).insert({
        id: sessionId, userId, method: 'wechat', expiresAt: new Date(t.app.get(Clock).now().getTime() + 3600_000), revokedAt: null, revokeReason: null,
      });
      return { userId, sessionId, auth: tokenFor(userId, personId, sessionId) };
    }
    const sessions = () => t.dataSource.getRepository(AuthSession);
    const expect401 = async (auth: string, headers: Record<string, string> = {}) => {
      const r = await get(auth).set(headers).expect(401);
      expect(r.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
      expect(JSON.stringify(r.body)).not.toContain('person');
    };

    it('answers a live session, then 401 once it is revoked in the database (by another process: no local cache)', async () => {
      const s = await liveSession(w.c.id);
      expect((await get(s.auth).expect(200)).body.person.id).toBe(w.c.id);
      await sessions().update({ id: s.sessionId }, { revokedAt: t.app.get(Clock).now(), revokeReason: 'logout' });
      await expect401(s.auth);
    });

    it('401 for an expired session, a deactivated user and a session the database does not know', async () => {
      const expired = await liveSession(w.c.id);
      await get(expired.auth).expect(200);
      await sessions().update({ id: expired.sessionId }, { expiresAt: new Date(t.app.get(Clock).now().getTime() - 1000) });
      await expect401(expired.auth);

      const deactivated = await liveSession(w.a.id);
      await get(deactivated.auth).expect(200);
      await t.dataSource.getRepository(AppUser).update({ id: deactivated.userId }, { active: false });
      await expect401(deactivated.auth);

      await expect401(tokenFor(expired.userId, w.c.id, randomUUID()));
    });

    it('a revoked session gets 401, not 404, for an account not bound to a person, and with X-Act-For', async () => {
      const unbound = await liveSession(null);
      await get(unbound.auth).expect(404);
      await sessions().update({ id: unbound.sessionId }, { revokedAt: t.app.get(Clock).now(), revokeReason: 'logout' });
      await expect401(unbound.auth);

      const actor = await liveSession(w.c.id);
      await sessions().update({ id: actor.sessionId }, { revokedAt: t.app.get(Clock).now(), revokeReason: 'logout' });
      await expect401(actor.auth, { 'X-Act-For': String(w.a.id) });
    });
  });
});
