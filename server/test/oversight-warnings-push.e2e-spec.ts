/**
 * Loss-ratio warnings delivered live on the staff feed (GET /api/staff/events, `event: warning`) over a real
 * listening server: an approval that pushes 高平市 over 80% reaches 高平市's caseworker, the insurer's adjuster
 * of 高平市 and finance (the city level) at once; 泽州县's caseworker gets nothing of it; 泽州县's own crossing
 * (over 80% and 100%) reaches 泽州县 and not 高平市. Every frame is a recorded crossing that
 * GET /api/oversight/warnings lists (the list a reconnecting client reloads).
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { WarningsService } from '../src/oversight/warnings.service';
import { bearer } from './support/auth';
import { SseClient } from './support/sse-client';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

interface WarningMsg {
  type: string;
  id: number;
  districtId: number;
  districtName: string;
  level: string;
  ratioPercent: string;
  claimId: number | null;
  notify: string[];
}

describe(`loss-ratio warnings on the staff feed (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let base: string;
  let auth: Record<'cwX' | 'cwY' | 'adjX' | 'finance', string>;
  const open: SseClient[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    auth = {
      cwX: bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
      cwY: bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
      adjX: bearer(t.app, { userId: w.users.adjuster, role: 'adjuster', districtIds: [w.gaoping.id] }),
      finance: bearer(t.app, { userId: w.users.finance, role: 'finance' }),
    };
  }, 90_000);
  afterAll(async () => {
    for (const c of open.splice(0)) c.close();
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;
  const move = async (who: string, id: number, body: object) => {
    const r = await http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body);
    if (r.status !== 200) throw new Error(`${JSON.stringify(body)} → ${r.status} ${JSON.stringify(r.body)}`);
  };
  const sse = async (who: string) => {
    const c = await SseClient.open(`${base}/api/staff/events`, { Authorization: who });
    open.push(c);
    expect(c.status).toBe(200);
    return c;
  };
  const warnings = (c: SseClient) => c.frames.filter((f) => f.event === 'warning').map((f) => ({ ...(JSON.parse(f.data) as WarningMsg), frameId: f.id, receivedAt: f.receivedAt }));
  /** Report (as the caseworker, for the person), accept, accept every document, under review. */
  const fileAndReview = async (who: string, personId: number, selfPay: string): Promise<number> => {
    const r = await http()
      .post('/api/claims')
      .set('Authorization', who)
      .set('Idempotency-Key', key())
      .send({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '住院', facts: { selfPayAfterOthers: selfPay }, personId })
      .expect(201);
    await move(who, r.body.id, { to: 'accepted' });
    for (const doc of r.body.documents) await http().post(`/api/claims/${r.body.id}/documents/${doc.documentId}/review`).set('Authorization', who).send({ status: 'accepted' }).expect(201);
    // Accepting the last document may already have moved it to review.
    const now = await http().get(`/api/claims/${r.body.id}`).set('Authorization', who).expect(200);
    if (now.body.state !== 'under_review') await move(who, r.body.id, { to: 'under_review' });
    return r.body.id as number;
  };
  const listed = async (who: string) =>
    (await http().get('/api/oversight/warnings').query({ schemeId: 'jc-fpzhbx', year: 2026 }).set('Authorization', who).expect(200)).body as {
      warnings: WarningMsg[];
    };

  it('sends 高平市\'s crossing to 高平市\'s officers and the city at once, never to 泽州县; and 泽州县\'s to 泽州县 only', async () => {
    const x = await sse(auth.cwX);
    const y = await sse(auth.cwY);
    const adj = await sse(auth.adjX);
    const fin = await sse(auth.finance);
    const svc = t.app.get(WarningsService);

    // 高平市: premium 2 × 100 + 30 (one household) = 230.00. B reports 2,100 self-pay → 50.00 (21.74%): no warning.
    const claimX = await fileAndReview(auth.cwX, w.b.id, '2100.00');
    await svc.idle();
    expect(warnings(x)).toEqual([]);
    // Approved at 200.00: 200 ÷ 230 = 86.96% → over 80%: the insurer reports to the county.
    await move(auth.cwX, claimX, { to: 'approved', amount: '200.00', reason: '复核票据后核定' });
    const approvedAt = performance.now();
    await x.waitFor((c) => warnings(c).length === 1, 5000, '高平市\'s warning');
    const [wx] = warnings(x);
    expect(wx).toMatchObject({ type: 'loss_ratio_warning', districtId: w.gaoping.id, districtName: '高平市', level: 'insurer_reports_to_county', ratioPercent: '86.96', claimId: claimX });
    expect(wx.frameId).toBeNull(); // no id: Last-Event-ID stays a claim_event id
    expect(wx.receivedAt - approvedAt).toBeLessThan(2000);
    await fin.waitFor((c) => warnings(c).length === 1, 5000, 'the city\'s copy');
    await adj.waitFor((c) => warnings(c).length === 1, 5000, 'the insurer\'s copy'); // notify includes the insurer
    expect(warnings(fin)[0].id).toBe(wx.id);
    // Durable: the list a reconnecting client reloads has the same record.
    expect((await listed(auth.cwX)).warnings.map((m) => [m.id, m.level, m.ratioPercent])).toEqual([[wx.id, 'insurer_reports_to_county', '86.96']]);

    // 泽州县: premium 100 + 30 = 130.00. C reports 2,100 → 50.00 (38.46%); approved at 150.00 → 115.38%: both levels.
    const claimY = await fileAndReview(auth.cwY, w.c.id, '2100.00');
    await move(auth.cwY, claimY, { to: 'approved', amount: '150.00', reason: '按医院结算单核定' });
    await y.waitFor((c) => warnings(c).length === 2, 5000, '泽州县\'s two warnings');
    expect(warnings(y).map((m) => [m.districtName, m.level, m.ratioPercent])).toEqual([
      ['泽州县', 'insurer_reports_to_county', '115.38'],
      ['泽州县', 'county_investigates', '115.38'],
    ]);
    expect(warnings(y)[1].notify).toEqual(['county', 'city', 'insurer']);
    await fin.waitFor((c) => warnings(c).length === 3, 5000, 'the city\'s three');
    await svc.idle();
    // Give any stray frame time to arrive, then check nobody got another county's warning.
    await new Promise((r) => setTimeout(r, 300));
    expect(warnings(x).map((m) => m.districtId)).toEqual([w.gaoping.id]);
    expect(warnings(adj).map((m) => m.districtId)).toEqual([w.gaoping.id]);
    expect(warnings(y).every((m) => m.districtId === w.zezhou.id)).toBe(true);
    expect(warnings(fin).map((m) => m.districtName)).toEqual(['高平市', '泽州县', '泽州县']);
    // The claim events still flow beside them, ids unchanged.
    expect(x.claims().length).toBeGreaterThan(0);
    expect(x.claims<{ districtId: number }>().every((m) => m.districtId === w.gaoping.id)).toBe(true);
    // Each officer's list matches what their stream carried.
    expect((await listed(auth.cwY)).warnings.map((m) => m.id)).toEqual(warnings(y).map((m) => m.id));
    expect((await listed(auth.finance)).warnings.map((m) => m.id).sort()).toEqual(warnings(fin).map((m) => m.id).sort());
  });
});
