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

  describe('GET /api/people?q= (find a person to report for them)', () => {
    const cwGaoping = () => bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] });
    const cwZezhou = () => bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] });
    const search = (q: string, auth: string) => get(`/api/people?q=${encodeURIComponent(q)}`, auth);

    it('finds by the full ID number (keyed hash, lower-case x too) and by name, in the caseworker\'s districts only, masked', async () => {
      const r = await search(w.a.idNumber, cwGaoping()).expect(200);
      expect(r.headers['cache-control']).toBe('no-store');
      expect(r.body.by).toBe('id_number');
      expect(r.body.more).toBe(false);
      expect(r.body.items).toEqual([
        {
          id: w.a.id,
          name: '赵*兰',
          sex: 'F',
          age: 58,
          idNumberMasked: `${w.a.idNumber.slice(0, 3)}***********${w.a.idNumber.slice(-4)}`,
          district: { id: w.gaoping.id, name: '高平市', city: expect.any(String), county: expect.any(String) },
          identities: ['边缘易致贫户'],
          enrolments: expect.arrayContaining([expect.objectContaining({ schemeId: 'jc-fpzhbx', insuranceYear: 2026 })]),
        },
      ]);
      for (const secret of [w.a.idNumber, '赵桂兰', '13912345678']) expect(r.text).not.toContain(secret);
      // The name, whole or its beginning; 李秀英 lives in 泽州县: not for 高平市's caseworker, found by 泽州县's.
      expect((await search('赵桂兰', cwGaoping()).expect(200)).body.items.map((p: { id: number }) => p.id)).toEqual([w.a.id]);
      expect((await search('张永', cwGaoping()).expect(200)).body).toMatchObject({ by: 'name', items: [{ id: w.b.id, name: '张*福' }] });
      expect((await search('李秀英', cwGaoping()).expect(200)).body.items).toEqual([]);
      expect((await search(w.c.idNumber, cwGaoping()).expect(200)).body.items).toEqual([]);
      expect((await search('李秀英', cwZezhou()).expect(200)).body.items.map((p: { id: number }) => p.id)).toEqual([w.c.id]);
      // An admin sees every district; LIKE wildcards are plain characters.
      expect((await search('李秀', bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200)).body.items.map((p: { id: number }) => p.id)).toEqual([w.c.id]);
      expect((await search('%%', bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200)).body.items).toEqual([]);
      expect((await search('赵_兰', cwGaoping()).expect(200)).body.items).toEqual([]);
    });

    it('audits every search with how and how many, never the text searched', async () => {
      const before = (await audits()).length;
      await search(w.a.idNumber, cwGaoping()).expect(200);
      await search('李秀英', cwGaoping()).expect(200);
      const events = (await audits()).slice(before);
      expect(events.map((e) => [e.action, e.actorUserId, e.detail])).toEqual([
        ['person.search', w.users.cwGaoping, { by: 'id_number', role: 'caseworker', found: 1, more: false, personIds: [w.a.id] }],
        ['person.search', w.users.cwGaoping, { by: 'name', role: 'caseworker', found: 0, more: false, personIds: [] }],
      ]);
      expect(JSON.stringify(events)).not.toContain(w.a.idNumber);
      expect(JSON.stringify(events)).not.toContain('李秀英');
      expect(t.logger.text).not.toContain(w.a.idNumber);
    });

    it('refuses other roles (403) and says in Chinese what to type (400)', async () => {
      await search('赵桂兰', bearer(t.app, { userId: w.users.adjuster, role: 'adjuster', districtIds: [w.gaoping.id] })).expect(403);
      await search('赵桂兰', bearer(t.app, { userId: w.users.finance, role: 'finance' })).expect(403);
      await search('赵桂兰', bearer(t.app, { userId: 1, role: 'beneficiary', personId: w.a.id })).expect(403);
      const short = await search('赵', cwGaoping()).expect(400);
      expect(short.body.errors).toEqual([{ field: 'q', message: '请至少输入两个字的姓名，或完整的身份证号' }]);
      const none = await get('/api/people', cwGaoping()).expect(400);
      expect(none.body.errors[0]).toMatchObject({ field: 'q' });
    });

    it('lists the districts a caseworker serves (admins: all)', async () => {
      const r = await get('/api/people/districts', cwGaoping()).expect(200);
      expect(r.body).toEqual([expect.objectContaining({ id: w.gaoping.id, name: '高平市' })]);
      const all = await get('/api/people/districts', bearer(t.app, { userId: w.users.admin, role: 'admin' })).expect(200);
      expect(all.body.map((d: { id: number }) => d.id)).toEqual(expect.arrayContaining([w.gaoping.id, w.zezhou.id, w.yuzhong.id]));
      await get('/api/people/districts', bearer(t.app, { userId: w.users.finance, role: 'finance' })).expect(403);
    });
  });
});

