/** WeChat sign-in (through a local fake of WeChat's API) and binding to a roster person. */
import request from 'supertest';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { BindAttempt } from '../src/auth/entities/bind-attempt.entity';
import { AppUser } from '../src/users/app-user.entity';
import { auth, AuthTestContext, makeDistrict, makePerson, startAuthApp, wxLogin } from './support/auth-fixtures';
import { DIALECT } from './support/test-db';

const ID_ZHANG = '500101195001011234';
const ID_LI = '500101194805051221';
const ID_WANG = '50010119470303123X';

describe(`WeChat login and binding (${DIALECT})`, () => {
  let c: AuthTestContext;
  const http = () => request(c.app.getHttpServer());

  beforeAll(async () => {
    c = await startAuthApp();
    const d = await makeDistrict(c.ds);
    await makePerson(c.ds, c.pii, { name: '张𠀀三', idNumber: ID_ZHANG, districtId: d.id, phone: '13812345678' });
    await makePerson(c.ds, c.pii, { name: '李秀英', idNumber: ID_LI, districtId: d.id, phone: null });
    await makePerson(c.ds, c.pii, { name: '王建国', idNumber: ID_WANG, districtId: d.id, phone: '13900001111' });
  });
  afterAll(() => c?.close());

  describe('POST /api/auth/wechat/login', () => {
    it('creates the beneficiary user on first login, finds it afterwards, and opens a session', async () => {
      const first = await wxLogin(c.app, 'o_first');
      expect(first).toMatchObject({ expiresIn: 900, user: { role: 'beneficiary', bound: false, districtIds: [] } });
      expect(first.accessToken.split('.')).toHaveLength(3);
      expect(first.refreshToken.length).toBeGreaterThanOrEqual(40);
      expect(first.user.person).toBeUndefined();
      const again = await wxLogin(c.app, 'o_first');
      expect(again.user.userId).toBe(first.user.userId);
      expect(await c.ds.getRepository(AppUser).countBy({ wechatOpenid: 'o_first' })).toBe(1);
      const me = await http().get('/api/me').set(auth(again.accessToken)).expect(200);
      expect(me.body).toEqual({ userId: first.user.userId, role: 'beneficiary', bound: false, districtIds: [] });
    });

    it.each([
      ['err-40029', 401, 'WECHAT_CODE_INVALID', /重新进入/],
      ['err-40163', 401, 'WECHAT_CODE_INVALID', /重新进入/],
      ['err-45011', 429, 'WECHAT_RATE_LIMITED', /太频繁/],
      ['err-40226', 403, 'WECHAT_USER_BLOCKED', /安全风险/],
      ['err--1', 503, 'WECHAT_UNAVAILABLE', /繁忙/],
    ])('WeChat answering %s → %i %s with a Chinese message', async (code, status, errCode, message) => {
      const r = await http().post('/api/auth/wechat/login').send({ code }).expect(status);
      expect(r.body).toMatchObject({ statusCode: status, code: errCode });
      expect(r.body.message).toMatch(message);
      expect(r.body.accessToken).toBeUndefined();
    });

    it('a code used a second time is refused like an invalid one', async () => {
      await http().post('/api/auth/wechat/login').send({ code: 'ok-o_twice.1' }).expect(200);
      const r = await http().post('/api/auth/wechat/login').send({ code: 'ok-o_twice.1' }).expect(401);
      expect(r.body.code).toBe('WECHAT_CODE_INVALID');
    });

    it('retries once when WeChat is busy, and succeeds if the retry does', async () => {
      const r = await http().post('/api/auth/wechat/login').send({ code: 'busy-once-o_busy' }).expect(200);
      expect(r.body.user.role).toBe('beneficiary');
    });

    it('a missing code is a validation error naming the field', async () => {
      const r = await http().post('/api/auth/wechat/login').send({}).expect(400);
      expect(r.body.errors).toEqual([{ field: 'code', message: expect.stringMatching(/[\u4e00-\u9fff]/) }]);
    });

    it('never logs the AppSecret, the wx.login code or the openid', async () => {
      await http().post('/api/auth/wechat/login').send({ code: 'ok-o_secretcheck' }).expect(200);
      expect(c.t.logger.text).not.toContain(c.fake.secret);
      expect(c.t.logger.text).not.toContain('o_secretcheck');
    });
  });

  describe('POST /api/auth/bind', () => {
    function bind(token: string, body: Record<string, unknown>) {
      return http().post('/api/auth/bind').set(auth(token)).send(body);
    }

    it('binds by name + ID number + phone, returns tokens carrying the person (masked), and audits it', async () => {
      const s = await wxLogin(c.app, 'o_zhang');
      const r = await bind(s.accessToken, { name: '张𠀀三', idNumber: ID_ZHANG, phone: '138 1234 5678' }).expect(200);
      expect(r.body.user).toMatchObject({ role: 'beneficiary', bound: true, person: { name: '张*三', idNumber: '500***********1234' } });
      expect(JSON.stringify(r.body)).not.toContain(ID_ZHANG);
      // the new token carries the person; the old session is over
      const me = await http().get('/api/me').set(auth(r.body.accessToken)).expect(200);
      expect(me.body).toMatchObject({ bound: true, person: { personId: r.body.user.person.personId } });
      await http().get('/api/me').set(auth(s.accessToken)).expect(401);
      const ev = await c.ds.getRepository(AuditEvent).findOneByOrFail({ action: 'auth.bind', actorUserId: s.user.userId });
      expect(ev).toMatchObject({ entity: 'person', entityId: String(r.body.user.person.personId), detail: { name: '张*三', idNumber: '500***********1234' } });
      // and logging in again later finds the bound person
      const later = await wxLogin(c.app, 'o_zhang');
      expect(later.user).toMatchObject({ bound: true, person: { name: '张*三' } });
    });

    it('needs no phone when none is on file; the ID check letter may be lower case', async () => {
      const s = await wxLogin(c.app, 'o_li');
      await bind(s.accessToken, { name: '李秀英', idNumber: ID_LI }).expect(200);
      const w = await wxLogin(c.app, 'o_wang');
      await bind(w.accessToken, { name: '王建国', idNumber: ID_WANG.toLowerCase(), phone: '13900001111' }).expect(200);
    });

    it('wrong name, unknown ID number, wrong or missing phone: one answer for all, counting down', async () => {
      await makePerson(c.ds, c.pii, { name: '赵大妈', idNumber: '500101195202021246', districtId: (await c.ds.query('SELECT MIN(id) AS id FROM district'))[0].id, phone: '13700000000' });
      const s = await wxLogin(c.app, 'o_tries');
      const answers = [
        await bind(s.accessToken, { name: '赵大妈妈', idNumber: '500101195202021246', phone: '13700000000' }), // wrong name
        await bind(s.accessToken, { name: '赵大妈', idNumber: '500101199909091234', phone: '13700000000' }), // no such person
        await bind(s.accessToken, { name: '赵大妈', idNumber: '500101195202021246', phone: '13700000001' }), // wrong phone
        await bind(s.accessToken, { name: '赵大妈', idNumber: '500101195202021246' }), // phone on file but not given
      ];
      for (const [i, a] of answers.entries()) {
        expect(a.status).toBe(422);
        expect(a.body).toMatchObject({ code: 'BIND_NO_MATCH', attemptsLeft: 4 - i });
        expect(a.body.message).toBe(`姓名、身份证号或手机号与登记信息不一致，请核对后再试（今天还可以尝试 ${4 - i} 次）`);
      }
      expect(await c.ds.getRepository(AppUser).findOneByOrFail({ id: s.user.userId })).toMatchObject({ personId: null });
    });

    it('after 5 failures in 24 hours refuses even the right answer, says when to retry, and lets it through after', async () => {
      const s = await wxLogin(c.app, 'o_locked');
      const now = new Date('2026-03-01T02:00:00Z');
      const spy = jest.spyOn(c.clock, 'now').mockReturnValue(now);
      try {
        await makePerson(c.ds, c.pii, { name: '钱奶奶', idNumber: '500101194001011248', districtId: (await c.ds.query('SELECT MIN(id) AS id FROM district'))[0].id });
        for (let i = 0; i < 4; i++) await bind(s.accessToken, { name: '钱婆婆', idNumber: '500101194001011248' }).expect(422);
        const fifth = await bind(s.accessToken, { name: '钱婆婆', idNumber: '500101194001011248' }).expect(429);
        expect(fifth.body.code).toBe('BIND_LOCKED');
        const right = await bind(s.accessToken, { name: '钱奶奶', idNumber: '500101194001011248' }).expect(429);
        expect(right.body).toMatchObject({ code: 'BIND_LOCKED', retryAt: '2026-03-02T02:00:00.000Z' });
        expect(right.body.message).toContain('3月2日 10:00'); // Beijing time
        spy.mockReturnValue(new Date('2026-03-02T02:00:01Z'));
        await bind(s.accessToken, { name: '钱奶奶', idNumber: '500101194001011248' }).expect(200);
      } finally {
        spy.mockRestore();
      }
      const attempts = await c.ds.getRepository(BindAttempt).findBy({ userId: s.user.userId });
      expect(attempts.map((a) => a.outcome).sort()).toEqual(['no_match', 'no_match', 'no_match', 'no_match', 'no_match', 'ok']);
    });

    it('refuses a person already bound to another WeChat user, and a second binding of the same user', async () => {
      const other = await wxLogin(c.app, 'o_impostor');
      const r = await bind(other.accessToken, { name: '张𠀀三', idNumber: ID_ZHANG, phone: '13812345678' }).expect(409);
      expect(r.body.code).toBe('PERSON_ALREADY_BOUND');
      expect(r.body.message).toMatch(/已被另一个微信账号绑定/);
      const zhang = await wxLogin(c.app, 'o_zhang');
      const again = await bind(zhang.accessToken, { name: '李秀英', idNumber: ID_LI }).expect(409);
      expect(again.body.code).toBe('ALREADY_BOUND');
    });

    it('validates fields one by one in Chinese, and is for WeChat users only', async () => {
      const s = await wxLogin(c.app, 'o_validate');
      const r = await bind(s.accessToken, { name: '', idNumber: '12345', phone: '123' }).expect(400);
      expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['idNumber', 'name', 'phone']);
      expect(r.body.errors.find((e: { field: string }) => e.field === 'idNumber').message).toBe('身份证号应为 18 位，最后一位可以是 X');
      await http().post('/api/auth/bind').send({ name: '张三', idNumber: ID_ZHANG }).expect(401);
    });

    it('never writes ID numbers, names or phones to the log', async () => {
      const text = c.t.logger.text;
      for (const secret of [ID_ZHANG, ID_LI, '13812345678', '张𠀀三', '李秀英']) expect(text).not.toContain(secret);
    });
  });

  describe('POST /api/auth/dev-login', () => {
    it('answers 404 when DEV_LOGIN is off, as if the route did not exist', async () => {
      const r = await http().post('/api/auth/dev-login').send({ personId: 1 }).expect(404);
      expect(r.body).toMatchObject({ code: 'NOT_FOUND', message: '找不到请求的内容' });
    });
  });
});
