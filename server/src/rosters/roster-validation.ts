/**
 * The dry run: stream the stored file, check every row, compare with the current state, and write
 * one roster_import_row per row (in batches) with its status, messages and the action applying it
 * would take, plus the validated values the set-based apply reads (a staging table). Writes no person,
 * identity or enrolment.
 *
 * Memory stays flat whatever the file's size: rows are handled 5,000 at a time, the only whole-file
 * structure is a compact table of ID numbers (duplicates, several identities; ~24 bytes a person), and
 * each batch's INSERT runs while the next batch is read and checked.
 */
import { categoryLabel } from '@huimin/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { maskIdNumber } from '../common/crypto/mask';
import { cellText, type RawRow, type RosterRecord } from './roster-format';
import type { RosterActionCounts } from './roster-import.entity';
import { readRosterBatches, type RosterFileFormat } from './roster-reader';
import { currentIdentity, identityChanges, loadHouseholds, loadPeople, mergedFlags, personChanges } from './roster-state';
import { BIT_CATEGORY, CATEGORY_BIT, judgeEligibility, refuse, RosterContext, validateRow, type RowVerdict } from './roster-validator';
import type { Readable } from 'node:stream';
import { IdTable } from './id-table';
import { cpuSeconds } from './roster-apply';
import { dateStr } from './roster-state';
import { insertRows, marks, parseJson } from './sql';

export const BATCH_ROWS = 5000;
/** Bit of the ID table's value: this person already has their person_row. */
const PERSON_ROW_BIT = 31;
const CATEGORY_BITS = 0x7fffffff;
/** Bit for "no category" rows (registered-resident schemes): above every category's bit. */
const NO_CATEGORY_BIT = 30;

export interface Progress {
  phase: 'validating' | 'applying';
  rowsRead: number;
  rowsPerSecond: number;
  startedAt: number;
}

export interface ValidationOutcome {
  rowCount: number;
  errorCount: number;
  warningCount: number;
  counts: RosterActionCounts;
  rowsPerSecond: number;
}

export interface ValidationInput {
  importId: number;
  districtId: number;
  mode: 'full' | 'delta';
  ctx: RosterContext;
  format: RosterFileFormat;
  input: Readable;
  onProgress?: (rowsRead: number) => Promise<void> | void;
}

export function emptyCounts(): RosterActionCounts {
  return { add: 0, change: 0, unchanged: 0, remove: 0, refuse: 0 };
}

/** Columns of roster_import_row written by the dry run, in this order. */
export const STAGE_COLUMNS = [
  'roster_import_id', 'row_no', 'status', 'action', 'category_code', 'id_number_hash', 'id_number_masked', 'data_enc', 'errors',
  'name', 'id_number_enc', 'birth_date', 'sex', 'household_no', 'phone_enc', 'phone_masked', 'flags', 'valid_from', 'valid_to',
  'confirmed_on', 'person_row',
];

/** Rows the apply writes (neither an error, nor refused, nor a removal found by the dry run). */
export const APPLICABLE = `s.status <> 'error' AND s.action IN ('add', 'change', 'unchanged')`;

function popcount(x: number): number {
  let n = 0;
  for (let v = x & CATEGORY_BITS; v; v &= v - 1) n++;
  return n;
}

function codesOf(mask: number): string[] {
  const out: string[] = [];
  for (let b = 0; b < BIT_CATEGORY.length; b++) if (mask & (1 << b)) out.push(BIT_CATEGORY[b]);
  return out;
}

/** Compact key of (person, category) for a million-row set. */
export const personCategoryKey = (personId: number, category: string) => personId * 32 + (CATEGORY_BIT.get(category) ?? NO_CATEGORY_BIT);

export class RosterValidation {
  constructor(
    private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
  ) {}

  async run(v: ValidationInput): Promise<ValidationOutcome> {
    const { ctx } = v;
    const m = this.ds.manager;
    const t0 = Date.now();
    const cpu0 = cpuSeconds();
    /** ID number → bit set of the categories seen so far (duplicates; several identities) + PERSON_ROW_BIT. */
    const seen = new IdTable();
    const blocked = new Set<string>();
    const counts = emptyCounts();
    let rowCount = 0;
    let errorCount = 0;
    let warningCount = 0;
    let lastRowNo = 1;
    let batch: RowVerdict[] = [];
    let raws: RawRow[] = [];
    let writing: Promise<void> | null = null;

    const flush = async () => {
      const rows = batch;
      const rawRows = raws;
      batch = [];
      raws = [];
      const hashes = rows.map((r) => (r.record && r.status !== 'error' ? this.pii.hashIdNumber(r.record.idNumber) : null));
      await this.compare(m, v.districtId, ctx, rows, hashes);
      for (const r of rows) {
        if (r.status === 'error') errorCount++;
        else if (r.status === 'warning') warningCount++;
        if (r.action) counts[r.action]++;
      }
      const values = this.stageValues(v.importId, rows, rawRows, hashes, seen);
      // One INSERT in flight while the next batch is read and checked.
      if (writing) await writing;
      writing = insertRows(m, 'roster_import_row', STAGE_COLUMNS, values);
      writing.catch(() => undefined);
      rowCount += rows.length;
      await v.onProgress?.(rowCount);
    };

    for await (const read of readRosterBatches(v.input, v.format)) for (const raw of read) {
      lastRowNo = raw.rowNo;
      const verdict = validateRow(raw, ctx);
      const r = verdict.record;
      if (r) {
        const bit = r.category ? CATEGORY_BIT.get(r.category)! : NO_CATEGORY_BIT;
        const prev = seen.get(r.idNumber);
        if (prev & (1 << bit)) {
          verdict.status = 'error';
          verdict.record = null;
          verdict.messages.push({
            field: '身份证号',
            message: r.category
              ? `同一身份证号、同一身份类别（${categoryLabel(r.category)}）在本文件前面已出现，请删除重复行`
              : '同一身份证号在本文件前面已出现，请删除重复行',
            level: 'error',
          });
        } else {
          const all = prev | (1 << bit);
          seen.set(r.idNumber, all);
          judgeEligibility(verdict, ctx, codesOf(prev));
          if (codesOf(all).some((c) => ctx.blockers.has(c))) blocked.add(r.idNumber);
        }
      }
      batch.push(verdict);
      raws.push(raw);
      if (batch.length >= BATCH_ROWS) await flush();
    }
    if (batch.length) await flush();
    if (writing) await writing;
    if (process.env.HUIMIN_ROSTER_TIMING === '1') {
      const [node, db] = cpuSeconds();
      console.error(`[roster validate] rows ${((Date.now() - t0) / 1000).toFixed(1)} s (cpu node ${(node - cpu0[0]).toFixed(1)} s, db ${(db - cpu0[1]).toFixed(1)} s)`);
    }

    // A category that blocks another (伤残人民警察 for 优抚对象) may come after the row it blocks.
    for (const id of blocked) {
      const fixed = await this.refuseBlocked(m, v.importId, ctx, id, codesOf(seen.get(id)));
      for (const [from, n] of fixed) {
        counts[from] -= n;
        counts.refuse += n;
        warningCount += n;
      }
    }
    // People on several rows: one person_row, holding the values merged over their rows.
    const multi: string[] = [];
    for (const [id] of seen.entries((x) => popcount(x) > 1)) {
      multi.push(this.pii.hashIdNumber(id));
      if (multi.length >= 1000) await this.mergePersonRows(m, v.importId, multi.splice(0));
    }
    if (multi.length) await this.mergePersonRows(m, v.importId, multi);
    if (v.mode === 'full') {
      const removed = await this.previewRemovals(m, v.importId, v.districtId, ctx, lastRowNo);
      counts.remove += removed;
    }
    const secs = Math.max((Date.now() - t0) / 1000, 0.001);
    return { rowCount, errorCount, warningCount, counts, rowsPerSecond: Math.round(rowCount / secs) };
  }

  /** add / change / unchanged against the current state, for the valid rows of a batch. */
  private async compare(m: EntityManager, districtId: number, ctx: RosterContext, batch: RowVerdict[], hashes: (string | null)[]): Promise<void> {
    const people = await loadPeople(m, hashes.filter((h): h is string => !!h));
    const known = batch.filter((b, i) => hashes[i] && people.has(hashes[i]!) && b.record!.householdNo).map((b) => b.record!.householdNo!);
    const households = await loadHouseholds(m, districtId, known);
    batch.forEach((b, i) => {
      const hash = hashes[i];
      if (!hash || b.action === 'refuse') return;
      const r = b.record!;
      const p = people.get(hash);
      if (r.validTo && r.validTo < ctx.monthStart) {
        // The row ends an identity: a change when there is one to end, else nothing to do.
        const cur = p?.identities.find((x) => x.categoryCode === r.category && (!x.validTo || x.validTo >= ctx.monthStart));
        if (cur) {
          b.action = 'change';
          b.messages.push({ field: '有效期止', message: `${categoryLabel(r.category)}身份将于 ${r.validTo} 终止`, level: 'info' });
        } else {
          refuse(b, `有效期已于 ${r.validTo} 结束，不再参保`);
        }
        return;
      }
      if (!p) {
        b.action = 'add';
        return;
      }
      const hh = r.householdNo ? households.get(r.householdNo) : null;
      const changes = personChanges(r, p, districtId, hh, this.pii);
      const cur = r.category ? currentIdentity(p, r.category, ctx) : undefined;
      if (r.category && !cur) {
        b.action = 'add';
        if (changes.length) b.messages.push({ field: '姓名', message: `将更新：${changes.join('、')}`, level: 'info' });
        return;
      }
      if (cur) changes.push(...identityChanges(r, cur));
      if (p.districtId !== districtId) {
        b.status = 'warning';
        b.messages.push({ field: '区县', message: '此人原登记在其他区县，应用后将改为本区县', level: 'warning' });
      }
      b.action = changes.length ? 'change' : 'unchanged';
      if (changes.length) b.messages.push({ field: changes[0], message: `将更新：${changes.join('、')}`, level: 'info' });
    });
  }

  /**
   * roster_import_row values for a batch. Valid rows carry what the apply writes (ID number and phone
   * encrypted as person keeps them); error rows keep what the file said, encrypted, for the caseworker.
   */
  private stageValues(importId: number, rows: RowVerdict[], raws: RawRow[], hashes: (string | null)[], seen: IdTable): unknown[][] {
    return rows.map((r, i) => {
      const messages = r.messages.length ? JSON.stringify(r.messages) : null;
      const rec = r.record;
      const hash = hashes[i];
      if (!rec || !hash) {
        const cells = Object.fromEntries(Object.entries(raws[i].cells).map(([k, c]) => [k, cellText(c)]));
        return [
          importId, r.rowNo, r.status, r.action, null, null, maskIdNumber(cellText(raws[i].cells.idNumber)).slice(0, 24),
          this.pii.encrypt(JSON.stringify(cells), 'roster_row.data'), messages,
          null, null, null, null, null, null, null, null, null, null, null, 0,
        ];
      }
      let personRow = 0;
      if (r.action === 'add' || r.action === 'change' || r.action === 'unchanged') {
        const mask = seen.get(rec.idNumber);
        if (!(mask & (1 << PERSON_ROW_BIT))) {
          personRow = 1;
          seen.set(rec.idNumber, mask | (1 << PERSON_ROW_BIT));
        }
      }
      const id = this.pii.encrypt(rec.idNumber, 'person.id_number');
      const phone = rec.phone ? this.pii.protectPhone(rec.phone) : null;
      const flags = mergedFlags(rec, null);
      return [
        importId, r.rowNo, r.status, r.action, rec.category || null, hash, maskIdNumber(rec.idNumber), '', messages,
        rec.name, id, rec.birthDate, rec.sex, rec.householdNo, phone?.enc ?? null, phone?.masked ?? null, flags ? JSON.stringify(flags) : null,
        rec.validFrom, rec.validTo, rec.confirmedOn, personRow,
      ];
    });
  }

  /** Rows of a person whose categories include a blocker: refuse those not yet refused. Returns how many per former action. */
  private async refuseBlocked(m: EntityManager, importId: number, ctx: RosterContext, idNumber: string, codes: string[]) {
    const hash = this.pii.hashIdNumber(idNumber);
    const rows = (await m.query(
      `SELECT id, action, errors, name, category_code, birth_date, flags, valid_from, valid_to, confirmed_on FROM \`roster_import_row\`
        WHERE roster_import_id = ? AND id_number_hash = ? AND status <> 'error'`,
      [importId, hash],
    )) as ({ id: number; action: string | null; errors: unknown } & StagedRow)[];
    const fixed = new Map<'add' | 'change' | 'unchanged', number>();
    for (const row of rows) {
      if (row.action === 'refuse' || row.action === 'remove' || !row.action) continue;
      const verdict: RowVerdict = { rowNo: 0, status: 'ok', action: null, record: stagedRecord(row, ctx), messages: [] };
      judgeEligibility(verdict, ctx, codes);
      if (verdict.action !== 'refuse') continue;
      const messages = [...((typeof row.errors === 'string' ? JSON.parse(row.errors) : row.errors) ?? []), ...verdict.messages];
      await m.query(`UPDATE \`roster_import_row\` SET action = 'refuse', status = 'warning', person_row = 0, errors = ? WHERE id = ?`, [
        JSON.stringify(messages),
        row.id,
      ]);
      const k = row.action as 'add' | 'change' | 'unchanged';
      fixed.set(k, (fixed.get(k) ?? 0) + 1);
    }
    return fixed;
  }

  /**
   * For people on several applicable rows: the last row becomes their person_row, with the values the
   * rows state merged in file order (the last stated household, phone and flags win), as applying the
   * rows one after another would leave the person.
   */
  private async mergePersonRows(m: EntityManager, importId: number, hashes: string[]): Promise<void> {
    const rows = (await m.query(
      `SELECT s.id, s.id_number_hash, s.household_no, s.phone_enc, s.phone_masked, s.flags, s.person_row FROM \`roster_import_row\` s
        WHERE s.roster_import_id = ? AND s.id_number_hash IN (${marks(hashes.length)}) AND ${APPLICABLE} ORDER BY s.row_no`,
      [importId, ...hashes],
    )) as { id: number; id_number_hash: string; household_no: string | null; phone_enc: string | null; phone_masked: string | null; flags: unknown; person_row: unknown }[];
    const byPerson = new Map<string, typeof rows>();
    for (const r of rows) {
      const list = byPerson.get(r.id_number_hash) ?? [];
      list.push(r);
      byPerson.set(r.id_number_hash, list);
    }
    for (const list of byPerson.values()) {
      const last = list[list.length - 1];
      let household: string | null = null;
      let phone: { enc: string | null; masked: string | null } = { enc: null, masked: null };
      const flags: Record<string, unknown> = {};
      for (const r of list) {
        if (r.household_no) household = r.household_no;
        if (r.phone_enc) phone = { enc: r.phone_enc, masked: r.phone_masked };
        Object.assign(flags, parseJson<Record<string, unknown>>(r.flags) ?? {});
      }
      const others = list.filter((r) => r !== last && Number(r.person_row) === 1).map((r) => Number(r.id));
      if (others.length) await m.query(`UPDATE \`roster_import_row\` SET person_row = 0 WHERE id IN (${marks(others.length)})`, others);
      await m.query(
        `UPDATE \`roster_import_row\` SET person_row = 1, household_no = ?, phone_enc = ?, phone_masked = ?, flags = ? WHERE id = ?`,
        [household, phone.enc, phone.masked, Object.keys(flags).length ? JSON.stringify(flags) : null, Number(last.id)],
      );
    }
  }

  /**
   * Full rosters: identities of the scheme's categories in this district that are current but not in
   * the file will end the day before the roster month (registered-resident schemes: enrolled people
   * not listed). Written as rows after the file's last row, action 'remove'.
   */
  private async previewRemovals(m: EntityManager, importId: number, districtId: number, ctx: RosterContext, lastRowNo: number): Promise<number> {
    let rowNo = lastRowNo;
    let n = 0;
    for await (const gone of removalCandidates(m, importId, districtId, ctx, 'preview')) {
      const rows = gone.map((c) => {
        rowNo++;
        const message = c.category
          ? `名单中没有此人的${categoryLabel(c.category)}身份，应用后该身份于 ${ctx.dayBefore} 终止`
          : `名单中没有此人，应用后保障于 ${ctx.dayBefore} 终止`;
        return [
          importId, rowNo, 'ok', 'remove', c.category || null, c.hash, c.masked, '', JSON.stringify([{ field: '身份类别', message, level: 'info' }]),
          c.name, null, null, null, null, null, null, null, null, null, null, 0,
        ];
      });
      n += rows.length;
      await insertRows(m, 'roster_import_row', STAGE_COLUMNS, rows);
    }
    return n;
  }
}

/** The staged values of a row that the engine reads. */
export interface StagedRow {
  name: string | null;
  category_code: string | null;
  birth_date: unknown;
  flags: unknown;
  valid_from: unknown;
  valid_to: unknown;
  confirmed_on: unknown;
}

/** A RosterRecord again from a staged row (for the engine; no ID number or phone). */
export function stagedRecord(row: StagedRow, ctx: RosterContext): RosterRecord {
  const f = parseJson<Record<string, unknown>>(row.flags) ?? {};
  return {
    name: row.name ?? '',
    idNumber: '',
    category: row.category_code ?? '',
    area: ctx.areaName,
    householdNo: null,
    confirmedOn: dateStr(row.confirmed_on),
    validFrom: dateStr(row.valid_from),
    validTo: dateStr(row.valid_to),
    phone: null,
    inSchool: typeof f.in_school === 'boolean' ? f.in_school : null,
    medicalInsuranceYears: Array.isArray(f.medical_insurance_years) ? (f.medical_insurance_years as number[]) : null,
    monitoringSystemSince: typeof f.monitoring_system_since === 'string' ? f.monitoring_system_since : null,
    disabilityCardValidUntil: typeof f.disability_card_valid_until === 'string' ? f.disability_card_valid_until : null,
    registeredResident: typeof f.registered_resident === 'boolean' ? f.registered_resident : null,
    birthDate: dateStr(row.birth_date) ?? '',
    sex: 'M',
  };
}

export interface RemovalCandidate {
  identityId: number | null;
  enrolmentId: number | null;
  personId: number;
  category: string;
  hash: string;
  masked: string;
  name: string;
}

/**
 * Current identities of the scheme's categories in the district that no applicable row of the import
 * lists (registered-resident schemes: current enrolments of people the import does not list), in pages.
 * The dry run counts a listed but refused person as listed (the row says why); the apply does not.
 */
export async function* removalCandidates(
  m: EntityManager,
  importId: number,
  districtId: number,
  ctx: RosterContext,
  purpose: 'preview' | 'apply',
): AsyncGenerator<RemovalCandidate[]> {
  let after = 0;
  const scope = ctx.scopeCategories;
  for (;;) {
    let rows: Record<string, unknown>[];
    if (!ctx.byResidence) {
      if (!scope.length) return;
      rows = await m.query(
        `SELECT i.id AS id, i.person_id AS person_id, i.category_code AS category_code, p.id_number_hash AS h, p.id_number_masked AS masked, p.name AS name
           FROM \`identity\` i JOIN \`person\` p ON p.id = i.person_id
          WHERE p.district_id = ? AND i.category_code IN (${scope.map(() => '?').join(', ')})
            AND (i.valid_to IS NULL OR i.valid_to >= ?) AND i.id > ?
            AND NOT EXISTS (SELECT 1 FROM \`roster_import_row\` s WHERE s.id_number_hash = p.id_number_hash AND s.roster_import_id = ?
                              AND s.category_code = i.category_code AND ${APPLICABLE})
          ORDER BY i.id LIMIT 5000`,
        [districtId, ...scope, ctx.monthStart, after, importId],
      );
    } else {
      const listed = purpose === 'preview' ? `s.status <> 'error' AND s.action <> 'remove'` : APPLICABLE;
      rows = await m.query(
        `SELECT e.id AS id, e.person_id AS person_id, '' AS category_code, p.id_number_hash AS h, p.id_number_masked AS masked, p.name AS name
           FROM \`enrolment\` e JOIN \`person\` p ON p.id = e.person_id
          WHERE p.district_id = ? AND e.scheme_id = ? AND e.insurance_year = ? AND e.cover_end >= ? AND e.id > ?
            AND NOT EXISTS (SELECT 1 FROM \`roster_import_row\` s WHERE s.id_number_hash = p.id_number_hash AND s.roster_import_id = ? AND ${listed})
          ORDER BY e.id LIMIT 5000`,
        [districtId, ctx.scheme.id, ctx.insuranceYear, ctx.monthStart, after, importId],
      );
    }
    if (!rows.length) return;
    after = Number(rows[rows.length - 1].id);
    yield rows.map((r) => ({
      identityId: ctx.byResidence ? null : Number(r.id),
      enrolmentId: ctx.byResidence ? Number(r.id) : null,
      personId: Number(r.person_id),
      category: String(r.category_code ?? ''),
      hash: String(r.h),
      masked: String(r.masked),
      name: String(r.name),
    }));
  }
}
