/**
 * What surrounds a claim, over real HTTP: a full report-to-payment cycle for each of the five schemes,
 * students' admission grants (once per level) and critical illness, disputes with their own deadline, and
 * proactive-claim alerts imported by civil affairs.
 */
import { randomUUID } from 'node:crypto';
import { makeIdNumber } from '@huimin/shared';
import request from 'supertest';
import { Clock } from '../src/common/clock';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { district, person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';

describe(`claims around the edges (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let staff: Record<'cw' | 'finance' | 'admin', number>;
  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    const users = t.dataSource.getRepository(AppUser);
    const mk = async (username: string, role: AppUser['role']) => (await users.insert({ username, role, active: true })).identifiers[0].id as number;
    staff = { cw: await mk('f-cw', 'caseworker'), finance: await mk('f-fin', 'finance'), admin: await mk('f-admin', 'admin') };
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const clock = () => t.app.get(Clock);
  async function someone(schemeId: string, area: string, p: { birthDate: string; region: string; identities: { code: string; validFrom: string; confirmedOn?: string }[]; flags?: object; name?: string }) {
    const d = await district(t.dataSource, schemeId, area);
    const made = await person(t.dataSource, t.app.get(PiiCryptoService), {
      name: p.name ?? '测试人', birthDate: p.birthDate, districtId: d.id, regionCode: p.region, identities: p.identities, flags: p.flags as never,
    });
    const userId = (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId: made.id, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;
    return {
      ...made,
      district: d,
      me: bearer(t.app, { userId, role: 'beneficiary', personId: made.id }),
      cw: bearer(t.app, { userId: staff.cw, role: 'caseworker', districtIds: [d.id] }),
      fin: bearer(t.app, { userId: staff.finance, role: 'finance' }),
    };
  }
  const report = (who: string, body: object, k = key()) => http().post('/api/claims').set('Authorization', who).set('Idempotency-Key', k).send(body);
  const move = (who: string, id: number, body: object) => http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body);
  async function fullCycle(p: Awaited<ReturnType<typeof someone>>, body: object, expectPayout: string) {
    const r = await report(p.me, { description: '报案测试', ...body }).expect(201);
    expect(r.body.estimatedPayout).toBe(expectPayout);
    const id = r.body.id as number;
    await move(p.cw, id, { to: 'accepted' }).expect(200);
    let last = r;
    for (const d of r.body.documents) {
      last = await http().post(`/api/claims/${id}/documents/${d.documentId}/review`).set('Authorization', p.cw).send({ status: 'accepted' }).expect(201);
    }
    if (last.body.state !== 'under_review') await move(p.cw, id, { to: 'under_review' }).expect(200);
    const approved = await move(p.cw, id, { to: 'approved' }).expect(200);
    expect(approved.body.approvedAmount).toBe(expectPayout);
    const paid = await move(p.fin, id, { to: 'paid', paymentRef: `P-${id}` }).expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', approvedAmount: expectPayout });
    expect(paid.body.deadline.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    return paid.body;
  }

  describe('one full cycle per scheme', () => {
    afterEach(() => clock().setToday(null));

    it('Chongqing 大病补充 for a 特困 person (30% band), cover from the 1st of the confirmed month', async () => {
      clock().setToday('2025-08-20');
      const p = await someone('cq-hmjkb', '万州区', { birthDate: '1958-03-02', region: '500101', identities: [{ code: 'tekun', validFrom: '2025-01-08', confirmedOn: '2025-01-08' }] });
      // (13,000 − 3,000) = 10,000 in the first band at 30% for 特困 → 3,000.00
      const body = await fullCycle(p, { schemeId: 'cq-hmjkb', benefitId: 'critical_supplement', incidentDate: '2025-08-12', facts: { outOfCatalogueSelfPay: '13000.00' } }, '3000.00');
      expect(body.estimate.breakdown.map((l: { text: string }) => l.text).join('\n')).toMatch(/30%/);
    });

    it('Zhumadian 见义勇为 award, deadline by amount band', async () => {
      clock().setToday('2019-09-20');
      const p = await someone('zmd-yymsh', '驿城区', { birthDate: '1980-05-05', region: '411702', identities: [], flags: { registered_resident: true } });
      const body = await fullCycle(p, { schemeId: 'zmd-yymsh', benefitId: 'heroic_act', incidentDate: '2019-09-10', facts: { inCity: true, recognised: true } }, '30000.00');
      expect(body.deadline.explanation.join('\n')).toMatch(/1 万元以上、10 万元以下/);
    });

    it('Liaocheng accident disability, grade 5 = 30,000 × 60%', async () => {
      clock().setToday('2019-05-20');
      const p = await someone('lc-fpthb', '东昌府区', { birthDate: '1960-03-03', region: '371502', identities: [{ code: 'poverty_policy', validFrom: '2018-01-01' }] });
      await fullCycle(p, { schemeId: 'lc-fpthb', benefitId: 'accident_disability', incidentDate: '2019-05-10', facts: { grade: 5 } }, '18000.00');
    });

    it('Jincheng inpatient for a monitored person', async () => {
      clock().setToday('2026-05-20');
      const p = await someone('jc-fpzhbx', '高平市', {
        birthDate: '1968-02-11', region: '140581', identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
        flags: { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' },
      });
      await fullCycle(p, { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', facts: { selfPayAfterOthers: '3000.00' } }, '500.00');
    });

    it('Minhang 沪惠保 subsidy is not a claim: it has its own flow (policy list → bank account → batch)', async () => {
      clock().setToday('2024-07-10');
      const p = await someone('mh-huhuibao', '七宝镇', { birthDate: '1970-09-09', region: '310112', identities: [{ code: 'disability_card', validFrom: '2020-01-01' }], flags: { disability_card_valid_until: '2027-12-31' } });
      const facts = { policyNo: 'HHB2024-0001234', purchaseDate: '2024-06-18', policyIssued: true, groupPolicy: false, viaMinhangLink: true };
      const r = await report(p.me, { schemeId: 'mh-huhuibao', benefitId: 'huhuibao_subsidy', incidentDate: '2024-07-02', description: '买了沪惠保', facts }).expect(422);
      expect(r.body).toMatchObject({ code: 'NOT_A_CLAIM', errors: [{ field: 'schemeId' }] });
      expect(r.body.message).toMatch(/不用报案/);
    });
  });

  describe('students', () => {
    afterEach(() => clock().setToday(null));

    it('pays one admission grant per level, and checks age and school for critical illness', async () => {
      clock().setToday('2025-09-05');
      const s = await someone('cq-hmjkb', '渝中区', {
        birthDate: '2006-04-01', region: '500103', name: '陈小雨', identities: [{ code: 'dibao', validFrom: '2024-01-01' }], flags: { in_school: true },
      });
      const grant = (level: string, date = '2025-09-01') => ({
        schemeId: 'cq-hmjkb', benefitId: 'admission_grant', incidentDate: date, description: '录取通知书',
        facts: { level, exam: level === 'yanjiusheng' ? 'postgraduate' : 'gaokao_summer', fullTime: true },
      });
      const scheme = (await http().get('/api/schemes/cq-hmjkb').expect(200)).body;
      const benefit = scheme.versions.flatMap((v: { benefits: unknown[] }) => v.benefits).find((b: { id: string }) => b.id === 'admission_grant');
      const levels = benefit.facts.find((f: { name: string }) => f.name === 'level').options.map((o: { value: string; label: string }) => o.value);
      expect(levels.length).toBe(3);
      const paid = await fullCycle(s, grant(levels[1]), '3000.00');
      expect(paid.documents.map((d: { name: string }) => d.name).join('、')).toMatch(/录取通知书/);
      // The same level again is refused with the reason; another level is fine.
      const twice = await report(s.me, grant(levels[1], '2025-09-02')).expect(422);
      expect(twice.body.message).toMatch(/每个层次只补助一次/);
      await report(s.me, grant(levels[2], '2025-09-03')).expect(201);

      // Critical illness: the 20 diseases are offered by name; a student over 22 is refused.
      const ill = benefitOf(scheme, 'student_critical_illness');
      const diseases = ill.facts.find((f) => f.type === 'enum')!.options!;
      expect(diseases).toHaveLength(20);
      expect(diseases.every((d: { label: string }) => /[\u4e00-\u9fff]/.test(d.label))).toBe(true);
      const old = await someone('cq-hmjkb', '渝中区', { birthDate: '2000-01-01', region: '500103', identities: [{ code: 'dibao', validFrom: '2024-01-01' }], flags: { in_school: true } });
      const factName = ill.facts.find((f) => f.type === 'enum')!.name;
      const otherFacts = Object.fromEntries(ill.facts.filter((f) => f.type === 'boolean').map((f) => [f.name, true]));
      const refused = await report(old.me, { schemeId: 'cq-hmjkb', benefitId: 'student_critical_illness', incidentDate: '2025-09-01', description: '确诊', facts: { ...otherFacts, [factName]: diseases[0].value } }).expect(422);
      expect(refused.body.errors.some((e: { code: string }) => e.code === 'AGE_OUT_OF_RANGE')).toBe(true);
      await report(s.me, { schemeId: 'cq-hmjkb', benefitId: 'student_critical_illness', incidentDate: '2025-09-01', description: '确诊', facts: { ...otherFacts, [factName]: diseases[0].value } }).expect(201);
    });
  });

  function benefitOf(scheme: { versions: { benefits: { id: string; facts: { name: string; type: string; options?: { value: string; label: string }[] }[] }[] }[] }, id: string) {
    return scheme.versions.flatMap((v) => v.benefits).find((b) => b.id === id)!;
  }

  describe('disputes', () => {
    afterEach(() => clock().setToday(null));

    it('lets the person dispute a decision once at a time; the caseworker answers within the default deadline', async () => {
      clock().setToday('2026-05-20');
      const p = await someone('jc-fpzhbx', '泽州县', {
        birthDate: '1950-01-01', region: '140525', identities: [{ code: 'tuopin', validFrom: '2020-12-31' }], flags: { medical_insurance_years: [2026] },
      });
      const r = await report(p.me, { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '住院', facts: { selfPayAfterOthers: '4000.00' } }).expect(201);
      const id = r.body.id as number;
      const early = await http().post(`/api/claims/${id}/disputes`).set('Authorization', p.me).send({ reason: '太慢了' }).expect(409);
      expect(early.body.code).toBe('NOT_DECIDED');
      await move(p.cw, id, { to: 'rejected', reason: '未提供住院发票' }).expect(200);
      const detail = await http().get(`/api/claims/${id}`).set('Authorization', p.me).expect(200);
      expect(detail.body).toMatchObject({ canDispute: true, decisionReason: '未提供住院发票' });
      const d = await http().post(`/api/claims/${id}/disputes`).set('Authorization', p.me).send({ reason: '发票在医院，已补交' }).expect(201);
      expect(d.body).toMatchObject({ state: 'open', stateLabel: '待答复', dueDate: '2026-06-03', overdue: false });
      expect(d.body.deadlineNote).toMatch(/本系统默认/);
      await http().post(`/api/claims/${id}/disputes`).set('Authorization', p.me).send({ reason: '再说一次' }).expect(409);
      const empty = await http().post(`/api/claims/${id}/disputes`).set('Authorization', p.me).send({ reason: '' }).expect(400);
      expect(empty.body.errors[0]).toEqual({ field: 'reason', message: '请写明对哪一点有异议' });
      // The caseworker's queue shows it; another district's does not.
      const other = bearer(t.app, { userId: staff.cw, role: 'caseworker', districtIds: [(await district(t.dataSource, 'jc-fpzhbx', '高平市')).id] });
      expect((await http().get('/api/disputes?state=open').set('Authorization', p.cw).expect(200)).body.map((x: { id: number }) => x.id)).toContain(d.body.id);
      expect((await http().get('/api/disputes').set('Authorization', other).expect(200)).body).toEqual([]);
      await http().post(`/api/disputes/${d.body.id}/answer`).set('Authorization', other).send({ outcome: 'maintained', answer: 'x' }).expect(404);
      await http().post(`/api/disputes/${d.body.id}/answer`).set('Authorization', p.me).send({ outcome: 'maintained', answer: 'x' }).expect(403);
      const a = await http().post(`/api/disputes/${d.body.id}/answer`).set('Authorization', p.cw).send({ outcome: 'revised', answer: '已收到补交的发票，请重新报案，我们优先办理' }).expect(201);
      expect(a.body).toMatchObject({ state: 'answered', outcomeLabel: '予以纠正' });
      await http().post(`/api/disputes/${d.body.id}/answer`).set('Authorization', p.cw).send({ outcome: 'maintained', answer: '再答' }).expect(409);
      const after = await http().get(`/api/claims/${id}`).set('Authorization', p.me).expect(200);
      expect(after.body.timeline.map((e: { label: string }) => e.label).slice(-2)).toEqual(['提出异议', '答复异议：予以纠正']);
      expect(after.body.disputes[0]).toMatchObject({ answer: '已收到补交的发票，请重新报案，我们优先办理' });
    });
  });

  describe('proactive claims (主动理赔)', () => {
    afterEach(() => clock().setToday(null));

    it('imports alerts row by row, reminds the person, closes the reminder with the report, and skips duplicates', async () => {
      clock().setToday('2026-05-20');
      const p = await someone('jc-fpzhbx', '阳城县', {
        birthDate: '1962-06-06', region: '140522', identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
        flags: { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' },
      });
      const stranger = makeIdNumber('140522', '1970-01-01', 777);
      const csv = [
        '身份证号,类型,日期,方案,保障项目,说明,来源编号',
        `${p.idNumber},住院,2026-05-12,jc-fpzhbx,inpatient,阳城县人民医院 住院 6 天,HIS-001`,
        `${p.idNumber},住院,2026-05-12,jc-fpzhbx,inpatient,重复的一行,HIS-001`,
        `${stranger},住院,2026-05-12,jc-fpzhbx,inpatient,不在名单,HIS-002`,
        `${p.idNumber.slice(0, 17)}0,住院,2026-05-12,jc-fpzhbx,inpatient,校验位错,HIS-003`,
        `${p.idNumber},出院,2026-05-12,jc-fpzhbx,inpatient,类型错,HIS-004`,
      ].join('\n');
      const up = (body: string) => http().post('/api/claim-alerts/import').set('Authorization', p.cw).attach('file', Buffer.from(`\ufeff${body}`), 'alerts.csv');
      const first = await up(csv).expect(201);
      expect(first.body).toMatchObject({ rows: 5, created: 1, duplicates: 1 });
      expect(first.body.errors.map((e: { row: number; field: string }) => `${e.row}:${e.field}`)).toEqual(['4:身份证号', '5:身份证号', '6:类型']);
      expect(first.body.errors[0].message).toBe('名单中没有这个人');
      const again = await up(csv).expect(201);
      expect(again.body).toMatchObject({ created: 0, duplicates: 2 });
      // A date of the right shape that is not on the calendar is refused on its row, not stored.
      const badDate = await up(`身份证号,类型,日期,方案,保障项目,说明,来源编号\n${p.idNumber},住院,2026-02-30,jc-fpzhbx,inpatient,日期错,HIS-005`).expect(201);
      expect(badDate.body).toMatchObject({ rows: 1, created: 0 });
      expect(badDate.body.errors).toEqual([expect.objectContaining({ row: 2, field: '日期', message: '日期应为真实的日期，写成 2026-05-10，且不晚于今天' })]);
      // Another district's caseworker cannot import this person.
      const other = bearer(t.app, { userId: staff.cw, role: 'caseworker', districtIds: [(await district(t.dataSource, 'jc-fpzhbx', '高平市')).id] });
      const refused = await http().post('/api/claim-alerts/import').set('Authorization', other).attach('file', Buffer.from(csv), 'alerts.csv').expect(201);
      expect(refused.body.errors[0]).toMatchObject({ row: 2, message: '这个人不在您负责的区县' });

      const mine = await http().get('/api/claim-alerts').set('Authorization', p.me).expect(200);
      expect(mine.body).toHaveLength(1);
      expect(mine.body[0]).toMatchObject({ kindLabel: '住院', benefitName: expect.any(String), eventDate: '2026-05-12' });
      expect(mine.body[0].message).toMatch(/去报案/);
      expect(mine.body[0].personName).toBeUndefined();
      expect((await http().get('/api/claim-alerts').set('Authorization', p.cw).expect(200)).body[0].personName).toBe('测试人');
      expect((await http().get('/api/claim-alerts').set('Authorization', other).expect(200)).body).toEqual([]);

      const c = await report(p.me, { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-12', description: '住院 6 天', facts: { selfPayAfterOthers: '2500.00' }, alertId: mine.body[0].id }).expect(201);
      expect(c.body.source).toBe('proactive');
      expect(c.body.timeline[0].label).toBe('按主动理赔提醒报案');
      expect((await http().get('/api/claim-alerts').set('Authorization', p.me).expect(200)).body).toEqual([]);
      const closed = await http().get('/api/claim-alerts?state=reported').set('Authorization', p.cw).expect(200);
      expect(closed.body[0]).toMatchObject({ state: 'reported', claimId: c.body.id });
      // A second report cannot reuse the closed reminder.
      const reuse = await report(p.me, { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-12', description: '再报', facts: { selfPayAfterOthers: '100.00' }, alertId: mine.body[0].id }).expect(409);
      expect(reuse.body.code).toBe('ALERT_CLOSED');
    });

    it('lets staff dismiss a reminder with a reason', async () => {
      clock().setToday('2026-05-20');
      const p = await someone('jc-fpzhbx', '陵川县', {
        birthDate: '1962-06-06', region: '140524', identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
        flags: { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' },
      });
      const csv = `身份证号,类型,日期,方案,保障项目,说明,来源编号\n${p.idNumber},住院,2026-05-01,jc-fpzhbx,inpatient,门诊,HIS-9`;
      await http().post('/api/claim-alerts/import').set('Authorization', p.cw).attach('file', Buffer.from(csv), 'a.csv').expect(201);
      const [alert] = (await http().get('/api/claim-alerts').set('Authorization', p.cw).expect(200)).body;
      const noNote = await http().post(`/api/claim-alerts/${alert.id}/dismiss`).set('Authorization', p.cw).send({ note: '' }).expect(400);
      expect(noNote.body.errors[0].field).toBe('note');
      await http().post(`/api/claim-alerts/${alert.id}/dismiss`).set('Authorization', p.me).send({ note: 'x' }).expect(403);
      const ok = await http().post(`/api/claim-alerts/${alert.id}/dismiss`).set('Authorization', p.cw).send({ note: '已核实为门诊检查' }).expect(201);
      expect(ok.body).toMatchObject({ state: 'dismissed', note: '已核实为门诊检查' });
      await http().post(`/api/claim-alerts/${alert.id}/dismiss`).set('Authorization', p.cw).send({ note: '再关' }).expect(409);
    });
  });
});
