/**
 * The authorization matrix over every route of the running app, and mass-assignment checks.
 *
 * World (on the reference seed, "today" 2025-06-01): districts X = 渝北区 (中国人寿) and Y = 渝中区 (安诚), two
 * Chongqing districts with different insurers; beneficiaries A (person in X) and B (person in Y) with bound
 * users; caseworkers CX and CY; an adjuster of X's insurer (sees X, not Y); finance; admin; per side one
 * proxy grant and one validated roster import.
 *
 * The routes are read from the Express router of the app itself: a route under /api with no entry in ROUTES
 * fails the test (and an entry for a route that no longer exists does too). Every route is called by every
 * caller, aimed at side X's records and at side Y's; the outcome class is checked: anonymous → 401 on every
 * non-public route, a role the route does not admit → 403, the other side's record → 404 (with none of its
 * data in the body), one's own → 2xx or a 4xx business/validation answer (never 401/403/404).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { makeIdNumber } from '@huimin/shared';
import { image } from '../src/attachments/sample-files';
import { ProxyGrant } from '../src/auth/entities/proxy-grant.entity';
import { District } from '../src/geo/district.entity';
import { DecisionLetterService } from '../src/oversight/decision-letter.service';
import { RostersService } from '../src/rosters/rosters.service';
import { AppUser, type Role } from '../src/users/app-user.entity';
import { UserDistrict } from '../src/users/user-district.entity';
import Decimal from 'decimal.js';
import { SubsidyPaymentBatch } from '../src/subsidy/entities/payment-batch.entity';
import { SubsidyPaymentItem } from '../src/subsidy/entities/payment-item.entity';
import { HuhuibaoPolicy } from '../src/subsidy/entities/policy.entity';
import { HuhuibaoSubsidy } from '../src/subsidy/entities/subsidy.entity';
import { AuthTestContext, makeStaff, startAuthApp } from './support/auth-fixtures';
import { bearer } from './support/auth';
import { district, enrol, person } from './support/fixtures';
import { DIALECT } from './support/test-db';

jest.setTimeout(120_000);

type Side = 'X' | 'Y';
type CallerId = 'anon' | 'A' | 'B' | 'CX' | 'CY' | 'ADJ' | 'FIN' | 'ADM' | 'AasB';
const CALLERS: CallerId[] = ['anon', 'A', 'B', 'CX', 'CY', 'ADJ', 'FIN', 'ADM', 'AasB'];
const SIDES: Side[] = ['X', 'Y'];
const other = (s: Side): Side => (s === 'X' ? 'Y' : 'X');

/** What a cell must answer. `ok`: 2xx or a business/validation 4xx (400, 409, 422), never 401/403/404. */
type Outcome = 'public' | 401 | 403 | 404 | 503 | 'ok';

interface Caller {
  id: CallerId;
  role: Role | null;
  /** The side whose records are the caller's own; null for callers who see everything (finance, admin). */
  side: Side | null;
}

interface Req {
  method: 'get' | 'post' | 'put' | 'delete';
  path: string;
  headers?: Record<string, string>;
  query?: Record<string, string>;
  body?: object;
  multipart?: { fields: Record<string, string>; file: Buffer; name: string };
}

interface RouteSpec {
  /** 'public', any signed-in caller, or the roles the route admits. */
  access: 'public' | 'signed-in' | Role[];
  /** Whether the request names a record of a side (path id, personId, districtId); else one call per caller. */
  scoped: boolean;
  build(side: Side, caller: Caller): Req | Promise<Req>;
  /** Exceptions to the general rule, with the reason in the table below. */
  override?(caller: Caller, side: Side): Outcome | undefined;
}

interface SideRecords {
  district: District;
  person: { id: number; idNumber: string; name: string; phone: string };
  userId: number;
  grantId: number;
  importId: number;
  claimId: number;
  claimDocumentId: string;
  disputeClaimId: number;
  disputeId: number;
  alertId: number;
  attachmentId: number;
  /** 沪惠保 subsidy records on this side (a subsidy of its person, its district's batch, the batch's one item). */
  subsidyId: number;
  batchId: number;
  itemId: number;
}

describe(`authorization matrix (${DIALECT})`, () => {
  let c: AuthTestContext;
  let app: INestApplication;
  let ds: DataSource;
  const w = {} as {
    X: SideRecords;
    Y: SideRecords;
    users: Record<'CX' | 'CY' | 'ADJ' | 'FIN' | 'ADM' | 'C', number>;
    adjusterDistrictIds: number[];
    helperPersonId: number;
    policyImportId: number;
    staffLogin: { username: string; password: string };
    jpeg: Buffer;
    /** Whether this machine has a CJK font for the decision letter PDF. */
    cjkFont: boolean;
  };
  let seq = 0;

  const http = () => request(app.getHttpServer());

  const callers: Record<CallerId, Caller> = {
    anon: { id: 'anon', role: null, side: null },
    A: { id: 'A', role: 'beneficiary', side: 'X' },
    B: { id: 'B', role: 'beneficiary', side: 'Y' },
    CX: { id: 'CX', role: 'caseworker', side: 'X' },
    CY: { id: 'CY', role: 'caseworker', side: 'Y' },
    ADJ: { id: 'ADJ', role: 'adjuster', side: 'X' },
    FIN: { id: 'FIN', role: 'finance', side: null },
    ADM: { id: 'ADM', role: 'admin', side: null },
    AasB: { id: 'AasB', role: 'beneficiary', side: 'X' },
  };

  /** Request headers for a caller: a fresh token each time (so logout in one cell cannot affect another). */
  function headers(id: CallerId): Record<string, string> {
    switch (id) {
      case 'anon':
        return {};
      case 'A':
        return { Authorization: bearer(app, { userId: w.X.userId, role: 'beneficiary', personId: w.X.person.id }) };
      case 'B':
        return { Authorization: bearer(app, { userId: w.Y.userId, role: 'beneficiary', personId: w.Y.person.id }) };
      case 'AasB':
        return { ...headers('A'), 'X-Act-For': String(w.Y.person.id) };
      case 'CX':
        return { Authorization: bearer(app, { userId: w.users.CX, role: 'caseworker', districtIds: [w.X.district.id] }) };
      case 'CY':
        return { Authorization: bearer(app, { userId: w.users.CY, role: 'caseworker', districtIds: [w.Y.district.id] }) };
      case 'ADJ':
        return { Authorization: bearer(app, { userId: w.users.ADJ, role: 'adjuster', districtIds: w.adjusterDistrictIds }) };
      case 'FIN':
        return { Authorization: bearer(app, { userId: w.users.FIN, role: 'finance' }) };
      case 'ADM':
        return { Authorization: bearer(app, { userId: w.users.ADM, role: 'admin' }) };
    }
  }

  function send(r: Req, h: Record<string, string>) {
    let q = http()[r.method](r.path);
    for (const [k, v] of Object.entries({ ...h, ...(r.headers ?? {}) })) q = q.set(k, v);
    if (r.query) q = q.query(r.query);
    if (r.multipart) {
      for (const [k, v] of Object.entries(r.multipart.fields)) q = q.field(k, v);
      return q.attach('file', r.multipart.file, r.multipart.name);
    }
    if (r.body !== undefined) return q.send(r.body);
    return q;
  }

  /** A roster file for a side: two people of that district (the engine checks region, birth date, check digit). */
  function rosterCsv(side: Side): Buffer {
    const region = side === 'X' ? '500112' : '500103';
    const county = w[side].district.name;
    const rows = [0, 1].map((i) => `${i ? '钱文静' : '孙立新'},${makeIdNumber(region, `1958-0${i + 3}-1${i}`, 300 + seq++)},dibao,${county},2024-01-01`);
    return Buffer.from(['姓名,身份证号,身份类别,区县,有效期起', ...rows].join('\n') + '\n', 'utf8');
  }

  /** A fresh invite from the helper beneficiary C (in X): redeeming it is the caller's own business. */
  async function freshInviteCode(): Promise<string> {
    const r = await http()
      .post('/api/me/proxy-invites')
      .set('Authorization', bearer(app, { userId: w.users.C, role: 'beneficiary', personId: w.helperPersonId }))
      .send({ relation: 'child' });
    if (r.status !== 201) throw new Error(`invite: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.code as string;
  }

  const idem = () => ({ 'Idempotency-Key': `matrix-${Date.now()}-${seq++}` });
  const claimBody = (personId: number) => ({
    schemeId: 'cq-hmjkb',
    benefitId: 'accident_medical',
    incidentDate: '2025-05-10',
    description: '摔伤就医',
    facts: { selfPayInScope: '800.00' },
    personId,
  });

  const alertsCsv = (side: Side) =>
    Buffer.from(`身份证号,类型,日期,方案,保障项目,说明,来源编号\n${w[side].person.idNumber},住院,2025-05-10,cq-hmjkb,accident_medical,住院,M-${side}-${seq++}\n`);

  /** A photo uploaded for a side's person by `by` (who must be allowed to), for routes that use one up. */
  async function uploadFor(side: Side, by: CallerId): Promise<number> {
    const r = await send(attachmentUpload(side), headers(by));
    if (r.status !== 201) throw new Error(`attachment upload as ${by} for ${side}: ${r.status} ${r.text.slice(0, 200)}`);
    return r.body.id as number;
  }
  const attachmentUpload = (side: Side): Req => ({
    method: 'post',
    path: '/api/attachments',
    headers: { 'Idempotency-Key': `matrix-attachment-${++seq}` },
    multipart: { fields: { personId: String(w[side].person.id) }, file: w.jpeg, name: 'receipt.jpg' },
  });

  const estimateBody = (personId: number) => ({
    schemeId: 'cq-hmjkb',
    benefitId: 'accident_medical',
    incidentDate: '2025-05-10',
    facts: { selfPayInScope: '800.00' },
    personId,
  });

  /**
   * Every route the app serves under /api. Keys are `METHOD path` exactly as Express registers them.
   * /api/docs* (Swagger UI and the OpenAPI document) is public by the prefix rule in `specFor`.
   */
  const ROUTES: Record<string, RouteSpec> = {
    'GET /api/health': { access: 'public', scoped: false, build: () => ({ method: 'get', path: '/api/health' }) },
    'GET /api/holidays': { access: 'public', scoped: false, build: () => ({ method: 'get', path: '/api/holidays' }) },
    'PUT /api/holidays/:year': {
      access: ['admin'],
      scoped: false,
      build: () => ({ method: 'put', path: '/api/holidays/2027', body: { holidays: { 元旦: ['01-01'] }, workdays: [], source: '测试用（非官方）' } }),
    },
    'GET /api/schemes': { access: 'public', scoped: false, build: () => ({ method: 'get', path: '/api/schemes' }) },
    'GET /api/schemes/:id': { access: 'public', scoped: false, build: () => ({ method: 'get', path: '/api/schemes/cq-hmjkb' }) },
    'POST /api/auth/wechat/login': {
      access: 'public',
      scoped: false,
      build: () => ({ method: 'post', path: '/api/auth/wechat/login', body: { code: `ok-matrix-${++seq}` } }),
    },
    'POST /api/auth/dev-login': {
      access: 'public', // answers 404 unless DEV_LOGIN is on (it is off here)
      scoped: false,
      build: (side) => ({ method: 'post', path: '/api/auth/dev-login', body: { personId: w[side].person.id } }),
    },
    'POST /api/auth/staff/login': {
      access: 'public',
      scoped: false,
      build: () => ({ method: 'post', path: '/api/auth/staff/login', body: w.staffLogin }),
    },
    'POST /api/auth/refresh': {
      access: 'public',
      scoped: false,
      build: async () => {
        const login = await http().post('/api/auth/wechat/login').send({ code: `ok-matrix-${++seq}` });
        return { method: 'post', path: '/api/auth/refresh', body: { refreshToken: login.body.refreshToken } };
      },
    },
    'POST /api/auth/bind': {
      access: ['beneficiary'], // A and B are bound already: 409 ALREADY_BOUND
      scoped: false,
      build: (side) => ({ method: 'post', path: '/api/auth/bind', body: { name: w[side].person.name, idNumber: w[side].person.idNumber } }),
    },
    'POST /api/auth/logout': { access: 'signed-in', scoped: false, build: () => ({ method: 'post', path: '/api/auth/logout' }) },
    'GET /api/me': { access: 'signed-in', scoped: false, build: () => ({ method: 'get', path: '/api/me' }) },
    'GET /api/me/proxies': { access: 'signed-in', scoped: false, build: () => ({ method: 'get', path: '/api/me/proxies' }) },
    'GET /api/me/coverage': {
      access: ['beneficiary'], // staff not acting for anyone: 403 from the service
      scoped: false,
      build: () => ({ method: 'get', path: '/api/me/coverage' }),
    },
    'POST /api/me/proxy-invites': {
      access: ['beneficiary'],
      scoped: false,
      build: () => ({ method: 'post', path: '/api/me/proxy-invites', body: { relation: 'spouse' } }),
    },
    'POST /api/proxy-invites/redeem': {
      access: ['beneficiary'],
      scoped: false,
      build: async () => ({ method: 'post', path: '/api/proxy-invites/redeem', body: { code: await freshInviteCode() } }),
    },
    'POST /api/proxies': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'post', path: '/api/proxies', body: { personId: w[side].person.id, relation: 'caseworker', consentedOn: '2025-01-01' } }),
    },
    'GET /api/proxies': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: '/api/proxies', query: { personId: String(w[side].person.id) } }),
    },
    'POST /api/proxies/:id/revoke': {
      access: 'signed-in',
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/proxies/${w[side].grantId}/revoke` }),
      // Only the grantor, the grantee, the person's caseworkers and admins may revoke: to an adjuster or
      // finance a grant is not theirs on either side (404, not 403: the route is open to every role).
      override: (caller) => (caller.role === 'adjuster' || caller.role === 'finance' ? 404 : undefined),
    },
    'GET /api/people': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: '/api/people', query: { q: w[side].person.idNumber } }),
      // A search is not a record: another district's ID number finds nobody (200, empty; the secrets check
      // below makes sure nothing of that person is in the answer), rather than 404.
      override: () => 'ok',
    },
    'GET /api/people/districts': { access: ['caseworker', 'admin'], scoped: false, build: () => ({ method: 'get', path: '/api/people/districts' }) },
    'GET /api/people/:id': {
      access: ['caseworker', 'adjuster', 'finance', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/people/${w[side].person.id}` }),
    },
    'GET /api/people/:id/pii': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/people/${w[side].person.id}/pii`, query: { field: 'idNumber' } }),
    },
    'POST /api/estimates': {
      access: ['beneficiary', 'caseworker', 'adjuster'],
      scoped: true,
      build: (side) => ({ method: 'post', path: '/api/estimates', body: estimateBody(w[side].person.id) }),
    },
    'POST /api/claims': {
      access: ['beneficiary', 'caseworker'],
      scoped: true,
      build: (side) => ({ method: 'post', path: '/api/claims', body: claimBody(w[side].person.id), headers: idem() }),
    },
    'GET /api/claims': {
      access: 'signed-in',
      scoped: false,
      build: () => ({ method: 'get', path: '/api/claims' }),
    },
    'GET /api/claims/:id': {
      access: 'signed-in',
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/claims/${w[side].claimId}` }),
    },
    'POST /api/claims/:id/transitions': {
      access: ['beneficiary', 'caseworker', 'adjuster', 'finance'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/claims/${w[side].claimId}/transitions`, body: { to: 'accepted' }, headers: idem() }),
    },
    'POST /api/claims/:id/documents/:documentId/review': {
      access: ['caseworker', 'adjuster'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/claims/${w[side].claimId}/documents/${w[side].claimDocumentId}/review`, body: { status: 'received' } }),
    },
    'POST /api/claims/:id/documents/:documentId/attachments': {
      access: ['beneficiary', 'caseworker', 'adjuster'],
      scoped: true,
      build: async (side) => ({
        method: 'post',
        path: `/api/claims/${w[side].claimId}/documents/${w[side].claimDocumentId}/attachments`,
        body: { attachmentIds: [await uploadFor(side, 'ADM')] },
      }),
    },
    'POST /api/claims/:id/disputes': {
      access: ['beneficiary'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/claims/${w[side].disputeClaimId}/disputes`, body: { reason: '不同意' } }),
    },
    'GET /api/disputes': { access: 'signed-in', scoped: false, build: () => ({ method: 'get', path: '/api/disputes' }) },
    'POST /api/disputes/:id/answer': {
      access: ['caseworker', 'adjuster'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/disputes/${w[side].disputeId}/answer`, body: { outcome: 'maintained', answer: '维持' } }),
    },
    'POST /api/claim-alerts/import': {
      access: ['caseworker', 'admin'],
      scoped: false,
      build: (side) => ({ method: 'post', path: '/api/claim-alerts/import', multipart: { fields: {}, file: alertsCsv(side), name: 'alerts.csv' } }),
    },
    'GET /api/claim-alerts': {
      access: ['beneficiary', 'caseworker', 'adjuster', 'admin'],
      scoped: false,
      build: () => ({ method: 'get', path: '/api/claim-alerts' }),
    },
    'POST /api/claim-alerts/:id/dismiss': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/claim-alerts/${w[side].alertId}/dismiss`, body: { note: '无需理赔' } }),
    },
    // The live feed: live=0 sends what was missed after `after` and ends, so the matrix can call it like any route.
    // @Public in the router (a ticket may sign in instead of the header), but it answers 401/403 itself.
    'GET /api/staff/events': {
      access: ['caseworker', 'adjuster', 'finance', 'admin'],
      scoped: false,
      build: () => ({ method: 'get', path: '/api/staff/events', query: { after: '0', live: '0' } }),
    },
    'POST /api/staff/events/ticket': {
      access: ['caseworker', 'adjuster', 'finance', 'admin'],
      scoped: false,
      build: () => ({ method: 'post', path: '/api/staff/events/ticket' }),
    },
    'GET /api/me/notifications': {
      access: ['beneficiary'], // staff not acting for anyone: 403 from the service
      scoped: false,
      build: () => ({ method: 'get', path: '/api/me/notifications' }),
    },
    'POST /api/me/notifications/read': {
      access: ['beneficiary'],
      scoped: false,
      build: () => ({ method: 'post', path: '/api/me/notifications/read', body: { upTo: 1 } }),
    },
    'GET /api/me/subscriptions': {
      access: ['beneficiary'],
      scoped: false,
      build: () => ({ method: 'get', path: '/api/me/subscriptions' }),
    },
    'POST /api/me/subscriptions': {
      access: ['beneficiary'],
      scoped: false,
      build: () => ({ method: 'post', path: '/api/me/subscriptions', body: { templateIds: ['tpl-claim-status'], accepted: ['tpl-claim-status'] } }),
    },
    'POST /api/rosters': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({
        method: 'post',
        path: '/api/rosters',
        multipart: { fields: { schemeId: 'cq-hmjkb', districtId: String(w[side].district.id), month: '2025-03', mode: 'delta' }, file: rosterCsv(side), name: 'roster.csv' },
      }),
    },
    'GET /api/rosters/:id': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/rosters/${w[side].importId}` }),
    },
    'GET /api/rosters/:id/rows': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/rosters/${w[side].importId}/rows`, query: { pageSize: '10' } }),
    },
    'GET /api/rosters/:id/report.xlsx': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/rosters/${w[side].importId}/report.xlsx` }),
    },
    'POST /api/rosters/:id/apply': {
      access: ['caseworker', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'post', path: `/api/rosters/${w[side].importId}/apply` }),
    },
    'POST /api/attachments': {
      access: ['beneficiary', 'caseworker', 'admin'],
      scoped: true,
      build: (side) => attachmentUpload(side),
    },
    'GET /api/attachments/:id': {
      access: ['beneficiary', 'caseworker', 'adjuster', 'admin'], // finance never sees medical documents
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/attachments/${w[side].attachmentId}` }),
    },
    'GET /api/attachments/:id/content': {
      access: ['beneficiary', 'caseworker', 'adjuster', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/attachments/${w[side].attachmentId}/content` }),
    },
    'GET /api/attachments/:id/thumbnail': {
      access: ['beneficiary', 'caseworker', 'adjuster', 'admin'],
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/attachments/${w[side].attachmentId}/thumbnail` }),
    },
    'DELETE /api/attachments/:id': {
      access: ['beneficiary', 'caseworker', 'admin'],
      scoped: true,
      // Only the uploader may delete: each cell gets a fresh photo, uploaded by the caller where the caller
      // may upload for that side (so their own side answers 204), else by the admin (the other side: 404).
      build: async (side, caller) => {
        const own = ['A', 'B', 'CX', 'CY', 'ADM'].includes(caller.id) && (caller.side === side || caller.side === null);
        return { method: 'delete', path: `/api/attachments/${await uploadFor(side, own ? caller.id : 'ADM')}` };
      },
    },
  };

  /** 沪惠保 subsidy routes. The insurer's policy lists and matching are district-wide (Minhang): a caseworker who
   * serves no Minhang district (CX, CY serve Chongqing districts) gets 404 on them, like any record not theirs. */
  const notMinhangCaseworker = (caller: Caller): Outcome | undefined => (caller.role === 'caseworker' ? 404 : undefined);
  const SUBSIDY_STAFF: Role[] = ['caseworker', 'finance', 'admin'];
  const policyCsv = () =>
    Buffer.from(`保单号,被保险人姓名,身份证号,投保方式,出单日期,保费,保单年度\nMX${++seq},公孙丁卯,${makeIdNumber('310112', '1966-02-03', 500 + (seq % 400))},个人,2024-06-20,129,2024\n`, 'utf8');
  Object.assign(ROUTES, {
    'GET /api/me/subsidy': { access: ['beneficiary'], scoped: false, build: () => ({ method: 'get', path: '/api/me/subsidy' }) },
    'POST /api/me/subsidy/bank-account': {
      access: ['beneficiary'], // without an Idempotency-Key: 400 (the subsidy e2e test covers the rest)
      scoped: false,
      build: (side) => ({ method: 'post', path: '/api/me/subsidy/bank-account', body: { accountNumber: '6217001234567890123', bankName: '中国银行', holderName: w[side].person.name } }),
    },
    'POST /api/subsidy/policy-imports': {
      access: SUBSIDY_STAFF,
      scoped: false,
      build: () => ({ method: 'post', path: '/api/subsidy/policy-imports', multipart: { fields: { policyYear: '2024' }, file: policyCsv(), name: 'policies.csv' } }),
      override: notMinhangCaseworker,
    },
    'GET /api/subsidy/policy-imports/:id': {
      access: SUBSIDY_STAFF, scoped: false, override: notMinhangCaseworker,
      build: () => ({ method: 'get', path: `/api/subsidy/policy-imports/${w.policyImportId}` }),
    },
    'GET /api/subsidy/policy-imports/:id/rows': {
      access: SUBSIDY_STAFF, scoped: false, override: notMinhangCaseworker,
      build: () => ({ method: 'get', path: `/api/subsidy/policy-imports/${w.policyImportId}/rows` }),
    },
    'POST /api/subsidy/policy-imports/:id/apply': {
      access: SUBSIDY_STAFF, scoped: false, override: notMinhangCaseworker,
      build: () => ({ method: 'post', path: `/api/subsidy/policy-imports/${w.policyImportId}/apply` }),
    },
    'POST /api/subsidy/match': {
      access: SUBSIDY_STAFF, scoped: false, override: notMinhangCaseworker,
      build: () => ({ method: 'post', path: '/api/subsidy/match', body: { policyYear: 2024 } }),
    },
    'GET /api/subsidy/subsidies': {
      access: SUBSIDY_STAFF, scoped: true,
      build: (side) => ({ method: 'get', path: '/api/subsidy/subsidies', query: { districtId: String(w[side].district.id), policyYear: '2024' } }),
    },
    'GET /api/subsidy/subsidies/:id': { access: SUBSIDY_STAFF, scoped: true, build: (side) => ({ method: 'get', path: `/api/subsidy/subsidies/${w[side].subsidyId}` }) },
    'POST /api/subsidy/batches': {
      access: SUBSIDY_STAFF, // a Chongqing district has no 沪惠保 subsidy: 422 for whoever may see it
      scoped: true,
      build: (side) => ({ method: 'post', path: '/api/subsidy/batches', body: { districtId: w[side].district.id, policyYear: 2024 } }),
    },
    'GET /api/subsidy/batches': {
      access: SUBSIDY_STAFF, scoped: true,
      build: (side) => ({ method: 'get', path: '/api/subsidy/batches', query: { districtId: String(w[side].district.id) } }),
    },
    'GET /api/subsidy/batches/:id': { access: SUBSIDY_STAFF, scoped: true, build: (side) => ({ method: 'get', path: `/api/subsidy/batches/${w[side].batchId}` }) },
    'GET /api/subsidy/batches/:id/export.xlsx': {
      access: SUBSIDY_STAFF, scoped: true,
      build: (side) => ({ method: 'get', path: `/api/subsidy/batches/${w[side].batchId}/export.xlsx` }),
    },
    'POST /api/subsidy/batches/:id/results': {
      access: SUBSIDY_STAFF, scoped: true,
      build: (side) => ({
        method: 'post',
        path: `/api/subsidy/batches/${w[side].batchId}/results`,
        multipart: { fields: { dryRun: 'false' }, file: Buffer.from(`明细编号,发放结果\n${w[side].itemId},成功\n`, 'utf8'), name: 'results.csv' },
      }),
    },
    'GET /api/subsidy/kpis': {
      access: SUBSIDY_STAFF, scoped: true,
      build: (side) => ({ method: 'get', path: '/api/subsidy/kpis', query: { policyYear: '2024', districtId: String(w[side].district.id) } }),
    },
  } satisfies Record<string, RouteSpec>);

  /** Oversight (read-only figures of a district's scheme year): staff only, each side's district; finance = the city. The
   * decision letter of the side's refused (decided) claim: its beneficiary and the side's staff. Without a CJK font on the
   * machine the PDF answers 503 NO_CJK_FONT where it would otherwise answer (decision.html always works). */
  const OVERSIGHT_STAFF: Role[] = ['caseworker', 'adjuster', 'finance', 'admin'];
  const oversight = (path: string): RouteSpec => ({
    access: OVERSIGHT_STAFF,
    scoped: true,
    build: (side) => ({ method: 'get', path: `/api/oversight/${path}`, query: { schemeId: 'cq-hmjkb', year: '2025', districtId: String(w[side].district.id) } }),
  });
  Object.assign(ROUTES, {
    'GET /api/oversight/premiums': oversight('premiums'),
    'GET /api/oversight/claims-money': oversight('claims-money'),
    'GET /api/oversight/warnings': oversight('warnings'),
    'GET /api/oversight/settlements': oversight('settlements'), // Chongqing has no risk sharing: 400 for whoever may see the district
    'GET /api/oversight/settlements.xlsx': oversight('settlements.xlsx'),
    'GET /api/oversight/kpis': oversight('kpis'),
    'GET /api/oversight/kpis.xlsx': oversight('kpis.xlsx'),
    'GET /api/claims/:id/decision': { access: 'signed-in', scoped: true, build: (side) => ({ method: 'get', path: `/api/claims/${w[side].disputeClaimId}/decision` }) },
    'GET /api/claims/:id/decision.html': { access: 'signed-in', scoped: true, build: (side) => ({ method: 'get', path: `/api/claims/${w[side].disputeClaimId}/decision.html` }) },
    'GET /api/claims/:id/decision.pdf': {
      access: 'signed-in',
      scoped: true,
      build: (side) => ({ method: 'get', path: `/api/claims/${w[side].disputeClaimId}/decision.pdf` }),
      override: (caller, side) => (!w.cjkFont && (caller.side === null || caller.side === side) ? 503 : undefined),
    },
  } satisfies Record<string, RouteSpec>);

  const DOCS: RouteSpec = { access: 'public', scoped: false, build: () => ({ method: 'get', path: '' }) };

  /** The entry for a registered route: docs by prefix, everything else by its exact key. */
  function specFor(key: string): RouteSpec | undefined {
    const [method, path] = key.split(' ');
    if (method === 'GET' && (path === '/api/docs' || path.startsWith('/api/docs/') || path.startsWith('/api/docs-'))) {
      return { ...DOCS, build: () => ({ method: 'get', path }) };
    }
    return ROUTES[key];
  }

  /**
   * Every route the HTTP layer knows under /api, as `METHOD path` (collected by startTestApp as Fastify registers
   * them; the HEAD twin Fastify adds for each GET is left out, as Express's router listed no HEAD routes). Fastify
   * names a trailing wildcard `*` where Express 5 had `{*path}` (only the static files of Swagger UI, matched by
   * prefix in specFor).
   */
  function registeredRoutes(): string[] {
    const out = new Set<string>();
    for (const key of c.t.routes) {
      const path = key.slice(key.indexOf(' ') + 1);
      if (path !== '/api' && !path.startsWith('/api/')) continue;
      out.add(key);
    }
    return [...out].sort();
  }

  /** The rule, then the route's documented exceptions. */
  function expected(spec: RouteSpec, caller: Caller, side: Side): Outcome {
    if (spec.access === 'public') return 'public';
    if (caller.role === null) return 401;
    if (Array.isArray(spec.access) && !spec.access.includes(caller.role)) return 403;
    if (caller.id === 'AasB') return 404; // acting for someone without a grant: as if they did not exist
    const o = spec.override?.(caller, side);
    if (o !== undefined) return o;
    if (!spec.scoped || caller.side === null) return 'ok';
    return side === caller.side ? 'ok' : 404;
  }

  function matches(want: Outcome, status: number): boolean {
    switch (want) {
      case 'public':
        return status < 500 && status !== 403;
      case 'ok':
        return (status >= 200 && status < 300) || status === 400 || status === 409 || status === 422;
      default:
        return status === want;
    }
  }

  beforeAll(async () => {
    c = await startAuthApp();
    app = c.app;
    ds = c.ds;
    c.clock.setToday('2025-06-01');
    const X = await district(ds, 'cq-hmjkb', '渝北区');
    const Y = await district(ds, 'cq-hmjkb', '渝中区');
    expect(X.insurerId).not.toBe(Y.insurerId);

    const users = ds.getRepository(AppUser);
    const user = async (u: Partial<AppUser>) => (await users.save(users.create({ active: true, ...u }))).id;
    const sideOf = async (d: District, name: string, region: string, birth: string, phone: string): Promise<SideRecords> => {
      const p = await person(ds, c.pii, { name, birthDate: birth, districtId: d.id, regionCode: region, phone, flags: { medical_insurance_years: [2025] }, identities: [{ code: 'dibao', validFrom: '2024-01-01' }] });
      await enrol(ds, { personId: p.id, schemeId: 'cq-hmjkb', year: 2025, coverStart: '2025-01-01', coverEnd: '2025-12-31', insurerId: d.insurerId!, premium: '120.00' });
      const userId = await user({ role: 'beneficiary', personId: p.id, wechatOpenid: `matrix-${name}` });
      return { district: d, person: { id: p.id, idNumber: p.idNumber, name, phone }, userId, grantId: 0, importId: 0, claimId: 0, claimDocumentId: '', disputeClaimId: 0, disputeId: 0, alertId: 0, attachmentId: 0, subsidyId: 0, batchId: 0, itemId: 0 };
    };
    w.X = await sideOf(X, '欧阳甲子', '500112', '1950-04-03', '13911110001');
    w.Y = await sideOf(Y, '司马乙丑', '500103', '1952-08-09', '13922220002');
    const helper = await person(ds, c.pii, { name: '诸葛丙寅', birthDate: '1960-01-01', districtId: X.id, regionCode: '500112' });
    w.helperPersonId = helper.id;
    w.users = {
      CX: await user({ role: 'caseworker', username: 'matrix-cw-x' }),
      CY: await user({ role: 'caseworker', username: 'matrix-cw-y' }),
      ADJ: await user({ role: 'adjuster', username: 'matrix-adjuster', insurerId: X.insurerId }),
      FIN: await user({ role: 'finance', username: 'matrix-finance' }),
      ADM: await user({ role: 'admin', username: 'matrix-admin' }),
      C: await user({ role: 'beneficiary', personId: helper.id, wechatOpenid: 'matrix-helper' }),
    };
    await ds.getRepository(UserDistrict).insert([
      { userId: w.users.CX, districtId: X.id },
      { userId: w.users.CY, districtId: Y.id },
    ]);
    w.adjusterDistrictIds = (await ds.getRepository(District).find({ where: { insurerId: X.insurerId! }, select: { id: true } })).map((d) => d.id);
    expect(w.adjusterDistrictIds).toContain(X.id);
    expect(w.adjusterDistrictIds).not.toContain(Y.id);
    w.jpeg = await image('jpeg', 240, 320);
    w.cjkFont = app.get(DecisionLetterService).fontInfo() !== null;
    w.staffLogin = { username: 'matrix-login', password: 'Matrix-login-2026!' };
    await makeStaff(ds, { role: 'finance', ...w.staffLogin });

    // One proxy grant per side (paper consent: the person's caseworker acts for them).
    for (const [side, cw] of [['X', w.users.CX], ['Y', w.users.CY]] as const) {
      const g = await ds.getRepository(ProxyGrant).insert({
        personId: w[side].person.id, granteeUserId: cw, relation: 'caseworker', consentMethod: 'paper',
        consentedAt: new Date('2025-01-01T00:00:00+08:00'), createdByUserId: cw, revokedAt: null, revokedByUserId: null,
      });
      w[side].grantId = g.identifiers[0].id as number;
    }
    // One claim per side, reported by the side's caseworker.
    for (const [side, cw] of [['X', 'CX'], ['Y', 'CY']] as const) {
      const r = await send({ method: 'post', path: '/api/claims', body: claimBody(w[side].person.id), headers: idem() }, headers(cw));
      if (r.status !== 201) throw new Error(`claim: ${r.status} ${r.text}`);
      w[side].claimId = r.body.id;
      w[side].claimDocumentId = r.body.documents[0].documentId;
    }
    // Per side: a rejected claim the beneficiary disputes, and one imported alert.
    for (const [side, cw, me] of [['X', 'CX', 'A'], ['Y', 'CY', 'B']] as const) {
      const r = await send({ method: 'post', path: '/api/claims', body: claimBody(w[side].person.id), headers: idem() }, headers(cw));
      w[side].disputeClaimId = r.body.id;
      const rej = await send({ method: 'post', path: `/api/claims/${r.body.id}/transitions`, body: { to: 'rejected', reason: '不符合' }, headers: idem() }, headers(cw));
      if (rej.status !== 200) throw new Error(`reject: ${rej.status} ${rej.text}`);
      const d = await send({ method: 'post', path: `/api/claims/${r.body.id}/disputes`, body: { reason: '不同意' } }, headers(me));
      if (d.status !== 201) throw new Error(`dispute: ${d.status} ${d.text}`);
      w[side].disputeId = d.body.id;
      const imp = await send({ method: 'post', path: '/api/claim-alerts/import', multipart: { fields: {}, file: alertsCsv(side), name: 'a.csv' } }, headers(cw));
      if (imp.status !== 201 || imp.body.created !== 1) throw new Error(`alerts: ${imp.status} ${imp.text}`);
      const list = await send({ method: 'get', path: '/api/claim-alerts' }, headers(cw));
      w[side].alertId = list.body[0].id;
    }
    // One validated roster import per side, uploaded by an admin.
    for (const side of SIDES) {
      const r = await send(ROUTES['POST /api/rosters'].build(side, callers.ADM) as Req, headers('ADM'));
      expect(r.status).toBe(202);
      w[side].importId = r.body.id;
    }
    await app.get(RostersService).idle();
    for (const side of SIDES) {
      const r = await http().get(`/api/rosters/${w[side].importId}`).set(headers('ADM')).expect(200);
      expect(r.body.status).toBe('validated');
    }
    // One photo per side, uploaded by an admin.
    for (const side of SIDES) w[side].attachmentId = await uploadFor(side, 'ADM');
    // 沪惠保 subsidy: one checked policy list (district-wide, for Minhang staff), and per side a subsidy of
    // the side's person in the side's district, sent to the bank in an exported batch of that district.
    const pl = await send(ROUTES['POST /api/subsidy/policy-imports'].build('X', callers.ADM) as Req, headers('ADM'));
    expect(pl.status).toBe(201);
    w.policyImportId = pl.body.id;
    for (const side of SIDES) {
      const idn = c.pii.protectIdNumber(w[side].person.idNumber);
      const pol = await ds.getRepository(HuhuibaoPolicy).insert({
        policyNo: `MATRIX-${side}`, holderName: w[side].person.name, idNumberEnc: idn.enc, idNumberHash: idn.hash, idNumberMasked: idn.masked,
        personId: w[side].person.id, groupPolicy: false, viaMinhangLink: true, purchaseDate: '2024-06-10', issueDate: '2024-06-11',
        premium: new Decimal('129.00'), policyYear: 2024, importId: null,
      });
      const batch = await ds.getRepository(SubsidyPaymentBatch).insert({
        districtId: w[side].district.id, policyYear: 2024, status: 'exported', itemCount: 1, totalAmount: new Decimal('129.00'), createdById: w.users.ADM, exportedAt: new Date(), settledAt: null,
      });
      w[side].batchId = batch.identifiers[0].id as number;
      const sub = await ds.getRepository(HuhuibaoSubsidy).insert({
        policyId: pol.identifiers[0].id as number, personId: w[side].person.id, policyYear: 2024, decision: 'eligible', amount: new Decimal('129.00'),
        reasons: [], districtId: w[side].district.id, payers: null, grantKey: `p:${w[side].person.id}:2024`, status: 'in_batch',
        failureReason: null, batchId: w[side].batchId, paidOn: null, matchedAt: new Date(),
      });
      w[side].subsidyId = sub.identifiers[0].id as number;
      const item = await ds.getRepository(SubsidyPaymentItem).insert({
        batchId: w[side].batchId, subsidyId: w[side].subsidyId, openSubsidyId: w[side].subsidyId, personId: w[side].person.id, amount: new Decimal('129.00'),
        holderName: w[side].person.name, bankName: '中国银行', accountEnc: c.pii.encrypt('6217001234567890123', 'subsidy_bank_account.number'),
        accountMasked: '****0123', result: 'pending', failureReason: null, paidOn: null, resultAt: null,
      });
      w[side].itemId = item.identifiers[0].id as number;
    }
  });

  afterAll(async () => {
    if (app) await app.get(RostersService).idle();
    await c?.close();
  });

  it('has an entry for every route the app serves under /api, and no entry for a route it does not serve', () => {
    const routes = registeredRoutes();
    expect(routes.length).toBeGreaterThan(20);
    expect(routes.filter((k) => !specFor(k))).toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !routes.includes(k))).toEqual([]);
  });

  it('answers every route × caller × side as the rules say: 0 unexpected successes', async () => {
    const secrets = (s: Side) => [w[s].person.name, w[s].person.idNumber, w[s].person.phone];
    const routes = registeredRoutes();
    const table: string[][] = [];
    const failures: string[] = [];
    let cells = 0;
    let unexpectedSuccesses = 0;

    for (const key of routes) {
      const spec = specFor(key)!;
      const row = [key];
      for (const id of CALLERS) {
        const caller = callers[id];
        const sides: Side[] = spec.scoped ? SIDES : [caller.side ?? 'X'];
        const shown: string[] = [];
        for (const side of sides) {
          const want = expected(spec, caller, side);
          const r = await send(await spec.build(side, caller), headers(id));
          cells++;
          const ok = matches(want, r.status);
          const success = r.status >= 200 && r.status < 300;
          const problems: string[] = [];
          if (!ok) problems.push(`expected ${want}, got ${r.status} ${r.text.slice(0, 200)}`);
          if (success && (want === 401 || want === 403 || want === 404)) unexpectedSuccesses++;
          // Never a word of a person the caller may not see: in refusals, nor anywhere for scoped callers.
          const text = r.text ?? '';
          const hidden: Side[] = id === 'anon' ? [...SIDES] : caller.side === null ? [] : [other(caller.side)];
          if (want === 401 || want === 403 || want === 404) hidden.push(side);
          for (const s of new Set(hidden)) {
            for (const secret of secrets(s)) if (text.includes(secret)) problems.push(`body shows ${s}'s data (${secret.slice(0, 2)}…)`);
          }
          if (problems.length) failures.push(`${key} as ${id} on ${side}: ${problems.join('; ')}`);
          shown.push(`${r.status}${problems.length ? '!' : ''}`);
        }
        row.push(shown.join('/'));
      }
      table.push(row);
    }

    const header = ['route (X/Y when scoped)', ...CALLERS];
    const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => r[i].length)));
    const line = (r: string[]) => r.map((v, i) => v.padEnd(widths[i])).join(' ');
    console.log(
      [
        `authorization matrix (${DIALECT}): ${routes.length} routes × ${CALLERS.length} callers = ${cells} requests, ` +
          `${unexpectedSuccesses} unexpected successes, ${failures.length} mismatches ('!' marks one)`,
        line(header),
        ...table.map(line),
      ].join('\n'),
    );
    expect(failures).toEqual([]);
    expect(unexpectedSuccesses).toBe(0);
  });

  // ------------------------------------------------------------------ mass assignment

  /**
   * Every POST/PUT/PATCH route: its valid body and the caller that may send it, or null when it takes no body
   * (nothing to assign). A new write route without an entry fails the first test below.
   */
  const MASS: Record<string, { caller: CallerId; build(): Req | Promise<Req> } | null> = {
    'POST /api/auth/wechat/login': { caller: 'anon', build: () => ROUTES['POST /api/auth/wechat/login'].build('X', callers.anon) },
    'POST /api/auth/dev-login': { caller: 'anon', build: () => ROUTES['POST /api/auth/dev-login'].build('X', callers.anon) },
    'POST /api/auth/staff/login': { caller: 'anon', build: () => ROUTES['POST /api/auth/staff/login'].build('X', callers.anon) },
    'POST /api/auth/refresh': { caller: 'anon', build: () => ROUTES['POST /api/auth/refresh'].build('X', callers.anon) },
    'POST /api/auth/bind': {
      caller: 'anon', // an unbound WeChat user: see below
      build: () => ({ method: 'post', path: '/api/auth/bind', body: { name: w.X.person.name, idNumber: w.X.person.idNumber } }),
    },
    'POST /api/me/proxy-invites': { caller: 'A', build: () => ROUTES['POST /api/me/proxy-invites'].build('X', callers.A) },
    'POST /api/proxy-invites/redeem': { caller: 'B', build: () => ROUTES['POST /api/proxy-invites/redeem'].build('Y', callers.B) },
    'POST /api/proxies': { caller: 'CX', build: () => ROUTES['POST /api/proxies'].build('X', callers.CX) },
    'POST /api/estimates': { caller: 'A', build: () => ROUTES['POST /api/estimates'].build('X', callers.A) },
    'POST /api/claims': { caller: 'A', build: () => ROUTES['POST /api/claims'].build('X', callers.A) },
    'POST /api/claims/:id/transitions': { caller: 'CX', build: () => ROUTES['POST /api/claims/:id/transitions'].build('X', callers.CX) },
    'POST /api/claims/:id/documents/:documentId/attachments': { caller: 'CX', build: () => ROUTES['POST /api/claims/:id/documents/:documentId/attachments'].build('X', callers.CX) },
    'POST /api/claims/:id/disputes': { caller: 'A', build: () => ROUTES['POST /api/claims/:id/disputes'].build('X', callers.A) },
    'POST /api/disputes/:id/answer': { caller: 'CX', build: () => ROUTES['POST /api/disputes/:id/answer'].build('X', callers.CX) },
    'POST /api/claim-alerts/import': { caller: 'CX', build: () => ROUTES['POST /api/claim-alerts/import'].build('X', callers.CX) },
    'POST /api/claim-alerts/:id/dismiss': { caller: 'CX', build: () => ROUTES['POST /api/claim-alerts/:id/dismiss'].build('X', callers.CX) },
    'POST /api/claims/:id/documents/:documentId/review': { caller: 'CX', build: () => ROUTES['POST /api/claims/:id/documents/:documentId/review'].build('X', callers.CX) },
    'POST /api/rosters': { caller: 'CX', build: () => ROUTES['POST /api/rosters'].build('X', callers.CX) },
    'POST /api/attachments': { caller: 'A', build: () => ROUTES['POST /api/attachments'].build('X', callers.A) },
    'PUT /api/holidays/:year': { caller: 'ADM', build: () => ROUTES['PUT /api/holidays/:year'].build('X', callers.ADM) },
    'POST /api/me/notifications/read': { caller: 'A', build: () => ROUTES['POST /api/me/notifications/read'].build('X', callers.A) },
    'POST /api/me/subscriptions': { caller: 'A', build: () => ROUTES['POST /api/me/subscriptions'].build('X', callers.A) },
    'POST /api/staff/events/ticket': null,
    'POST /api/auth/logout': null,
    'POST /api/proxies/:id/revoke': null,
    'POST /api/rosters/:id/apply': null,
    'POST /api/me/subsidy/bank-account': { caller: 'A', build: () => ROUTES['POST /api/me/subsidy/bank-account'].build('X', callers.A) },
    'POST /api/subsidy/policy-imports': { caller: 'FIN', build: () => ROUTES['POST /api/subsidy/policy-imports'].build('X', callers.FIN) },
    'POST /api/subsidy/match': { caller: 'FIN', build: () => ROUTES['POST /api/subsidy/match'].build('X', callers.FIN) },
    'POST /api/subsidy/batches': { caller: 'FIN', build: () => ROUTES['POST /api/subsidy/batches'].build('X', callers.FIN) },
    'POST /api/subsidy/batches/:id/results': { caller: 'CX', build: () => ROUTES['POST /api/subsidy/batches/:id/results'].build('X', callers.CX) },
    'POST /api/subsidy/policy-imports/:id/apply': null,
  };

  const WRITTEN_TABLES = [
    'app_user', 'auth_session', 'auth_refresh_token', 'bind_attempt', 'proxy_grant', 'proxy_invite', 'audit_event',
    'roster_import', 'roster_import_row', 'person', 'identity', 'household', 'enrolment',
    'claim', 'claim_document', 'claim_event', 'idempotency_record', 'annual_usage', 'claim_dispute', 'claim_alert', 'attachment',
    'huhuibao_policy_import', 'huhuibao_policy_import_row', 'huhuibao_policy', 'huhuibao_subsidy', 'subsidy_bank_account', 'subsidy_payment_batch', 'subsidy_payment_item',
    'stream_ticket', 'notification_read', 'subscribe_acceptance', 'subscribe_send', 'holiday_year',
  ];
  async function snapshot(): Promise<Record<string, number>> {
    await app.get(RostersService).idle();
    const out: Record<string, number> = {};
    for (const t of WRITTEN_TABLES) out[t] = Number((await ds.query(`SELECT COUNT(*) AS n FROM \`${t}\``))[0].n);
    out['files in DATA_DIR/rosters'] = readdirSync(join(c.config.dataDir, 'rosters')).length;
    out['files in the upload folder'] = readdirSync(c.config.uploads.dir, { recursive: true }).length;
    return out;
  }

  it('has a mass-assignment entry for every POST/PUT/PATCH route', () => {
    const writes = registeredRoutes().filter((k) => /^(POST|PUT|PATCH) /.test(k));
    expect(writes.filter((k) => !(k in MASS))).toEqual([]);
    expect(Object.keys(MASS).filter((k) => !writes.includes(k))).toEqual([]);
  });

  it('refuses role, districtId, userId, personId, isAdmin and __proto__ beside a valid body: 400 naming each, nothing written', async () => {
    // An unbound WeChat user for bind (the beneficiaries of the world are bound already).
    const unbound = await ds.getRepository(AppUser).save(ds.getRepository(AppUser).create({ role: 'beneficiary', wechatOpenid: 'matrix-unbound' }));
    const headersFor = (k: string, id: CallerId) =>
      k === 'POST /api/auth/bind' ? { Authorization: bearer(app, { userId: unbound.id, role: 'beneficiary' }) } : headers(id);
    const problems: string[] = [];
    let checked = 0;
    for (const [key, entry] of Object.entries(MASS)) {
      if (!entry) continue;
      const base = await entry.build();
      const own = new Set(Object.keys(base.multipart?.fields ?? base.body ?? {}));
      const extras: Record<string, string | number | boolean> = { role: 'admin', districtId: w.Y.district.id, userId: w.users.ADM, personId: w.Y.person.id, isAdmin: true };
      for (const k of own) delete extras[k];
      const expectedFields = [...Object.keys(extras), '__proto__'].sort();
      const before = await snapshot();
      let r: request.Response;
      if (base.multipart) {
        const fields = { ...base.multipart.fields, ...Object.fromEntries(Object.entries(extras).map(([k, v]) => [k, String(v)])) };
        const send = (proto: boolean) => {
          let q = http().post(base.path).set({ ...base.headers, ...headersFor(key, entry.caller) });
          for (const [k, v] of Object.entries(fields)) q = q.field(k, v);
          if (proto) q = q.field('__proto__', 'x');
          return q.attach('file', base.multipart!.file, base.multipart!.name);
        };
        // Since the move to Fastify, the multipart parser (@nestjs/platform-fastify/multipart) refuses a form field
        // named __proto__ outright (400 BAD_REQUEST, before validation), where multer kept it as an own key for the
        // ValidationPipe to name. So: the form with __proto__ must be refused with 400 and write nothing; the same
        // form without it must still be refused naming every other extra field.
        const withProto = await send(true);
        if (withProto.status !== 400 || withProto.body?.code !== 'BAD_REQUEST') problems.push(`${key} (__proto__ field): ${withProto.status} ${withProto.text.slice(0, 200)}`);
        expectedFields.splice(expectedFields.indexOf('__proto__'), 1);
        r = await send(false);
      } else {
        // JSON.stringify drops a real prototype, so __proto__ goes in as an own key of the JSON text, as an attacker sends it.
        const json = JSON.stringify({ ...base.body, ...extras }).replace(/}$/, ',"__proto__":{"isAdmin":true,"role":"admin"}}');
        r = await http()[base.method](base.path).set({ ...headersFor(key, entry.caller), ...(base.headers ?? {}) }).set('Content-Type', 'application/json').send(json);
      }
      checked++;
      const after = await snapshot();
      const fields = ((r.body?.errors ?? []) as { field: string }[]).map((e) => e.field).sort();
      if (r.status !== 400 || r.body?.code !== 'VALIDATION_FAILED') problems.push(`${key}: ${r.status} ${r.text.slice(0, 200)}`);
      else if (JSON.stringify(fields) !== JSON.stringify(expectedFields)) problems.push(`${key}: errors name ${fields.join(',')}, expected ${expectedFields.join(',')}`);
      const changed = Object.keys(before).filter((t) => before[t] !== after[t]);
      if (changed.length) problems.push(`${key}: wrote ${changed.map((t) => `${t} ${before[t]}→${after[t]}`).join(', ')}`);
      // Nothing reached the prototype of plain objects.
      if (({} as { isAdmin?: unknown }).isAdmin !== undefined) problems.push(`${key}: Object.prototype polluted`);
    }
    expect(checked).toBe(Object.values(MASS).filter(Boolean).length);
    expect(problems).toEqual([]);
  });
});
