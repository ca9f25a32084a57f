/**
 * The staff live feed (GET /api/staff/events, Server-Sent Events) over a real listening server: district
 * scoping, latency, order, resume with Last-Event-ID without gaps or duplicates, tickets, refusals, clean-up.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Clock } from '../src/common/clock';
import { StaffEventsStream } from '../src/notifications/staff-events.stream';
import { StreamTicket } from '../src/notifications/stream-ticket.entity';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { SseClient } from './support/sse-client';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

interface ClaimMsg {
  id: number;
  claimId: number;
  claimNo: string;
  districtId: number;
  personId: number;
  type: string;
  toState: string;
  fromState: string | null;
  label: string;
  amount: string | null;
}

describe(`staff live feed, SSE (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let base: string;
  let auth: Record<'a' | 'c' | 'cwX' | 'cwY' | 'adjuster' | 'finance' | 'admin', string>;
  const open: SseClient[] = [];

  const beneficiaryUser = async (personId: number) =>
    (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    auth = {
      a: bearer(t.app, { userId: await beneficiaryUser(w.a.id), role: 'beneficiary', personId: w.a.id }),
      c: bearer(t.app, { userId: await beneficiaryUser(w.c.id), role: 'beneficiary', personId: w.c.id }),
      cwX: bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
      cwY: bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
      adjuster: bearer(t.app, { userId: w.users.adjuster, role: 'adjuster', districtIds: [w.zezhou.id] }),
      finance: bearer(t.app, { userId: w.users.finance, role: 'finance' }),
      admin: bearer(t.app, { userId: w.users.admin, role: 'admin' }),
    };
  }, 90_000);
  afterEach(() => {
    for (const c of open.splice(0)) c.close();
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;
  const inpatient = { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', place: '高平市人民医院', description: '肺炎住院', facts: { selfPayAfterOthers: '3800.00' } };
  const report = async (who: string) => {
    const r = await http().post('/api/claims').set('Authorization', who).set('Idempotency-Key', key()).send(inpatient).expect(201);
    return { id: r.body.id as number, at: performance.now() };
  };
  const move = async (who: string, id: number, body: object) => {
    await http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body).expect(200);
    return performance.now();
  };
  const sse = async (query = '', headers: Record<string, string> = {}) => {
    const c = await SseClient.open(`${base}/api/staff/events${query}`, headers);
    open.push(c);
    return c;
  };
  const stream = () => t.app.get(StaffEventsStream);
  const waitOpenCount = async (n: number) => {
    for (let i = 0; i < 100 && stream().openCount !== n; i++) await new Promise((r) => setTimeout(r, 10));
    expect(stream().openCount).toBe(n);
  };

  it('gives a district-X caseworker X\'s events (report → accept → review → approve) within 200 ms each, in order, and none of Y\'s', async () => {
    const x = await sse('', { Authorization: auth.cwX });
    const y = await sse('', { Authorization: auth.cwY });
    expect(x.status).toBe(200);
    expect(x.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(x.headers['cache-control']).toMatch(/no-cache/);

    const steps: { id: number; toState: string; respondedAt: number }[] = [];
    const r = await report(auth.a);
    steps.push({ id: r.id, toState: 'reported', respondedAt: r.at });
    const other = await report(auth.c); // district Y
    steps.push({ id: r.id, toState: 'accepted', respondedAt: await move(auth.cwX, r.id, { to: 'accepted' }) });
    await move(auth.cwY, other.id, { to: 'accepted' });
    steps.push({ id: r.id, toState: 'under_review', respondedAt: await move(auth.cwX, r.id, { to: 'under_review' }) });
    steps.push({ id: r.id, toState: 'approved', respondedAt: await move(auth.cwX, r.id, { to: 'approved' }) });

    await x.waitFor((c) => c.claims<ClaimMsg>().some((m) => m.toState === 'approved'), 2000, 'the approval');
    await y.waitFor((c) => c.claims<ClaimMsg>().filter((m) => m.claimId === other.id).length === 2, 2000, 'Y\'s two events');
    const got = x.claims<ClaimMsg>();
    expect(got.map((m) => [m.claimId, m.toState])).toEqual(steps.map((s) => [s.id, s.toState]));
    expect(got.every((m) => m.districtId === w.gaoping.id)).toBe(true);
    expect(got.map((m) => m.id)).toEqual([...got.map((m) => m.id)].sort((p, q) => p - q));
    expect(got.map((m) => String(m.id))).toEqual(got.map((m) => m.frameId));
    expect(got[3]).toMatchObject({ type: 'transition', fromState: 'under_review', label: '核定赔付', amount: '1500.00' });
    expect(got[0].claimNo).toMatch(/^HM260520\d{6}$/);
    // Latency from the HTTP response (the event is usually there before it).
    const lat = steps.map((s, i) => got[i].receivedAt - s.respondedAt);
    for (const l of lat) expect(l).toBeLessThanOrEqual(200);
    // Y's caseworker got Y's claim only; nothing of X.
    expect(y.claims<ClaimMsg>().map((m) => m.claimId)).toEqual([other.id, other.id]);
    // No names or ID numbers on the wire.
    expect(x.frames.map((f) => f.data).join('')).not.toContain('赵桂兰');
  });

  it('lets an adjuster see their insurer\'s districts, finance and admin everything, and narrows with ?districtId=', async () => {
    const fin = await sse('', { Authorization: auth.finance });
    const adm = await sse(`?districtId=${w.zezhou.id}`, { Authorization: auth.admin });
    const adj = await sse('', { Authorization: auth.adjuster });
    const a = await report(auth.a);
    const c = await report(auth.c);
    await fin.waitFor((s) => s.claims().length === 2, 2000, 'both districts');
    await adj.waitFor((s) => s.claims().length === 1);
    await adm.waitFor((s) => s.claims().length === 1);
    expect(fin.claims<ClaimMsg>().map((m) => m.claimId)).toEqual([a.id, c.id]);
    expect(adm.claims<ClaimMsg>().map((m) => m.claimId)).toEqual([c.id]);
    expect(adj.claims<ClaimMsg>().map((m) => m.claimId)).toEqual([c.id]);
    // A district that is not the caseworker's: as if it did not exist.
    const notMine = await sse(`?districtId=${w.zezhou.id}`, { Authorization: auth.cwX });
    expect(notMine.status).toBe(404);
  });

  it('resumes with Last-Event-ID: exactly the missed events of the district, oldest first, then live, no duplicates', async () => {
    const first = await sse('', { Authorization: auth.cwX });
    const r = await report(auth.a);
    await first.waitFor((c) => c.claims().length === 1);
    const lastSeen = first.frames.at(-1)!.id!;
    first.close();
    await waitOpenCount(0);

    // While disconnected: two events in X, one in Y.
    await move(auth.cwX, r.id, { to: 'accepted' });
    const y = await report(auth.c);
    await move(auth.cwX, r.id, { to: 'waiting_documents', reason: '请补交出院小结' });

    const again = await sse('', { Authorization: auth.cwX, 'Last-Event-ID': lastSeen });
    await again.waitFor((c) => c.claims().length === 2, 2000, 'the two missed events');
    expect(again.claims<ClaimMsg>().map((m) => m.toState)).toEqual(['accepted', 'waiting_documents']);
    expect(again.claims<ClaimMsg>().every((m) => m.claimId === r.id && Number(m.id) > Number(lastSeen))).toBe(true);
    // Then live.
    await move(auth.a, r.id, { to: 'withdrawn' });
    await again.waitFor((c) => c.claims().length === 3);
    const ids = again.claims<ClaimMsg>().map((m) => m.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.claims<ClaimMsg>().some((m) => m.claimId === y.id)).toBe(false);

    // ?after= does the same (a new EventSource after a ticket), and live=0 ends after the catch-up.
    const poll = await sse(`?after=${lastSeen}&live=0`, { Authorization: auth.cwX });
    await poll.waitEnd();
    expect(poll.claims<ClaimMsg>().map((m) => m.toState)).toEqual(['accepted', 'waiting_documents', 'withdrawn']);
    // The Last-Event-ID header wins over ?after= (EventSource keeps the URL when it reconnects).
    const both = await sse(`?after=0&live=0`, { Authorization: auth.cwX, 'Last-Event-ID': String(ids[1]) });
    await both.waitEnd();
    expect(both.claims<ClaimMsg>().map((m) => m.id)).toEqual([ids[2]]);
    const bad = await sse('', { Authorization: auth.cwX, 'Last-Event-ID': 'abc' });
    expect(bad.status).toBe(400);
  });

  it('writes an event committed while the replay is read exactly once', async () => {
    const r = await report(auth.a);
    const s = stream() as unknown as { missed: (...a: unknown[]) => Promise<unknown> };
    const original = s.missed.bind(s);
    const spy = jest.spyOn(s, 'missed').mockImplementationOnce(async (...args: unknown[]) => {
      // Commits (and publishes) after the stream subscribed but before the replay query runs: the bus
      // copy is buffered, the replay reads it too; it must be written once.
      await move(auth.cwX, r.id, { to: 'accepted' });
      return original(...args);
    });
    const before = (await http().get(`/api/claims/${r.id}`).set('Authorization', auth.cwX).expect(200)).body.timeline.at(-1).id as number;
    const c = await sse('', { Authorization: auth.cwX, 'Last-Event-ID': String(before - 1) });
    await c.waitFor((x) => x.claims<ClaimMsg>().some((m) => m.toState === 'accepted'));
    await move(auth.cwX, r.id, { to: 'under_review' });
    await c.waitFor((x) => x.claims<ClaimMsg>().some((m) => m.toState === 'under_review'));
    spy.mockRestore();
    const ids = c.claims<ClaimMsg>().map((m) => m.id);
    expect(c.claims<ClaimMsg>().map((m) => m.toState)).toEqual(['reported', 'accepted', 'under_review']);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('says resync when more was missed than it replays, and sends the newest', async () => {
    const cap = StaffEventsStream.REPLAY_CAP;
    (StaffEventsStream as unknown as { REPLAY_CAP: number }).REPLAY_CAP = 2;
    try {
      const r = await report(auth.a);
      await move(auth.cwX, r.id, { to: 'accepted' });
      await move(auth.cwX, r.id, { to: 'under_review' });
      const c = await sse('?after=0&live=0', { Authorization: auth.cwX });
      await c.waitEnd();
      expect(c.frames[0]).toMatchObject({ event: 'resync' });
      expect(c.claims<ClaimMsg>().map((m) => m.toState)).toEqual(['accepted', 'under_review']);
    } finally {
      (StaffEventsStream as unknown as { REPLAY_CAP: number }).REPLAY_CAP = cap;
    }
  });

  it('opens with a single-use ticket valid 60 s; never with a token in the URL', async () => {
    const tk = await http().post('/api/staff/events/ticket').set('Authorization', auth.cwX).expect(201);
    expect(tk.body).toEqual({ ticket: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), expiresIn: 60 });
    // Only its hash is stored.
    expect(await t.dataSource.getRepository(StreamTicket).countBy({ id: tk.body.ticket })).toBe(0);

    const c = await sse(`?ticket=${tk.body.ticket}`);
    expect(c.status).toBe(200);
    const r = await report(auth.a);
    await c.waitFor((x) => x.claims<ClaimMsg>().some((m) => m.claimId === r.id));
    // Used once: a second use (or a reconnect with the same URL) is refused.
    const reuse = await sse(`?ticket=${tk.body.ticket}`);
    expect(reuse.status).toBe(401);
    expect(JSON.parse(reuse.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    // Expired after 60 s.
    const late = await http().post('/api/staff/events/ticket').set('Authorization', auth.cwX).expect(201);
    const clock = t.app.get(Clock);
    const spy = jest.spyOn(clock, 'now').mockReturnValue(new Date(Date.now() + 61_000));
    try {
      expect((await sse(`?ticket=${late.body.ticket}`)).status).toBe(401);
    } finally {
      spy.mockRestore();
    }
    // Garbage, and an access token where a ticket belongs.
    expect((await sse('?ticket=nonsense')).status).toBe(401);
    const jwtInUrl = await sse(`?ticket=${encodeURIComponent(auth.cwX.slice(7))}`);
    expect(jwtInUrl.status).toBe(400); // too long for a ticket: refused before anything reads it
    expect(jwtInUrl.body).not.toContain(auth.cwX.slice(7));
    expect(t.logger.text).not.toContain(auth.cwX.slice(7));
    // The ticket never reaches the request log.
    expect(t.logger.text).not.toContain(tk.body.ticket);
    expect(t.logger.text).toContain('ticket=***');
  });

  it('refuses beneficiaries (403) and anonymous callers (401), with the header or a ticket', async () => {
    expect((await sse('', { Authorization: auth.a })).status).toBe(403);
    await http().post('/api/staff/events/ticket').set('Authorization', auth.a).expect(403);
    const anon = await sse('');
    expect(anon.status).toBe(401);
    expect(JSON.parse(anon.body)).toMatchObject({ code: 'UNAUTHENTICATED' });
    await http().post('/api/staff/events/ticket').expect(401);
    expect((await sse('', { Authorization: 'Bearer not-a-token' })).status).toBe(401);
  });

  it('cleans up on disconnect, sends heartbeats, and ends when the access token behind it expires', async () => {
    await waitOpenCount(0);
    const bus = t.app.get(ClaimEventsBus) as unknown as { subject: { observers?: unknown[]; observed?: boolean } };
    const observersBefore = (bus.subject as { observers: unknown[] }).observers.length;
    stream().heartbeatMs = 50;
    try {
      const c = await sse('', { Authorization: auth.cwX });
      await waitOpenCount(1);
      expect((bus.subject as { observers: unknown[] }).observers.length).toBe(observersBefore + 1);
      await c.waitFor((x) => x.comments.some((m) => m.startsWith('ping')), 1000, 'a heartbeat');
      c.close();
      await waitOpenCount(0);
      expect((bus.subject as { observers: unknown[] }).observers.length).toBe(observersBefore);

      // A ticket whose access token expires in 300 ms: the stream says reauth and ends.
      const tk = await http().post('/api/staff/events/ticket').set('Authorization', auth.cwX).expect(201);
      const { createHash } = await import('node:crypto');
      await t.dataSource.getRepository(StreamTicket).update({ id: createHash('sha256').update(tk.body.ticket).digest('hex') }, { authExpiresAt: new Date(Date.now() + 300) });
      const short = await sse(`?ticket=${tk.body.ticket}`);
      await short.waitEnd(3000);
      expect(short.frames.at(-1)).toMatchObject({ event: 'reauth' });
      await waitOpenCount(0);
    } finally {
      stream().heartbeatMs = 20_000;
    }
  });

  it('limits open streams per user', async () => {
    await waitOpenCount(0);
    const many = [];
    for (let i = 0; i < StaffEventsStream.MAX_PER_USER; i++) many.push(await sse('', { Authorization: auth.cwY }));
    expect(many.every((c) => c.status === 200)).toBe(true);
    expect((await sse('', { Authorization: auth.cwY })).status).toBe(429);
    // A catch-up poll still works.
    expect((await sse('?after=0&live=0', { Authorization: auth.cwY })).status).toBe(200);
  });
});
