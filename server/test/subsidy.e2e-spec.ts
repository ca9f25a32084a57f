/**
 * 闵行 沪惠保 subsidy over HTTP against the real AppModule: the four-category roster through the existing
 * roster import → the insurer's policy list (dry run, then apply) → matching by the engine → the resident
 * confirms a bank account → a payment batch per 街道/镇 → the .xlsx for the bank parsed back with exceljs →
 * the bank's results → paid, KPIs; refusals (团单, not in a category, not on any roster, not Minhang, outside
 * the window, twice a year); the same file twice; racing batches; replayed results; who sees what; masking.
 */
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { makeIdNumber } from '@huimin/shared';
import { Clock } from '../src/common/clock';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { RostersService } from '../src/rosters/rosters.service';
import { luhnValid } from '../src/subsidy/bank-account-number';
import { AppUser, type Role } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { district, person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';

jest.setTimeout(240_000);

/** A UnionPay-looking card number (62…, 19 digits) with a valid Luhn check digit. */
function card(body18: string): string {
  for (let d = 0; d <= 9; d++) if (luhnValid(body18 + d)) return body18 + d;
  throw new Error('unreachable');
}

const POLICY_HEADER = '保单号,被保险人姓名,身份证号,投保方式,出单日期,投保日期,保费,保单年度';

describe(`沪惠保 subsidy (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let app: INestApplication;
  let ds: DataSource;
  let pii: PiiCryptoService;
  const http = () => request(app.getHttpServer());
  /** Every response body seen outside the bank export: none may hold a full account number. */
  const seen: string[] = [];
  const keep = <T extends request.Response>(r: T): T => {
    seen.push(r.text ?? '');
    return r;
  };

  const d: Record<string, number> = {};
  const tok: Record<string, string> = {};
  const users: Record<string, number> = {};
  const ppl: Record<string, { id: number; idNumber: string; name: string }> = {};
  const cardP1 = card('621700123456789012');
  const cardP2 = card('622848004400123456');
  const cardP2b = card('621226100200300400');

  const count = async (table: string, where = '1 = 1', params: unknown[] = []) =>
    Number((await ds.query(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${where}`, params))[0].n);
  const snapshot = async (table: string) => JSON.stringify(await ds.query(`SELECT * FROM \`${table}\` ORDER BY id`));

  function binary(r: request.Test): request.Test {
    return r.buffer(true).parse((res, cb) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => cb(null, Buffer.concat(chunks)));
    });
  }

  const uploadPolicies = (csv: string, auth: string, fields: Record<string, string> = {}) => {
    const q = http().post('/api/subsidy/policy-imports').set('Authorization', auth);
    for (const [k, v] of Object.entries(fields)) q.field(k, v);
    return q.attach('file', Buffer.from(csv, 'utf8'), '出单清单.csv');
  };

  const subsidyOf = async (policyNo: string) =>
    (await ds.query('SELECT s.* FROM `huhuibao_subsidy` s JOIN `huhuibao_policy` p ON p.id = s.policy_id WHERE p.policy_no = ?', [policyNo]))[0] as Record<string, unknown>;
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    app = t.app;
    ds = t.dataSource;
    pii = app.get(PiiCryptoService);
    app.get(Clock).setToday('2024-08-20');
    for (const [k, scheme, name] of [
      ['qibao', 'mh-huhuibao', '七宝镇'],
      ['jiangchuan', 'mh-huhuibao', '江川路街道'],
      ['gumei', 'mh-huhuibao', '古美路街道'],
      ['yuzhong', 'cq-hmjkb', '渝中区'],
    ] as const) {
      d[k] = (await district(ds, scheme, name)).id;
    }
    const userRepo = ds.getRepository(AppUser);
    const user = async (key: string, role: Role, extra: Partial<AppUser> = {}) => {
      users[key] = (await userRepo.save(userRepo.create({ role, active: true, ...extra }))).id;
      return users[key];
    };
    tok.admin = bearer(app, { userId: await user('admin', 'admin', { username: 's-admin' }), role: 'admin' });
    tok.finance = bearer(app, { userId: await user('finance', 'finance', { username: 's-finance' }), role: 'finance' });
    tok.cwQibao = bearer(app, { userId: await user('cwQibao', 'caseworker', { username: 's-cw-qibao' }), role: 'caseworker', districtIds: [d.qibao] });
    tok.cwJiangchuan = bearer(app, { userId: await user('cwJiangchuan', 'caseworker', { username: 's-cw-jc' }), role: 'caseworker', districtIds: [d.jiangchuan, d.gumei] });
    tok.cwChongqing = bearer(app, { userId: await user('cwChongqing', 'caseworker', { username: 's-cw-cq' }), role: 'caseworker', districtIds: [d.yuzhong] });

    // ---- The four-category roster of 七宝镇 through the existing roster import (持证残疾人 with the card's validity, 低保).
    const roster = [
      { key: 'p1', name: '周建华', birth: '1970-11-08', category: '持证残疾人', card: '2028-12-31' },
      { key: 'p3', name: '钱秀英', birth: '1958-03-12', category: '低保对象', card: '' },
      { key: 'p7', name: '孙国庆', birth: '1962-10-01', category: '低保对象', card: '' },
    ].map((r, i) => ({ ...r, idNumber: makeIdNumber('310112', r.birth, 200 + i) }));
    const csv = ['姓名,身份证号,身份类别,区县,有效期起,残疾证有效期至', ...roster.map((r) => `${r.name},${r.idNumber},${r.category},七宝镇,2020-01-01,${r.card}`)].join('\n');
    const up = await http()
      .post('/api/rosters')
      .set('Authorization', tok.admin)
      .field('schemeId', 'mh-huhuibao')
      .field('districtId', String(d.qibao))
      .field('month', '2024-06')
      .field('mode', 'delta')
      .attach('file', Buffer.from(csv, 'utf8'), 'qibao.csv')
      .expect(202);
    await app.get(RostersService).idle();
    const v = await http().get(`/api/rosters/${up.body.id}`).set('Authorization', tok.admin).expect(200);
    expect([v.body.status, v.body.errorCount]).toEqual(['validated', 0]);
    await http().post(`/api/rosters/${up.body.id}/apply`).set('Authorization', tok.admin).expect(202);
    await app.get(RostersService).idle();
    for (const r of roster) {
      const [row] = await ds.query('SELECT id FROM `person` WHERE id_number_hash = ?', [pii.hashIdNumber(r.idNumber)]);
      expect(row).toBeDefined();
      ppl[r.key] = { id: Number(row.id), idNumber: r.idNumber, name: r.name };
    }
    // ---- Others as fixtures: a 低保 of 江川路街道 (a 街道: the district pays all), a 七宝镇 resident in no
    //      category, a Chongqing 低保 (not Minhang), five 古美路街道 低保 buyers for the race.
    const fx = async (key: string, name: string, birthDate: string, districtId: number, region: string, identities: { code: string; validFrom: string }[]) => {
      const p = await person(ds, pii, { name, birthDate, districtId, regionCode: region, identities });
      ppl[key] = { id: p.id, idNumber: p.idNumber, name };
    };
    await fx('p2', '李桂兰', '1955-05-20', d.jiangchuan, '310112', [{ code: 'dibao', validFrom: '2021-01-01' }]);
    await fx('p4', '王志强', '1980-02-02', d.qibao, '310112', []);
    await fx('p6', '陈海燕', '1966-06-06', d.yuzhong, '500103', [{ code: 'dibao', validFrom: '2021-01-01' }]);
    for (let i = 0; i < 5; i++) await fx(`g${i}`, `古美${'甲乙丙丁戊'[i]}`, `196${i}-01-1${i}`, d.gumei, '310112', [{ code: 'dibao', validFrom: '2021-01-01' }]);
    // Residents with bound logins.
    for (const k of ['p1', 'p2', 'p4', ...[0, 1, 2, 3, 4].map((i) => `g${i}`)]) {
      tok[k] = bearer(app, { userId: await user(`u-${k}`, 'beneficiary', { personId: ppl[k].id, wechatOpenid: `sub-${k}` }), role: 'beneficiary', personId: ppl[k].id });
    }
  });

  afterAll(async () => {
    if (app) await app.get(RostersService).idle();
    await t?.close();
    await db?.drop();
  });

  // ------------------------------------------------------------------ the policy list

  const unknownId = makeIdNumber('310112', '1975-07-07', 901);
  const policyRows = () => [
    `HHB2024000001,周建华,${ppl.p1.idNumber},个人,2024-06-20,2024-06-18,129,2024`,
    `HHB2024000002,李桂兰,${ppl.p2.idNumber},个人,2024-07-02,2024-07-01,129,2024`,
    `HHB2024000003,钱秀英,${ppl.p3.idNumber},团体,2024-06-25,2024-06-25,129,2024`,
    `HHB2024000004,王志强,${ppl.p4.idNumber},个人,2024-06-26,2024-06-26,129,2024`,
    `HHB2024000005,赵无名,${unknownId},个人,2024-06-27,2024-06-27,129,2024`,
    `HHB2024000006,陈海燕,${ppl.p6.idNumber},个人,2024-06-28,2024-06-28,129,2024`,
    `HHB2024000007,孙国庆,${ppl.p7.idNumber},个人,2024-08-06,2024-08-05,129,2024`,
    `HHB2024000008,周建华,${ppl.p1.idNumber},个人,2024-07-10,2024-07-09,129,2024`,
    // two bad rows: a wrong check digit, and a kind that is neither 个人 nor 团体
    `HHB2024000009,吴小平,${ppl.p1.idNumber.slice(0, 17)}${ppl.p1.idNumber[17] === '0' ? '1' : '0'},个人,2024-06-20,2024-06-20,129,2024`,
    `HHB2024000010,郑春生,${makeIdNumber('310112', '1977-03-03', 902)},家庭,2024-06-20,2024-06-20,129,2024`,
  ];
  const policyCsv = () => [POLICY_HEADER, ...policyRows()].join('\n') + '\n';
  let importId: number;

  describe('the insurer\'s policy list', () => {
    it('a Minhang caseworker uploads it: a dry run that names the bad rows and writes no policy', async () => {
      const r = keep(await uploadPolicies(policyCsv(), tok.cwQibao, { policyYear: '2024' }).expect(201));
      importId = r.body.id;
      expect(r.body).toMatchObject({ status: 'validated', rowCount: 10, errorCount: 2, counts: { add: 8, change: 0, unchanged: 0, error: 2 } });
      expect(r.body.warningCount).toBe(2); // 周建华 holds two policies: once a year, said as a warning
      const errors = keep(await http().get(`/api/subsidy/policy-imports/${importId}/rows?status=error`).set('Authorization', tok.cwQibao).expect(200)).body;
      expect(errors.rows.map((x: { rowNo: number }) => x.rowNo)).toEqual([10, 11]);
      expect(errors.rows[0].messages[0]).toMatchObject({ field: '身份证号' });
      expect(errors.rows[0].messages[0].message).toContain('校验');
      expect(errors.rows[1].messages[0]).toMatchObject({ field: '投保方式' });
      expect(JSON.stringify(errors)).not.toMatch(/\d{17}[\dX]/); // ID numbers masked in the report
      expect(await count('huhuibao_policy')).toBe(0);
      expect(await count('huhuibao_subsidy')).toBe(0);
    });

    it('apply writes the good rows once; applying again answers the same and changes nothing', async () => {
      const a = keep(await http().post(`/api/subsidy/policy-imports/${importId}/apply`).set('Authorization', tok.cwQibao).expect(200));
      expect(a.body.applyResult).toMatchObject({ added: 8, changed: 0, unchanged: 0 });
      expect(await count('huhuibao_policy')).toBe(8);
      const [p] = await ds.query('SELECT id_number_enc, id_number_masked, person_id FROM `huhuibao_policy` WHERE policy_no = ?', ['HHB2024000001']);
      expect(p.id_number_enc).toMatch(/^v1:/);
      expect(Number(p.person_id)).toBe(ppl.p1.id);
      const before = await snapshot('huhuibao_policy');
      keep(await http().post(`/api/subsidy/policy-imports/${importId}/apply`).set('Authorization', tok.finance).expect(200));
      expect(await snapshot('huhuibao_policy')).toBe(before);
    });

    it('the same file uploaded and applied again changes nothing, and says so', async () => {
      const before = await snapshot('huhuibao_policy');
      const r = keep(await uploadPolicies(policyCsv(), tok.finance).expect(201));
      expect(r.body.counts).toEqual({ add: 0, change: 0, unchanged: 8, error: 2 });
      expect(r.body.sameFileAs).toMatchObject({ id: importId });
      const a = keep(await http().post(`/api/subsidy/policy-imports/${r.body.id}/apply`).set('Authorization', tok.finance).expect(200));
      expect(a.body.applyResult).toMatchObject({ added: 0, changed: 0, unchanged: 8 });
      expect(a.body.statusText).toContain('没有任何变化');
      expect(await snapshot('huhuibao_policy')).toBe(before);
    });

    it('refuses a file that is not a table, and one without the 团单 column', async () => {
      const png = await http().post('/api/subsidy/policy-imports').set('Authorization', tok.finance).attach('file', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 1, 2, 3]), 'x.csv');
      expect(png.status).toBe(415);
      const noKind = await uploadPolicies('保单号,被保险人姓名,身份证号,出单日期,保费,保单年度\nA1,周建华,1,2024-06-01,129,2024\n', tok.finance);
      expect([noKind.status, noKind.body.message]).toEqual([422, expect.stringContaining('投保方式')]);
    });
  });

  // ------------------------------------------------------------------ matching

  describe('matching by the engine', () => {
    it('decides every policy with the engine\'s reasons, split district/town by residence', async () => {
      const r = keep(await http().post('/api/subsidy/match').set('Authorization', tok.finance).send({ policyYear: 2024 }).expect(200));
      expect(r.body).toMatchObject({ policyYear: 2024, policies: 8, eligible: 2, refused: 6, added: 8, changed: 0, unchanged: 0, frozen: 0 });

      const s1 = await subsidyOf('HHB2024000001');
      expect([s1.decision, Number(s1.amount), s1.status]).toEqual(['eligible', 129, 'awaiting_account']);
      // 七宝镇 is a 镇: district 35%, town 65% (三、3); the engine's split adds up to 129.00 exactly.
      expect(parse(s1.payers)).toEqual([
        { payer: '区级财政', share: '0.35', amount: '45.15' },
        { payer: '镇级财政', share: '0.65', amount: '83.85' },
      ]);
      const s2 = await subsidyOf('HHB2024000002');
      expect([s2.decision, parse(s2.payers)]).toEqual(['eligible', [{ payer: '区级财政', share: '1', amount: '129.00' }]]);

      const refusal = async (policyNo: string) => {
        const s = await subsidyOf(policyNo);
        expect([policyNo, s.decision, s.status, Number(s.amount), s.grant_key]).toEqual([policyNo, 'refused', 'refused', 0, null]);
        return parse<{ ok: boolean; code: string; message: string; clause?: string }[]>(s.reasons).filter((x) => !x.ok);
      };
      const group = await refusal('HHB2024000003');
      expect(group).toEqual([expect.objectContaining({ code: 'CONDITION_NOT_MET', message: '通过团单投保购买的不予补贴' })]);
      expect(group[0].clause).toContain('团单投保购买的人员不予补贴');
      expect((await refusal('HHB2024000004'))[0]).toMatchObject({ code: 'NO_QUALIFYING_CATEGORY' });
      expect((await refusal('HHB2024000005'))[0]).toMatchObject({ code: 'NOT_ON_ROSTER' });
      expect((await refusal('HHB2024000006'))[0]).toMatchObject({ code: 'AREA_NOT_COVERED', message: expect.stringContaining('渝中区') });
      expect((await refusal('HHB2024000007'))[0]).toMatchObject({ code: 'DATE_OUT_OF_WINDOW' });
      expect((await refusal('HHB2024000008'))[0]).toMatchObject({ code: 'ALREADY_PAID', message: expect.stringContaining('每年只赔一次') });
    });

    it('running it again writes nothing', async () => {
      const before = await snapshot('huhuibao_subsidy');
      const r = keep(await http().post('/api/subsidy/match').set('Authorization', tok.cwQibao).send({ policyYear: 2024 }).expect(200));
      expect(r.body).toMatchObject({ added: 0, changed: 0, unchanged: 8 });
      expect(await snapshot('huhuibao_subsidy')).toBe(before);
    });

    it('refuses a year the scheme has no version for', async () => {
      const r = await http().post('/api/subsidy/match').set('Authorization', tok.finance).send({ policyYear: 2030 });
      expect([r.status, r.body.code]).toEqual([422, 'NO_VERSION_IN_FORCE']);
    });
  });

  // ------------------------------------------------------------------ the resident

  describe('the resident', () => {
    it('sees whether they qualify, how to buy, their policies and what happens next', async () => {
      const r = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p1).expect(200));
      expect(r.body.qualify.eligible).toBe(true);
      expect(r.body.qualify.summary).toContain('持证残疾人');
      expect(r.body.howToBuy.text).toContain('专用销售二维码');
      expect(r.body.howToBuy.window).toEqual({ from: '2024-06-01', to: '2024-07-31' });
      expect(r.body.policies.map((p: { policyNo: string; subsidy: { statusText: string } }) => [p.policyNo, p.subsidy.statusText])).toEqual([
        ['HHB2024000008', '不予补贴'],
        ['HHB2024000001', '待确认银行卡'],
      ]);
      expect(r.body.policies[0].subsidy.reasons[0].message).toContain('每年只赔一次');
      expect(r.body.bankAccount).toBeNull();

      const out = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p4).expect(200));
      expect(out.body.qualify.eligible).toBe(false);
      expect(out.body.qualify.summary).toContain('不具有参保身份');
      expect(out.body.policies[0].subsidy).toMatchObject({ decision: 'refused', statusText: '不予补贴' });
    });

    it('confirms a bank account: checked, held by the resident, idempotent, returned only masked', async () => {
      const url = '/api/me/subsidy/bank-account';
      const body = { accountNumber: cardP1.replace(/(\d{4})/g, '$1 ').trim(), bankName: '上海农商银行', holderName: '周建华' };
      const noKey = keep(await http().post(url).set('Authorization', tok.p1).send(body));
      expect([noKey.status, noKey.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
      const badLuhn = keep(await http().post(url).set('Authorization', tok.p1).set('Idempotency-Key', 'acct-bad-1').send({ ...body, accountNumber: `${cardP1.slice(0, -1)}${(Number(cardP1.slice(-1)) + 1) % 10}` }));
      expect([badLuhn.status, badLuhn.body.errors]).toEqual([400, [{ field: 'accountNumber', message: expect.stringContaining('校验位') }]]);
      const short = keep(await http().post(url).set('Authorization', tok.p1).set('Idempotency-Key', 'acct-bad-2').send({ ...body, accountNumber: '12345' }));
      expect(short.body.errors[0]).toMatchObject({ field: 'accountNumber', message: expect.stringContaining('12 到 25 位') });
      const other = keep(await http().post(url).set('Authorization', tok.p1).set('Idempotency-Key', 'acct-bad-3').send({ ...body, holderName: '周小明' }));
      expect([other.status, other.body.errors]).toEqual([400, [{ field: 'holderName', message: expect.stringContaining('本人') }]]);
      expect(await count('subsidy_bank_account')).toBe(0);

      const ok = keep(await http().post(url).set('Authorization', tok.p1).set('Idempotency-Key', 'acct-p1-0001').send(body).expect(201));
      expect(ok.body).toEqual({ bankName: '上海农商银行', holderName: '周建华', accountMasked: `****${cardP1.slice(-4)}`, confirmedAt: expect.any(String), subsidiesReady: 1 });
      const again = keep(await http().post(url).set('Authorization', tok.p1).set('Idempotency-Key', 'acct-p1-0001').send(body).expect(201));
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(ok.body);
      expect(await count('subsidy_bank_account')).toBe(1);
      const [a] = await ds.query('SELECT account_enc, account_masked FROM `subsidy_bank_account`');
      expect(a.account_enc).toMatch(/^v1:/);
      expect(pii.decrypt(a.account_enc, 'subsidy_bank_account.number')).toBe(cardP1);
      expect((await subsidyOf('HHB2024000001')).status).toBe('ready');
      const me = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p1).expect(200));
      expect(me.body.bankAccount).toMatchObject({ accountMasked: `****${cardP1.slice(-4)}` });
      expect(me.body.policies[1].subsidy.statusText).toBe('待发放');
    });
  });

  // ------------------------------------------------------------------ payment: the whole cycle

  async function exportBatch(id: number, auth: string): Promise<ExcelJS.Workbook> {
    const res = await binary(http().get(`/api/subsidy/batches/${id}/export.xlsx`).set('Authorization', auth)).expect(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['cache-control']).toBe('no-store');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as never);
    return wb;
  }

  /** The bank's answer: the exported sheet with 发放结果 / 失败原因 filled in, as .xlsx. */
  async function bankFile(wb: ExcelJS.Workbook, fill: (itemNo: number) => [string, string]): Promise<Buffer> {
    const ws = wb.worksheets[0];
    ws.eachRow((row, n) => {
      if (n === 1) return;
      const [result, reason] = fill(Number(row.getCell(1).value));
      row.getCell(10).value = result;
      row.getCell(11).value = reason;
    });
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  const postResults = (batchId: number, file: Buffer, auth: string, dryRun?: boolean) => {
    const q = http().post(`/api/subsidy/batches/${batchId}/results`).set('Authorization', auth);
    if (dryRun !== undefined) q.field('dryRun', String(dryRun));
    return q.attach('file', file, '回盘.xlsx');
  };

  describe('payment', () => {
    let batchId: number;
    let bankXlsx: Buffer;

    it('a batch per 街道/镇 takes only subsidies with a confirmed account; the same key replays it', async () => {
      const r = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.finance).set('Idempotency-Key', 'batch-qibao-1').send({ districtId: d.qibao, policyYear: 2024 }).expect(201));
      batchId = r.body.id;
      expect(r.body).toMatchObject({ districtName: '七宝镇', policyYear: 2024, status: 'created', itemCount: 1, totalAmount: '129.00', pending: 1 });
      const replay = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.finance).set('Idempotency-Key', 'batch-qibao-1').send({ districtId: d.qibao, policyYear: 2024 }).expect(201));
      expect(replay.headers['idempotent-replayed']).toBe('true');
      expect(replay.body.id).toBe(batchId);
      const none = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.finance).set('Idempotency-Key', 'batch-qibao-2').send({ districtId: d.qibao, policyYear: 2024 }));
      expect([none.status, none.body.code]).toEqual([422, 'NOTHING_TO_PAY']);
      expect(await count('subsidy_payment_batch')).toBe(1);
      // 江川路街道's subsidy has no account yet: no batch.
      const jc = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.cwJiangchuan).set('Idempotency-Key', 'batch-jc-0').send({ districtId: d.jiangchuan, policyYear: 2024 }));
      expect([jc.status, jc.body.code]).toEqual([422, 'NOTHING_TO_PAY']);
      expect((await subsidyOf('HHB2024000001')).status).toBe('in_batch');
      const got = keep(await http().get(`/api/subsidy/batches/${batchId}`).set('Authorization', tok.cwQibao).expect(200));
      expect(got.body.items).toEqual([expect.objectContaining({ holderName: '周建华', accountMasked: `****${cardP1.slice(-4)}`, amount: '129.00', resultText: '发放中' })]);
      const me = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p1).expect(200));
      expect(me.body.policies[1].subsidy.statusText).toBe('发放中');
    });

    it('the export carries the full account number, and only it; every export is audited', async () => {
      const wb = await exportBatch(batchId, tok.finance);
      const ws = wb.worksheets[0];
      expect(ws.getRow(1).values).toEqual([undefined, '明细编号', '批次号', '街镇', '姓名', '开户银行', '银行账号', '金额（元）', '保单号', '保单年度', '发放结果', '失败原因', '到账日期']);
      const row = ws.getRow(2);
      expect([row.getCell(3).value, row.getCell(4).value, row.getCell(6).value, row.getCell(7).value, row.getCell(8).value]).toEqual(['七宝镇', '周建华', cardP1, 129, 'HHB2024000001']);
      expect(ws.rowCount).toBe(2);
      const audits = await ds.query("SELECT actor_user_id, detail FROM `audit_event` WHERE action = 'subsidy_batch.export' AND entity_id = ?", [String(batchId)]);
      expect(audits).toHaveLength(1);
      expect(Number(audits[0].actor_user_id)).toBe(users.finance);
      expect(JSON.stringify(audits[0].detail)).not.toContain(cardP1);
      const b = keep(await http().get(`/api/subsidy/batches/${batchId}`).set('Authorization', tok.finance).expect(200));
      expect(b.body.status).toBe('exported');
      bankXlsx = await bankFile(wb, () => ['成功', '']);
    });

    it('the bank\'s results: paid; a replay changes nothing', async () => {
      const dry = keep(await postResults(batchId, bankXlsx, tok.cwQibao, true).expect(200));
      expect(dry.body).toMatchObject({ dryRun: true, applied: false, counts: { paid: 1, failed: 0, unchanged: 0, error: 0 } });
      expect((await subsidyOf('HHB2024000001')).status).toBe('in_batch');

      const r = keep(await postResults(batchId, bankXlsx, tok.cwQibao).expect(200));
      expect(r.body).toMatchObject({ applied: true, counts: { paid: 1 }, batch: { status: 'settled', paid: 1, pending: 0 } });
      const s = await subsidyOf('HHB2024000001');
      expect([s.status, String(s.paid_on).slice(0, 10)]).toEqual(['paid', '2024-08-20']);
      const [u] = await ds.query("SELECT paid FROM `annual_usage` WHERE person_id = ? AND benefit_code = 'huhuibao_subsidy' AND year = 2024", [ppl.p1.id]);
      expect(Number(u.paid)).toBe(129);

      const tables = ['huhuibao_subsidy', 'subsidy_payment_item', 'subsidy_payment_batch', 'annual_usage'];
      const before = await Promise.all(tables.map(snapshot));
      const again = keep(await postResults(batchId, bankXlsx, tok.finance).expect(200));
      expect(again.body.counts).toEqual({ paid: 0, failed: 0, unchanged: 1, error: 0 });
      expect(await Promise.all(tables.map(snapshot))).toEqual(before);
      // A paid subsidy is frozen: matching leaves it alone, and the second policy stays refused.
      const m = keep(await http().post('/api/subsidy/match').set('Authorization', tok.finance).send({ policyYear: 2024 }).expect(200));
      expect(m.body).toMatchObject({ frozen: 1, changed: 0, added: 0 });
      const me = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p1).expect(200));
      expect(me.body.policies[1].subsidy).toMatchObject({ statusText: '已发放', paidOn: '2024-08-20', amount: '129.00' });
    });

    it('a result that contradicts an earlier one, or names an item of another batch, refuses the whole file', async () => {
      const wrong = await bankFile(await exportBatch(batchId, tok.finance), () => ['失败', '账户冻结']);
      const r = keep(await postResults(batchId, wrong, tok.finance));
      expect([r.status, r.body.code]).toEqual([422, 'RESULT_FILE_HAS_ERRORS']);
      expect(r.body.rows[0].messages[0].message).toContain('已记为“已发放”');
      const csv = Buffer.from('明细编号,发放结果\n99999,成功\n', 'utf8');
      const r2 = keep(await http().post(`/api/subsidy/batches/${batchId}/results`).set('Authorization', tok.finance).attach('file', csv, 'r.csv'));
      expect([r2.status, r2.body.rows[0].messages[0].message]).toEqual([422, expect.stringContaining('不属于')]);
      expect((await subsidyOf('HHB2024000001')).status).toBe('paid');
    });

    it('a failed payment says why, and goes into a later batch', async () => {
      keep(await http().post('/api/me/subsidy/bank-account').set('Authorization', tok.p2).set('Idempotency-Key', 'acct-p2-0001').send({ accountNumber: cardP2, bankName: '中国农业银行', holderName: '李桂兰' }).expect(201));
      const b1 = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.cwJiangchuan).set('Idempotency-Key', 'batch-jc-1').send({ districtId: d.jiangchuan, policyYear: 2024 }).expect(201));
      const failed = await bankFile(await exportBatch(b1.body.id, tok.cwJiangchuan), () => ['失败', '账户已销户']);
      keep(await postResults(b1.body.id, failed, tok.cwJiangchuan).expect(200));
      const s = await subsidyOf('HHB2024000002');
      expect([s.status, s.failure_reason]).toEqual(['failed', '账户已销户']);
      const me = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p2).expect(200));
      expect(me.body.policies[0].subsidy).toMatchObject({ statusText: '发放失败', failureReason: '账户已销户' });

      // The resident gives another card; the next batch takes the failed subsidy again, with the new account.
      keep(await http().post('/api/me/subsidy/bank-account').set('Authorization', tok.p2).set('Idempotency-Key', 'acct-p2-0002').send({ accountNumber: cardP2b, bankName: '中国工商银行', holderName: '李桂兰' }).expect(201));
      const b2 = keep(await http().post('/api/subsidy/batches').set('Authorization', tok.cwJiangchuan).set('Idempotency-Key', 'batch-jc-2').send({ districtId: d.jiangchuan, policyYear: 2024 }).expect(201));
      expect(b2.body.itemCount).toBe(1);
      const wb = await exportBatch(b2.body.id, tok.cwJiangchuan);
      expect(wb.worksheets[0].getRow(2).getCell(6).value).toBe(cardP2b);
      // The old batch's results replayed now change nothing.
      keep(await postResults(b1.body.id, failed, tok.cwJiangchuan).expect(200));
      expect((await subsidyOf('HHB2024000002')).status).toBe('in_batch');
      keep(await postResults(b2.body.id, await bankFile(wb, () => ['成功', '']), tok.cwJiangchuan).expect(200));
      expect((await subsidyOf('HHB2024000002')).status).toBe('paid');
    });

    it('the document\'s targets, with numerator and denominator', async () => {
      const k = keep(await http().get('/api/subsidy/kpis?policyYear=2024').set('Authorization', tok.finance).expect(200));
      const byId = Object.fromEntries(k.body.targets.map((x: { id: string }) => [x.id, x]));
      expect(byId.coverage).toMatchObject({ name: '应补尽补率', numerator: 2, denominator: 2, percent: '100.00', met: true });
      // three transfers came back: two paid, one failed (the closed account)
      expect(byId.accuracy).toMatchObject({ name: '补贴发放准确率', numerator: 2, denominator: 3, percent: '66.67', met: false });
      expect(byId.onTime).toMatchObject({ name: '补贴发放及时率', numerator: 2, denominator: 2, percent: '100.00' });
      expect(k.body.onTimeDeadline).toBe('2024-12-31');
      expect(k.body.money).toEqual({
        eligibleTotal: '258.00',
        paidTotal: '258.00',
        paidByPayer: [
          { payer: '区级财政', amount: '174.15' },
          { payer: '镇级财政', amount: '83.85' },
        ],
      });
      // A caseworker sees their own 街道/镇 only.
      const cw = keep(await http().get('/api/subsidy/kpis?policyYear=2024').set('Authorization', tok.cwQibao).expect(200));
      expect(cw.body.targets[0]).toMatchObject({ numerator: 1, denominator: 1 });
      expect(cw.body.districtIds).toEqual([d.qibao]);
      // After the deadline, an unpaid eligible subsidy counts against the on-time share.
      app.get(Clock).setToday('2025-01-05');
      try {
        const late = keep(await http().get(`/api/subsidy/kpis?policyYear=2024&districtId=${d.qibao}`).set('Authorization', tok.finance).expect(200));
        expect(late.body.targets.find((x: { id: string }) => x.id === 'onTime')).toMatchObject({ numerator: 1, denominator: 1 });
      } finally {
        app.get(Clock).setToday('2024-08-20');
      }
    });
  });

  // ------------------------------------------------------------------ racing batches

  describe('concurrency', () => {
    it('two batch creations at the same moment never put one subsidy in two batches', async () => {
      const rows = [0, 1, 2, 3, 4].map((i) => `HHBG${i},${ppl[`g${i}`].name},${ppl[`g${i}`].idNumber},个人,2024-06-1${i},2024-06-1${i},129,2024`);
      const up = keep(await uploadPolicies([POLICY_HEADER, ...rows].join('\n'), tok.cwJiangchuan).expect(201));
      expect(up.body.errorCount).toBe(0);
      keep(await http().post(`/api/subsidy/policy-imports/${up.body.id}/apply`).set('Authorization', tok.cwJiangchuan).expect(200));
      const m = keep(await http().post('/api/subsidy/match').set('Authorization', tok.cwJiangchuan).send({ policyYear: 2024 }).expect(200));
      expect(m.body).toMatchObject({ added: 5, changed: 0 });
      for (let i = 0; i < 5; i++) {
        keep(
          await http()
            .post('/api/me/subsidy/bank-account')
            .set('Authorization', tok[`g${i}`])
            .set('Idempotency-Key', `acct-g${i}-0001`)
            .send({ accountNumber: card(`62170012345600${String(i).padStart(4, '0')}`), bankName: '交通银行', holderName: ppl[`g${i}`].name })
            .expect(201),
        );
      }
      const create = (key: string, auth: string) => http().post('/api/subsidy/batches').set('Authorization', auth).set('Idempotency-Key', key).send({ districtId: d.gumei, policyYear: 2024 });
      const results = await Promise.all([create('race-a-0001', tok.finance), create('race-b-0001', tok.cwJiangchuan), create('race-c-0001', tok.admin), create('race-d-0001', tok.finance)]);
      results.forEach((r) => keep(r));
      const created = results.filter((r) => r.status === 201);
      expect(created.length).toBeGreaterThanOrEqual(1);
      for (const r of results) expect([201, 422]).toContain(r.status);
      expect(created.reduce((n, r) => n + Number(r.body.itemCount), 0)).toBe(5);
      const dup = await ds.query('SELECT subsidy_id, COUNT(*) AS n FROM `subsidy_payment_item` GROUP BY subsidy_id HAVING COUNT(*) > 1');
      // 江川路街道's subsidy was in two batches one after the other (failed, then paid); nothing else twice.
      expect(dup.map((x: { subsidy_id: unknown }) => Number(x.subsidy_id))).toEqual([Number((await subsidyOf('HHB2024000002')).id)]);
      const gumei = await ds.query("SELECT COUNT(*) AS n FROM `subsidy_payment_item` i JOIN `subsidy_payment_batch` b ON b.id = i.batch_id WHERE b.district_id = ?", [d.gumei]);
      expect(Number(gumei[0].n)).toBe(5);
      expect(await count('huhuibao_subsidy', "district_id = ? AND status = 'in_batch'", [d.gumei])).toBe(5);
    });
  });

  // ------------------------------------------------------------------ who sees what

  describe('authorization', () => {
    it('residents see only their own; staff routes are not for them', async () => {
      const p2 = keep(await http().get('/api/me/subsidy').set('Authorization', tok.p2).expect(200));
      expect(p2.text).not.toContain('周建华');
      expect(p2.text).not.toContain('HHB2024000001');
      const asP1 = await http().get('/api/me/subsidy').set('Authorization', tok.p2).set('X-Act-For', String(ppl.p1.id));
      expect(asP1.status).toBe(404);
      const s1 = Number((await subsidyOf('HHB2024000001')).id);
      for (const path of [`/api/subsidy/subsidies/${s1}`, '/api/subsidy/subsidies', `/api/subsidy/policy-imports/${importId}`, '/api/subsidy/kpis?policyYear=2024', '/api/subsidy/batches']) {
        const r = await http().get(path).set('Authorization', tok.p1);
        expect([path, r.status]).toEqual([path, 403]);
      }
      const staff = await http().get('/api/me/subsidy').set('Authorization', tok.finance);
      expect(staff.status).toBe(403);
    });

    it('a caseworker of another 街道/镇 gets 404 for every record of this one', async () => {
      const s1 = Number((await subsidyOf('HHB2024000001')).id);
      const [b] = await ds.query('SELECT id FROM `subsidy_payment_batch` WHERE district_id = ? ORDER BY id LIMIT 1', [d.qibao]);
      const batch = Number(b.id);
      for (const path of [`/api/subsidy/subsidies/${s1}`, `/api/subsidy/batches/${batch}`, `/api/subsidy/batches/${batch}/export.xlsx`, `/api/subsidy/subsidies?districtId=${d.qibao}`, `/api/subsidy/kpis?policyYear=2024&districtId=${d.qibao}`]) {
        const r = await http().get(path).set('Authorization', tok.cwJiangchuan);
        expect([path, r.status]).toEqual([path, 404]);
        expect(r.text).not.toContain('周建华');
      }
      const res = await postResults(batch, bankXlsxFor(), tok.cwJiangchuan);
      expect(res.status).toBe(404);
      const nb = await http().post('/api/subsidy/batches').set('Authorization', tok.cwJiangchuan).set('Idempotency-Key', 'cw-other-001').send({ districtId: d.qibao, policyYear: 2024 });
      expect(nb.status).toBe(404);
      // Their list shows their own only.
      const list = keep(await http().get('/api/subsidy/subsidies?policyYear=2024').set('Authorization', tok.cwJiangchuan).expect(200));
      const districts = new Set(list.body.rows.map((r: { districtId: number | null }) => r.districtId));
      expect([...districts].every((x) => x === null || x === d.jiangchuan || x === d.gumei)).toBe(true);
      expect(list.text).not.toContain('周建华');
      // A caseworker of no Minhang district sees neither the insurer's lists nor matching.
      for (const r of [
        await http().get(`/api/subsidy/policy-imports/${importId}`).set('Authorization', tok.cwChongqing),
        await http().get(`/api/subsidy/policy-imports/${importId}/rows`).set('Authorization', tok.cwChongqing),
        await http().post('/api/subsidy/match').set('Authorization', tok.cwChongqing).send({ policyYear: 2024 }),
        await uploadPolicies(policyCsv(), tok.cwChongqing),
      ]) {
        expect(r.status).toBe(404);
      }
      // finance sees every district
      const all = keep(await http().get('/api/subsidy/subsidies?policyYear=2024&pageSize=100').set('Authorization', tok.finance).expect(200));
      expect(all.body.total).toBe(13);
    });

    function bankXlsxFor(): Buffer {
      return Buffer.from('明细编号,发放结果\n1,成功\n', 'utf8');
    }
  });

  // ------------------------------------------------------------------ masking

  it('no response, idempotency record or audit event holds a full account number; the database holds only ciphertext', async () => {
    const cards = [cardP1, cardP2, cardP2b];
    expect(seen.length).toBeGreaterThan(50); // runs last: every response of the cycle above
    for (const text of seen) for (const c of cards) expect(text.includes(c)).toBe(false);
    const stored = [
      ...(await ds.query('SELECT response_body AS t FROM `idempotency_record`')),
      ...(await ds.query('SELECT detail AS t FROM `audit_event`')),
      ...(await ds.query('SELECT account_enc AS t FROM `subsidy_payment_item`')),
      ...(await ds.query('SELECT account_enc AS t FROM `subsidy_bank_account`')),
    ].map((r: { t: unknown }) => (typeof r.t === 'string' ? r.t : JSON.stringify(r.t)));
    for (const text of stored) for (const c of cards) expect(text.includes(c)).toBe(false);
    expect(t.logger.text.includes(cardP1)).toBe(false);
  });
});
