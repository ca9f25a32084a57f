/**
 * Claims from report to payment over real HTTP: the checklist, the state machine, deadlines, the yearly
 * ledger under concurrent approvals, idempotent replays, and who may see and do what.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { image, pdf } from '../src/attachments/sample-files';
import { ClaimEventMessage, ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Clock } from '../src/common/clock';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { AnnualUsage } from '../src/usage/annual-usage.entity';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { district, enrol, person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

describe(`claims (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let auth: Record<'a' | 'b' | 'c' | 'cwGaoping' | 'cwZezhou' | 'finance' | 'admin', string>;
  const heard: ClaimEventMessage[] = [];

  const beneficiaryUser = async (personId: number) =>
    (await t.dataSource.getRepository(AppUser).insert({ role: 'beneficiary', personId, wechatOpenid: `o-${randomUUID()}`, active: true })).identifiers[0].id as number;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    t.app.get(Clock).setToday('2026-05-20');
    const [ua, ub, uc] = [await beneficiaryUser(w.a.id), await beneficiaryUser(w.b.id), await beneficiaryUser(w.c.id)];
    auth = {
      a: bearer(t.app, { userId: ua, role: 'beneficiary', personId: w.a.id }),
      b: bearer(t.app, { userId: ub, role: 'beneficiary', personId: w.b.id }),
      c: bearer(t.app, { userId: uc, role: 'beneficiary', personId: w.c.id }),
      cwGaoping: bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
      cwZezhou: bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
      finance: bearer(t.app, { userId: w.users.finance, role: 'finance' }),
      admin: bearer(t.app, { userId: w.users.admin, role: 'admin' }),
    };
    t.app.get(ClaimEventsBus).events$.subscribe((e) => heard.push(e));
  }, 90_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  const http = () => request(t.app.getHttpServer());
  const key = () => `k-${randomUUID()}`;
  const report = (who: string, body: object, k = key()) => http().post('/api/claims').set('Authorization', who).set('Idempotency-Key', k).send(body);
  const move = (who: string, id: number, body: object, k = key()) => http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', k).send(body);
  const review = (who: string, id: number, doc: string, body: object) => http().post(`/api/claims/${id}/documents/${doc}/review`).set('Authorization', who).send(body);
  const get = (who: string, id: number) => http().get(`/api/claims/${id}`).set('Authorization', who);
  const inpatient = (selfPay: string, date = '2026-05-10') => ({
    schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: date, place: '高平市人民医院', description: '肺炎住院 8 天', facts: { selfPayAfterOthers: selfPay },
  });
  const acceptAll = async (who: string, id: number) => {
    const c = await get(who, id).expect(200);
    let last = c;
    for (const d of c.body.documents) last = await review(who, id, d.documentId, { status: 'accepted' }).expect(201);
    return last;
  };
  const ledger = async (personId: number, benefitCode: string, year = 2026) =>
    t.dataSource.getRepository(AnnualUsage).findOneBy({ subjectKey: `p:${personId}`, schemeId: 'jc-fpzhbx', benefitCode, year });

  it('takes a Jincheng inpatient claim from report to payment, with checklist, deadline, ledger and timeline', async () => {
    const k = key();
    const r = await report(auth.a, inpatient('3800.00'), k).expect(201);
    const id = r.body.id as number;
    expect(r.body).toMatchObject({
      state: 'reported', stateLabel: '已报案', plainLabel: '已收到报案', schemeId: 'jc-fpzhbx', benefitId: 'inpatient',
      estimatedPayout: '1500.00', source: 'beneficiary', documentsCompleteOn: null, personId: w.a.id,
    });
    expect(r.body.claimNo).toMatch(/^HM260520\d{6}$/);
    expect(r.body.personName).toBeUndefined();
    // The estimate with its arithmetic, exactly as POST /api/estimates gives it.
    expect(r.body.estimate.payout).toBe('1500.00');
    expect(r.body.estimate.breakdown.some((l: { source?: string }) => l.source)).toBe(true);
    // 一次性告知: the whole list, each missing.
    expect(r.body.documents.length).toBeGreaterThan(2);
    expect(r.body.documents.every((d: { status: string; statusLabel: string }) => d.status === 'missing' && d.statusLabel === '还没交')).toBe(true);
    expect(r.body.deadline).toEqual({ dueDate: null, explanation: ['材料齐全后开始计算赔付期限'] });
    expect(r.body.actions.map((a: { to: string }) => a.to)).toEqual(['withdrawn']);

    // The same report sent again (lost reply): the same claim, nothing new.
    const again = await report(auth.a, inpatient('3800.00'), k).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body.id).toBe(id);
    const mine = await http().get('/api/claims').set('Authorization', auth.a).expect(200);
    expect(mine.body.items.filter((c: { id: number }) => c.id === id)).toHaveLength(1);
    expect(mine.body.total).toBe(1);
    // The same key with another body: refused.
    const reused = await report(auth.a, inpatient('9999.00'), k).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');

    // The district's caseworker sees it in the queue, with the name; another district's does not.
    const queue = await http().get('/api/claims?scope=open').set('Authorization', auth.cwGaoping).expect(200);
    expect(queue.body.items.map((c: { id: number }) => c.id)).toContain(id);
    expect(queue.body.items.find((c: { id: number }) => c.id === id)).toMatchObject({ personName: '赵桂兰', documentsMissing: r.body.documents.length });
    await get(auth.cwZezhou, id).expect(404);
    expect((await http().get('/api/claims').set('Authorization', auth.cwZezhou).expect(200)).body.items).toEqual([]);
    await get(auth.c, id).expect(404);

    // 立案, then ask for the discharge summary.
    await move(auth.cwGaoping, id, { to: 'accepted' }).expect(200);
    const first = r.body.documents[0].documentId as string;
    const noReason = await move(auth.cwGaoping, id, { to: 'waiting_documents' }).expect(400);
    expect(noReason.body.errors).toEqual([{ field: 'reason', message: '请写明还缺哪些材料' }]);
    const waiting = await move(auth.cwGaoping, id, { to: 'waiting_documents', reason: '发票照片模糊，请重拍', documentIds: [first] }).expect(200);
    expect(waiting.body).toMatchObject({ state: 'waiting_documents', plainLabel: '材料不全，请补交' });
    expect(waiting.body.documents[0]).toMatchObject({ status: 'rejected', statusLabel: '需要重交', reviewNote: '发票照片模糊，请重拍' });

    // Every line arrives: documents complete today, the deadline counts from here, and review starts by itself.
    const done = await acceptAll(auth.cwGaoping, id);
    expect(done.body).toMatchObject({ state: 'under_review', documentsCompleteOn: '2026-05-20', documentsMissing: 0 });
    expect(done.body.deadline.dueDate).toBe('2026-06-03'); // 10 working days from Wed 2026-05-20 (no holiday between)
    expect(done.body.deadline.explanation.join('\n')).toMatch(/工作日/);
    expect(done.body.timeline.at(-1)).toMatchObject({ label: '材料齐全，开始审核', actor: '系统', toState: 'under_review' });

    // Approve at the engine's amount; the ledger takes base 3,800 and payout 1,500.
    const approved = await move(auth.cwGaoping, id, { to: 'approved' }).expect(200);
    expect(approved.body).toMatchObject({ state: 'approved', approvedAmount: '1500.00', amountChangeReason: null });
    const row = await ledger(w.a.id, 'inpatient');
    expect([row!.baseUsed.toFixed(2), row!.paid.toFixed(2)]).toEqual(['5000.00', '1500.00']);
    // The beneficiary cannot pay; finance can, once.
    await move(auth.a, id, { to: 'paid' }).expect(409);
    const paid = await move(auth.finance, id, { to: 'paid', paymentRef: 'BANK-0001' }).expect(200);
    expect(paid.body).toMatchObject({ state: 'paid', plainLabel: '钱已打给您，理赔结束', paymentRef: 'BANK-0001' });
    expect(paid.body.actions).toEqual([]);

    const seen = await get(auth.a, id).expect(200);
    expect(seen.body.approvedAmount).toBe('1500.00');
    expect(seen.body.timeline.map((e: { label: string }) => e.label)).toEqual([
      '报案', '立案', '通知补充材料',
      ...r.body.documents.map((d: { name: string }) => `材料核验通过：${d.name}`),
      '材料齐全，开始审核', '核定赔付', '确认赔付',
    ]);
    expect(seen.body.timeline[2]).toMatchObject({ actor: '社区工作人员', reason: '发票照片模糊，请重拍' });
    // Every change was heard live, in order, with the district to route it.
    const mineHeard = heard.filter((e) => e.claimId === id);
    expect(mineHeard.map((e) => e.toState).at(-1)).toBe('paid');
    expect(mineHeard.every((e) => e.districtId === w.gaoping.id)).toBe(true);
    expect(mineHeard.map((e) => e.id)).toEqual([...mineHeard.map((e) => e.id)].sort((x, y) => x - y));
    expect(mineHeard).toHaveLength(seen.body.timeline.length);
  });

  it('takes photos with the report and later, ticks the lines, and starts the deadline when the last one arrives', async () => {
    const upload = async (who: string, file: Buffer, name: string) =>
      (await http().post('/api/attachments').set('Authorization', who).set('Idempotency-Key', key()).attach('file', file, name).expect(201)).body.id as number;
    const docs = (await http().get('/api/schemes/jc-fpzhbx').expect(200)).body.versions[0].benefits.find((b: { id: string }) => b.id === 'inpatient').documents as { id: string }[];
    const [first, ...rest] = docs.map((d) => d.id);
    const photo = await upload(auth.b, await image('jpeg'), 'invoice.jpg');
    const r = await report(auth.b, { ...inpatient('900.00', '2026-05-16'), attachments: [{ documentId: first, attachmentId: photo }] }).expect(201);
    const id = r.body.id as number;
    expect(r.body.documents[0]).toMatchObject({ documentId: first, status: 'received', statusLabel: '已收到' });
    expect(r.body.documents[0].attachments).toEqual([expect.objectContaining({ id: photo, mime: 'image/jpeg', thumbnailUrl: `/api/attachments/${photo}/thumbnail` })]);
    expect(r.body.documentsMissing).toBe(rest.length);
    // Someone else's file cannot be used; a line the benefit does not have is refused.
    const foreign = await upload(auth.a, await image('png'), 'a.png');
    const stolen = await http().post(`/api/claims/${id}/documents/${rest[0]}/attachments`).set('Authorization', auth.b).send({ attachmentIds: [foreign] }).expect(422);
    expect(stolen.body.code).toBe('ATTACHMENT_NOT_AVAILABLE');
    await http().post(`/api/claims/${id}/documents/nope/attachments`).set('Authorization', auth.b).send({ attachmentIds: [photo] }).expect(404);
    await http().post(`/api/claims/${id}/documents/${rest[0]}/attachments`).set('Authorization', auth.a).send({ attachmentIds: [foreign] }).expect(404);
    // The rest, one line at a time (a PDF among them); the last one completes the checklist.
    let last;
    for (const d of rest) {
      const f = await upload(auth.b, d === rest[0] ? pdf() : await image('jpeg'), 'x');
      last = await http().post(`/api/claims/${id}/documents/${d}/attachments`).set('Authorization', auth.b).send({ attachmentIds: [f] }).expect(201);
    }
    expect(last!.body).toMatchObject({ documentsMissing: 0, documentsCompleteOn: '2026-05-20', state: 'reported' });
    expect(last!.body.deadline.dueDate).toBe('2026-06-03');
    expect(last!.body.timeline.filter((e: { label: string }) => e.label.startsWith('提交材料：'))).toHaveLength(rest.length);
    // The caseworker can open the photo; a caseworker of another district cannot.
    await http().get(`/api/attachments/${photo}/content`).set('Authorization', auth.cwGaoping).expect(200);
    await http().get(`/api/attachments/${photo}/content`).set('Authorization', auth.cwZezhou).expect(404);
    await move(auth.b, id, { to: 'withdrawn' }).expect(200);
    const closed = await http().post(`/api/claims/${id}/documents/${first}/attachments`).set('Authorization', auth.b).send({ attachmentIds: [photo] }).expect(409);
    expect(closed.body.code).toBe('CLAIM_CLOSED');
  });

  it('refuses a report the person is not covered for, with the reasons', async () => {
    const r = await report(auth.c, {
      schemeId: 'cq-hmjkb', benefitId: 'accident_medical', incidentDate: '2025-05-10', description: '摔伤', facts: { selfPayInScope: '800.00' },
    }).expect(422);
    expect(r.body.code).toBe('CLAIM_NOT_COVERED');
    expect(r.body.message).toMatch(/^不能报案：/);
    expect(r.body.errors.some((e: { code: string }) => e.code === 'AREA_NOT_COVERED')).toBe(true);
    const bad = await report(auth.a, { ...inpatient('abc') }).expect(400);
    expect(bad.body.errors[0].field).toBe('facts.selfPayAfterOthers');
    const future = await report(auth.a, inpatient('100.00', '2026-06-01')).expect(400);
    expect(future.body.errors).toEqual([{ field: 'incidentDate', message: '出险日期不能晚于今天' }]);
    const noKey = await http().post('/api/claims').set('Authorization', auth.a).send(inpatient('100.00')).expect(400);
    expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    const extra = await report(auth.a, { ...inpatient('100.00'), state: 'approved', districtId: 1 }).expect(400);
    expect(extra.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['districtId', 'state']);
    // A date not on the calendar and an empty description: both named in one answer, in Chinese, nothing created.
    const before = (await http().get('/api/claims').set('Authorization', auth.a).expect(200)).body.total as number;
    const twoFaults = await report(auth.a, { ...inpatient('100.00', '2026-02-30'), description: '' }).expect(400);
    expect(twoFaults.body.code).toBe('VALIDATION_FAILED');
    expect(twoFaults.body.errors).toEqual(
      expect.arrayContaining([
        { field: 'incidentDate', message: '出险日期应为真实的日期，如 2026-05-10' },
        { field: 'description', message: expect.stringMatching(/[\u4e00-\u9fff]/) },
      ]),
    );
    expect((await http().get('/api/claims').set('Authorization', auth.a).expect(200)).body.total).toBe(before);
  });

  it('needs a reason to change the amount, and never approves above what the annual cap leaves', async () => {
    const id = (await report(auth.b, inpatient('6000.00')).expect(201)).body.id as number; // B: first 2,000 deductible, then 50% → 2,000
    await move(auth.cwGaoping, id, { to: 'accepted' }).expect(200);
    await move(auth.cwGaoping, id, { to: 'under_review' }).expect(200);
    const est = (await get(auth.cwGaoping, id)).body.estimatedPayout as string;
    const changed = await move(auth.cwGaoping, id, { to: 'approved', amount: '1000.00' }).expect(400);
    expect(changed.body.errors).toEqual([{ field: 'reason', message: '核定金额与系统估算不同，请写明原因' }]);
    const over = await move(auth.cwGaoping, id, { to: 'approved', amount: '20000.01', reason: '手工调整' }).expect(422);
    expect(over.body).toMatchObject({ code: 'AMOUNT_OVER_CAP', errors: [{ field: 'amount', message: '最多可核定 20000.00 元' }] });
    const ok = await move(auth.cwGaoping, id, { to: 'approved', amount: '1000.00', reason: '部分费用无发票' }).expect(200);
    expect(ok.body).toMatchObject({ approvedAmount: '1000.00', estimatedPayout: est, amountChangeReason: '部分费用无发票' });
    expect(ok.body.timeline.at(-1).label).toBe(`核定赔付（金额由 ${est} 元改为 1000.00 元）`);
    expect(ok.body.deadline.dueDate).toBeNull(); // documents were never complete
  });

  it('approves one claim exactly once when 50 approvals arrive at once, and pays it exactly once', async () => {
    const id = (await report(auth.a, inpatient('1000.00', '2026-05-12')).expect(201)).body.id as number;
    await move(auth.cwGaoping, id, { to: 'accepted' }).expect(200);
    await move(auth.cwGaoping, id, { to: 'under_review' }).expect(200);
    const before = await ledger(w.a.id, 'inpatient');
    const results = await Promise.all(Array.from({ length: 50 }, () => move(auth.cwGaoping, id, { to: 'approved' })));
    const codes = results.map((x) => x.status).sort();
    expect(codes.filter((c) => c === 200)).toHaveLength(1);
    expect(codes.filter((c) => c !== 200).every((c) => c === 409)).toBe(true);
    const after = await ledger(w.a.id, 'inpatient');
    const paid = new (require('decimal.js'))(after!.paid.toFixed(2)).minus(before!.paid.toFixed(2)).toFixed(2);
    expect(paid).toBe((await get(auth.a, id)).body.approvedAmount);
    const pays = await Promise.all(Array.from({ length: 50 }, (_, i) => move(auth.finance, id, { to: 'paid', paymentRef: `P-${i}` })));
    expect(pays.filter((x) => x.status === 200)).toHaveLength(1);
    expect(pays.filter((x) => x.status !== 200).every((x) => x.status === 409)).toBe(true);
    const final = await get(auth.a, id).expect(200);
    expect(final.body.timeline.filter((e: { toState: string; type: string }) => e.type === 'transition' && e.toState === 'paid')).toHaveLength(1);
    expect(final.body.timeline.filter((e: { toState: string; type: string }) => e.type === 'transition' && e.toState === 'approved')).toHaveLength(1);
  });

  it('never lets claims racing an annual cap together exceed it', async () => {
    // D: a fresh Jincheng person near the 20,000 cap: 38,000 self-pay this year, (38,000 − 2,000) × 50% = 18,000 paid.
    const pii = t.app.get(PiiCryptoService);
    const d = await person(t.dataSource, pii, {
      name: '王德胜', birthDate: '1960-01-01', districtId: w.gaoping.id, flags: { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' },
      identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
    });
    await enrol(t.dataSource, { personId: d.id, schemeId: 'jc-fpzhbx', year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31', premium: '100.00', insurerId: w.gaoping.insurerId! });
    await t.dataSource.getRepository(AnnualUsage).insert({ subjectKey: `p:${d.id}`, personId: d.id, householdId: null, schemeId: 'jc-fpzhbx', benefitCode: 'inpatient', year: 2026, baseUsed: '38000.00' as never, paid: '18000.00' as never });
    const cw = auth.cwGaoping;
    const ids: number[] = [];
    for (let i = 0; i < 4; i++) {
      const c = await report(cw, { ...inpatient('3000.00', `2026-05-1${i}`), personId: d.id }).expect(201);
      expect(c.body.source).toBe('staff');
      ids.push(c.body.id);
      await move(cw, c.body.id, { to: 'accepted' }).expect(200);
      await move(cw, c.body.id, { to: 'under_review' }).expect(200);
    }
    // Each alone would pay 1,500 (3,000 × 50%); together they may only use the 2,000 left: 1,500, then 500, then nothing.
    const res = await Promise.all(ids.map((id) => move(cw, id, { to: 'approved' })));
    const ok = res.filter((x) => x.status === 200);
    const total = ok.reduce((s, x) => s + Math.round(Number(x.body.approvedAmount) * 100), 0);
    const row = await t.dataSource.getRepository(AnnualUsage).findOneByOrFail({ subjectKey: `p:${d.id}`, schemeId: 'jc-fpzhbx', benefitCode: 'inpatient', year: 2026 });
    expect(row.paid.toFixed(2)).toBe('20000.00');
    expect(total).toBe(200000);
    expect(ok.map((x) => x.body.approvedAmount).sort()).toEqual(['1500.00', '500.00']);
    // The ones that found nothing left were refused with the arithmetic, not approved at zero.
    const refused = res.filter((y) => y.status !== 200);
    expect(refused).toHaveLength(2);
    for (const x of refused) expect(x.body).toMatchObject({ statusCode: 422, code: 'NOTHING_TO_PAY' });
    expect(refused[0].body.message).toMatch(/年度限额 20,000 元/);
  });

  it('lets the beneficiary withdraw before a decision, and not after', async () => {
    const id = (await report(auth.a, inpatient('500.00', '2026-05-15')).expect(201)).body.id as number;
    await move(auth.cwZezhou, id, { to: 'accepted' }).expect(404);
    await move(auth.c, id, { to: 'withdrawn' }).expect(404);
    await move(auth.admin, id, { to: 'accepted' }).expect(403);
    const w1 = await move(auth.a, id, { to: 'withdrawn' }).expect(200);
    expect(w1.body).toMatchObject({ state: 'withdrawn', plainLabel: '申请已撤回' });
    const again = await move(auth.cwGaoping, id, { to: 'accepted' }).expect(409);
    expect(again.body).toMatchObject({ code: 'INVALID_TRANSITION', message: '这笔理赔已经是“已撤回”，已经结束，不能再改动' });
  });

  it('counts a Zhumadian hardship claim\'s deadline as the next working day', async () => {
    t.app.get(Clock).setToday('2019-09-12');
    try {
      const pii = t.app.get(PiiCryptoService);
      const yc = await district(t.dataSource, 'zmd-yymsh', '驿城区');
      const z = await person(t.dataSource, pii, { name: '刘春梅', birthDate: '1980-05-05', districtId: yc.id, regionCode: '411702', flags: { registered_resident: true }, identities: [{ code: 'dibao', validFrom: '2015-01-01' }] });
      const cw = bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [yc.id] });
      const c = await report(cw, { schemeId: 'zmd-yymsh', benefitId: 'hardship_major_illness', incidentDate: '2019-09-10', description: '急性心肌梗塞住院', personId: z.id, facts: { compliantCostAfterInsurance: '1000', disease: '急性心肌梗塞', majorDiseaseConfirmed: true } }).expect(201);
      expect(c.body.estimatedPayout).toBe('500.00');
      const done = await acceptAll(cw, c.body.id); // Thursday 2019-09-12; 09-13 is 中秋
      expect(done.body.deadline.dueDate).toBe('2019-09-16');
      expect(done.body.deadline.explanation.join('\n')).toMatch(/中秋/);
    } finally {
      t.app.get(Clock).setToday('2026-05-20');
    }
  });

  it('says so, instead of guessing, when the deadline falls in a year without holiday data', async () => {
    t.app.get(Clock).setToday('2026-12-28');
    try {
      const id = (await report(auth.a, inpatient('800.00', '2026-12-20')).expect(201)).body.id as number;
      const done = await acceptAll(auth.cwGaoping, id);
      expect(done.body.deadline.dueDate).toBeNull();
      expect(done.body.deadline.explanation.join('\n')).toMatch(/2027 年的法定节假日安排尚未录入/);
    } finally {
      t.app.get(Clock).setToday('2026-05-20');
    }
  });

  it('sorts the staff queue overdue first and filters by due status', async () => {
    const late = (await report(auth.b, inpatient('700.00', '2026-05-18')).expect(201)).body.id as number;
    await acceptAll(auth.cwGaoping, late); // due 2026-06-03, still open on 07-01
    t.app.get(Clock).setToday('2026-07-01');
    try {
      const q = await http().get('/api/claims?scope=open').set('Authorization', auth.cwGaoping).expect(200);
      const overdue = q.body.items.filter((c: { dueStatus?: string }) => c.dueStatus === 'overdue');
      expect(overdue.length).toBeGreaterThan(0);
      expect(q.body.items.slice(0, overdue.length).every((c: { dueStatus?: string }) => c.dueStatus === 'overdue')).toBe(true);
      const only = await http().get('/api/claims?due=overdue').set('Authorization', auth.cwGaoping).expect(200);
      expect(only.body.items.every((c: { dueStatus?: string }) => c.dueStatus === 'overdue')).toBe(true);
      expect(only.body.total).toBe(overdue.length);
      const bad = await http().get('/api/claims?due=late').set('Authorization', auth.cwGaoping).expect(400);
      expect(bad.body.errors[0].field).toBe('due');
    } finally {
      t.app.get(Clock).setToday('2026-05-20');
    }
  });
});
