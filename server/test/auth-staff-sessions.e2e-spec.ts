/** Staff password sign-in with lock-out, district scope, refresh-token rotation with reuse detection, logout. */
import request from 'supertest';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { AuthSession } from '../src/auth/entities/auth-session.entity';
import { TokenService } from '../src/auth/token.service';
import { AppUser } from '../src/users/app-user.entity';
import { auth, AuthTestContext, makeDistrict, makeStaff, startAuthApp, wxLogin } from './support/auth-fixtures';
import { startTestApp } from './support/test-app';
import { DIALECT } from './support/test-db';

describe(`staff sign-in and sessions (${DIALECT})`, () => {
  let c: AuthTestContext;
  const http = () => request(c.app.getHttpServer());
  const login = (username: string, password: string) => http().post('/api/auth/staff/login').send({ username, password });
  let districts: number[];
  let insurerId: number;

  beforeAll(async () => {
    c = await startAuthApp();
    const a = await makeDistrict(c.ds);
    insurerId = a.insurerId!;
    const b = await makeDistrict(c.ds, insurerId);
    const other = await makeDistrict(c.ds);
    districts = [a.id, b.id, other.id];
    await makeStaff(c.ds, { role: 'caseworker', username: 'cw.chen', password: 'correct horse 1', districtIds: [a.id, other.id] });
    await makeStaff(c.ds, { role: 'adjuster', username: 'adj.liu', password: 'correct horse 2', insurerId });
    await makeStaff(c.ds, { role: 'finance', username: 'fin.zhou', password: 'correct horse 3' });
    await makeStaff(c.ds, { role: 'caseworker', username: 'cw.lock', password: 'right-password' });
  });
  afterAll(() => c?.close());

  describe('POST /api/auth/staff/login', () => {
    it('signs a caseworker in with their districts, an adjuster with their insurer’s districts', async () => {
      const cw = await login('cw.chen', 'correct horse 1').expect(200);
      expect(cw.body.user).toMatchObject({ role: 'caseworker', username: 'cw.chen', bound: false, districtIds: [districts[0], districts[2]].sort((x, y) => x - y) });
      const me = await http().get('/api/me').set(auth(cw.body.accessToken)).expect(200);
      expect(me.body.districtIds).toEqual(cw.body.user.districtIds);
      const adj = await login('adj.liu', 'correct horse 2').expect(200);
      expect(adj.body.user).toMatchObject({ role: 'adjuster', districtIds: [districts[0], districts[1]] });
      const fin = await login('fin.zhou', 'correct horse 3').expect(200);
      expect(fin.body.user).toMatchObject({ role: 'finance', districtIds: [] });
      expect(cw.body.user.passwordHash).toBeUndefined();
    });

    it('answers an unknown username exactly like a wrong password', async () => {
      const wrong = await login('cw.chen', 'wrong password').expect(401);
      const unknown = await login('nobody.here', 'wrong password').expect(401);
      const strip = (b: Record<string, unknown>) => ({ ...b, requestId: undefined });
      expect(strip(unknown.body)).toEqual(strip(wrong.body));
      expect(wrong.body).toMatchObject({ code: 'BAD_CREDENTIALS', message: '用户名或密码错误' });
      // a WeChat beneficiary cannot sign in with a password even when one were guessed
      await wxLogin(c.app, 'o_not_staff');
      await login('o_not_staff', 'x').expect(401);
      await login('cw.chen', 'correct horse 1').expect(200); // a success resets the count
    });

    it('locks after 5 failures in a row for 15 minutes (even the right password), then lets the right one in', async () => {
      const now = Date.parse('2026-05-01T01:00:00Z');
      const spy = jest.spyOn(c.clock, 'now').mockReturnValue(new Date(now));
      try {
        for (let i = 0; i < 4; i++) {
          const r = await login('cw.lock', `bad-${i}`).expect(401);
          expect(r.body.message).toBe('用户名或密码错误');
        }
        const fifth = await login('cw.lock', 'bad-4').expect(429);
        expect(fifth.body).toMatchObject({ code: 'ACCOUNT_LOCKED', retryAfterSeconds: 900 });
        expect(fifth.body.message).toBe('密码错误次数太多，账号已暂时锁定，请 15 分钟后再试');
        spy.mockReturnValue(new Date(now + 14 * 60_000));
        const still = await login('cw.lock', 'right-password').expect(429);
        expect(still.body.message).toContain('请 1 分钟后再试');
        spy.mockReturnValue(new Date(now + 15 * 60_000 + 1));
        await login('cw.lock', 'right-password').expect(200);
        const u = await c.ds.getRepository(AppUser).findOneByOrFail({ username: 'cw.lock' });
        expect(u).toMatchObject({ failedLogins: 0, lockedUntil: null });
        // after a lock has run out, the count starts again: one failure does not re-lock
        await login('cw.lock', 'bad-again').expect(401);
        await login('cw.lock', 'right-password').expect(200);
      } finally {
        spy.mockRestore();
      }
      expect(await c.ds.getRepository(AuditEvent).countBy({ action: 'auth.staff_locked' })).toBe(1);
    });

    it('an unknown username "locks" the same way, so locking does not reveal which names exist', async () => {
      for (let i = 0; i < 4; i++) await login('ghost.user', `bad-${i}`).expect(401);
      const fifth = await login('ghost.user', 'bad-4').expect(429);
      expect(fifth.body).toMatchObject({ code: 'ACCOUNT_LOCKED', message: '密码错误次数太多，账号已暂时锁定，请 15 分钟后再试' });
    });

    it('validates both fields in Chinese', async () => {
      const r = await http().post('/api/auth/staff/login').send({ username: '' }).expect(400);
      expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['password', 'username']);
    });
  });

  describe('refresh and logout', () => {
    it('rotates refresh tokens: each works once and gives a new pair', async () => {
      const s = await wxLogin(c.app, 'o_refresh');
      const r1 = await http().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      expect(r1.body).toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String), expiresIn: 900 });
      expect(r1.body.refreshToken).not.toBe(s.refreshToken);
      await http().get('/api/me').set(auth(r1.body.accessToken)).expect(200);
      const r2 = await http().post('/api/auth/refresh').send({ refreshToken: r1.body.refreshToken }).expect(200);
      await http().get('/api/me').set(auth(r2.body.accessToken)).expect(200);
    });

    it('reusing an old refresh token revokes the whole session, for the thief and the owner', async () => {
      const s = await wxLogin(c.app, 'o_stolen');
      const legit = await http().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(200);
      const reuse = await http().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
      expect(reuse.body).toMatchObject({ code: 'SESSION_REVOKED' });
      expect(reuse.body.message).toMatch(/重复使用/);
      // everything issued in that session is now dead, at once
      await http().get('/api/me').set(auth(legit.body.accessToken)).expect(401);
      await http().get('/api/me').set(auth(s.accessToken)).expect(401);
      await http().post('/api/auth/refresh').send({ refreshToken: legit.body.refreshToken }).expect(401);
      const session = await c.ds.getRepository(AuthSession).findOneByOrFail({ id: c.app.get(TokenService).verify(s.accessToken)!.sessionId });
      expect(session.revokeReason).toBe('refresh_reuse');
      expect(await c.ds.getRepository(AuditEvent).countBy({ action: 'auth.refresh_reuse', entityId: session.id })).toBe(1);
      // a new sign-in works
      await wxLogin(c.app, 'o_stolen');
    });

    it('an unknown refresh token is refused without harming anything', async () => {
      const r = await http().post('/api/auth/refresh').send({ refreshToken: 'not-a-token' }).expect(401);
      expect(r.body).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' });
    });

    it('logout revokes the session: the unexpired access token fails on the very next request, refresh too', async () => {
      const s = await wxLogin(c.app, 'o_logout');
      await http().get('/api/me').set(auth(s.accessToken)).expect(200);
      await http().post('/api/auth/logout').set(auth(s.accessToken)).expect(204);
      const r = await http().get('/api/me').set(auth(s.accessToken)).expect(401);
      expect(r.body.message).toBe('请先登录');
      await http().post('/api/auth/refresh').send({ refreshToken: s.refreshToken }).expect(401);
    });

    it('a logout in one server process is seen by another at once (no stale cache)', async () => {
      const s = await wxLogin(c.app, 'o_two_processes');
      // a second app on the same database stands for another server process
      const other = await startTestApp({ ...c.db, config: c.config });
      try {
        await request(other.app.getHttpServer()).get('/api/me').set(auth(s.accessToken)).expect(200);
        await http().post('/api/auth/logout').set(auth(s.accessToken)).expect(204);
        await request(other.app.getHttpServer()).get('/api/me').set(auth(s.accessToken)).expect(401);
      } finally {
        await other.close();
      }
    });

    it('refuses a correctly signed token whose session does not exist, or whose user was deactivated', async () => {
      const forgedSession = c.app.get(TokenService).issueAccessToken({ userId: 1, role: 'admin', personId: null, districtIds: [], sessionId: '00000000-0000-4000-8000-000000000000' });
      await http().get('/api/me').set(auth(forgedSession)).expect(401);
      const staff = await login('fin.zhou', 'correct horse 3').expect(200);
      await c.ds.getRepository(AppUser).update({ username: 'fin.zhou' }, { active: false });
      await http().get('/api/me').set(auth(staff.body.accessToken)).expect(401);
      await http().post('/api/auth/refresh').send({ refreshToken: staff.body.refreshToken }).expect(401);
      await login('fin.zhou', 'correct horse 3').expect(401);
      await c.ds.getRepository(AppUser).update({ username: 'fin.zhou' }, { active: true });
    });

    it('a staff session ends 12 hours after sign-in, refresh or not', async () => {
      const staff = await login('adj.liu', 'correct horse 2').expect(200);
      const spy = jest.spyOn(c.clock, 'now').mockReturnValue(new Date(Date.now() + 11 * 3600_000));
      try {
        const r = await http().post('/api/auth/refresh').send({ refreshToken: staff.body.refreshToken }).expect(200);
        spy.mockReturnValue(new Date(Date.now() + 12 * 3600_000 + 1000));
        await http().post('/api/auth/refresh').send({ refreshToken: r.body.refreshToken }).expect(401);
      } finally {
        spy.mockRestore();
      }
    });
  });
});
