/**
 * The report path as the bench drives it (bench/claims.bench.ts): the answer to POST /api/claims is built
 * from what was written, so it must equal what GET /api/claims/:id reads back; and an Idempotency-Key gives
 * one effect however its twins arrive (at the same moment, or again later), for reports and transitions.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { Like } from 'typeorm';
import { Claim } from '../src/claims/claim.entity';
import { ClaimEvent } from '../src/claims/claim-event.entity';
import { Clock } from '../src/common/clock';
import { IdempotencyRecord } from '../src/idempotency/idempotency-record.entity';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

describe(`claims: the report answer and its twins (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let a: string;
  let cw: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    const ua = (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId: w.a.id, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;
    a = bearer(t.app, { userId: ua, role: 'beneficiary', personId: w.a.id });
    cw = bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());
  const report = (who: string, body: object, k = `k-${randomUUID()}`) => http().post('/api/claims').set('Authorization', who).set('Idempotency-Key', k).send(body);
  const inpatient = (selfPay: string, extra: object = {}) => ({
    schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', place: '  高平市人民医院 ', description: ' 肺炎住院 8 天 ', facts: { selfPayAfterOthers: selfPay }, ...extra,
  });
  const claims = () => t.dataSource.getRepository(Claim).count();

  it('answers a report exactly as the claim reads back afterwards (beneficiary and caseworker)', async () => {
    for (const [who, body] of [[a, inpatient('3800.00')], [cw, inpatient('2500.00', { personId: w.b.id })]] as const) {
      const posted = await report(who, body).expect(201);
      const got = await http().get(`/api/claims/${posted.body.id}`).set('Authorization', who).expect(200);
      expect(posted.body).toEqual(got.body);
      expect(posted.body.claimNo).toMatch(/^HM260520\d{6}$/);
      expect(posted.body.updatedAt).toBe(posted.body.reportedAt);
      expect(posted.body.place).toBe('高平市人民医院');
    }
    // The staff answer names the person; the beneficiary's does not.
    const staff = await report(cw, inpatient('100.00', { personId: w.a.id })).expect(201);
    expect(staff.body.personName).toBe('赵桂兰');
    expect(staff.body.source).toBe('staff');
  });

  it('makes one claim of twins sent at the same moment, and replays the first answer to each', async () => {
    const before = await claims();
    for (let round = 0; round < 3; round++) {
      const k = `twin-${randomUUID()}`;
      const body = inpatient(`${300 + round}.00`);
      const answers = await Promise.all(Array.from({ length: 6 }, () => report(a, body, k)));
      expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
      expect(new Set(answers.map((r) => r.body.id)).size).toBe(1);
      expect(answers.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
      const again = await report(a, body, k).expect(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(answers[0].body);
      // Another body with the key, at the same moment as its first use or later: refused, nothing made.
      const reused = await report(a, inpatient('999.00'), k).expect(422);
      expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    }
    expect(await claims()).toBe(before + 3);
    expect(await t.dataSource.getRepository(IdempotencyRecord).countBy({ scope: 'claims.report', idemKey: Like('twin-%') })).toBe(3);
  });

  it('moves a claim once when the same transition arrives several times at once, each getting its answer', async () => {
    const id = (await report(a, inpatient('1200.00')).expect(201)).body.id as number;
    const k = `move-${randomUUID()}`;
    const moves = await Promise.all(Array.from({ length: 6 }, () => http().post(`/api/claims/${id}/transitions`).set('Authorization', cw).set('Idempotency-Key', k).send({ to: 'accepted' })));
    expect(moves.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect(moves.filter((r) => r.headers['idempotent-replayed'] !== 'true')).toHaveLength(1);
    expect(new Set(moves.map((r) => JSON.stringify(r.body)))).toEqual(new Set([JSON.stringify(moves[0].body)]));
    const accepted = await t.dataSource.getRepository(ClaimEvent).countBy({ claimId: id, toState: 'accepted' });
    expect(accepted).toBe(1);
    // A different key is a different request: refused on the state machine, not replayed.
    await http().post(`/api/claims/${id}/transitions`).set('Authorization', cw).set('Idempotency-Key', `move-${randomUUID()}`).send({ to: 'accepted' }).expect(409);
  });

  it('gives each of many reports sent at once its own claim, and one that fails after its writes began leaves nothing and fails none of the others', async () => {
    // The report's writes go in multi-statement batches on MariaDB (database/sql-batch.ts): every report is
    // still its own transaction, committed or rolled back whole.
    const first = await report(a, inpatient('150.00')).expect(201);
    const documentId = first.body.documents[0].documentId as string;
    const before = await claims();
    const good = Array.from({ length: 8 }, (_, i) => ({
      k: `many-${randomUUID()}`,
      who: i % 2 ? a : cw,
      body: i % 2 ? inpatient(`${100 + i}.00`) : inpatient(`${200 + i}.00`, { personId: w.b.id }),
    }));
    // Attachment 999999 does not exist: refused (422) after the claim, its number and checklist were written.
    const bad = Array.from({ length: 3 }, () => ({ k: `bad-${randomUUID()}`, who: a, body: inpatient('300.00', { attachments: [{ documentId, attachmentId: 999_999 }] }) }));
    const all = [...good, ...bad].sort(() => Math.random() - 0.5);
    const answers = new Map((await Promise.all(all.map(async (r) => [r.k, await report(r.who, r.body, r.k)] as const))).map(([k, res]) => [k, res]));

    for (const r of bad) {
      expect(answers.get(r.k)!.status).toBe(422);
      expect(answers.get(r.k)!.body.code).toBe('ATTACHMENT_NOT_AVAILABLE');
    }
    const ids = good.map((r) => {
      const res = answers.get(r.k)!;
      expect(res.status).toBe(201);
      expect(res.body.claimNo).toBe(`HM260520${String(res.body.id).padStart(6, '0')}`);
      expect(res.body.timeline).toHaveLength(1);
      return res.body.id as number;
    });
    expect(new Set(ids).size).toBe(good.length);
    expect(await claims()).toBe(before + good.length);
    // One history row and one idempotency record per good report, none for the failed ones (their keys are free again).
    expect(await t.dataSource.getRepository(ClaimEvent).count({ where: ids.map((claimId) => ({ claimId, type: 'reported' as const })) })).toBe(good.length);
    for (const r of good) expect(await t.dataSource.getRepository(IdempotencyRecord).countBy({ idemKey: r.k })).toBe(1);
    for (const r of bad) expect(await t.dataSource.getRepository(IdempotencyRecord).countBy({ idemKey: r.k })).toBe(0);
    // Each answer equals the claim as it reads back.
    for (const r of good) {
      const got = await http().get(`/api/claims/${answers.get(r.k)!.body.id}`).set('Authorization', r.who).expect(200);
      expect(answers.get(r.k)!.body).toEqual(got.body);
    }
    // A failed report's key may be used again, for a report that now succeeds.
    await report(a, inpatient('300.00'), bad[0].k).expect(201);
  });
});
