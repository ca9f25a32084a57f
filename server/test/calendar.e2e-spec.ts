/**
 * The working-day calendar as data: an admin enters a year the engine does not know (2027 here, with
 * hand-made test data — not the official notice), it is checked, stored, used at once by claim deadlines,
 * and loaded again after a restart.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Clock } from '../src/common/clock';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

const TEST_2027 = {
  holidays: { 元旦: ['01-01', '01-02', '01-03'], 春节: ['02-06', '02-07', '02-08', '02-09', '02-10', '02-11', '02-12'] },
  workdays: ['02-20'],
  source: '测试用手工数据（非官方通知）',
};

describe(`holiday calendar (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let admin: string;
  let a: string;
  let cw: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    const ua = (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId: w.a.id, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;
    a = bearer(t.app, { userId: ua, role: 'beneficiary', personId: w.a.id });
    admin = bearer(t.app, { userId: w.users.admin, role: 'admin' });
    cw = bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] });
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());

  async function claimCompletedOn(day: string): Promise<{ dueDate: string | null; explanation: string[] }> {
    t.app.get(Clock).setToday(day);
    const r = await http().post('/api/claims').set('Authorization', a).set('Idempotency-Key', `k-${randomUUID()}`)
      .send({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-12-20', description: '住院', facts: { selfPayAfterOthers: '500.00' } }).expect(201);
    let last = r;
    for (const d of r.body.documents) last = await http().post(`/api/claims/${r.body.id}/documents/${d.documentId}/review`).set('Authorization', cw).send({ status: 'accepted' }).expect(201);
    return last.body.deadline;
  }

  it('says a deadline in a year without data cannot be counted yet', async () => {
    const d = await claimCompletedOn('2026-12-28');
    expect(d.dueDate).toBeNull();
    expect(d.explanation.join('\n')).toMatch(/2027 年的法定节假日安排尚未录入/);
    const years = (await http().get('/api/holidays').expect(200)).body as { year: number; origin: string }[];
    expect(years.at(-1)).toMatchObject({ year: 2026, origin: 'seeded' });
  });

  it('lets only an admin enter a year, checks it, and counts deadlines with it at once and after a restart', async () => {
    await http().put('/api/holidays/2027').set('Authorization', cw).send(TEST_2027).expect(403);
    await http().put('/api/holidays/2027').send(TEST_2027).expect(401);
    const bad = await http().put('/api/holidays/2027').set('Authorization', admin).send({ ...TEST_2027, workdays: ['02-30'] }).expect(400);
    expect(bad.body.errors[0].message).toMatch(/[\u4e00-\u9fff]/);
    const noSource = await http().put('/api/holidays/2027').set('Authorization', admin).send({ ...TEST_2027, source: '' }).expect(400);
    expect(noSource.body.errors).toEqual([{ field: 'source', message: '请写明依据的通知' }]);

    const ok = await http().put('/api/holidays/2027').set('Authorization', admin).send(TEST_2027).expect(200);
    expect(ok.body).toMatchObject({ year: 2027, origin: 'entered', source: TEST_2027.source, workdays: ['02-20'] });
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'calendar.put_year', entityId: '2027' })).toBe(1);

    // Documents complete Mon 2026-12-28: from 12-29, 3 working days to 12-31, 元旦 01-01..01-03 off, then 01-04..01-08 and 01-11, 01-12 → due 2027-01-12.
    const d = await claimCompletedOn('2026-12-28');
    expect(d.dueDate).toBe('2027-01-12');
    expect(d.explanation.join('\n')).toMatch(/元旦/);

    await t.close();
    t = await startTestApp(db);
    // Tokens are signed and checked by the running app: sign the callers in again.
    const ua = (await t.dataSource.getRepository(AppUser).findOneByOrFail({ personId: w.a.id })).id;
    a = bearer(t.app, { userId: ua, role: 'beneficiary', personId: w.a.id });
    cw = bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] });
    const years = (await http().get('/api/holidays').expect(200)).body as { year: number }[];
    expect(years.map((y) => y.year)).toContain(2027);
    const again = await claimCompletedOn('2026-12-28');
    expect(again.dueDate).toBe('2027-01-12');
  }, 90_000);
});
