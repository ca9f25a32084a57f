/**
 * Roster imports over HTTP against the real AppModule: upload (dry run) → report → apply → re-apply,
 * removals and changes, several identities, Chongqing cover from the 1st, refusals, CSV and XLSX,
 * the .xlsx report, district scoping, and content sniffing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { makeIdNumber } from '@huimin/shared';
import { AuditService } from '../src/audit/audit.service';
import { PersonFactsService } from '../src/estimates/person-facts.service';
import { District } from '../src/geo/district.entity';
import { generateRoster, type GenerateSummary } from '../src/rosters/generator';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';

jest.setTimeout(240_000);

describe(`rosters (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let app: INestApplication;
  let ds: DataSource;
  let dir: string;
  const d: Record<string, number> = {};
  let alice: string; // caseworker of 泽州县, 渝中区 and 驿城区
  let bob: string; // caseworker of 高平市

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    app = t.app;
    ds = t.dataSource;
    dir = mkdtempSync(join(tmpdir(), 'huimin-roster-test-'));
    // The districts come from the reference seed (every area of every scheme), as in production.
    for (const name of ['泽州县', '高平市', '渝中区', '驿城区']) {
      d[name] = (await ds.getRepository(District).findOneByOrFail({ name })).id;
    }
    const users = ds.getRepository(AppUser);
    const a = await users.save(users.create({ role: 'caseworker', username: 'alice' }));
    const b = await users.save(users.create({ role: 'caseworker', username: 'bob' }));
    alice = bearer(app, { userId: a.id, role: 'caseworker', districtIds: [d['泽州县'], d['渝中区'], d['驿城区']] });
    bob = bearer(app, { userId: b.id, role: 'caseworker', districtIds: [d['高平市']] });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const http = () => request(app.getHttpServer());
  const count = async (table: string, where = '1 = 1', params: unknown[] = []) =>
    Number((await ds.query(`SELECT COUNT(*) AS n FROM \`${table}\` WHERE ${where}`, params))[0].n);

  function upload(file: string | Buffer, fields: Record<string, string | number>, auth = alice, name = 'roster.csv') {
    const req = http().post('/api/rosters').set('Authorization', auth);
    for (const [k, v] of Object.entries(fields)) req.field(k, String(v));
    return req.attach('file', file, name);
  }

  async function waitFor(id: number, statuses: string[], auth = alice) {
    for (let i = 0; i < 2400; i++) {
      const r = await http().get(`/api/rosters/${id}`).set('Authorization', auth).expect(200);
      if (statuses.includes(r.body.status)) return r.body;
      await new Promise((res) => setTimeout(res, 50));
    }
    throw new Error(`roster ${id} did not reach ${statuses.join('/')}`);
  }

  async function uploadAndValidate(file: string | Buffer, fields: Record<string, string | number>, name?: string) {
    const up = await upload(file, fields, alice, name).expect(202);
    expect(['pending', 'validating']).toContain(up.body.status);
    return waitFor(up.body.id, ['validated', 'failed']);
  }

  async function applyAndWait(id: number, key?: string) {
    const req = http().post(`/api/rosters/${id}/apply`).set('Authorization', alice);
    if (key) req.set('Idempotency-Key', key);
    await req.expect(202);
    return waitFor(id, ['applied']);
  }

  async function allRows(id: number, query = '') {
    const out: { rowNo: number; status: string; action: string | null; messages: { field: string; message: string }[]; idNumberMasked: string; name: string | null; inFile: boolean }[] = [];
    for (let page = 1; ; page++) {
      const r = await http().get(`/api/rosters/${id}/rows?pageSize=500&page=${page}${query}`).set('Authorization', alice).expect(200);
      out.push(...r.body.rows);
      if (out.length >= r.body.total) return out;
    }
  }

  // ------------------------------------------------------------------ Jincheng, 10,000 generated rows

  describe('10,000 generated rows (Jincheng, CSV)', () => {
    let file: string;
    let summary: GenerateSummary;
    let first: { id: number };

    beforeAll(async () => {
      file = join(dir, 'jc.csv');
      summary = await generateRoster({ schemeId: 'jc-fpzhbx', district: '泽州县', rows: 10_000, bad: 100, format: 'csv', month: '2026-01', seed: 7 }, file);
    });

    it('reports exactly the rows the generator broke, and writes no person or enrolment (dry run)', async () => {
      const v = await uploadAndValidate(file, { schemeId: 'jc-fpzhbx', districtId: d['泽州县'], month: '2026-01', mode: 'full' });
      first = v;
      expect(v.status).toBe('validated');
      expect(v.rowCount).toBe(10_000);
      expect(v.errorCount).toBe(100);
      expect(v.warningCount).toBe(0);
      expect(v.counts).toEqual({ add: summary.goodRows, change: 0, unchanged: 0, remove: 0, refuse: 0 });
      expect(v.progress).toMatchObject({ rowsRead: 10_000 });
      expect(v.progress.rowsPerSecond).toBeGreaterThan(0);

      const errors = await allRows(v.id, '&status=error');
      const expected = Object.values(summary.badRows).flat().sort((a, b) => a - b);
      expect(errors.map((r) => r.rowNo)).toEqual(expected);
      const byRow = new Map(errors.map((r) => [r.rowNo, r]));
      const kindField: Record<string, string> = { check_digit: '身份证号', unknown_category: '身份类别', wrong_district: '区县', bad_date: '有效期起', duplicate: '身份证号' };
      for (const [kind, rows] of Object.entries(summary.badRows)) {
        for (const n of rows) expect(byRow.get(n)!.messages.map((m) => m.field)).toContain(kindField[kind]);
      }
      expect(byRow.get(summary.badRows.duplicate[0])!.messages[0].message).toContain('重复');
      // masked everywhere
      expect(JSON.stringify(errors)).not.toMatch(/\d{17}[\dX]/);

      expect(await count('person')).toBe(0);
      expect(await count('enrolment')).toBe(0);
      expect(await count('identity')).toBe(0);
    });

    it('applies: one person per ID, one enrolment each, 100 a person and 30 once per household', async () => {
      const a = await applyAndWait(first.id, 'jc-first');
      expect(a.applyResult).toMatchObject({ peopleAdded: summary.people, identitiesAdded: summary.goodRows, enrolmentsAdded: summary.people });
      expect(await count('person')).toBe(summary.people);
      expect(await count('identity')).toBe(summary.goodRows);
      expect(await count('enrolment')).toBe(summary.people);
      const [sums] = await ds.query(
        `SELECT SUM(premium) AS total, SUM(household_premium) AS hh, COUNT(household_premium) AS carriers, COUNT(DISTINCT p.household_id) AS households
           FROM enrolment e JOIN person p ON p.id = e.person_id`,
      );
      expect(Number(sums.carriers)).toBe(Number(sums.households));
      expect(Number(sums.hh)).toBe(30 * Number(sums.households));
      expect(Number(sums.total)).toBe(100 * summary.people + 30 * Number(sums.households));
      const [e] = await ds.query(`SELECT cover_start, cover_end, insurance_year FROM enrolment LIMIT 1`);
      expect([String(e.cover_start).slice(0, 10), String(e.cover_end).slice(0, 10), Number(e.insurance_year)]).toEqual(['2026-01-01', '2026-12-31', 2026]);
      const audit = await ds.query(`SELECT detail FROM audit_event WHERE action = 'roster.apply' AND entity_id = ?`, [String(first.id)]);
      expect(audit).toHaveLength(1);
      const detail = typeof audit[0].detail === 'string' ? JSON.parse(audit[0].detail) : audit[0].detail;
      expect(detail).toMatchObject({ peopleAdded: summary.people, enrolmentsAdded: summary.people });
      // ID numbers are stored encrypted, not in clear
      const [p] = await ds.query('SELECT id_number_enc, id_number_masked FROM person LIMIT 1');
      expect(p.id_number_enc).toMatch(/^v1:/);
      expect(p.id_number_masked).toMatch(/^\d{3}\*{11}[\dX]{4}$/);
      // What the roster said about medical insurance reaches the engine through the same path estimates use.
      const insured = await ds.query(`SELECT id, flags FROM person WHERE flags LIKE '%medical_insurance_years%' LIMIT 1`);
      expect(insured).toHaveLength(1);
      const loaded = await app.get(PersonFactsService).load(Number(insured[0].id));
      expect(loaded.facts.medicalInsuranceYears).toContain(2026);
      expect(await count('person', "flags LIKE '%medical_insurance_year_list%'")).toBe(0);
      const est = await http()
        .post('/api/estimates')
        .set('Authorization', alice)
        .send({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-01', personId: Number(insured[0].id), facts: { selfPayAfterOthers: '3000.00' } })
        .expect(200);
      expect(est.body.reasons.find((r: { code: string }) => r.code === 'NO_MEDICAL_INSURANCE')).toBeUndefined();
      // applying the same import again: same answer, nothing more
      const again = await http().post(`/api/rosters/${first.id}/apply`).set('Authorization', alice).set('Idempotency-Key', 'jc-first').expect(202);
      expect(again.body.status).toBe('applied');
      expect(await count('audit_event', "action = 'roster.apply'")).toBe(1);
    });

    it('the same file uploaded and applied again changes nothing, and says so', async () => {
      const v = await uploadAndValidate(file, { schemeId: 'jc-fpzhbx', districtId: d['泽州县'], month: '2026-01', mode: 'full' });
      expect(v.counts).toEqual({ add: 0, change: 0, unchanged: summary.goodRows, remove: 0, refuse: 0 });
      expect(v.sameFileAs).toMatchObject({ id: first.id });
      expect(v.statusText).toContain('内容完全相同');
      const a = await applyAndWait(v.id);
      expect(a.applyResult).toMatchObject({ changes: 0 });
      expect(a.statusText).toContain('没有任何变化');
      expect(await count('person')).toBe(summary.people);
      expect(await count('enrolment')).toBe(summary.people);
      expect(await count('identity')).toBe(summary.goodRows);
    });

    it('refuses an Idempotency-Key already used for another roster', async () => {
      const v = await uploadAndValidate(file, { schemeId: 'jc-fpzhbx', districtId: d['泽州县'], month: '2026-01', mode: 'delta' });
      const r = await http().post(`/api/rosters/${v.id}/apply`).set('Authorization', alice).set('Idempotency-Key', 'jc-first').expect(409);
      expect(r.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    });

    it('the .xlsx report opens and has the same rows as the JSON', async () => {
      const res = await http()
        .get(`/api/rosters/${first.id}/report.xlsx`)
        .set('Authorization', alice)
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toContain('spreadsheetml');
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(res.body as never);
      const ws = wb.worksheets[0];
      expect(ws.getRow(2).values).toEqual([undefined, '行号', '状态', '处理', '姓名', '身份证号', '身份类别', '说明']);
      const json = await allRows(first.id);
      expect(ws.rowCount).toBe(json.length + 2);
      for (const i of [0, 1, 500, json.length - 1]) {
        const row = ws.getRow(i + 3).values as unknown[];
        expect(row[1]).toBe(json[i].rowNo);
        expect(row[5]).toBe(json[i].idNumberMasked);
        expect(row[4]).toBe(json[i].name ?? undefined);
      }
      const errorsInSheet: number[] = [];
      ws.eachRow((r, n) => {
        if (n > 2 && r.getCell(2).value === '错误') errorsInSheet.push(n);
      });
      expect(errorsInSheet).toHaveLength(100);
      const text = JSON.stringify(ws.getSheetValues());
      expect(text).not.toMatch(/\d{17}[\dX]/);
    });
  });

  // ------------------------------------------------------------------ Chongqing, hand-made rosters

  describe('Chongqing: identities, refusals, cover from the 1st, removals and changes', () => {
    const id = (n: number, birth = '1960-05-01') => makeIdNumber('500103', birth, n * 2 + 1);
    const P1 = id(1), P2 = id(2), P3 = id(3), P4 = id(4), P5 = id(5), P6 = id(6, '1950-01-01');
    const header = '姓名,身份证号,身份类别,区县,户号,确认日期,有效期起,有效期止,联系电话\n';
    const jan =
      header +
      `张三,${P1},dibao,渝中区,H1,2023-05-01,2023-05-01,,13800000001\n` +
      `李四,${P2},低保对象,渝中区,H2,2023-06-01,2023-06-01,,\n` +
      `李四,${P2},youfu_regular,渝中区,H2,2023-06-01,2023-06-01,,\n` +
      `王五,${P3},tekun,渝中区,H3,2023-01-10,2023-01-10,,13800000003\n` +
      `赵六,${P4},disabled_police,渝中区,H4,2023-01-10,2023-01-10,,\n` +
      `钱七,${P5},youfu_regular,渝中区,H5,2023-01-10,2023-01-10,,\n` +
      `钱七,${P5},伤残人民警察,渝中区,H5,2023-01-10,2023-01-10,,\n`;
    const mar =
      header +
      `李四,${P2},低保对象,渝中区,H2,2023-06-01,2023-06-01,,\n` +
      `王五,${P3},tekun,渝中区,H3,2023-01-10,2023-01-10,,13900000003\n` +
      `欧阳·娜娜,${P6},dibao,渝中区,H6,2024-03-15,2024-03-15,,\n`;
    let janId: number;

    async function enrolmentOf(name: string) {
      const rows = await ds.query(
        `SELECT e.cover_start, e.cover_end, e.premium FROM enrolment e JOIN person p ON p.id = e.person_id WHERE p.name = ? AND e.scheme_id = 'cq-hmjkb'`,
        [name],
      );
      return rows.map((r: Record<string, unknown>) => ({ start: String(r.cover_start).slice(0, 10), end: String(r.cover_end).slice(0, 10), premium: Number(r.premium).toFixed(2) }));
    }

    it('January: several identities → one enrolment; excluded categories refused with the reason', async () => {
      const v = await uploadAndValidate(Buffer.from(jan), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-01', mode: 'full' }, 'jan.csv');
      janId = v.id;
      expect(v.errorCount).toBe(0);
      expect(v.counts).toEqual({ add: 4, change: 0, unchanged: 0, remove: 0, refuse: 3 });
      const rows = await allRows(v.id);
      const refused = rows.filter((r) => r.action === 'refuse');
      expect(refused.map((r) => r.rowNo)).toEqual([6, 7, 8]);
      expect(refused[0].messages[0].message).toContain('伤残人民警察不是民政惠民济困保的参保身份');
      // 钱七: 优抚对象 who is also 伤残人民警察 — the engine's own words
      expect(rows.find((r) => r.rowNo === 7)!.messages.map((m) => m.message).join()).toContain('享受国家定期抚恤补助的优抚对象中的伤残人民警察不在参保范围内');
      await applyAndWait(v.id);
      expect(await enrolmentOf('张三')).toEqual([{ start: '2024-01-01', end: '2024-12-31', premium: '120.00' }]);
      expect(await enrolmentOf('李四')).toEqual([{ start: '2024-01-01', end: '2024-12-31', premium: '120.00' }]);
      expect(await enrolmentOf('赵六')).toEqual([]);
      expect(await enrolmentOf('钱七')).toEqual([]);
      expect(await count('identity', "category_code IN ('disabled_police')")).toBe(0);
    });

    it('March (full): removals end identities and cover, changes apply, a mid-month addition is covered from the 1st', async () => {
      const v = await uploadAndValidate(Buffer.from(mar), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-03', mode: 'full' }, 'mar.csv');
      expect(v.counts).toEqual({ add: 1, change: 1, unchanged: 1, remove: 2, refuse: 0 });
      const removed = (await allRows(v.id, '&action=remove')).map((r) => [r.inFile, r.messages[0].message]);
      expect(removed).toHaveLength(2);
      expect(removed.every(([inFile]) => inFile === false)).toBe(true);
      expect(removed.map(([, m]) => m).join()).toContain('2024-02-29 终止');
      const a = await applyAndWait(v.id);
      expect(a.applyResult).toMatchObject({ identitiesEnded: 2, identitiesAdded: 1, peopleAdded: 1, peopleChanged: 1, enrolmentsAdded: 1, enrolmentsEnded: 1 });
      // P1 gone from the roster: cover Jan–Feb only, 2 months × 10
      expect(await enrolmentOf('张三')).toEqual([{ start: '2024-01-01', end: '2024-02-29', premium: '20.00' }]);
      // P2 lost 优抚 but is still 低保: one enrolment, unchanged
      expect(await enrolmentOf('李四')).toEqual([{ start: '2024-01-01', end: '2024-12-31', premium: '120.00' }]);
      // P6 confirmed 15 March: covered from 1 March, 10 months × 10
      expect(await enrolmentOf('欧阳·娜娜')).toEqual([{ start: '2024-03-01', end: '2024-12-31', premium: '100.00' }]);
      const ended = await ds.query(`SELECT category_code, valid_to FROM identity WHERE valid_to IS NOT NULL ORDER BY category_code`);
      expect(ended.map((r: Record<string, unknown>) => [r.category_code, String(r.valid_to).slice(0, 10)])).toEqual([
        ['dibao', '2024-02-29'],
        ['youfu_regular', '2024-02-29'],
      ]);
      expect(await count('enrolment', "scheme_id = 'cq-hmjkb'")).toBe(4);
      const [dup] = await ds.query(`SELECT COUNT(*) AS n FROM (SELECT person_id FROM enrolment GROUP BY person_id, scheme_id, insurance_year HAVING COUNT(*) > 1) x`);
      expect(Number(dup.n)).toBe(0);
      const [phone] = await ds.query(`SELECT phone_masked FROM person WHERE name = '王五'`);
      expect(phone.phone_masked).toBe('139****0003');
    });

    it('re-applying March changes nothing', async () => {
      const v = await uploadAndValidate(Buffer.from(mar), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-03', mode: 'full' }, 'mar.csv');
      expect(v.counts).toEqual({ add: 0, change: 0, unchanged: 3, remove: 0, refuse: 0 });
      const a = await applyAndWait(v.id);
      expect(a.applyResult).toMatchObject({ changes: 0 });
    });

    it('reads .xlsx with real date cells the same as CSV', async () => {
      const file = join(dir, 'cq.xlsx');
      const s = await generateRoster({ schemeId: 'cq-hmjkb', district: '渝中区', rows: 300, bad: 10, format: 'xlsx', month: '2024-05', seed: 3, labels: true }, file);
      const v = await uploadAndValidate(file, { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-05', mode: 'delta' }, 'cq.xlsx');
      expect(v.fileFormat).toBe('xlsx');
      expect(v.errorCount).toBe(10);
      expect((await allRows(v.id, '&status=error')).map((r) => r.rowNo)).toEqual(Object.values(s.badRows).flat().sort((a, b) => a - b));
      expect(v.counts.add).toBe(s.goodRows);
      const a = await applyAndWait(v.id);
      expect(a.applyResult).toMatchObject({ peopleAdded: s.people, enrolmentsAdded: s.people });
    });

    it('keeps another district’s caseworker out: 404 on upload, status, rows, report and apply', async () => {
      const up = await upload(Buffer.from(mar), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-03' }, bob);
      expect(up.status).toBe(404);
      expect(up.body.code).toBe('NOT_FOUND');
      for (const path of [`/api/rosters/${janId}`, `/api/rosters/${janId}/rows`, `/api/rosters/${janId}/report.xlsx`]) {
        const r = await http().get(path).set('Authorization', bob);
        expect([path, r.status]).toEqual([path, 404]);
      }
      await http().post(`/api/rosters/${janId}/apply`).set('Authorization', bob).expect(404);
      await http().get(`/api/rosters/999999`).set('Authorization', alice).expect(404);
      // beneficiaries may not upload at all
      await http().get(`/api/rosters/${janId}`).set('Authorization', bearer(app, { userId: 1, role: 'beneficiary', personId: 1 })).expect(403);
    });

    it('refuses a renamed executable uploaded as .csv, and says why in Chinese', async () => {
      const exe = Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]), Buffer.alloc(200, 0x41)]);
      const r = await upload(exe, { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-03' }, alice, 'roster.csv').expect(415);
      expect(r.body).toMatchObject({ code: 'UNSUPPORTED_FILE' });
      expect(r.body.message).toContain('CSV');
    });

    it('checks the form fields field by field', async () => {
      const r = await upload(Buffer.from(mar), { schemeId: 'nope', districtId: 'x', month: '2024-13' }).expect(400);
      expect(r.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['districtId', 'month', 'schemeId']);
      const out = await upload(Buffer.from(mar), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2023-03' }).expect(422);
      expect(out.body.message).toContain('不在民政惠民济困保的保险期间内');
      const area = await upload(Buffer.from(mar), { schemeId: 'cq-hmjkb', districtId: d['泽州县'], month: '2024-03' }).expect(422);
      expect(area.body.message).toContain('泽州县不在民政惠民济困保的保障地区内');
      writeFileSync(join(dir, 'noheader.csv'), '张三,1\n');
      const v = await uploadAndValidate(join(dir, 'noheader.csv'), { schemeId: 'cq-hmjkb', districtId: d['渝中区'], month: '2024-03' });
      expect(v.status).toBe('failed');
      expect(v.failure).toContain('缺少列');
    });
  });

  // ------------------------------------------------------------------ Zhumadian: registered residents

  describe('Zhumadian (every registered resident): a full roster that leaves someone out', () => {
    const id = (n: number) => makeIdNumber('411702', '1960-05-01', n * 2 + 1);
    const header = '姓名,身份证号,区县,户号,户籍人口,参加医保年份\n';
    const july = header + `周一,${id(1)},驿城区,Z1,是,2019\n周二,${id(2)},驿城区,Z2,是,\n`;
    const august = header + `周一,${id(1)},驿城区,Z1,是,2019\n`;
    const fields = (month: string) => ({ schemeId: 'zmd-yymsh', districtId: d['驿城区'], month, mode: 'full' });

    it('ends the cover of the one left out, who is no longer a registered resident; the same roster again changes nothing', async () => {
      const v1 = await uploadAndValidate(Buffer.from(july), fields('2019-07'), 'jul.csv');
      expect(v1.counts).toEqual({ add: 2, change: 0, unchanged: 0, remove: 0, refuse: 0 });
      const a1 = await applyAndWait(v1.id);
      expect(a1.applyResult).toMatchObject({ peopleAdded: 2, enrolmentsAdded: 2, householdsAdded: 2 });

      const v2 = await uploadAndValidate(Buffer.from(august), fields('2019-08'), 'aug.csv');
      expect(v2.counts).toEqual({ add: 0, change: 0, unchanged: 1, remove: 1, refuse: 0 });
      const removed = await allRows(v2.id, '&action=remove');
      expect(removed.map((r) => [r.inFile, r.name])).toEqual([[false, '周二']]);
      const a2 = await applyAndWait(v2.id);
      expect(a2.applyResult).toMatchObject({ peopleChanged: 1, enrolmentsEnded: 1, changes: 2 });
      const [p] = await ds.query(`SELECT flags FROM person WHERE name = '周二'`);
      const flags = typeof p.flags === 'string' ? JSON.parse(p.flags) : p.flags;
      expect(flags).toMatchObject({ registered_resident: false });
      const [kept] = await ds.query(`SELECT flags FROM person WHERE name = '周一'`);
      expect(typeof kept.flags === 'string' ? JSON.parse(kept.flags) : kept.flags).toEqual({ registered_resident: true, medical_insurance_years: [2019] });
      const ends = await ds.query(
        `SELECT p.name AS name, e.cover_end AS cover_end FROM enrolment e JOIN person p ON p.id = e.person_id WHERE e.scheme_id = 'zmd-yymsh' ORDER BY p.name`,
      );
      expect(ends.map((r: Record<string, unknown>) => [r.name, String(r.cover_end).slice(0, 10)])).toEqual([
        ['周一', '2020-06-30'],
        ['周二', '2019-07-31'],
      ]);

      const v3 = await uploadAndValidate(Buffer.from(august), fields('2019-08'), 'aug.csv');
      expect(v3.counts).toEqual({ add: 0, change: 0, unchanged: 1, remove: 0, refuse: 0 });
      const a3 = await applyAndWait(v3.id);
      expect(a3.applyResult).toMatchObject({ changes: 0 });
    });

    it('an apply that fails at its last step writes nothing (one transaction), and can be applied again', async () => {
      const roster = header + `周三,${id(3)},驿城区,Z3,是,2019\n周四,${id(4)},驿城区,Z3,是,\n周一,${id(1)},驿城区,Z1,是,2019\n`;
      const v = await uploadAndValidate(Buffer.from(roster), { ...fields('2019-09'), mode: 'delta' }, 'sep.csv');
      expect(v.counts).toEqual({ add: 2, change: 0, unchanged: 1, remove: 0, refuse: 0 });
      const before = { person: await count('person'), household: await count('household'), enrolment: await count('enrolment'), identity: await count('identity') };

      // The audit record is written after every person, household and enrolment of the batch, in the same transaction.
      const audit = app.get(AuditService);
      const original = audit.record.bind(audit);
      const spy = jest.spyOn(audit, 'record').mockImplementation(async (entry, m) => {
        if (entry.action === 'roster.apply') throw new Error('injected failure');
        return original(entry, m);
      });
      try {
        await http().post(`/api/rosters/${v.id}/apply`).set('Authorization', alice).expect(202);
        const failed = await waitFor(v.id, ['validated', 'applied']);
        expect(failed.status).toBe('validated');
        expect(failed.failure).toBe('应用失败，没有做任何更改，请稍后重试');
      } finally {
        spy.mockRestore();
      }
      expect({ person: await count('person'), household: await count('household'), enrolment: await count('enrolment'), identity: await count('identity') }).toEqual(before);
      expect(await count('person', 'name IN (?, ?)', ['周三', '周四'])).toBe(0);

      const a = await applyAndWait(v.id);
      expect(a.applyResult).toMatchObject({ peopleAdded: 2, householdsAdded: 1, enrolmentsAdded: 2 });
      expect(await count('person', 'name IN (?, ?)', ['周三', '周四'])).toBe(2);
    });
  });
});
