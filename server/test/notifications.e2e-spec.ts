/**
 * Beneficiaries' in-app notifications (GET /api/me/notifications, POST /api/me/notifications/read): derived
 * from claim_event, own claims only, plain Chinese, newest first, paged, per-viewer read marker, proxies.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { ProxyGrant } from '../src/auth/entities/proxy-grant.entity';
import { ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Clock } from '../src/common/clock';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

interface Item {
  id: number;
  claimId: number;
  claimNo: string;
  kind: string;
  state: string;
  title: string;
  body: string;
  read: boolean;
}

describe(`notifications (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let auth: Record<'a' | 'c' | 'proxy' | 'cwX' | 'cwY', string>;
  let users: Record<'a' | 'c' | 'proxy', number>;
  let claimA: number;
  let claimC: number;

  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;
  const inpatient = { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '肺炎住院', facts: { selfPayAfterOthers: '3800.00' } };
  const move = (who: string, id: number, body: object) => http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body).expect(200);
  const list = (who: string, query: Record<string, string> = {}, headers: Record<string, string> = {}) =>
    http().get('/api/me/notifications').set('Authorization', who).set(headers).query(query);

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    const user = async (personId: number | null) =>
      (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;
    users = { a: await user(w.a.id), c: await user(w.c.id), proxy: await user(null) };
    auth = {
      a: bearer(t.app, { userId: users.a, role: 'beneficiary', personId: w.a.id }),
      c: bearer(t.app, { userId: users.c, role: 'beneficiary', personId: w.c.id }),
      proxy: bearer(t.app, { userId: users.proxy, role: 'beneficiary', personId: null }),
      cwX: bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
      cwY: bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
    };
    // A's son acts for her (in-app consent).
    await t.dataSource.getRepository(ProxyGrant).insert({
      personId: w.a.id, granteeUserId: users.proxy, relation: 'child', consentMethod: 'in_app', consentedAt: new Date(), createdByUserId: users.a, revokedAt: null, revokedByUserId: null,
    });

    // A's claim, all the way to approval, with a document to send again on the way. C's claim in Y.
    const r = await http().post('/api/claims').set('Authorization', auth.a).set('Idempotency-Key', key()).send(inpatient).expect(201);
    claimA = r.body.id;
    const doc = r.body.documents[0].documentId as string;
    claimC = (await http().post('/api/claims').set('Authorization', auth.c).set('Idempotency-Key', key()).send(inpatient).expect(201)).body.id;
    await move(auth.cwX, claimA, { to: 'accepted' });
    await move(auth.cwY, claimC, { to: 'accepted' });
    await move(auth.cwX, claimA, { to: 'waiting_documents', reason: '缺少出院小结' });
    await http().post(`/api/claims/${claimA}/documents/${doc}/review`).set('Authorization', auth.cwX).send({ status: 'rejected', note: '照片模糊，请重拍' }).expect(201);
    await http().post(`/api/claims/${claimA}/documents/${r.body.documents[1].documentId}/review`).set('Authorization', auth.cwX).send({ status: 'received' }).expect(201);
    await move(auth.cwX, claimA, { to: 'under_review' });
    await move(auth.cwX, claimA, { to: 'approved' });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('shows a beneficiary the state changes and document requests of her claims, newest first, in plain Chinese', async () => {
    const r = await list(auth.a).expect(200);
    const items = r.body.items as Item[];
    expect(items.map((i) => [i.kind, i.state])).toEqual([
      ['state', 'approved'],
      ['state', 'under_review'],
      ['documents', 'waiting_documents'], // the document line sent back
      ['documents', 'waiting_documents'],
      ['state', 'accepted'],
      ['state', 'reported'],
    ]);
    expect(items.every((i) => i.claimId === claimA)).toBe(true);
    expect(items[0]).toMatchObject({ title: '同意赔付，等待打款', read: false });
    expect(items[0].body).toContain(items[0].claimNo);
    expect(items[0].body).toContain('1500.00 元');
    expect(items[2].title).toBe('有材料需要重新提交');
    expect(items[2].body).toContain('照片模糊，请重拍');
    expect(items[3]).toMatchObject({ title: '材料不全，请补交' });
    expect(items[3].body).toContain('缺少出院小结');
    expect(items[5]).toMatchObject({ title: '已收到报案', read: true }); // her own report: nothing new to her
    expect(r.body.unread).toBe(5);
    expect(r.body.readUpTo).toBe(0);
    expect(r.body.nextBefore).toBeNull();
    // Not a word of C's claim; and C sees only hers.
    const c = await list(auth.c).expect(200);
    expect((c.body.items as Item[]).map((i) => i.claimId)).toEqual([claimC, claimC]);
    expect(c.body.unread).toBe(1);
  });

  it('pages backwards with before/limit', async () => {
    const p1 = await list(auth.a, { limit: '2' }).expect(200);
    expect(p1.body.items).toHaveLength(2);
    expect(p1.body.nextBefore).toBe(p1.body.items[1].id);
    const p2 = await list(auth.a, { limit: '2', before: String(p1.body.nextBefore) }).expect(200);
    expect(p2.body.items.map((i: Item) => i.state)).toEqual(['waiting_documents', 'waiting_documents']);
    expect(p2.body.unread).toBe(5);
    await list(auth.a, { limit: '500' }).expect(400);
  });

  it('marks read up to an id; the marker only moves forward and never past the newest', async () => {
    const all = (await list(auth.a).expect(200)).body.items as Item[];
    const r = await http().post('/api/me/notifications/read').set('Authorization', auth.a).send({ upTo: all[2].id }).expect(200);
    expect(r.body).toEqual({ readUpTo: all[2].id, unread: 2 });
    const after = (await list(auth.a).expect(200)).body;
    expect((after.items as Item[]).map((i) => i.read)).toEqual([false, false, true, true, true, true]);
    // Back: ignored.
    expect((await http().post('/api/me/notifications/read').set('Authorization', auth.a).send({ upTo: 1 }).expect(200)).body.readUpTo).toBe(all[2].id);
    // Far ahead: only up to her newest event, so later ones are still unread when they come.
    const far = await http().post('/api/me/notifications/read').set('Authorization', auth.a).send({ upTo: 2_000_000_000 }).expect(200);
    expect(far.body).toEqual({ readUpTo: all[0].id, unread: 0 });
    await move(auth.cwX, claimA, { to: 'paid', paymentRef: 'BANK-1' });
    const paid = (await list(auth.a).expect(200)).body;
    expect(paid.unread).toBe(1);
    expect(paid.items[0]).toMatchObject({ state: 'paid', title: '钱已打给您，理赔结束', read: false });
    await http().post('/api/me/notifications/read').set('Authorization', auth.a).send({}).expect(400);
    await http().post('/api/me/notifications/read').set('Authorization', auth.a).send({ upTo: 'all' }).expect(400);
  });

  it('shows a proxy acting for her (X-Act-For) her notifications, with the proxy\'s own read state', async () => {
    const mine = await list(auth.proxy, {}, { 'X-Act-For': String(w.a.id) }).expect(200);
    expect((mine.body.items as Item[]).every((i) => i.claimId === claimA)).toBe(true);
    expect(mine.body.items).toHaveLength(7);
    expect(mine.body.unread).toBe(7); // her own report is new to him
    await http().post('/api/me/notifications/read').set('Authorization', auth.proxy).set('X-Act-For', String(w.a.id)).send({ upTo: mine.body.items[0].id }).expect(200);
    expect((await list(auth.proxy, {}, { 'X-Act-For': String(w.a.id) }).expect(200)).body.unread).toBe(0);
    // Her own state is untouched by his reading.
    expect((await list(auth.a).expect(200)).body.unread).toBe(1);
    // Without a grant: as if she did not exist.
    await list(auth.c, {}, { 'X-Act-For': String(w.a.id) }).expect(404);
    // The proxy on his own (no person of his own): 404 like "my coverage".
    await list(auth.proxy).expect(404);
  });

  it('refuses staff not acting for anyone (403) and anonymous callers (401)', async () => {
    await list(auth.cwX).expect(403);
    await http().get('/api/me/notifications').expect(401);
    await http().post('/api/me/notifications/read').send({ upTo: 1 }).expect(401);
  });

  it('loses nothing when the live publish never happened (derived from claim_event)', async () => {
    await move(auth.cwY, claimC, { to: 'under_review' });
    const bus = t.app.get(ClaimEventsBus);
    const spy = jest.spyOn(bus, 'publish').mockImplementation(() => undefined);
    try {
      await move(auth.cwY, claimC, { to: 'rejected', reason: '不属于保障范围' });
    } finally {
      spy.mockRestore();
    }
    const c = (await list(auth.c).expect(200)).body;
    expect(c.items[0]).toMatchObject({ claimId: claimC, state: 'rejected', title: '这次不能赔付', read: false });
    expect(c.items[0].body).toContain('不属于保障范围');
  });
});
