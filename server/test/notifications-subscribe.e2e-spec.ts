/**
 * WeChat subscribe messages on claim state changes, against the local fake of WeChat's API: acceptances
 * counted per user × person × template, one message per acceptance, fields within WeChat's limits, 43101,
 * failures that never touch the claim flow, no message for one's own action, recovery after a lost publish.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProxyGrant } from '../src/auth/entities/proxy-grant.entity';
import { ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Clock } from '../src/common/clock';
import { APP_CONFIG, AppConfig, DEFAULT_CLAIM_STATUS_FIELDS, parseTemplateFields } from '../src/config/config';
import { PushCursor } from '../src/notifications/push-cursor.entity';
import { SubscribeAcceptance } from '../src/notifications/subscribe-acceptance.entity';
import { SubscribeSend } from '../src/notifications/subscribe-send.entity';
import { SubscribeSender } from '../src/notifications/subscribe-sender.service';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { FakeWechat, templateFieldProblem } from './support/fake-wechat';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

const TPL = 'tpl-claim-status';

describe(`subscribe messages (${DIALECT})`, () => {
  const fake = new FakeWechat({
    templates: {
      [TPL]: ['thing1', 'phrase2', 'amount3', 'date4', 'character_string5'],
      'tpl-claim-note': ['character_string1', 'thing2', 'thing3', 'phrase4', 'time5'],
    },
  });
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let config: AppConfig;
  let auth: Record<'a' | 'b' | 'c' | 'son' | 'cwX' | 'cwY', string>;
  let users: Record<'a' | 'b' | 'c' | 'son', number>;

  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;
  const inpatient = { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '肺炎住院', facts: { selfPayAfterOthers: '3800.00' } };
  const report = async (who: string) => (await http().post('/api/claims').set('Authorization', who).set('Idempotency-Key', key()).send(inpatient).expect(201)).body.id as number;
  const move = (who: string, id: number, body: object) => http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body).expect(200);
  const accept = (who: string, accepted = [TPL], templateIds = accepted, headers: Record<string, string> = {}) =>
    http().post('/api/me/subscriptions').set('Authorization', who).set(headers).send({ templateIds, accepted });
  const sender = () => t.app.get(SubscribeSender);
  const remaining = async (userId: number, personId: number) =>
    (await t.dataSource.getRepository(SubscribeAcceptance).findOneBy({ userId, personId, templateId: TPL }))?.remaining ?? 0;
  const sends = (claimId: number) => t.dataSource.getRepository(SubscribeSend).find({ where: { claimId }, order: { id: 'ASC' } });

  beforeAll(async () => {
    await fake.start();
    db = await createTestDatabase();
    db.config.wechat = {
      ...db.config.wechat,
      apiBase: fake.url,
      appId: fake.appId,
      secret: fake.secret,
      timeoutMs: 2000,
      claimStatusTemplate: { id: TPL, fields: parseTemplateFields(DEFAULT_CLAIM_STATUS_FIELDS, 'test') },
      miniprogramState: 'developer',
    };
    t = await startTestApp(db);
    config = t.app.get(APP_CONFIG);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    const user = async (personId: number | null, openid: string) =>
      (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId, wechatOpenid: openid, active: true })).identifiers[0].id as number;
    users = { a: await user(w.a.id, 'o_alice_0123456789'), b: await user(w.b.id, 'refused-o_bob'), c: await user(w.c.id, 'o_carol_0123456789'), son: await user(null, 'o_son_0123456789') };
    auth = {
      a: bearer(t.app, { userId: users.a, role: 'beneficiary', personId: w.a.id }),
      b: bearer(t.app, { userId: users.b, role: 'beneficiary', personId: w.b.id }),
      c: bearer(t.app, { userId: users.c, role: 'beneficiary', personId: w.c.id }),
      son: bearer(t.app, { userId: users.son, role: 'beneficiary', personId: null }),
      cwX: bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
      cwY: bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
    };
    await t.dataSource.getRepository(ProxyGrant).insert({
      personId: w.c.id, granteeUserId: users.son, relation: 'child', consentMethod: 'in_app', consentedAt: new Date(), createdByUserId: users.c, revokedAt: null, revokedByUserId: null,
    });
  }, 90_000);
  beforeEach(() => {
    fake.messages.length = 0;
    config.wechat.claimStatusTemplate = { id: TPL, fields: parseTemplateFields(DEFAULT_CLAIM_STATUS_FIELDS, 'test') };
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    await fake.stop();
  });

  it('records acceptances (one message each), ignores templates it does not send, and refuses an answer it did not ask', async () => {
    expect((await http().get('/api/me/subscriptions').set('Authorization', auth.a).expect(200)).body).toEqual({ templates: [{ templateId: TPL, purpose: 'claim_status', remaining: 0 }], ignored: [] });
    const r = await accept(auth.a, [TPL, 'tpl-other'], [TPL, 'tpl-other', 'tpl-third']).expect(200);
    expect(r.body).toEqual({ templates: [{ templateId: TPL, purpose: 'claim_status', remaining: 1 }], ignored: ['tpl-other'] });
    expect((await accept(auth.a, [], [TPL]).expect(200)).body.templates[0].remaining).toBe(1); // asked, declined
    expect((await accept(auth.a, [TPL], ['tpl-other']).expect(400)).body.errors[0].field).toBe('accepted');
    await accept(auth.a, [TPL], []).expect(400);
    await accept(auth.a, ['bad id!']).expect(400);
    await http().post('/api/me/subscriptions').set('Authorization', auth.cwX).send({ templateIds: [TPL], accepted: [TPL] }).expect(403);
    await http().post('/api/me/subscriptions').send({ templateIds: [TPL], accepted: [TPL] }).expect(401);
  });

  it('sends exactly one message on a state change, with every field within WeChat\'s limits, and nothing once used up', async () => {
    await t.dataSource.getRepository(SubscribeAcceptance).update({ userId: users.a }, { remaining: 0 });
    await accept(auth.a).expect(200);
    const id = await report(auth.a);
    await sender().idle();
    expect(fake.messages).toEqual([]); // the report is her own act (and not a state change by someone else)
    await move(auth.cwX, id, { to: 'accepted' });
    await sender().idle();
    expect(fake.messages).toHaveLength(1);
    const m = fake.messages[0];
    expect(m).toMatchObject({ touser: 'o_alice_0123456789', template_id: TPL, page: `pages/claims/index?claimId=${id}` });
    expect(m.data).toEqual({
      thing1: { value: '住院医疗补偿' },
      phrase2: { value: '已受理' },
      amount3: { value: expect.stringMatching(/^\d+\.\d{2}元$/) },
      date4: { value: expect.stringMatching(/^\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/) },
      character_string5: { value: expect.stringMatching(/^HM260520\d{6}$/) },
    });
    for (const [k, v] of Object.entries(m.data)) expect(templateFieldProblem(k, v.value)).toBeNull();
    expect(await remaining(users.a, w.a.id)).toBe(0);
    expect((await sends(id)).map((s) => [s.status, s.userId])).toEqual([['sent', users.a]]);
    // The next change: no acceptance left, nothing sent.
    fake.messages.length = 0;
    await move(auth.cwX, id, { to: 'under_review' });
    await sender().idle();
    expect(fake.messages).toHaveLength(0);
    // The log names the user by a masked openid only.
    expect(t.logger.text).toContain('o_a***89');
    expect(t.logger.text).not.toContain('o_alice_0123456789');
  });

  it('sends nothing to a person who never accepted, nor for one\'s own act', async () => {
    const id = await report(auth.c);
    await move(auth.cwY, id, { to: 'accepted' });
    await sender().idle();
    expect(fake.messages).toEqual([]);
    expect(await sends(id)).toEqual([]);
    // C accepts, then withdraws her own claim: no message to herself, the acceptance stays.
    await accept(auth.c).expect(200);
    await move(auth.c, id, { to: 'withdrawn' });
    await sender().idle();
    expect(fake.messages).toEqual([]);
    expect(await remaining(users.c, w.c.id)).toBe(1);
  });

  it('sends to a family proxy who accepted on the person\'s behalf (X-Act-For)', async () => {
    await accept(auth.son, [TPL], [TPL], { 'X-Act-For': String(w.c.id) }).expect(200);
    const id = await report(auth.c);
    await move(auth.cwY, id, { to: 'accepted' });
    await sender().idle();
    expect(fake.messages.map((m) => m.touser).sort()).toEqual(['o_carol_0123456789', 'o_son_0123456789']);
    expect(await remaining(users.son, w.c.id)).toBe(0);
  });

  it('marks acceptances used up on 43101, and the claim flow is untouched', async () => {
    await accept(auth.b).expect(200);
    await accept(auth.b).expect(200);
    expect(await remaining(users.b, w.b.id)).toBe(2);
    const id = (await http().post('/api/claims').set('Authorization', auth.cwX).set('Idempotency-Key', key()).send({ ...inpatient, personId: w.b.id }).expect(201)).body.id as number;
    const moved = await move(auth.cwX, id, { to: 'accepted' });
    expect(moved.body.state).toBe('accepted');
    await sender().idle();
    expect(fake.messages).toEqual([]);
    expect(await remaining(users.b, w.b.id)).toBe(0);
    expect((await sends(id)).map((s) => [s.status, s.errcode])).toEqual([['refused', 43101]]);
    expect(t.logger.text).not.toContain('refused-o_bob');
  });

  it('gives the acceptance back when WeChat refuses the template (40037) or is unreachable; the claim moves on', async () => {
    await t.dataSource.getRepository(SubscribeAcceptance).update({ userId: users.a }, { remaining: 0 });
    await accept(auth.a).expect(200);
    config.wechat.claimStatusTemplate = { id: 'tpl-unknown', fields: parseTemplateFields(DEFAULT_CLAIM_STATUS_FIELDS, 'test') };
    await t.dataSource.getRepository(SubscribeAcceptance).update({ userId: users.a }, { templateId: 'tpl-unknown' });
    const id = await report(auth.a);
    await move(auth.cwX, id, { to: 'accepted' });
    await sender().idle();
    expect((await sends(id)).map((s) => [s.status, s.errcode, s.error])).toEqual([['failed', 40037, 'invalid_template']]);
    expect((await t.dataSource.getRepository(SubscribeAcceptance).findOneBy({ userId: users.a, templateId: 'tpl-unknown' }))!.remaining).toBe(1);
    await t.dataSource.getRepository(SubscribeAcceptance).update({ userId: users.a }, { templateId: TPL });

    // WeChat down: the same.
    config.wechat.claimStatusTemplate = { id: TPL, fields: parseTemplateFields(DEFAULT_CLAIM_STATUS_FIELDS, 'test') };
    const apiBase = config.wechat.apiBase;
    (config.wechat as { apiBase: string }).apiBase = 'http://127.0.0.1:9';
    try {
      await move(auth.cwX, id, { to: 'under_review' });
      await sender().idle();
    } finally {
      (config.wechat as { apiBase: string }).apiBase = apiBase;
    }
    expect((await sends(id)).at(-1)).toMatchObject({ status: 'failed', error: 'unavailable' });
    expect(await remaining(users.a, w.a.id)).toBe(1);
  });

  it('cuts long values to the field limits (a 60-character reason into a thing field)', async () => {
    config.wechat.claimStatusTemplate = { id: 'tpl-claim-note', fields: parseTemplateFields('character_string1=claimNo,thing2=benefit,thing3=note,phrase4=state,time5=time', 'test') };
    await t.dataSource.getRepository(SubscribeAcceptance).update({ userId: users.a }, { remaining: 0 });
    await t.dataSource.getRepository(SubscribeAcceptance).insert({ userId: users.a, personId: w.a.id, templateId: 'tpl-claim-note', remaining: 1, acceptedTotal: 1 });
    const id = await report(auth.a);
    const reason = '经核实，本次住院的医院不在本保障方案约定的定点医疗机构范围内，且未办理转诊备案手续，因此不能赔付，如有疑问请联系社区';
    await move(auth.cwX, id, { to: 'rejected', reason });
    await sender().idle();
    expect(fake.messages).toHaveLength(1);
    const m = fake.messages[0];
    expect(m.template_id).toBe('tpl-claim-note');
    for (const [k, v] of Object.entries(m.data)) expect(templateFieldProblem(k, v.value)).toBeNull();
    expect(m.data.phrase4.value).toBe('不予赔付');
    expect(m.data.thing3.value).toBe(`原因：${reason}`.slice(0, 19) + '…');
    expect(Array.from(m.data.thing3.value).length).toBeLessThanOrEqual(20);
  });

  it('looks again after a restart at changes whose live publish was lost, without sending twice', async () => {
    const tplRepo = t.dataSource.getRepository(SubscribeAcceptance);
    await tplRepo.update({ userId: users.c }, { remaining: 0 });
    await accept(auth.c).expect(200);
    const id = await report(auth.c);
    await sender().idle();
    // The process "dies" between the commit and the publish: nothing is sent.
    const spy = jest.spyOn(t.app.get(ClaimEventsBus), 'publish').mockImplementation(() => undefined);
    try {
      await move(auth.cwY, id, { to: 'accepted' });
    } finally {
      spy.mockRestore();
    }
    await sender().idle();
    expect(fake.messages).toEqual([]);
    // On start-up the sender looks at transitions after its cursor.
    await (sender() as unknown as { recover(): Promise<void> }).recover();
    expect(fake.messages.map((m) => [m.touser, m.data.phrase2.value])).toEqual([['o_carol_0123456789', '已受理']]);
    // Once more (another restart, or two processes): the unique send record stops a second message, and the acceptance stays.
    await accept(auth.c).expect(200);
    const lost = (await http().get(`/api/claims/${id}`).set('Authorization', auth.cwY).expect(200)).body.timeline.at(-1).id as number;
    await t.dataSource.getRepository(PushCursor).update({ name: 'subscribe' }, { lastEventId: lost - 1 });
    await (sender() as unknown as { recover(): Promise<void> }).recover();
    expect(fake.messages).toHaveLength(1);
    expect(await remaining(users.c, w.c.id)).toBe(1);
  });
});
