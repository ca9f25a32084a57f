/** Rate limits on sign-in routes (per address, and per user behind login), answered in Chinese; dev login only when embedded. */
import request from 'supertest';
import { loadConfig } from '../src/config/config';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { auth, AuthTestContext, HIGH_LIMITS, makeDistrict, makePerson, startAuthApp } from './support/auth-fixtures';
import { DIALECT } from './support/test-db';

describe(`rate limits (${DIALECT})`, () => {
  let c: AuthTestContext;
  const http = () => request(c.app.getHttpServer());

  beforeAll(async () => {
    c = await startAuthApp({
      rateLimits: {
        ...HIGH_LIMITS,
        wechatLogin: { ttlSeconds: 60, perIp: 3, perUser: 100 },
        staffLogin: { ttlSeconds: 60, perIp: 2, perUser: 100 },
        bind: { ttlSeconds: 60, perIp: 100, perUser: 2 },
        refresh: { ttlSeconds: 60, perIp: 2, perUser: 100 },
      },
    });
  });
  afterAll(() => c?.close());

  it('WeChat login: per address, then 429 in Chinese with Retry-After', async () => {
    for (let i = 0; i < 3; i++) await http().post('/api/auth/wechat/login').send({ code: `ok-o_rl.${i}` }).expect(200);
    const r = await http().post('/api/auth/wechat/login').send({ code: 'ok-o_rl.9' }).expect(429);
    expect(r.body).toMatchObject({ statusCode: 429, code: 'TOO_MANY_REQUESTS', message: '操作太频繁，请稍后再试' });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    expect(c.fake.calls.filter((x) => x.query.js_code === 'ok-o_rl.9')).toEqual([]); // WeChat was not even asked
  });

  it('staff login: per address, whatever the username', async () => {
    await http().post('/api/auth/staff/login').send({ username: 'a', password: 'x' }).expect(401);
    await http().post('/api/auth/staff/login').send({ username: 'b', password: 'x' }).expect(401);
    await http().post('/api/auth/staff/login').send({ username: 'c', password: 'x' }).expect(429);
  });

  it('refresh: per address', async () => {
    await http().post('/api/auth/refresh').send({ refreshToken: 'x1' }).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: 'x2' }).expect(401);
    await http().post('/api/auth/refresh').send({ refreshToken: 'x3' }).expect(429);
  });

  it('bind: per user, so one user hammering does not block another', async () => {
    const d = await makeDistrict(c.ds);
    await makePerson(c.ds, c.pii, { name: '郑阿姨', idNumber: '500101195503031224', districtId: d.id });
    // WeChat login is already spent for this address (first test): make the two WeChat users directly.
    const users = c.ds.getRepository(AppUser);
    const a = bearer(c.app, { userId: (await users.save(users.create({ role: 'beneficiary', wechatOpenid: 'o_bind_a' }))).id, role: 'beneficiary' });
    const b = bearer(c.app, { userId: (await users.save(users.create({ role: 'beneficiary', wechatOpenid: 'o_bind_b' }))).id, role: 'beneficiary' });
    const body = { name: '郑某某', idNumber: '500101195503031224' };
    await http().post('/api/auth/bind').set('Authorization', a).send(body).expect(422);
    await http().post('/api/auth/bind').set('Authorization', a).send(body).expect(422);
    const r = await http().post('/api/auth/bind').set('Authorization', a).send(body).expect(429);
    expect(r.body.message).toBe('操作太频繁，请稍后再试');
    await http().post('/api/auth/bind').set('Authorization', b).send({ name: '郑阿姨', idNumber: '500101195503031224' }).expect(200);
  });
});

describe(`dev login (${DIALECT})`, () => {
  if (DIALECT === 'sqlite') {
    let c: AuthTestContext;
    beforeAll(async () => {
      c = await startAuthApp({ env: { DEV_LOGIN: 'true' } });
    });
    afterAll(() => c?.close());

    it('with DEV_LOGIN on embedded SQLite: a session for the person’s beneficiary user, created once', async () => {
      const d = await makeDistrict(c.ds);
      const p = await makePerson(c.ds, c.pii, { name: '冯大爷', idNumber: '500101194407071213', districtId: d.id });
      const http = () => request(c.app.getHttpServer());
      const r = await http().post('/api/auth/dev-login').send({ personId: p.id }).expect(200);
      expect(r.body.user).toMatchObject({ role: 'beneficiary', bound: true, person: { personId: p.id, name: '冯*爷', idNumber: '500***********1213' } });
      const again = await http().post('/api/auth/dev-login').send({ personId: p.id }).expect(200);
      expect(again.body.user.userId).toBe(r.body.user.userId);
      await http().get('/api/me').set(auth(r.body.accessToken)).expect(200);
      await http().post('/api/auth/dev-login').send({ personId: 999999 }).expect(404);
    });
  } else {
    it('the server refuses to start with DEV_LOGIN on MariaDB', () => {
      expect(() => loadConfig({ DB_TYPE: 'mariadb', DATABASE_URL: process.env.DATABASE_URL!, DEV_LOGIN: 'true', PII_KEY: 'A'.repeat(43) + '=', JWT_SECRET: 'x'.repeat(32) }, () => undefined)).toThrow(
        /DEV_LOGIN is only allowed with the embedded SQLite database/,
      );
    });
  }
});
