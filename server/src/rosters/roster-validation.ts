/**
 * The dry run: stream the stored file, check every row, compare with the current state, and write
 * one roster_import_row per row (in batches) with its status, messages and the action applying it
 * would take. Writes no person, identity or enrolment.
 */
import { categoryLabel } from '@huimin/shared';
import type { DataSource, EntityManager } from 'typeorm';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { maskIdNumber } from '../common/crypto/mask';
import { cellText, type RawRow, type RosterRecord } from './roster-format';
import type { RosterActionCounts } from './roster-import.entity';
import { readRoster, type RosterFileFormat } from './roster-reader';
import { currentIdentity, identityChanges, loadHouseholds, loadPeople, personChanges } from './roster-state';
import { BIT_CATEGORY, CATEGORY_BIT, judgeEligibility, refuse, RosterContext, validateRow, type RowVerdict } from './roster-validator';
import type { Readable } from 'node:stream';
import { bulkInsert } from './sql';

export const BATCH_ROWS = 2000;
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
    /** ID number → bit set of the categories seen so far (duplicates; several identities). */
    const seen = new Map<string, number>();
    /** (person, category) of existing people listed in the file; listed people (for residence schemes). */
    const listed = new Set<number>();
    const listedPeople = new Set<number>();
    const blocked = new Set<string>();
    const counts = emptyCounts();
    let rowCount = 0;
    let errorCount = 0;
    let warningCount = 0;
    let lastRowNo = 1;
    let batch: RowVerdict[] = [];
    let raws: RawRow[] = [];

    const flush = async () => {
      const out = await this.compare(m, v.districtId, ctx, batch, listed, listedPeople);
      for (const r of out) {
        if (r.status === 'error') errorCount++;
        else if (r.status === 'warning') warningCount++;
        if (r.action) counts[r.action]++;
      }
      await this.writeRows(m, v.importId, out, raws);
      rowCount += out.length;
      batch = [];
      raws = [];
      await v.onProgress?.(rowCount);
    };

    for await (const raw of readRoster(v.input, v.format)) {
      lastRowNo = raw.rowNo;
      const verdict = validateRow(raw, ctx);
      const r = verdict.record;
      if (r) {
        const bit = r.category ? CATEGORY_BIT.get(r.category)! : NO_CATEGORY_BIT;
        const prev = seen.get(r.idNumber) ?? 0;
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

    // A category that blocks another (伤残人民警察 for 优抚对象) may come after the row it blocks.
    for (const id of blocked) {
      const fixed = await this.refuseBlocked(m, v.importId, ctx, id, codesOf(seen.get(id) ?? 0));
      for (const [from, n] of fixed) {
        counts[from] -= n;
        counts.refuse += n;
        warningCount += n;
      }
    }
    if (v.mode === 'full') {
      const removed = await this.previewRemovals(m, v.importId, v.districtId, ctx, listed, listedPeople, lastRowNo);
      counts.remove += removed;
    }
    const secs = Math.max((Date.now() - t0) / 1000, 0.001);
    return { rowCount, errorCount, warningCount, counts, rowsPerSecond: Math.round(rowCount / secs) };
  }

  /** add / change / unchanged against the current state, for the valid rows of a batch. */
  private async compare(
    m: EntityManager,
    districtId: number,
    ctx: RosterContext,
    batch: RowVerdict[],
    listed: Set<number>,
    listedPeople: Set<number>,
  ): Promise<RowVerdict[]> {
    const valid = batch.filter((b) => b.record && b.status !== 'error');
    const hashes = valid.map((b) => this.pii.hashIdNumber(b.record!.idNumber));
    const people = await loadPeople(m, hashes);
    const households = await loadHouseholds(m, districtId, valid.map((b) => b.record!.householdNo).filter((x): x is string => !!x));
    valid.forEach((b, i) => {
      const r = b.record!;
      const p = people.get(hashes[i]);
      if (p) {
        listedPeople.add(p.id);
        if (b.action !== 'refuse') listed.add(personCategoryKey(p.id, r.category));
      }
      if (b.action === 'refuse') return;
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
    return batch;
  }

  private async writeRows(m: EntityManager, importId: number, rows: RowVerdict[], raws: RawRow[]): Promise<void> {
    const values = rows.map((r, i) => {
      const rec = r.record;
      const idText = rec ? rec.idNumber : cellText(raws[i].cells.idNumber);
      // Error rows keep what the file said (encrypted), so the caseworker can see it beside the message.
      const data = rec ?? Object.fromEntries(Object.entries(raws[i].cells).map(([k, c]) => [k, cellText(c)]));
      return [
        importId,
        r.rowNo,
        r.status,
        r.action,
        rec ? rec.category || null : null,
        rec ? this.pii.hashIdNumber(rec.idNumber) : null,
        maskIdNumber(idText).slice(0, 24),
        this.pii.encrypt(JSON.stringify(data), 'roster_row.data'),
        r.messages.length ? JSON.stringify(r.messages) : null,
      ];
    });
    await bulkInsert(
      m,
      'roster_import_row',
      ['roster_import_id', 'row_no', 'status', 'action', 'category_code', 'id_number_hash', 'id_number_masked', 'data_enc', 'errors'],
      values,
    );
  }

  /** Rows of a person whose categories include a blocker: refuse those not yet refused. Returns how many per former action. */
  private async refuseBlocked(m: EntityManager, importId: number, ctx: RosterContext, idNumber: string, codes: string[]) {
    const hash = this.pii.hashIdNumber(idNumber);
    const rows = (await m.query(
      `SELECT id, action, data_enc, errors FROM \`roster_import_row\` WHERE roster_import_id = ? AND id_number_hash = ? AND status <> 'error'`,
      [importId, hash],
    )) as { id: number; action: string | null; data_enc: string; errors: unknown }[];
    const fixed = new Map<'add' | 'change' | 'unchanged', number>();
    for (const row of rows) {
      if (row.action === 'refuse' || row.action === 'remove' || !row.action) continue;
      const rec = JSON.parse(this.pii.decrypt(row.data_enc, 'roster_row.data')) as RosterRecord;
      const verdict: RowVerdict = { rowNo: 0, status: 'ok', action: null, record: rec, messages: [] };
      judgeEligibility(verdict, ctx, codes);
      if (verdict.action !== 'refuse') continue;
      const messages = [...((typeof row.errors === 'string' ? JSON.parse(row.errors) : row.errors) ?? []), ...verdict.messages];
      await m.query(`UPDATE \`roster_import_row\` SET action = 'refuse', status = 'warning', errors = ? WHERE id = ?`, [
        JSON.stringify(messages),
        row.id,
      ]);
      const k = row.action as 'add' | 'change' | 'unchanged';
      fixed.set(k, (fixed.get(k) ?? 0) + 1);
    }
    return fixed;
  }

  /**
   * Full rosters: identities of the scheme's categories in this district that are current but not in
   * the file will end the day before the roster month (registered-resident schemes: enrolled people
   * not listed). Written as rows after the file's last row, action 'remove'.
   */
  private async previewRemovals(
    m: EntityManager,
    importId: number,
    districtId: number,
    ctx: RosterContext,
    listed: Set<number>,
    listedPeople: Set<number>,
    lastRowNo: number,
  ): Promise<number> {
    let rowNo = lastRowNo;
    let n = 0;
    for await (const page of removalCandidates(m, districtId, ctx)) {
      const gone = page.filter((c) => (c.category ? !listed.has(personCategoryKey(c.personId, c.category)) : !listedPeople.has(c.personId)));
      const rows = gone.map((c) => {
        rowNo++;
        const message = c.category
          ? `名单中没有此人的${categoryLabel(c.category)}身份，应用后该身份于 ${ctx.dayBefore} 终止`
          : `名单中没有此人，应用后保障于 ${ctx.dayBefore} 终止`;
        return [
          importId,
          rowNo,
          'ok',
          'remove',
          c.category || null,
          c.hash,
          c.masked,
          this.pii.encrypt(JSON.stringify({ name: c.name, category: c.category }), 'roster_row.data'),
          JSON.stringify([{ field: '身份类别', message, level: 'info' }]),
        ];
      });
      n += rows.length;
      await bulkInsert(
        m,
        'roster_import_row',
        ['roster_import_id', 'row_no', 'status', 'action', 'category_code', 'id_number_hash', 'id_number_masked', 'data_enc', 'errors'],
        rows,
      );
    }
    return n;
  }
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

/** Current identities of the scheme's categories in the district (or, for residence schemes, current enrolments), in pages. */
export async function* removalCandidates(m: EntityManager, districtId: number, ctx: RosterContext): AsyncGenerator<RemovalCandidate[]> {
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
          ORDER BY i.id LIMIT 5000`,
        [districtId, ...scope, ctx.monthStart, after],
      );
    } else {
      rows = await m.query(
        `SELECT e.id AS id, e.person_id AS person_id, '' AS category_code, p.id_number_hash AS h, p.id_number_masked AS masked, p.name AS name
           FROM \`enrolment\` e JOIN \`person\` p ON p.id = e.person_id
          WHERE p.district_id = ? AND e.scheme_id = ? AND e.insurance_year = ? AND e.cover_end >= ? AND e.id > ?
          ORDER BY e.id LIMIT 5000`,
        [districtId, ctx.scheme.id, ctx.insuranceYear, ctx.monthStart, after],
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

