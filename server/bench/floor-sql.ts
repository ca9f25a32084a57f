/**
 * What both floors of claims.bench.ts send for a report in two round trips: the framework-free floor
 * (floor-server.ts, POST /floor/two-trips) and the NestJS floor inside the app process (app-server.ts,
 * POST /api/bench-floor/two-trips). Statements, parameters and reply bytes are the same for both, so the two
 * differ only in what runs around them (node:http + mysql2 against Fastify + NestJS + the app's guard and
 * ValidationPipe + TypeORM's query runner). Not product code: a measuring stick.
 */

/** What the app wrote for a probe claim of one scheme: the bytes a floor writes and answers for reports of that scheme. */
export interface ClaimTemplate {
  versionId: string;
  estimate: string;
  estimatedPayout: string;
  documents: { documentId: string; name: string; note: string | null }[];
  reply: Record<string, unknown>;
  label: string;
}

/** The report body as the floors read it (the NestJS floor gets it through the app's ValidationPipe). */
export interface Report {
  schemeId: string;
  benefitId: string;
  incidentDate: string;
  place?: string;
  description: string;
  facts: Record<string, unknown>;
}

/** The caller as the floors need it: user id and own person id (checked non-null before any of this runs). */
export interface Reporter {
  sub: number;
  pid: number | null;
}

export const SESSION_SQL =
  'SELECT s.revoked_at AS revokedAt, s.expires_at AS expiresAt, u.active AS active FROM auth_session s LEFT JOIN app_user u ON u.id = s.user_id WHERE s.id = ?';
export const READS_SQL = [
  'SELECT request_hash AS requestHash, response_status AS responseStatus, response_body AS responseBody FROM `idempotency_record` WHERE user_id = ? AND scope = ? AND idem_key = ?',
  'SELECT p.id AS id, p.birth_date AS birthDate, p.household_id AS householdId, p.district_id AS districtId, p.flags AS flags, d.name AS area, i.category_code AS code, i.valid_from AS validFrom, i.valid_to AS validTo, i.confirmed_on AS confirmedOn FROM `person` p INNER JOIN `district` d ON d.id = p.district_id LEFT JOIN `identity` i ON i.person_id = p.id WHERE p.id = ? ORDER BY i.valid_from ASC, i.id',
  'SELECT base_used AS baseUsed, paid FROM `annual_usage` WHERE subject_key = ? AND scheme_id = ? AND benefit_code = ? AND year = ?',
  'SELECT insurance_year AS insuranceYear, granted_option AS grantedOption FROM `claim` WHERE person_id = ? AND scheme_id = ? AND benefit_id = ? AND state IN (?, ?)',
].join('; ');
export const CLAIM_COLUMNS =
  '(`person_id`, `household_id`, `district_id`, `scheme_id`, `version_id`, `benefit_id`, `insurance_year`, `incident_date`, `place`, `description`, `facts`, ' +
  '`granted_option`, `state`, `source`, `estimated_payout`, `estimate`, `reported_by_user_id`, `documents_complete_on`, `due_date`, `deadline`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

export function claimRow(dto: Report, c: Reporter, districtId: number, t: ClaimTemplate): unknown[] {
  return [
    c.pid, null, districtId, dto.schemeId, t.versionId, dto.benefitId, Number(dto.incidentDate.slice(0, 4)), dto.incidentDate, dto.place?.trim() || null,
    dto.description.trim(), JSON.stringify(dto.facts), null, 'reported', 'beneficiary', t.estimatedPayout, t.estimate, c.sub, null, null, null,
  ];
}

/** Parameters of SESSION_SQL + READS_SQL in one query. */
export function readsParams(sid: string | null, c: Reporter, key: string, dto: Report): unknown[] {
  const year = Number(dto.incidentDate.slice(0, 4));
  return [sid, c.sub, 'claims.report', key, c.pid, c.pid, `p:${c.pid}`, dto.schemeId, dto.benefitId, year, c.pid, dto.schemeId, dto.benefitId, 'approved', 'paid'];
}

/**
 * The whole report transaction as one multi-statement query (the claim's id carried in @c, LAST_INSERT_ID()),
 * and the reply: the stored body gets the id and number by REPLACE in SQL, the sent one by `reply(id)` in JS.
 */
export function twoTripsTransaction(dto: Report, c: Reporter, districtId: number, t: ClaimTemplate, key: string, requestHash: string, today: string): { sql: string; params: unknown[]; reply: (id: number) => string } {
  const prefix = `HM${today.slice(2).replace(/-/g, '')}`;
  const body = JSON.stringify({
    ...t.reply, id: '__CLAIM_ID__', claimNo: `${prefix}__CLAIM_NO__`, personId: c.pid, districtId, incidentDate: dto.incidentDate,
    place: dto.place ?? null, description: dto.description, facts: dto.facts,
  });
  const docs = t.documents;
  const sql =
    `START TRANSACTION; INSERT INTO \`claim\` ${CLAIM_COLUMNS}; SET @c = LAST_INSERT_ID(); ` +
    "UPDATE `claim` SET claim_no = CONCAT(?, LPAD(@c, 6, '0')), updated_at = updated_at WHERE id = @c; " +
    `INSERT INTO \`claim_document\` (\`claim_id\`, \`document_id\`, \`name\`, \`note\`, \`position\`, \`status\`, \`review_note\`) VALUES ${docs.map(() => '(@c, ?, ?, ?, ?, ?, ?)').join(', ')}; ` +
    'INSERT INTO `claim_event` (`claim_id`, `district_id`, `person_id`, `type`, `action`, `label`, `from_state`, `to_state`, `actor_user_id`, `actor_role`, `on_behalf_of_person_id`, `reason`, `amount`) ' +
    'VALUES (@c, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?); ' +
    'INSERT INTO `audit_event` (`actor_user_id`, `on_behalf_of_person_id`, `action`, `entity`, `entity_id`, `detail`) VALUES (?, ?, ?, ?, CAST(@c AS CHAR), ?); ' +
    'INSERT INTO `idempotency_record` (user_id, scope, idem_key, request_hash, response_status, response_body) ' +
    `VALUES (?, ?, ?, ?, 201, REPLACE(REPLACE(?, '"__CLAIM_ID__"', @c), '__CLAIM_NO__', LPAD(@c, 6, '0'))); COMMIT; SELECT @c AS id`;
  const params: unknown[] = [...claimRow(dto, c, districtId, t), prefix];
  docs.forEach((d, i) => params.push(d.documentId, d.name, d.note, i, 'missing', null));
  params.push(districtId, c.pid, 'reported', 'report', t.label, null, 'reported', c.sub, 'beneficiary', null, null, null);
  params.push(c.sub, null, 'claim.report', 'claim', JSON.stringify({ personId: c.pid, schemeId: dto.schemeId, benefitId: dto.benefitId, files: 0 }));
  params.push(c.sub, 'claims.report', key, requestHash, body);
  return { sql, params, reply: (id) => body.replace('"__CLAIM_ID__"', String(id)).replace('__CLAIM_NO__', String(id).padStart(6, '0')) };
}

/** The id SELECTed last by the transaction of twoTrips(): from the query's results. */
export function idOfTwoTrips(out: unknown[]): number {
  return Number((out[out.length - 1] as { id: number | string }[])[0].id);
}

/** The request hash both floors store (the app hashes its canonical JSON; the floors do not need to match it). */
export function floorRequest(dto: Report, c: Reporter): string {
  return JSON.stringify({ ...dto, personId: c.pid });
}
