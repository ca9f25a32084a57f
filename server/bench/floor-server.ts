/**
 * The FLOOR server of coverage.bench.ts and claims.bench.ts (option FLOOR=1): the same database work as the
 * app's endpoint, without the framework. Plain node:http, a mysql2 (callback) pool with the app's options
 * (connectionLimit 10, TCP, utf8mb4_unicode_ci, +08:00, DATE as strings, big numbers as strings, trace off,
 * multipleStatements), no NestJS, no Fastify, no TypeORM, no validation. Not product code: a measuring stick.
 *
 * Routes (Sends { port } to the parent when listening):
 *  GET  /floor/bare        {"ok":true}, no auth, no database.
 *  GET  /floor/select1     `SELECT 1` through the pool (prepared, execute), a small JSON; no auth.
 *  GET  /floor/coverage-rows  the coverage request below up to the session check, then a small JSON instead of
 *                          the body (what the statement and its rows cost without building and sending the body).
 *  GET  /api/me/coverage   Bearer JWT verified with node:crypto HMAC-SHA256 (verified tokens cached in a Map
 *                          of 50,000, oldest out, as TokenService does), then the app's own COVERAGE_SQL with its
 *                          session arm and the same parameters (prepared, execute), the session row checked
 *                          (present, not revoked, not expired, user active), rows grouped into person +
 *                          enrolments + benefits with usage; the scheme-only parts of each benefit (the app's
 *                          toLimits/toDocuments) serialised to JSON once per benefit, only usage serialised per request. 401 / 403 / 404
 *                          as the app answers them. Not done: the app's error mapping, logging, DTO classes, the
 *                          proxy (acting-for) path.
 *  GET  /floor/coverage-doc  The cheapest data design a coverage request could have and still read the database:
 *                          Bearer JWT as above, then ONE prepared statement reading, by primary keys, the caller's
 *                          pre-built coverage body (floor_coverage_doc: person_id → the app's own JSON for that
 *                          person, filled by the bench before the runs) joined with the session row, the session
 *                          checked as above, the body sent as stored. Keeping such rows current on every roster,
 *                          ledger and reference change is not done (nor measured): only what reading it costs.
 *  POST /api/claims        Body JSON parsed (no validation), Bearer JWT as above, then the statements of one
 *                          report in the app's round-trip grouping (see the claims bench's trace):
 *                            1. the session check (prepared, execute);
 *                            2. idempotency check + person + usage + earlier claims, one multi-statement query
 *                               (a replay answers the stored body);
 *                            3. START TRANSACTION;  4. INSERT claim … RETURNING;
 *                            5. UPDATE claim_no + INSERT claim_document (multi-row) + INSERT claim_event RETURNING
 *                               + INSERT audit_event RETURNING;  6. INSERT idempotency_record + COMMIT.
 *                          The rules engine is NOT run: the claim's estimate JSON, document checklist and reply
 *                          body are the app's own, taken from a claim the app wrote (templates sent by the bench
 *                          over IPC), so the bytes written and sent are the app's. The app's post-commit event bus
 *                          reads (batched, ~0.3 statement a claim) are not done.
 *  POST /floor/two-trips   The same rows as /api/claims in two round trips (reads; then the whole transaction in one
 *                          multi-statement query, the claim id in a user variable). Not what the app does: it shows
 *                          what the round trips cost beside the statements' own work.
 *  POST /floor/min-tx      The minimal durable transaction: Bearer JWT as above, then ONE round trip
 *                          `START TRANSACTION; INSERT INTO floor_claim (…claim's report columns…) VALUES (…); COMMIT`
 *                          (floor_claim: CREATE TABLE … LIKE claim, made by the bench), a small JSON reply.
 */
import http from 'node:http';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import { getScheme, versionForYear, type BenefitDef, type SchemeDefinition } from '@huimin/shared';
import { COVERAGE_SQL } from '../src/coverage/coverage.service';
import { toDocuments, toLimits } from '../src/schemes/scheme.mapper';
import { CLAIM_COLUMNS, claimRow, floorRequest, idOfTwoTrips, READS_SQL, readsParams, SESSION_SQL, twoTripsTransaction, type ClaimTemplate, type Report } from './floor-sql';

export type { ClaimTemplate } from './floor-sql';

const TODAY = process.env.HUIMIN_TODAY ?? new Date().toISOString().slice(0, 10);
const SECRET = Buffer.from(process.env.JWT_SECRET ?? '', 'utf8');
const url = new URL(process.env.DATABASE_URL ?? '');

const pool: Pool = createPool({
  host: url.hostname,
  port: Number(url.port || 3306),
  user: decodeURIComponent(url.username),
  password: decodeURIComponent(url.password),
  database: url.pathname.slice(1),
  connectionLimit: Number(process.env.FLOOR_POOL ?? 10),
  charset: 'utf8mb4_unicode_ci',
  timezone: '+08:00',
  dateStrings: ['DATE'],
  supportBigNumbers: true,
  bigNumberStrings: true,
  multipleStatements: true,
  trace: false,
} as Parameters<typeof createPool>[0]);

// ------------------------------------------------------------------ auth

interface Caller {
  sub: number;
  role: string;
  pid: number | null;
  sid: string;
  expMs: number;
}
const verified = new Map<string, Caller>();
const revoked = new Set<string>();

/** The caller of a Bearer header (HS256, signature and exp checked, cached by token text), or null. */
function caller(header: string | undefined): Caller | null {
  if (!header || !header.startsWith('Bearer ')) return null;
  const token = header.slice(7);
  const hit = verified.get(token);
  if (hit) return Date.now() < hit.expMs ? hit : null;
  const dot1 = token.indexOf('.');
  const dot2 = token.lastIndexOf('.');
  if (dot1 < 0 || dot2 <= dot1) return null;
  const want = createHmac('sha256', SECRET).update(token.slice(0, dot2)).digest();
  const got = Buffer.from(token.slice(dot2 + 1), 'base64url');
  if (got.length !== want.length || !timingSafeEqual(got, want)) return null;
  try {
    const head = JSON.parse(Buffer.from(token.slice(0, dot1), 'base64url').toString('utf8')) as { alg?: string };
    if (head.alg !== 'HS256') return null;
    const p = JSON.parse(Buffer.from(token.slice(dot1 + 1, dot2), 'base64url').toString('utf8')) as { sub: number; role: string; pid?: number | null; sid: string; exp?: number };
    if (typeof p.exp !== 'number' || p.exp * 1000 <= Date.now()) return null;
    const c: Caller = { sub: p.sub, role: p.role, pid: p.pid ?? null, sid: p.sid, expMs: p.exp * 1000 };
    if (verified.size >= 50_000) verified.delete(verified.keys().next().value!);
    verified.set(token, c);
    return c;
  } catch {
    return null;
  }
}

/** The session row of the caller is live (as DbSessionCheck.isActiveRow decides). */
function sessionLive(sid: string, s: { revokedAt: unknown; expiresAt: Date | string | null; active: unknown } | undefined): boolean {
  if (typeof sid !== 'string' || sid.length !== 36 || revoked.has(sid) || !s) return false;
  if (s.revokedAt != null) {
    revoked.add(sid);
    return false;
  }
  const exp = s.expiresAt instanceof Date ? s.expiresAt.getTime() : Date.parse(String(s.expiresAt));
  return exp > Date.now() && s.active != null && Number(s.active) === 1;
}

// ------------------------------------------------------------------ replies

function send(res: http.ServerResponse, status: number, body: string, extra?: Record<string, string>): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), ...extra });
  res.end(body);
}
const fail = (res: http.ServerResponse, status: number, code: string) => send(res, status, `{"statusCode":${status},"code":"${code}"}`);

// ------------------------------------------------------------------ coverage

interface Row {
  k: 'e' | 'u' | 's';
  [c: string]: unknown;
}

/** The scheme-only part of an enrolment's item and of each of its benefits, built once (the app caches the same). */
interface StaticVersion {
  scheme: SchemeDefinition;
  versionId: string;
  year: { id: string; from: string; to: string };
  /** each benefit's JSON before and after its `usage` (serialised once: only usage changes per request) */
  benefits: { b: BenefitDef; pre: string; post: string; cap: number | null; deductible: number | null }[];
}
const statics = new Map<string, StaticVersion | null>();
function staticVersion(schemeId: string, year: string): StaticVersion | null {
  const key = `${schemeId}|${year}`;
  let v = statics.get(key);
  if (v === undefined) {
    try {
      const scheme = getScheme(schemeId);
      const version = versionForYear(scheme, year);
      const iy = version.insuranceYears.find((y) => y.id === year)!;
      v = {
        scheme,
        versionId: version.id,
        year: { id: iy.id, from: iy.from, to: iy.to },
        benefits: version.benefits.map((b) => {
          const f = b.formula;
          return {
            b,
            pre: `${JSON.stringify({ id: b.id, name: b.name, group: b.group, summary: b.summary, unit: b.unit, limits: toLimits(scheme, b) }).slice(0, -1)},"usage":`,
            post: `,"documents":${JSON.stringify(toDocuments(b))}}`,
            cap: b.annualCap ? Number(b.annualCap.amount) : null,
            deductible: f.kind === 'reimbursement' && f.deductible && f.accumulation === 'year' ? Number(f.deductible.amount) : null,
          };
        }),
      };
    } catch {
      v = null;
    }
    statics.set(key, v);
  }
  return v;
}

const yearBefore = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4) === '-02-29' ? '-02-28' : d.slice(4)}`;
const FROM = yearBefore(TODAY);
const FROM_YEAR = Number(FROM.slice(0, 4)) - 1;
const money = (n: number) => n.toFixed(2);

function maskName(name: string): string {
  return name.length <= 1 ? name : `${name[0]}${'*'.repeat(name.length - 1)}`;
}
function age(birth: string): number {
  let a = Number(TODAY.slice(0, 4)) - Number(birth.slice(0, 4));
  if (TODAY.slice(5) < birth.slice(5)) a--;
  return a;
}

function coverage(req: http.IncomingMessage, res: http.ServerResponse, rowsOnly = false): void {
  const c = caller(req.headers.authorization);
  if (!c) return fail(res, 401, 'UNAUTHENTICATED');
  if (c.role !== 'beneficiary' || c.pid == null) return fail(res, 403, 'FORBIDDEN');
  const pid = c.pid;
  pool.execute(COVERAGE_SQL, [TODAY, FROM, pid, pid, FROM_YEAR, typeof c.sid === 'string' ? c.sid : null], (err, result) => {
    if (err) return fail(res, 500, 'DB');
    const rows = result as Row[];
    let person: Row | undefined;
    let session: Row | undefined;
    const usage = new Map<string, Row>();
    const enrolments: Row[] = [];
    for (const r of rows) {
      if (r.k === 's') session = r;
      else if (r.k === 'u') usage.set(`${r.uSubjectKey}|${r.uSchemeId}|${r.uBenefitCode}|${r.uYear}`, r);
      else {
        person ??= r;
        if (r.eId != null) enrolments.push(r);
      }
    }
    if (!sessionLive(c.sid, session && { revokedAt: session.sRevokedAt, expiresAt: session.sExpiresAt as Date, active: session.sActive })) return fail(res, 401, 'UNAUTHENTICATED');
    if (!person) return fail(res, 404, 'NOT_FOUND');
    if (rowsOnly) return send(res, 200, `{"ok":true,"rows":${rows.length}}`);
    enrolments.sort((a, b) => (a.eCoverEnd === b.eCoverEnd ? Number(a.eId) - Number(b.eId) : String(a.eCoverEnd) < String(b.eCoverEnd) ? 1 : -1));
    const district = { id: Number(person.districtId), name: person.districtName, city: person.city, county: person.county };
    const householdId = person.householdId == null ? null : Number(person.householdId);
    const items: string[] = [];
    const ended: string[] = [];
    for (const e of enrolments) {
      const year = String(e.eInsuranceYear);
      const sv = staticVersion(String(e.eSchemeId), year);
      if (!sv) continue;
      const isEnded = String(e.eCoverEnd) < TODAY;
      const hotline = (e.eHotline as string | null) ?? null;
      const item = {
        enrolmentId: Number(e.eId),
        status: isEnded ? 'ended' : 'active',
        statusLabel: isEnded ? '已结束' : '保障中',
        ...(isEnded ? { note: `保障已于 ${e.eCoverEnd} 结束；保障期内发生的事故仍可报案理赔` } : {}),
        schemeId: sv.scheme.id,
        schemeName: sv.scheme.name,
        schemeShortName: sv.scheme.shortName,
        versionId: sv.versionId,
        insuranceYear: sv.year.id,
        insuranceYearFrom: sv.year.from,
        insuranceYearTo: sv.year.to,
        coverStart: e.eCoverStart,
        coverEnd: e.eCoverEnd,
        insurer: { name: e.eInsurerName, hotline, telLink: hotline ? `tel:${hotline.replace(/[^0-9+]/g, '')}` : null },
        district,
      };
      const benefits = sv.benefits.map((x) => {
          const household = x.b.unit === 'household' && householdId != null;
          const subject = household ? `h:${householdId}` : `p:${pid}`;
          const u = usage.get(`${subject}|${sv.scheme.id}|${x.b.id}|${year}`);
          const baseUsed = u ? Number(u.uBaseUsed) : 0;
          const paid = u ? Number(u.uPaid) : 0;
          const out: Record<string, unknown> = { insuranceYear: sv.year.id, ledger: household ? 'household' : 'person', baseUsed: money(baseUsed), paid: money(paid) };
          if (x.cap != null) out.annualCap = { amount: money(x.cap), used: money(paid), left: money(Math.max(0, x.cap - paid)) };
          if (x.deductible != null) {
            const met = Math.min(x.deductible, baseUsed);
            out.deductible = { amount: money(x.deductible), met: money(met), left: money(x.deductible - met) };
          }
          return x.pre + JSON.stringify(out) + x.post;
      });
      (isEnded ? ended : items).push(`${JSON.stringify(item).slice(0, -1)},"benefits":[${benefits.join(',')}]}`);
    }
    const head = {
      today: TODAY,
      person: {
        id: Number(person.id),
        name: maskName(String(person.name)),
        idNumberMasked: person.idNumberMasked,
        phoneMasked: person.phoneMasked ?? null,
        age: age(String(person.birthDate)),
        district,
      },
    };
    send(res, 200, `${JSON.stringify(head).slice(0, -1)},"enrolments":[${[...items, ...ended].join(',')}]}`);
  });
}

// ------------------------------------------------------------------ claims

/** Per scheme, what the app wrote for one report (sent by the bench): the bytes the floor writes and sends. */
let templates: Record<string, ClaimTemplate> = {};

const CLAIM_SQL = `INSERT INTO \`claim\` ${CLAIM_COLUMNS} RETURNING \`id\` AS \`id\`, \`version\` AS \`version\`, \`created_at\` AS \`createdAt\`, \`updated_at\` AS \`updatedAt\``;
const MIN_SQL = `START TRANSACTION; INSERT INTO \`floor_claim\` ${CLAIM_COLUMNS}; COMMIT`;
const EVENT_SQL =
  'INSERT INTO `claim_event` (`claim_id`, `district_id`, `person_id`, `type`, `action`, `label`, `from_state`, `to_state`, `actor_user_id`, `actor_role`, `on_behalf_of_person_id`, `reason`, `amount`) ' +
  'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING `id` AS `id`, `created_at` AS `createdAt`';
const AUDIT_SQL = 'INSERT INTO `audit_event` (`actor_user_id`, `on_behalf_of_person_id`, `action`, `entity`, `entity_id`, `detail`) VALUES (?, ?, ?, ?, ?, ?) RETURNING `id` AS `id`, `at` AS `at`';
const IDEM_SQL = 'INSERT INTO `idempotency_record` (user_id, scope, idem_key, request_hash, response_status, response_body) VALUES (?, ?, ?, ?, ?, ?); COMMIT';

function readBody(req: http.IncomingMessage, then: (text: string) => void): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => then(Buffer.concat(chunks).toString('utf8')));
}

/** Promise face of the callback API (one allocation a statement; the app's TypeORM path has several). */
const q = (conn: Pool | PoolConnection, sql: string, params: unknown[] = []) =>
  new Promise<unknown>((resolve, reject) => conn.query(sql, params as never, (err, r) => (err ? reject(err) : resolve(r))));
const ex = (sql: string, params: unknown[]) => new Promise<unknown>((resolve, reject) => pool.execute(sql, params as never, (err, r) => (err ? reject(err) : resolve(r))));
const conn = () => new Promise<PoolConnection>((resolve, reject) => pool.getConnection((err, c) => (err ? reject(err) : resolve(c))));

/** What both report routes check first: the caller, the key, the body and its scheme's template; null once an error is sent. */
function reportStart(req: http.IncomingMessage, res: http.ServerResponse, text: string) {
  const c = caller(req.headers.authorization);
  if (!c) {
    fail(res, 401, 'UNAUTHENTICATED');
    return null;
  }
  if (c.role !== 'beneficiary' || c.pid == null) {
    fail(res, 403, 'FORBIDDEN');
    return null;
  }
  const key = req.headers['idempotency-key'];
  if (typeof key !== 'string' || !key) {
    fail(res, 400, 'IDEMPOTENCY_KEY');
    return null;
  }
  let dto: Report;
  try {
    dto = JSON.parse(text) as Report;
  } catch {
    fail(res, 400, 'BAD_JSON');
    return null;
  }
  const t = templates[dto.schemeId];
  if (!t) {
    fail(res, 422, 'NO_TEMPLATE');
    return null;
  }
  const requestHash = createHash('sha256').update(floorRequest(dto, c)).digest('hex');
  return { c, key, dto, t, requestHash };
}

async function report(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
  const start = reportStart(req, res, text);
  if (!start) return;
  const { c, key, dto, t, requestHash } = start;
  // 1. the session check
  const [s] = (await ex(SESSION_SQL, [c.sid])) as { revokedAt: unknown; expiresAt: Date; active: unknown }[];
  if (!sessionLive(c.sid, s)) return fail(res, 401, 'UNAUTHENTICATED');
  // 2. idempotency check + person + usage + earlier claims
  const year = Number(dto.incidentDate.slice(0, 4));
  const [idem, person] = (await q(pool, READS_SQL, [c.sub, 'claims.report', key, c.pid, c.pid, `p:${c.pid}`, dto.schemeId, dto.benefitId, year, c.pid, dto.schemeId, dto.benefitId, 'approved', 'paid'])) as [
    { responseStatus: number; responseBody: string }[],
    { districtId: number; area: string }[],
  ];
  if (idem.length) return send(res, idem[0].responseStatus, idem[0].responseBody, { 'idempotent-replayed': 'true' });
  if (!person.length) return fail(res, 404, 'NOT_FOUND');
  const districtId = Number(person[0].districtId);
  const m = await conn();
  try {
    // 3. START TRANSACTION  4. the claim
    await q(m, 'START TRANSACTION');
    const [generated] = (await q(m, CLAIM_SQL, claimRow(dto, c, districtId, t))) as { id: number; createdAt: Date }[];
    const id = Number(generated.id);
    const claimNo = `HM${TODAY.slice(2).replace(/-/g, '')}${String(id).padStart(6, '0')}`;
    // 5. numbering, checklist, history, audit
    const docs = t.documents;
    const sql =
      'UPDATE `claim` SET claim_no = ?, updated_at = updated_at WHERE id = ?; ' +
      `INSERT INTO \`claim_document\` (\`claim_id\`, \`document_id\`, \`name\`, \`note\`, \`position\`, \`status\`, \`review_note\`) VALUES ${docs.map(() => '(?, ?, ?, ?, ?, ?, ?)').join(', ')}; ` +
      `${EVENT_SQL}; ${AUDIT_SQL}`;
    const params: unknown[] = [claimNo, id];
    docs.forEach((d, i) => params.push(id, d.documentId, d.name, d.note, i, 'missing', null));
    params.push(id, districtId, c.pid, 'reported', 'report', t.label, null, 'reported', c.sub, 'beneficiary', null, null, null);
    params.push(c.sub, null, 'claim.report', 'claim', String(id), JSON.stringify({ personId: c.pid, schemeId: dto.schemeId, benefitId: dto.benefitId, files: 0 }));
    const out = (await q(m, sql, params)) as unknown[];
    const [event] = out[2] as { id: number; createdAt: Date }[];
    // 6. the idempotency record + COMMIT; the reply is the app's body of this kind of report with this claim's ids
    const body = JSON.stringify({
      ...t.reply,
      id,
      claimNo,
      personId: c.pid,
      districtId,
      incidentDate: dto.incidentDate,
      place: dto.place ?? null,
      description: dto.description,
      facts: dto.facts,
      createdAt: generated.createdAt,
      updatedAt: generated.createdAt,
      // the app's history entries with this claim's event id (same fields and size)
      ...(Array.isArray(t.reply.history) ? { history: (t.reply.history as object[]).map((h) => ({ ...h, id: Number(event.id), at: event.createdAt })) } : {}),
    });
    await q(m, IDEM_SQL, [c.sub, 'claims.report', key, requestHash, 201, body]);
    m.release();
    send(res, 201, body);
  } catch (e) {
    m.query('ROLLBACK', () => m.release());
    send(res, 500, JSON.stringify({ statusCode: 500, message: (e as Error).message.slice(0, 200) }));
  }
}

/**
 * The same rows as report() in TWO round trips: the session check with the four reads (one multi-statement query),
 * then the whole transaction in one multi-statement query (the claim's id carried in @c, LAST_INSERT_ID()); the
 * reply's id and number are filled in by REPLACE in SQL for the stored body and in JS for the sent one.
 */
async function twoTrips(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
  const start = reportStart(req, res, text);
  if (!start) return;
  const { c, key, dto, t, requestHash } = start;
  const [sess, idem, person] = (await q(pool, `${SESSION_SQL}; ${READS_SQL}`, readsParams(c.sid, c, key, dto))) as [
    { revokedAt: unknown; expiresAt: Date; active: unknown }[],
    { responseStatus: number; responseBody: string }[],
    { districtId: number }[],
  ];
  if (!sessionLive(c.sid, sess[0])) return fail(res, 401, 'UNAUTHENTICATED');
  if (idem.length) return send(res, idem[0].responseStatus, idem[0].responseBody, { 'idempotent-replayed': 'true' });
  if (!person.length) return fail(res, 404, 'NOT_FOUND');
  const tx = twoTripsTransaction(dto, c, Number(person[0].districtId), t, key, requestHash, TODAY);
  const m = await conn();
  try {
    const out = (await q(m, tx.sql, tx.params)) as unknown[];
    m.release();
    send(res, 201, tx.reply(idOfTwoTrips(out)));
  } catch (e) {
    m.query('ROLLBACK', () => m.release());
    send(res, 500, JSON.stringify({ statusCode: 500, message: (e as Error).message.slice(0, 200) }));
  }
}

async function minTx(req: http.IncomingMessage, res: http.ServerResponse, text: string): Promise<void> {
  const c = caller(req.headers.authorization);
  if (!c || c.pid == null) return fail(res, 401, 'UNAUTHENTICATED');
  const dto = JSON.parse(text) as Report;
  const t = templates[dto.schemeId];
  if (!t) return fail(res, 422, 'NO_TEMPLATE');
  // One round trip on one connection: START TRANSACTION; INSERT; COMMIT (durable at the COMMIT).
  const out = (await q(pool, MIN_SQL, claimRow(dto, c, 1, t))) as { insertId: number }[];
  send(res, 201, `{"id":${out[1].insertId}}`);
}

// ------------------------------------------------------------------ coverage from a pre-built row

const DOC_SQL =
  'SELECT d.body AS body, s.revoked_at AS revokedAt, s.expires_at AS expiresAt, u.active AS active FROM floor_coverage_doc d ' +
  'LEFT JOIN auth_session s ON s.id = ? LEFT JOIN app_user u ON u.id = s.user_id WHERE d.person_id = ?';

function coverageDoc(req: http.IncomingMessage, res: http.ServerResponse): void {
  const c = caller(req.headers.authorization);
  if (!c) return fail(res, 401, 'UNAUTHENTICATED');
  if (c.role !== 'beneficiary' || c.pid == null) return fail(res, 403, 'FORBIDDEN');
  pool.execute(DOC_SQL, [typeof c.sid === 'string' ? c.sid : null, c.pid], (err, result) => {
    if (err) return fail(res, 500, 'DB');
    const row = (result as { body: string; revokedAt: unknown; expiresAt: Date | string | null; active: unknown }[])[0];
    if (!row) return fail(res, 404, 'NOT_FOUND');
    if (!sessionLive(c.sid, row.expiresAt === null && row.active === null ? undefined : row)) return fail(res, 401, 'UNAUTHENTICATED');
    send(res, 200, row.body);
  });
}

// ------------------------------------------------------------------ server

const server = http.createServer((req, res) => {
  const path = req.url ?? '';
  if (req.method === 'GET') {
    if (path === '/api/me/coverage') return coverage(req, res);
    if (path === '/floor/coverage-rows') return coverage(req, res, true);
    if (path === '/floor/coverage-doc') return coverageDoc(req, res);
    if (path === '/floor/bare') return send(res, 200, '{"ok":true}');
    if (path === '/floor/select1') {
      return pool.execute('SELECT 1 AS one', [], (err, rows) => (err ? fail(res, 500, 'DB') : send(res, 200, `{"ok":true,"one":${(rows as { one: number }[])[0].one}}`)));
    }
  } else if (req.method === 'POST' && (path === '/api/claims' || path === '/floor/min-tx' || path === '/floor/two-trips')) {
    return readBody(req, (text) => {
      (path === '/api/claims' ? report : path === '/floor/two-trips' ? twoTrips : minTx)(req, res, text).catch((e: Error) => {
        if (!res.headersSent) send(res, 500, JSON.stringify({ statusCode: 500, message: e.message.slice(0, 200) }));
      });
    });
  }
  fail(res, 404, 'NOT_FOUND');
});
server.keepAliveTimeout = 72_000;

server.listen(0, '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
process.on('message', (m: unknown) => {
  if (m === 'stop') {
    server.close();
    pool.end(() => process.exit(0));
    setTimeout(() => process.exit(0), 2000).unref();
  } else if (m && typeof m === 'object' && 'templates' in m) {
    templates = (m as { templates: Record<string, ClaimTemplate> }).templates;
    process.send?.({ templatesOk: Object.keys(templates).length });
  }
});
