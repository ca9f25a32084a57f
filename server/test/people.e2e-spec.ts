/** GET /api/people/:id (masked) and /pii (full value: right district or admin only, audited, never logged). */
import request from 'supertest';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

describe('people and personal data', () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const get = (url: string, auth: string) => request(t.app.getHttpServer()).get(url).set('Authorization', auth);
  const audits = () => t.dataSource.getRepository(AuditEvent).find({ order: { id: 'ASC' } });

  it('shows a person to staff of their district with ID number and phone masked', async () => {
    const cw = bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] });
    const r = await get(`/api/people/${w.a.id}`, cw).expect(200);
    expect(r.body).toMatchObject({ id: w.a.id, name: '赵桂兰', age: 58, phoneMasked: '139****5678', district: { name: '高平市' }, householdId: w.householdId });
    expect(r.body.idNumberMasked).toBe(`${w.a.idNumber.slice(0, 3)}***********${w.a.idNumber.slice(-4)}`);
    expect(r.body.identities).toEqual([{ code: 'edge_at_risk', label: '边缘易致贫户', validFrom: '2025-06-20', validTo: null, confirmedOn: null }]);
    expect(JSON.stringify(r.body)).not.toContain(w.a.idNumber);
    expect(JSON.stringify(r.body)).not.toContain('13912345678');
    await get(`/api/people/${w.c.id}`, cw).expect(404);
    await get(`/api/people/${w.a.id}`, bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id })).expect(403);
    await get('/api/people/abc', cw).expect(404);
  });

  it('gives the full ID number to a caseworker of the person\'s district, and records who, whose, which field, when', async () => {
    const before = (await audits()).length;
    const r = await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] })).expect(200);
    expect(r.body).toEqual({ personId: w.a.id, field: 'idNumber', value: w.a.idNumber });
    expect(r.headers['cache-control']).toBe('no-store');
    const events = (await audits()).slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorUserId: w.users.cwGaoping, action: 'person.view_id_number', entity: 'person', entityId: String(w.a.id), detail: { field: 'idNumber', role: 'caseworker' } });
    expect(events[0].at).toBeInstanceOf(Date);
  });

  it('gives the phone to an admin, audited', async () => {
    const r = await get(`/api/people/${w.a.id}/pii?field=phone`, bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200);
    expect(r.body.value).toBe('13912345678');
    expect((await audits()).at(-1)).toMatchObject({ actorUserId: w.users.admin, action: 'person.view_phone', entityId: String(w.a.id) });
  });

  it('refuses the wrong district (404), other roles (403) and unknown fields (400), writing no audit event', async () => {
    const before = (await audits()).length;
    await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] })).expect(404);
    await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: w.users.adjuster, role: 'adjuster', districtIds: [w.gaoping.id] })).expect(403);
    await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: w.users.finance, role: 'finance' })).expect(403);
    await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id })).expect(403);
    const bad = await get(`/api/people/${w.a.id}/pii?field=bankAccount`, bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(400);
    expect(bad.body.errors).toEqual([{ field: 'field', message: '只能查看身份证号（idNumber）或手机号（phone）' }]);
    expect((await audits()).length).toBe(before);
  });

  it('never writes a full ID number or phone to the log', async () => {
    await get(`/api/people/${w.a.id}/pii?field=idNumber`, bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200);
    await get(`/api/people/${w.a.id}/pii?field=phone`, bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200);
    const log = t.logger.text;
    expect(log).toContain(`/api/people/${w.a.id}/pii`);
    for (const secret of [w.a.idNumber, w.b.idNumber, w.c.idNumber, '13912345678']) expect(log).not.toContain(secret);
  });
});
