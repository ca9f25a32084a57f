/** Proxies: paper consent recorded by a caseworker, in-app invites, acting for someone (X-Act-For), audit with both people. */
import request from 'supertest';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { ProxyGrant } from '../src/auth/entities/proxy-grant.entity';
import { Person } from '../src/people/person.entity';
import { auth, AuthTestContext, makeDistrict, makePerson, makeStaff, startAuthApp, wxLogin } from './support/auth-fixtures';
import { DIALECT } from './support/test-db';

describe(`proxies (${DIALECT})`, () => {
  let c: AuthTestContext;
  const http = () => request(c.app.getHttpServer());
  let grandma: Person;
  let grandpa: Person;
  let elsewhere: Person;
  let grandmaToken: string;
  let sonToken: string;
  let sonUserId: number;
  let strangerToken: string;
  let cwToken: string;
  let cwUserId: number;
  let otherCwToken: string;

  beforeAll(async () => {
    c = await startAuthApp();
    const d = await makeDistrict(c.ds);
    const far = await makeDistrict(c.ds);
    grandma = await makePerson(c.ds, c.pii, { name: '孙桂兰', idNumber: '500101193805051228', districtId: d.id });
    grandpa = await makePerson(c.ds, c.pii, { name: '周德福', idNumber: '500101193607071211', districtId: d.id });
    elsewhere = await makePerson(c.ds, c.pii, { name: '吴老汉', idNumber: '500101193909091219', districtId: far.id });
    const cw = await makeStaff(c.ds, { role: 'caseworker', username: 'cw.proxy', password: 'pw-cw-proxy', districtIds: [d.id] });
    cwUserId = cw.id;
    await makeStaff(c.ds, { role: 'caseworker', username: 'cw.far', password: 'pw-cw-far', districtIds: [far.id] });
    cwToken = (await http().post('/api/auth/staff/login').send({ username: 'cw.proxy', password: 'pw-cw-proxy' }).expect(200)).body.accessToken;
    otherCwToken = (await http().post('/api/auth/staff/login').send({ username: 'cw.far', password: 'pw-cw-far' }).expect(200)).body.accessToken;

    const g = await wxLogin(c.app, 'o_grandma');
    grandmaToken = (await http().post('/api/auth/bind').set(auth(g.accessToken)).send({ name: '孙桂兰', idNumber: '500101193805051228' }).expect(200)).body.accessToken;
    const son = await wxLogin(c.app, 'o_son');
    sonToken = son.accessToken;
    sonUserId = son.user.userId;
    strangerToken = (await wxLogin(c.app, 'o_stranger')).accessToken;
  });
  afterAll(() => c?.close());

  it('without a grant, acting for someone answers 404 like a person who does not exist', async () => {
    const r = await http().get('/api/me').set(auth(strangerToken)).set('X-Act-For', String(grandma.id)).expect(404);
    expect(r.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到' });
    await http().get('/api/me').set(auth(strangerToken)).set('X-Act-For', '999999').expect(404);
    await http().get('/api/me').set(auth(cwToken)).set('X-Act-For', String(grandma.id)).expect(404); // caseworkers need consent too
    const bad = await http().get('/api/me').set(auth(strangerToken)).set('X-Act-For', 'abc').expect(400);
    expect(bad.body.message).toBe('代办对象编号格式不正确');
  });

  describe('in-app invite', () => {
    let code: string;

    it('a bound beneficiary creates a one-time code; the same Idempotency-Key returns the same code', async () => {
      const r = await http().post('/api/me/proxy-invites').set(auth(grandmaToken)).set('Idempotency-Key', 'inv-1').send({ relation: 'child' }).expect(201);
      expect(r.body).toEqual({ code: expect.stringMatching(/^\d{8}$/), relation: 'child', expiresAt: expect.any(String), redeemed: false });
      expect(Date.parse(r.body.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
      code = r.body.code;
      const again = await http().post('/api/me/proxy-invites').set(auth(grandmaToken)).set('Idempotency-Key', 'inv-1').send({ relation: 'child' }).expect(200);
      expect(again.body.code).toBe(code);
      const other = await http().post('/api/me/proxy-invites').set(auth(grandmaToken)).send({ relation: 'child' }).expect(201);
      expect(other.body.code).not.toBe(code);
    });

    it('an unbound user cannot invite; a bad relation is refused in Chinese', async () => {
      const r = await http().post('/api/me/proxy-invites').set(auth(strangerToken)).send({ relation: 'child' }).expect(403);
      expect(r.body.code).toBe('NOT_BOUND');
      const bad = await http().post('/api/me/proxy-invites').set(auth(grandmaToken)).send({ relation: 'caseworker' }).expect(400);
      expect(bad.body.errors[0]).toMatchObject({ field: 'relation' });
    });

    it('the family member redeems it once and becomes a proxy; the code then no longer works', async () => {
      const r = await http().post('/api/proxy-invites/redeem').set(auth(sonToken)).send({ code }).expect(200);
      expect(r.body).toMatchObject({ personId: grandma.id, personName: '孙*兰', granteeUserId: sonUserId, relation: 'child', consentMethod: 'in_app', active: true });
      const used = await http().post('/api/proxy-invites/redeem').set(auth(strangerToken)).send({ code }).expect(404);
      expect(used.body).toMatchObject({ code: 'INVITE_INVALID' });
      await http().post('/api/proxy-invites/redeem').set(auth(strangerToken)).send({ code: '00000000' }).expect(404);
    });

    it('an expired code does not work', async () => {
      const inv = await http().post('/api/me/proxy-invites').set(auth(grandmaToken)).send({ relation: 'spouse' }).expect(201);
      const spy = jest.spyOn(c.clock, 'now').mockReturnValue(new Date(Date.now() + 31 * 60_000));
      try {
        await http().post('/api/proxy-invites/redeem').set(auth(strangerToken)).send({ code: inv.body.code }).expect(404);
      } finally {
        spy.mockRestore();
      }
    });

    it('the proxy acts for grandma: X-Act-For is honoured and the act is audited with both people', async () => {
      const r = await http().get('/api/me').set(auth(sonToken)).set('X-Act-For', String(grandma.id)).expect(200);
      expect(r.body).toMatchObject({ userId: sonUserId, bound: false, actingFor: { personId: grandma.id, name: '孙*兰', idNumber: '500***********1228' } });
      const grant = await c.ds.getRepository(ProxyGrant).findOneByOrFail({ personId: grandma.id, granteeUserId: sonUserId });
      const ev = await c.ds.getRepository(AuditEvent).findOneByOrFail({ action: 'proxy.view_person', actorUserId: sonUserId });
      expect(ev).toMatchObject({ actorUserId: sonUserId, onBehalfOfPersonId: grandma.id, entity: 'person', entityId: String(grandma.id), detail: { proxyGrantId: grant.id } });
      // but not for grandpa, who never consented
      await http().get('/api/me').set(auth(sonToken)).set('X-Act-For', String(grandpa.id)).expect(404);
    });

    it('a proxy cannot pass the power on, nor bind, while acting for someone', async () => {
      const r = await http().post('/api/me/proxy-invites').set(auth(sonToken)).set('X-Act-For', String(grandma.id)).send({ relation: 'child' }).expect(403);
      expect(r.body.code).toBe('NOT_WHILE_ACTING');
      await http().post('/api/auth/bind').set(auth(sonToken)).set('X-Act-For', String(grandma.id)).send({ name: '孙桂兰', idNumber: '500101193805051228' }).expect(403);
    });

    it('grandma lists who may act for her, and revokes; acting stops at once', async () => {
      const list = await http().get('/api/me/proxies').set(auth(grandmaToken)).expect(200);
      expect(list.body.grantedByMe).toHaveLength(1);
      expect(list.body.grantedByMe[0]).toMatchObject({ granteeUserId: sonUserId, active: true });
      expect(list.body.heldByMe).toEqual([]);
      const sons = await http().get('/api/me/proxies').set(auth(sonToken)).expect(200);
      expect(sons.body.heldByMe.map((g: { personId: number }) => g.personId)).toEqual([grandma.id]);
      // strangers cannot revoke it (404, not 403)
      await http().post(`/api/proxies/${list.body.grantedByMe[0].id}/revoke`).set(auth(strangerToken)).expect(404);
      const rev = await http().post(`/api/proxies/${list.body.grantedByMe[0].id}/revoke`).set(auth(grandmaToken)).expect(200);
      expect(rev.body).toMatchObject({ active: false, revokedAt: expect.any(String) });
      await http().get('/api/me').set(auth(sonToken)).set('X-Act-For', String(grandma.id)).expect(404);
      expect(await c.ds.getRepository(AuditEvent).countBy({ action: 'proxy.revoke' })).toBe(1);
    });
  });

  describe('paper consent recorded by a caseworker', () => {
    it('for themselves: then they may act for the person, audited with both', async () => {
      const r = await http().post('/api/proxies').set(auth(cwToken)).send({ personId: grandpa.id, relation: 'caseworker', consentedOn: '2026-01-05' }).expect(201);
      expect(r.body).toMatchObject({ personId: grandpa.id, personName: '周*福', granteeUserId: cwUserId, granteeRole: 'caseworker', consentMethod: 'paper', relation: 'caseworker' });
      // the same again: the existing grant, not a second one
      const again = await http().post('/api/proxies').set(auth(cwToken)).send({ personId: grandpa.id, relation: 'caseworker', consentedOn: '2026-01-05' }).expect(200);
      expect(again.body.id).toBe(r.body.id);
      const me = await http().get('/api/me').set(auth(cwToken)).set('X-Act-For', String(grandpa.id)).expect(200);
      expect(me.body.actingFor).toMatchObject({ personId: grandpa.id, proxyGrantId: r.body.id });
      const ev = await c.ds.getRepository(AuditEvent).findOneByOrFail({ action: 'proxy.view_person', actorUserId: cwUserId });
      expect(ev.onBehalfOfPersonId).toBe(grandpa.id);
      const recorded = await c.ds.getRepository(AuditEvent).findOneByOrFail({ action: 'proxy.grant', entityId: String(r.body.id) });
      expect(recorded).toMatchObject({ actorUserId: cwUserId, detail: { personId: grandpa.id, consentMethod: 'paper' } });
    });

    it('for a family member’s WeChat user', async () => {
      const r = await http()
        .post('/api/proxies')
        .set(auth(cwToken))
        .send({ personId: grandpa.id, granteeUserId: sonUserId, relation: 'grandchild', consentedOn: '2026-01-06' })
        .expect(201);
      expect(r.body).toMatchObject({ granteeUserId: sonUserId, granteeRole: 'beneficiary', relation: 'grandchild' });
      await http().get('/api/me').set(auth(sonToken)).set('X-Act-For', String(grandpa.id)).expect(200);
      const list = await http().get(`/api/proxies?personId=${grandpa.id}`).set(auth(cwToken)).expect(200);
      expect(list.body.map((g: { granteeUserId: number }) => g.granteeUserId).sort()).toEqual([cwUserId, sonUserId].sort());
    });

    it('not for a person outside their districts (404), and not with mismatched relations or future dates', async () => {
      await http().post('/api/proxies').set(auth(cwToken)).send({ personId: elsewhere.id, relation: 'caseworker', consentedOn: '2026-01-05' }).expect(404);
      await http().post('/api/proxies').set(auth(cwToken)).send({ personId: 999999, relation: 'caseworker', consentedOn: '2026-01-05' }).expect(404);
      await http().get(`/api/proxies?personId=${grandpa.id}`).set(auth(otherCwToken)).expect(404);
      const rel = await http().post('/api/proxies').set(auth(cwToken)).send({ personId: grandpa.id, relation: 'child', consentedOn: '2026-01-05' }).expect(422);
      expect(rel.body.code).toBe('BAD_RELATION');
      const fut = await http().post('/api/proxies').set(auth(cwToken)).send({ personId: grandpa.id, granteeUserId: sonUserId, relation: 'child', consentedOn: '2999-01-01' }).expect(422);
      expect(fut.body.message).toBe('签署日期不能晚于今天');
      const bad = await http().post('/api/proxies').set(auth(cwToken)).send({ personId: 'x', relation: 'friend', consentedOn: '5 Jan' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['consentedOn', 'personId', 'relation']);
      // beneficiaries cannot record paper consents
      await http().post('/api/proxies').set(auth(sonToken)).send({ personId: grandpa.id, relation: 'caseworker', consentedOn: '2026-01-05' }).expect(403);
    });

    it('a caseworker of another district cannot act for the person even if a grant named them', async () => {
      const farUser = await c.ds.query(`SELECT id FROM app_user WHERE username = 'cw.far'`);
      await c.ds.getRepository(ProxyGrant).insert({
        personId: grandpa.id,
        granteeUserId: farUser[0].id,
        relation: 'caseworker',
        consentMethod: 'paper',
        consentedAt: new Date(),
        createdByUserId: cwUserId,
        revokedAt: null,
        revokedByUserId: null,
      });
      await http().get('/api/me').set(auth(otherCwToken)).set('X-Act-For', String(grandpa.id)).expect(404);
    });

    it('the caseworker may revoke a grant of a person in their district; one elsewhere may not', async () => {
      const list = await http().get(`/api/proxies?personId=${grandpa.id}`).set(auth(cwToken)).expect(200);
      const sons = list.body.find((g: { granteeUserId: number }) => g.granteeUserId === sonUserId);
      await http().post(`/api/proxies/${sons.id}/revoke`).set(auth(otherCwToken)).expect(404);
      await http().post(`/api/proxies/${sons.id}/revoke`).set(auth(cwToken)).expect(200);
      await http().get('/api/me').set(auth(sonToken)).set('X-Act-For', String(grandpa.id)).expect(404);
    });
  });
});
