/** The demo seed's 沪惠保 subsidy: 周建华's 2024 policy, paid, consistent with the demo ledger and matching. */
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { DEMO_OPENIDS } from '../src/seed/demo';
import { DEMO_CARD } from '../src/subsidy/demo';
import { AppUser } from '../src/users/app-user.entity';
import { UserDistrict } from '../src/users/user-district.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';

describe(`沪惠保 subsidy demo data (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    db.config.seedDemo = true;
    t = await startTestApp(db);
    t.app.get(Clock).setToday('2024-09-01');
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());
  const login = async (openid: string) => {
    const u = await t.dataSource.getRepository(AppUser).findOneByOrFail({ wechatOpenid: openid });
    return bearer(t.app, { userId: u.id, role: 'beneficiary', personId: u.personId });
  };
  const staff = async (username: string) => {
    const u = await t.dataSource.getRepository(AppUser).findOneByOrFail({ username });
    const districtIds = (await t.dataSource.getRepository(UserDistrict).findBy({ userId: u.id })).map((x) => x.districtId);
    return bearer(t.app, { userId: u.id, role: u.role, districtIds });
  };

  it('周建华 sees his 2024 policy paid, his card masked, and why he qualifies', async () => {
    const r = await http().get('/api/me/subsidy').set('Authorization', await login(DEMO_OPENIDS.minhang)).expect(200);
    expect(r.body.qualify.eligible).toBe(true);
    expect(r.body.policies).toEqual([
      expect.objectContaining({
        policyNo: 'HHB2024DEMO0001',
        policyYear: 2024,
        subsidy: expect.objectContaining({ decision: 'eligible', amount: '129.00', statusText: '已发放', paidOn: '2024-08-15' }),
      }),
    ]);
    expect(r.body.policies[0].subsidy.payers).toEqual([
      { payer: '区级财政', share: '0.35', amount: '45.15' },
      { payer: '镇级财政', share: '0.65', amount: '83.85' },
    ]);
    expect(r.body.bankAccount).toMatchObject({ accountMasked: `****${DEMO_CARD.slice(-4)}` });
    expect(r.text).not.toContain(DEMO_CARD);
  });

  it('a Chongqing resident is told, in words, that the subsidy is Minhang\'s', async () => {
    const r = await http().get('/api/me/subsidy').set('Authorization', await login(DEMO_OPENIDS.student)).expect(200);
    expect(r.body.qualify.eligible).toBe(false);
    expect(r.body.qualify.summary).toContain('不在本方案保障地区内');
    expect(r.body.policies).toEqual([]);
  });

  it('the Minhang caseworker sees it in the KPIs; matching leaves the paid subsidy alone', async () => {
    const cw = await staff('cw-minhang');
    const k = await http().get('/api/subsidy/kpis?policyYear=2024').set('Authorization', cw).expect(200);
    expect(k.body.targets.map((x: { numerator: number; denominator: number }) => [x.numerator, x.denominator])).toEqual([
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    const m = await http().post('/api/subsidy/match').set('Authorization', cw).send({ policyYear: 2024 }).expect(200);
    expect(m.body).toMatchObject({ policies: 1, eligible: 1, frozen: 1, changed: 0, added: 0 });
  });
});
