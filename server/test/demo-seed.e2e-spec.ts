/** The demo seed (SEED_DEMO): a few hundred people across the five schemes, logins, ledgers; idempotent. */
import request from 'supertest';
import { verifyPassword } from '../src/common/crypto/password';
import { Clock } from '../src/common/clock';
import { Enrolment } from '../src/enrolment/enrolment.entity';
import { Person } from '../src/people/person.entity';
import { DEMO_OPENIDS, DEMO_PASSWORD, DEMO_STAFF, DemoSeedService } from '../src/seed/demo';
import { AnnualUsage } from '../src/usage/annual-usage.entity';
import { AppUser } from '../src/users/app-user.entity';
import { UserDistrict } from '../src/users/user-district.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

describe('demo seed', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    db.config.seedDemo = true;
    db.config.today = '2026-11-22'; // the demo claims are dated relative to today
    t = await startTestApp(db);
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const counts = async () => ({
    people: await t.dataSource.getRepository(Person).count(),
    enrolments: await t.dataSource.getRepository(Enrolment).count(),
    users: await t.dataSource.getRepository(AppUser).count(),
    usage: await t.dataSource.getRepository(AnnualUsage).count(),
  });

  it('loads a few hundred people enrolled in all five schemes, with premiums from the engine', async () => {
    const c = await counts();
    expect(c.people).toBeGreaterThanOrEqual(200);
    expect(c.usage).toBeGreaterThanOrEqual(5);
    const rows: { schemeId: string; n: string | number }[] = await t.dataSource
      .getRepository(Enrolment)
      .createQueryBuilder('e')
      .select('e.scheme_id', 'schemeId')
      .addSelect('COUNT(*)', 'n')
      .groupBy('e.scheme_id')
      .getRawMany();
    expect(rows.map((r) => r.schemeId).sort()).toEqual(['cq-hmjkb', 'jc-fpzhbx', 'lc-fpthb', 'mh-huhuibao', 'zmd-yymsh']);
    const premium = async (schemeId: string) =>
      (await t.dataSource.getRepository(Enrolment).findOne({ where: schemeId === 'cq-hmjkb' ? { schemeId, coverStart: '2025-01-01' } : { schemeId } }))!.premium.toFixed(2);
    expect(await premium('cq-hmjkb')).toBe('120.00');
    expect(await premium('zmd-yymsh')).toBe('1.00');
    expect(await premium('lc-fpthb')).toBe('160.00');
    expect(await premium('jc-fpzhbx')).toBe('100.00');
    expect(await premium('mh-huhuibao')).toBe('129.00');
  });

  it('creates staff logins with the documented password and districts, and beneficiaries bound to the showcase people', async () => {
    const users = t.dataSource.getRepository(AppUser);
    for (const s of DEMO_STAFF) {
      const u = await users.findOneByOrFail({ username: s.username });
      expect(u.role).toBe(s.role);
      expect(await verifyPassword(DEMO_PASSWORD, u.passwordHash)).toBe(true);
      const n = await t.dataSource.getRepository(UserDistrict).countBy({ userId: u.id });
      if (s.role === 'caseworker' || s.role === 'adjuster') expect(n).toBeGreaterThan(0);
    }
    for (const openid of Object.values(DEMO_OPENIDS)) {
      const u = await users.findOneByOrFail({ wechatOpenid: openid });
      expect(u).toMatchObject({ role: 'beneficiary' });
      expect(u.personId).not.toBeNull();
    }
  });

  it('shows today\'s coverage: Jincheng 2026 in force, Chongqing 2024–25 ended', async () => {
    t.app.get(Clock).setToday('2026-11-22');
    const users = t.dataSource.getRepository(AppUser);
    const as = async (openid: string) => {
      const u = await users.findOneByOrFail({ wechatOpenid: openid });
      return (await request(t.app.getHttpServer()).get('/api/me/coverage').set('Authorization', bearer(t.app, { userId: u.id, role: 'beneficiary', personId: u.personId })).expect(200)).body;
    };
    const jc = await as(DEMO_OPENIDS.jincheng);
    expect(jc.enrolments[0]).toMatchObject({ schemeId: 'jc-fpzhbx', status: 'active', insuranceYear: '2026' });
    const property = jc.enrolments[0].benefits.find((b: { id: string }) => b.id === 'property');
    expect(property.usage.annualCap).toEqual({ amount: '20000.00', used: '3000.00', left: '17000.00' });
    const student = await as(DEMO_OPENIDS.student);
    expect(student.person.age).toBe(18);
    expect(student.enrolments.map((e: { schemeId: string; insuranceYear: string; status: string }) => [e.schemeId, e.insuranceYear, e.status])).toEqual([['cq-hmjkb', '2025', 'ended']]);
    const elderly = await as(DEMO_OPENIDS.elderly);
    expect(elderly.person.age).toBe(85);
    expect(elderly.enrolments[0].status).toBe('active');
  });

  it('the elderly person\'s caseworker acts for her (paper consent), signed in with the demo password', async () => {
    t.app.get(Clock).setToday('2026-11-22');
    const elderly = await t.dataSource.getRepository(AppUser).findOneByOrFail({ wechatOpenid: DEMO_OPENIDS.elderly });
    const login = async (username: string) =>
      (await request(t.app.getHttpServer()).post('/api/auth/staff/login').send({ username, password: DEMO_PASSWORD }).expect(200)).body.accessToken as string;
    const cw = await login('cw-jincheng');
    const r = await request(t.app.getHttpServer())
      .get('/api/me/coverage')
      .set('Authorization', `Bearer ${cw}`)
      .set('X-Act-For', String(elderly.personId))
      .expect(200);
    expect(r.body.person.age).toBe(85);
    // Another city's caseworker has no grant: not found.
    const other = await login('cw-chongqing');
    await request(t.app.getHttpServer()).get('/api/me/coverage').set('Authorization', `Bearer ${other}`).set('X-Act-For', String(elderly.personId)).expect(404);
  });

  it('estimates for the showcase people from their stored facts', async () => {
    const u = await t.dataSource.getRepository(AppUser).findOneByOrFail({ wechatOpenid: DEMO_OPENIDS.jincheng });
    const r = await request(t.app.getHttpServer())
      .post('/api/estimates')
      .set('Authorization', bearer(t.app, { userId: u.id, role: 'beneficiary', personId: u.personId }))
      .send({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', facts: { selfPayAfterOthers: '3800.00' } })
      .expect(200);
    // Her ledger: 1,200 from the seed plus the demo's paid claim of 4,200 → 5,400 base, (5,400 − 2,000) × 50% = 1,700 paid.
    // This 3,800 brings the base to 9,200: (9,200 − 2,000) × 50% = 3,600 owed in all, 1,900 more.
    expect(r.body).toMatchObject({ covered: true, payout: '1900.00', ledger: { base: { before: '5400.00' }, paid: { before: '1700.00' } } });
  });

  it('has claims in several states for the showcase people, made through the real claim flow', async () => {
    const u = await t.dataSource.getRepository(AppUser).findOneByOrFail({ wechatOpenid: DEMO_OPENIDS.jincheng });
    const mine = await request(t.app.getHttpServer()).get('/api/claims').set('Authorization', bearer(t.app, { userId: u.id, role: 'beneficiary', personId: u.personId })).expect(200);
    expect(mine.body.items.map((c: { state: string }) => c.state).sort()).toEqual(['paid', 'under_review']);
    const paid = mine.body.items.find((c: { state: string }) => c.state === 'paid');
    expect(paid).toMatchObject({ approvedAmount: '1700.00', incidentDate: '2026-10-13' }); // (1,200 + 4,200 − 2,000) × 50%, nothing paid before
    const review = mine.body.items.find((c: { state: string }) => c.state === 'under_review');
    expect(review.dueDate).toMatch(/^2026-12-/);
    const li = await t.dataSource.getRepository(AppUser).findOneByOrFail({ wechatOpenid: DEMO_OPENIDS.elderly });
    const hers = await request(t.app.getHttpServer()).get('/api/claims').set('Authorization', bearer(t.app, { userId: li.id, role: 'beneficiary', personId: li.personId })).expect(200);
    expect(hers.body.items).toEqual([expect.objectContaining({ state: 'waiting_documents', documentsMissing: 1 })]);
    const detail = await request(t.app.getHttpServer()).get(`/api/claims/${hers.body.items[0].id}`).set('Authorization', bearer(t.app, { userId: li.id, role: 'beneficiary', personId: li.personId })).expect(200);
    expect(detail.body.timeline[0]).toMatchObject({ label: '工作人员代为报案', actor: '社区工作人员' });
  });

  it('is idempotent: running again, or starting again, adds nothing', async () => {
    const before = await counts();
    expect(await t.app.get(DemoSeedService).run()).toEqual({ skipped: true, people: 0, users: 0 });
    await t.close();
    t = await startTestApp(db);
    expect(await counts()).toEqual(before);
  }, 60_000);
});
