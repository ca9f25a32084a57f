/**
 * Claim attachments over real HTTP: hostile uploads refused in Chinese and leaving nothing behind; photos
 * cleaned (no EXIF/GPS, upright) and encrypted at rest; PDFs kept; thumbnails; idempotent upload; who may
 * see, read (audited) and delete; the claims module's assignToClaim/listForClaim; QR pre-fill.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import QRCode from 'qrcode';
import sharp from 'sharp';
import request from 'supertest';
import { In } from 'typeorm';
import { AttachmentSweeper, STRAY_FILE_HOURS } from '../src/attachments/attachment-sweeper';
import { newStorageKey } from '../src/attachments/file-storage';
import { Attachment } from '../src/attachments/attachment.entity';
import { AttachmentsNotAssignableError, AttachmentsService } from '../src/attachments/attachments.service';
import { elf, heicHead, image, jpegWithGps, pdf, pngBomb, windowsExe } from '../src/attachments/sample-files';
import { AuditEvent } from '../src/audit/audit-event.entity';
import { Claim } from '../src/claims/claim.entity';
import { ProxyGrant } from '../src/auth/entities/proxy-grant.entity';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { buildWorld } from './support/world';

jest.setTimeout(120_000);

const MAX = 10 * 1024 * 1024;

describe(`attachments (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let w: Awaited<ReturnType<typeof buildWorld>>;
  let uploadsDir: string;
  const u = {} as Record<'a' | 'b' | 'c', number>;
  let keySeq = 0;

  const http = () => request(t.app.getHttpServer());
  const as = {
    a: () => bearer(t.app, { userId: u.a, role: 'beneficiary', personId: w.a.id }),
    b: () => bearer(t.app, { userId: u.b, role: 'beneficiary', personId: w.b.id }),
    c: () => bearer(t.app, { userId: u.c, role: 'beneficiary', personId: w.c.id }),
    cwGaoping: () => bearer(t.app, { userId: w.users.cwGaoping, role: 'caseworker', districtIds: [w.gaoping.id] }),
    cwZezhou: () => bearer(t.app, { userId: w.users.cwZezhou, role: 'caseworker', districtIds: [w.zezhou.id] }),
    adjuster: () => bearer(t.app, { userId: w.users.adjuster, role: 'adjuster', districtIds: [w.gaoping.id] }),
    finance: () => bearer(t.app, { userId: w.users.finance, role: 'finance' }),
    admin: () => bearer(t.app, { userId: w.users.admin, role: 'admin' }),
  };

  const newKey = () => `attach-test-${++keySeq}-${Date.now()}`;

  function upload(auth: string | null, file: Buffer | null, opts: { name?: string; type?: string; key?: string | null; fields?: Record<string, string>; actFor?: number } = {}) {
    let q = http().post('/api/attachments');
    if (auth) q = q.set('Authorization', auth);
    if (opts.key !== null) q = q.set('Idempotency-Key', opts.key ?? newKey());
    if (opts.actFor) q = q.set('X-Act-For', String(opts.actFor));
    for (const [k, v] of Object.entries(opts.fields ?? {})) q = q.field(k, v);
    if (file) q = q.attach('file', file, { filename: opts.name ?? 'photo.jpg', contentType: opts.type ?? 'image/jpeg' });
    return q;
  }

  /** Every file under the upload folder (encrypted contents and thumbnails). */
  function storedFiles(): string[] {
    if (!existsSync(uploadsDir)) return [];
    return readdirSync(uploadsDir, { recursive: true, encoding: 'utf8' })
      .filter((p) => statSync(join(uploadsDir, p)).isFile())
      .map((p) => p.split('\\').join('/'))
      .sort();
  }

  /** The files the table points at: there must be no others (no orphans after refusals, replays, deletes). */
  async function expectedFiles(): Promise<string[]> {
    const rows = await t.dataSource.getRepository(Attachment).find();
    return rows.flatMap((r) => [r.storageKey, r.thumbKey].filter((k): k is string => !!k)).sort();
  }

  const count = () => t.dataSource.getRepository(Attachment).count();

  /** The app's HTTP server on a port (supertest listens per request; raw requests need it to stay up). */
  async function listen(): Promise<AddressInfo> {
    const server = t.app.getHttpServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    return server.address() as AddressInfo;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    w = await buildWorld(t);
    uploadsDir = db.config.uploads.dir;
    const users = t.dataSource.getRepository(AppUser);
    for (const [k, pid] of [['a', w.a.id], ['b', w.b.id], ['c', w.c.id]] as const) {
      u[k] = (await users.insert({ role: 'beneficiary', personId: pid, wechatOpenid: `attach-${k}`, active: true })).identifiers[0].id as number;
    }
    // B (same household) holds a proxy grant from A: B may act for A with X-Act-For.
    await t.dataSource.getRepository(ProxyGrant).insert({
      personId: w.a.id, granteeUserId: u.b, relation: 'spouse', consentMethod: 'in_app',
      consentedAt: new Date('2026-01-01T00:00:00+08:00'), createdByUserId: u.a, revokedAt: null, revokedByUserId: null,
    });
  });

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  // ------------------------------------------------------------------ hostile uploads

  describe('refuses hostile and broken uploads, in Chinese, keeping nothing', () => {
    let rowsBefore: number;
    beforeAll(async () => {
      rowsBefore = await count();
    });
    afterAll(async () => {
      expect(await count()).toBe(rowsBefore);
      expect(storedFiles()).toEqual(await expectedFiles());
    });

    const cases: [string, () => Buffer | Promise<Buffer>, { name?: string; type?: string }, number, string, RegExp][] = [
      ['an ELF executable renamed .jpg', () => elf(), { name: 'receipt.jpg' }, 415, 'EXECUTABLE_FILE', /程序文件/],
      ['a Windows .exe renamed .jpg', () => windowsExe(), { name: 'IMG_0001.JPG' }, 415, 'EXECUTABLE_FILE', /程序文件/],
      ['wrong magic bytes sent as image/jpeg', () => Buffer.from('GIF89a this is no jpeg at all'.repeat(20)), { name: 'x.jpg', type: 'image/jpeg' }, 415, 'UNSUPPORTED_FILE_TYPE', /只能上传照片/],
      ['HTML sent as a PDF', () => Buffer.from('<html><script>alert(1)</script></html>'), { name: 'invoice.pdf', type: 'application/pdf' }, 415, 'UNSUPPORTED_FILE_TYPE', /只能上传照片/],
      ['an iPhone HEIC photo', () => heicHead(), { name: 'IMG_1234.HEIC', type: 'image/heic' }, 415, 'HEIC_NOT_SUPPORTED', /HEIC/],
      ['a 30000 × 30000 PNG of 69 bytes (decompression bomb)', () => pngBomb(30000, 30000), { name: 'a.png', type: 'image/png' }, 422, 'IMAGE_TOO_MANY_PIXELS', /像素太多/],
      ['an empty file', () => Buffer.alloc(0), {}, 422, 'EMPTY_FILE', /文件是空的/],
      ['a truncated JPEG', async () => (await image('jpeg', 1200, 900)).subarray(0, 3000), {}, 422, 'IMAGE_DAMAGED', /损坏或不完整/],
      ['a truncated PDF', () => pdf().subarray(0, 200), { name: 'fp.pdf', type: 'application/pdf' }, 422, 'PDF_DAMAGED', /PDF 文件已损坏/],
      ['a file one byte over 10 MB', () => Buffer.alloc(MAX + 1, 0xff), {}, 413, 'FILE_TOO_LARGE', /^文件太大：最大 10 MB/],
    ];

    it.each(cases)('%s', async (_label, make, opts, status, code, message) => {
      const r = await upload(as.a(), await make(), opts);
      expect(r.status).toBe(status);
      expect(r.body).toMatchObject({ statusCode: status, code });
      expect(r.body.message).toMatch(message);
      expect(r.body.message).toMatch(/[\u4e00-\u9fff]/);
    });

    it('a file far over the limit: 413 from the declared length, before a byte of it is read', async () => {
      // Only the headers are sent: were the body awaited, this would hang until the test timed out.
      const { port } = (t.app.getHttpServer().address() ?? (await listen())) as AddressInfo;
      const answer = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
        const req = httpRequest({
          host: '127.0.0.1', port, method: 'POST', path: '/api/attachments',
          headers: { Authorization: as.a(), 'Idempotency-Key': newKey(), 'Content-Type': 'multipart/form-data; boundary=x', 'Content-Length': String(20 * 1024 * 1024) },
        });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (c) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
        });
        req.on('error', reject);
        req.flushHeaders();
      });
      expect(answer.status).toBe(413);
      expect(answer.connection).toBe('close');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'FILE_TOO_LARGE', message: expect.stringMatching(/^文件太大：最大 10 MB/) });
      // Sent whole (streamed, no declared length), the same file is stopped at the 10 MB + 1st byte.
      const r = await upload(as.a(), Buffer.alloc(12 * 1024 * 1024, 0xff));
      expect(r.status).toBe(413);
      expect(r.body.code).toBe('FILE_TOO_LARGE');
    });

    it('no file, no Idempotency-Key, or a claimId field: 400 naming the problem', async () => {
      const none = await upload(as.a(), null, { fields: { documentId: 'invoice' } }).expect(400);
      expect(none.body.errors).toEqual([{ field: 'file', message: '请选择要上传的照片或 PDF 文件' }]);
      const noKey = await upload(as.a(), await image('jpeg'), { key: null }).expect(400);
      expect(noKey.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
      const claim = await upload(as.a(), await image('jpeg'), { fields: { claimId: '1' } }).expect(400);
      expect(claim.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'claimId', message: '不认识这个字段，请勿提交' }] });
      const badDoc = await upload(as.a(), await image('jpeg'), { fields: { documentId: '../../etc' } }).expect(400);
      expect(badDoc.body.errors[0].field).toBe('documentId');
    });
  });

  // ------------------------------------------------------------------ accepted uploads

  it('cleans a photo: upright, no EXIF/GPS in what is stored and served; encrypted on disk; thumbnail served', async () => {
    const original = await jpegWithGps();
    const r = await upload(as.a(), original, { name: 'IMG_20250512.jpg', fields: { documentId: 'invoice' } }).expect(201);
    expect(r.body).toMatchObject({
      personId: w.a.id, mime: 'image/jpeg', width: 200, height: 400, claimId: null, documentId: 'invoice',
      contentUrl: `/api/attachments/${r.body.id}/content`, thumbnailUrl: `/api/attachments/${r.body.id}/thumbnail`,
    });
    expect(r.body.invoice).toBeUndefined();

    const content = await http().get(r.body.contentUrl).set('Authorization', as.a()).responseType('blob').expect(200);
    expect(content.headers['content-type']).toBe('image/jpeg');
    expect(content.headers['cache-control']).toBe('private, no-store');
    expect(content.headers['x-content-type-options']).toBe('nosniff');
    const served = content.body as Buffer;
    expect(served.length).toBe(r.body.byteSize);
    expect(require('node:crypto').createHash('sha256').update(served).digest('hex')).toBe(r.body.sha256);
    const meta = await sharp(served).metadata();
    expect(meta).toMatchObject({ format: 'jpeg', width: 200, height: 400 });
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(served.includes(Buffer.from('HuiminTestCam'))).toBe(false);
    const { data } = await sharp(served).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200); // red on top: turned as the camera said

    const row = await t.dataSource.getRepository(Attachment).findOneByOrFail({ id: r.body.id });
    const onDisk = readFileSync(join(uploadsDir, row.storageKey));
    expect(onDisk.subarray(0, 4).toString('latin1')).toBe('HMF1');
    expect(onDisk.includes(served.subarray(0, 64))).toBe(false);
    expect(onDisk.includes(served.subarray(served.length - 64))).toBe(false);
    expect(statSync(join(uploadsDir, row.storageKey)).mode & 0o777).toBe(0o600);

    const thumb = await http().get(r.body.thumbnailUrl).set('Authorization', as.a()).responseType('blob').expect(200);
    expect(thumb.headers['content-type']).toBe('image/jpeg');
    expect(thumb.headers['cache-control']).toBe('private, no-store');
    expect(await sharp(thumb.body as Buffer).metadata()).toMatchObject({ format: 'jpeg', width: 200 });
    expect(readFileSync(join(uploadsDir, row.thumbKey!)).includes((thumb.body as Buffer).subarray(0, 64))).toBe(false);
  });

  it('turns a PNG into a JPEG, and keeps a PDF as it is (no thumbnail)', async () => {
    const png = await upload(as.a(), await image('png', 640, 480, true), { name: 'screenshot.png', type: 'image/png' }).expect(201);
    expect(png.body).toMatchObject({ mime: 'image/jpeg', width: 640, height: 480 });
    const served = await http().get(png.body.contentUrl).set('Authorization', as.a()).responseType('blob').expect(200);
    expect((await sharp(served.body as Buffer).metadata()).format).toBe('jpeg');

    const file = pdf();
    const p = await upload(as.a(), file, { name: '电子票据.pdf', type: 'application/octet-stream' }).expect(201);
    expect(p.body).toMatchObject({ mime: 'application/pdf', byteSize: file.length, width: null, height: null, thumbnailUrl: null });
    const got = await http().get(p.body.contentUrl).set('Authorization', as.a()).responseType('blob').expect(200);
    expect(got.headers['content-type']).toBe('application/pdf');
    expect(got.headers['content-security-policy']).toMatch(/sandbox/);
    expect((got.body as Buffer).equals(file)).toBe(true);
    await http().get(`/api/attachments/${p.body.id}/thumbnail`).set('Authorization', as.a()).expect(404);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const head = Buffer.from('%PDF-1.7\n%');
    const tail = Buffer.from('\n%%EOF\n');
    const file = Buffer.concat([head, Buffer.alloc(MAX - head.length - tail.length, 0x20), tail]);
    expect(file.length).toBe(MAX);
    const r = await upload(as.a(), file, { name: 'big.pdf', type: 'application/pdf' }).expect(201);
    expect(r.body.byteSize).toBe(MAX);
  });

  it('is idempotent: the same key twice gives one row and the same answer; the same key with another file is refused', async () => {
    const key = newKey();
    const file = await image('webp', 500, 400);
    const rowsBefore = await count();
    const first = await upload(as.a(), file, { key, name: 'a.webp', type: 'image/webp' }).expect(201);
    const again = await upload(as.a(), file, { key, name: 'renamed.webp', type: 'image/webp' }).expect(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expect(await count()).toBe(rowsBefore + 1);
    const other = await upload(as.a(), await image('webp', 501, 400), { key, type: 'image/webp' }).expect(422);
    expect(other.body).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', message: expect.stringMatching(/防重复编号/) });
    expect(await count()).toBe(rowsBefore + 1);
    expect(storedFiles()).toEqual(await expectedFiles()); // the replays' files were not kept
  });

  // ------------------------------------------------------------------ who

  describe('who may upload, see and read', () => {
    let id: number;
    beforeAll(async () => {
      id = (await upload(as.a(), await image('jpeg', 300, 300)).expect(201)).body.id;
    });

    it('answers 401 to anyone not signed in, on every route', async () => {
      await upload(null, await image('jpeg')).expect(401);
      for (const p of [`/api/attachments/${id}`, `/api/attachments/${id}/content`, `/api/attachments/${id}/thumbnail`]) await http().get(p).expect(401);
      await http().delete(`/api/attachments/${id}`).expect(401);
    });

    it('answers 404 to other beneficiaries and to caseworkers of another district, as if it did not exist', async () => {
      for (const auth of [as.b(), as.c(), as.cwZezhou()]) {
        for (const p of [`/api/attachments/${id}`, `/api/attachments/${id}/content`, `/api/attachments/${id}/thumbnail`]) {
          const r = await http().get(p).set('Authorization', auth).expect(404);
          expect(r.body).toMatchObject({ code: 'NOT_FOUND', message: '没有找到' });
        }
        await http().delete(`/api/attachments/${id}`).set('Authorization', auth).expect(404);
      }
      const missing = await http().get('/api/attachments/99999999').set('Authorization', as.admin()).expect(404);
      expect(missing.body.code).toBe('NOT_FOUND');
      await http().get('/api/attachments/abc').set('Authorization', as.admin()).expect(404);
      await http().get(`/api/attachments/${id}`).set('Authorization', as.finance()).expect(403);
    });

    it('lets the caseworker and adjuster of the district and admins read it, each read audited (who, whose, which)', async () => {
      const audits = t.dataSource.getRepository(AuditEvent);
      for (const [auth, userId] of [[as.cwGaoping(), w.users.cwGaoping], [as.adjuster(), w.users.adjuster], [as.admin(), w.users.admin]] as const) {
        const before = await audits.countBy({ entity: 'attachment', entityId: String(id), actorUserId: userId });
        const meta = await http().get(`/api/attachments/${id}`).set('Authorization', auth).expect(200);
        expect(meta.body).toMatchObject({ id, personId: w.a.id });
        await http().get(`/api/attachments/${id}/content`).set('Authorization', auth).expect(200);
        await http().get(`/api/attachments/${id}/thumbnail`).set('Authorization', auth).expect(200);
        const events = await audits.find({ where: { entity: 'attachment', entityId: String(id), actorUserId: userId }, order: { id: 'ASC' } });
        expect(events.length - before).toBe(2);
        expect(events.slice(-2).map((e) => [e.action, e.detail])).toEqual([
          ['attachment.view_content', { personId: w.a.id }],
          ['attachment.view_thumbnail', { personId: w.a.id }],
        ]);
      }
    });

    it('lets a proxy read and upload for the person with X-Act-For (audited on their behalf), and not without it', async () => {
      await http().get(`/api/attachments/${id}/content`).set('Authorization', as.b()).expect(404);
      await http().get(`/api/attachments/${id}/content`).set('Authorization', as.b()).set('X-Act-For', String(w.a.id)).expect(200);
      const ev = await t.dataSource.getRepository(AuditEvent).findOneOrFail({ where: { action: 'attachment.view_content', actorUserId: u.b }, order: { id: 'DESC' } });
      expect(ev).toMatchObject({ onBehalfOfPersonId: w.a.id, entityId: String(id) });
      expect(ev.detail).toMatchObject({ personId: w.a.id });

      const up = await upload(as.b(), await image('jpeg'), { actFor: w.a.id }).expect(201);
      expect(up.body.personId).toBe(w.a.id);
      // C holds no grant from A: X-Act-For is refused by the guard.
      await upload(as.c(), await image('jpeg'), { actFor: w.a.id }).expect(404);
    });

    it('uploads for the right person: beneficiaries only for themself, staff for people they serve', async () => {
      await upload(as.a(), await image('jpeg'), { fields: { personId: String(w.c.id) } }).expect(404);
      const own = await upload(as.a(), await image('jpeg'), { fields: { personId: String(w.a.id) } }).expect(201);
      expect(own.body.personId).toBe(w.a.id);
      const cw = await upload(as.cwGaoping(), await image('jpeg'), { fields: { personId: String(w.b.id) } }).expect(201);
      expect(cw.body.personId).toBe(w.b.id);
      await upload(as.cwGaoping(), await image('jpeg'), { fields: { personId: String(w.c.id) } }).expect(404);
      await upload(as.cwGaoping(), await image('jpeg'), { fields: { personId: '99999999' } }).expect(404);
      const none = await upload(as.cwGaoping(), await image('jpeg')).expect(400);
      expect(none.body.errors).toEqual([{ field: 'personId', message: '请选择为哪位参保人上传' }]);
      await upload(as.admin(), await image('jpeg'), { fields: { personId: String(w.c.id) } }).expect(201);
      await upload(as.adjuster(), await image('jpeg'), { fields: { personId: String(w.a.id) } }).expect(403);
      await upload(as.finance(), await image('jpeg'), { fields: { personId: String(w.a.id) } }).expect(403);
    });
  });

  // ------------------------------------------------------------------ delete

  /** A bare claim row for the person (the claims module's own tests go through its routes). */
  async function claimOf(personId: number, districtId: number): Promise<number> {
    const r = await t.dataSource.getRepository(Claim).insert({
      personId, districtId, schemeId: 'jc-fpzhbx', versionId: 'jc-2026', benefitId: 'inpatient', insuranceYear: 2026, incidentDate: '2026-02-01',
      description: '测试', facts: '{}', state: 'reported', source: 'beneficiary', reportedByUserId: u.a,
    });
    return r.identifiers[0].id as number;
  }

  it('deletes for the uploader only, only while no claim uses it; the files go too', async () => {
    const mine = (await upload(as.a(), await image('jpeg')).expect(201)).body;
    const row = await t.dataSource.getRepository(Attachment).findOneByOrFail({ id: mine.id });
    expect(existsSync(join(uploadsDir, row.storageKey))).toBe(true);

    const notUploader = await http().delete(`/api/attachments/${mine.id}`).set('Authorization', as.cwGaoping()).expect(403);
    expect(notUploader.body).toMatchObject({ code: 'NOT_UPLOADER', message: '只能删除自己上传的材料' });
    await http().delete(`/api/attachments/${mine.id}`).set('Authorization', as.a()).expect(204);
    await http().get(`/api/attachments/${mine.id}`).set('Authorization', as.a()).expect(404);
    expect(existsSync(join(uploadsDir, row.storageKey))).toBe(false);
    expect(existsSync(join(uploadsDir, row.thumbKey!))).toBe(false);
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'attachment.delete', entityId: String(mine.id), actorUserId: u.a })).toBe(1);
    await http().delete(`/api/attachments/${mine.id}`).set('Authorization', as.a()).expect(404);

    const used = (await upload(as.a(), await image('jpeg')).expect(201)).body;
    const usedBy = await claimOf(w.a.id, w.gaoping.id);
    await t.dataSource.transaction((m) => t.app.get(AttachmentsService).assignToClaim(m, [used.id], usedBy, w.a.id));
    const r = await http().delete(`/api/attachments/${used.id}`).set('Authorization', as.a()).expect(409);
    expect(r.body).toMatchObject({ code: 'ATTACHMENT_IN_USE', message: '这份材料已用于理赔申请，不能删除' });
  });

  // ------------------------------------------------------------------ for the claims module

  it('assignToClaim puts only the person\'s free attachments into a claim; listForClaim lists them', async () => {
    const svc = t.app.get(AttachmentsService);
    const a1 = (await upload(as.a(), await image('jpeg')).expect(201)).body.id as number;
    const a2 = (await upload(as.a(), pdf(), { type: 'application/pdf' }).expect(201)).body.id as number;
    const c1 = (await upload(as.c(), await image('jpeg')).expect(201)).body.id as number;
    const [k1, k2] = [await claimOf(w.a.id, w.gaoping.id), await claimOf(w.a.id, w.gaoping.id)];

    const assigned = await t.dataSource.transaction((m) => svc.assignToClaim(m, [a1, a2, a1], k1, w.a.id, 'invoice'));
    expect(assigned.map((x) => [x.id, x.claimId, x.documentId])).toEqual([[a1, k1, 'invoice'], [a2, k1, 'invoice']]);
    // again into the same claim: fine (a retried claim submission)
    await t.dataSource.transaction((m) => svc.assignToClaim(m, [a1], k1, w.a.id));
    expect((await svc.listForClaim(k1)).map((v) => [v.id, v.claimId, v.documentId])).toEqual([[a1, k1, 'invoice'], [a2, k1, 'invoice']]);

    const a3 = (await upload(as.a(), await image('jpeg')).expect(201)).body.id as number;
    // a1 is in claim k1, c1 is C's, 99999999 does not exist: the same error for each, and nothing changes (a3 included).
    for (const bad of [[a3, a1], [a3, c1], [a3, 99999999]]) {
      const err = await t.dataSource.transaction((m) => svc.assignToClaim(m, bad, k2, w.a.id)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AttachmentsNotAssignableError);
      expect((err as AttachmentsNotAssignableError).attachmentIds).toEqual([bad[1]]);
      expect((err as AttachmentsNotAssignableError).getStatus()).toBe(422);
    }
    expect(await svc.listForClaim(k2)).toEqual([]);
    expect((await t.dataSource.getRepository(Attachment).findOneByOrFail({ id: a3 })).claimId).toBeNull();
    expect(await t.dataSource.transaction((m) => svc.assignToClaim(m, [], k2, w.a.id))).toEqual([]);
  });

  // ------------------------------------------------------------------ QR pre-fill

  it('pre-fills invoice fields from the QR code of an e-invoice photo, and omits them when there is none', async () => {
    const text = '01,32,,25502000000012345678,356.80,20250512,,A1B2';
    const qr = await QRCode.toBuffer(text, { type: 'png', margin: 2, width: 260 });
    const photo = await sharp({ create: { width: 1200, height: 1600, channels: 3, background: '#f4f1ea' } })
      .composite([{ input: qr, left: 880, top: 80 }])
      .jpeg({ quality: 88 })
      .toBuffer();
    const r = await upload(as.a(), photo, { fields: { documentId: 'invoice' } }).expect(201);
    expect(r.body.invoice).toEqual({ code: null, number: '25502000000012345678', amount: '356.80', date: '2025-05-12', checkCode: null });
    const again = await http().get(`/api/attachments/${r.body.id}`).set('Authorization', as.a()).expect(200);
    expect(again.body.invoice).toEqual(r.body.invoice);

    const plainQr = await QRCode.toBuffer('https://weixin.qq.com/r/not-an-invoice', { type: 'png', margin: 2, width: 260 });
    const other = await sharp({ create: { width: 900, height: 1200, channels: 3, background: '#ffffff' } }).composite([{ input: plainQr, left: 100, top: 100 }]).png().toBuffer();
    const r2 = await upload(as.a(), other, { type: 'image/png' }).expect(201);
    expect(r2.body).not.toHaveProperty('invoice');
  });

  it('deletes uploads no claim took within UPLOAD_ORPHAN_DAYS (30): rows, files and one audit event; used and recent ones stay', async () => {
    const repo = t.dataSource.getRepository(Attachment);
    const old = (await upload(as.a(), await image('jpeg')).expect(201)).body.id as number;
    const oldPdf = (await upload(as.c(), pdf(), { type: 'application/pdf' }).expect(201)).body.id as number;
    const recent = (await upload(as.a(), await image('jpeg')).expect(201)).body.id as number;
    const usedOld = (await upload(as.a(), await image('jpeg')).expect(201)).body.id as number;
    const claim = await claimOf(w.a.id, w.gaoping.id);
    await t.dataSource.transaction((m) => t.app.get(AttachmentsService).assignToClaim(m, [usedOld], claim, w.a.id));
    const day = 24 * 3600 * 1000;
    const backdate = (ids: number[], days: number) =>
      t.dataSource.createQueryBuilder().update(Attachment).set({ createdAt: new Date(Date.now() - days * day) }).where('id IN (:...ids)', { ids }).execute();
    await backdate([old, oldPdf, usedOld], 31);
    await backdate([recent], 29);
    const rows = await repo.findBy({ id: In([old, oldPdf]) });
    const keys = rows.flatMap((r) => [r.storageKey, r.thumbKey].filter((k): k is string => !!k));
    expect(keys.length).toBe(3); // the photo's content and thumbnail, the PDF's content
    for (const k of keys) expect(existsSync(join(uploadsDir, k))).toBe(true);

    const result = await t.app.get(AttachmentSweeper).sweep();
    expect(result).toEqual({ deleted: 2, fileErrors: 0, strayFiles: 0 });
    expect((await repo.findBy({ id: In([old, oldPdf, recent, usedOld]) })).map((r) => r.id).sort((x, y) => x - y)).toEqual([recent, usedOld]);
    for (const k of keys) expect(existsSync(join(uploadsDir, k))).toBe(false);
    await http().get(`/api/attachments/${old}`).set('Authorization', as.a()).expect(404);
    const audits = await t.dataSource.getRepository(AuditEvent).findBy({ action: 'attachment.expire' });
    expect(audits).toHaveLength(1);
    expect(audits[0].actorUserId).toBeNull();
    const detail = typeof audits[0].detail === 'string' ? JSON.parse(audits[0].detail) : audits[0].detail;
    expect(detail).toMatchObject({ ids: [old, oldPdf], olderThanDays: 30 });
    // Nothing left to do: a second sweep deletes nothing and records nothing.
    expect(await t.app.get(AttachmentSweeper).sweep()).toEqual({ deleted: 0, fileErrors: 0, strayFiles: 0 });
    expect(await t.dataSource.getRepository(AuditEvent).countBy({ action: 'attachment.expire' })).toBe(1);
  });

  it('deletes stored files no row points at after STRAY_FILE_HOURS (a crash between file and row): not newer ones, not files rows use, not names outside the key scheme', async () => {
    const hours = (h: number) => new Date(Date.now() - h * 3600 * 1000);
    const plant = (rel: string, age: Date) => {
      const p = join(uploadsDir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, randomBytes(64));
      utimesSync(p, age, age);
      return rel;
    };
    const strayOld = plant(newStorageKey('.bin'), hours(STRAY_FILE_HOURS + 1));
    const tmpOld = plant(`${newStorageKey('.bin')}.tmp-0a1b2c3d4e5f`, hours(STRAY_FILE_HOURS + 30));
    const strayNew = plant(newStorageKey('.bin'), hours(STRAY_FILE_HOURS - 1));
    const notAKey = plant('ab/README.TXT', hours(1000));
    // A file a row points at, however old, stays: make every recorded file old.
    const recorded = await expectedFiles();
    expect(recorded.length).toBeGreaterThan(0);
    for (const k of recorded) utimesSync(join(uploadsDir, k), hours(1000), hours(1000));

    const result = await t.app.get(AttachmentSweeper).sweep();
    expect(result).toEqual({ deleted: 0, fileErrors: 0, strayFiles: 2 });
    expect(existsSync(join(uploadsDir, strayOld))).toBe(false);
    expect(existsSync(join(uploadsDir, tmpOld))).toBe(false);
    expect(existsSync(join(uploadsDir, strayNew))).toBe(true);
    expect(existsSync(join(uploadsDir, notAKey))).toBe(true);
    for (const k of recorded) expect(existsSync(join(uploadsDir, k))).toBe(true);
    const audits = await t.dataSource.getRepository(AuditEvent).findBy({ action: 'attachment.stray_files' });
    expect(audits).toHaveLength(1);
    const detail = typeof audits[0].detail === 'string' ? JSON.parse(audits[0].detail) : audits[0].detail;
    expect(detail).toEqual({ files: 2, olderThanHours: STRAY_FILE_HOURS });
    // Every recorded attachment still reads.
    for (const a of await t.dataSource.getRepository(Attachment).find({ where: { personId: w.a.id } })) {
      await http().get(`/api/attachments/${a.id}/content`).set('Authorization', as.a()).expect(200);
    }
    expect(await t.app.get(AttachmentSweeper).sweep()).toEqual({ deleted: 0, fileErrors: 0, strayFiles: 0 });
    rmSync(join(uploadsDir, strayNew));
    rmSync(join(uploadsDir, notAKey));
  });

  it('leaves no file on disk that no row points at', async () => {
    expect(storedFiles()).toEqual(await expectedFiles());
  });
});
