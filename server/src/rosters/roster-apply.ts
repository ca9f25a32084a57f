/**
 * Applying a validated roster: one transaction, set-based over the import's staged rows
 * (roster_import_row, written by the dry run):
 *  A. households the rows name that the district lacks (one INSERT … SELECT);
 *  B. people already stored: compared in pages (name, district, household, phone, flags merged over the
 *     stored ones), an UPDATE only where something differs;
 *  C. new people (one INSERT … SELECT; the ID number and phone were encrypted by the dry run);
 *  D. identities: the current one of each listed category updated where it differs (one UPDATE … JOIN),
 *     missing ones added (one INSERT … SELECT);
 *  E. (full rosters) identities of the scheme's categories in the district that no row lists end the day
 *     before the roster month (registered-resident schemes: the person is no longer a registered resident);
 *  F. the enrolment of every person touched, through the engine, in pages: one per person, scheme and
 *     insurance year however many identities; cover start/end from the engine; insurer from the district;
 *     premium from the scheme's funding rule.
 * Applying the same content again writes nothing: every step only writes differences.
 */
import { parsePersonFlags, withFlags } from '../people/person-flags';
import {
  computePremium,
  coveredMonths,
  eligibilityOf,
  type EligibilityResult,
  type PersonFacts,
  type PersonIdentity,
} from '@huimin/shared';
import Decimal from 'decimal.js';
import { readFileSync } from 'node:fs';
import type { EntityManager } from 'typeorm';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import type { PersonFlags } from '../people/person.entity';
import { dateStr } from './roster-state';
import type { RosterContext } from './roster-validator';
import { APPLICABLE, removalCandidates } from './roster-validation';
import { dialectOf, exec, insertRows, marks, nowSql, parseJson, selectIn, type Dialect } from './sql';

export interface ApplyCounts {
  peopleAdded: number;
  peopleChanged: number;
  householdsAdded: number;
  identitiesAdded: number;
  identitiesChanged: number;
  identitiesEnded: number;
  enrolmentsAdded: number;
  enrolmentsChanged: number;
  enrolmentsEnded: number;
  /** Rows not applied because they were refused (excluded categories, not eligible). */
  rowsRefused: number;
  /** Sum of every change above: 0 when the roster changed nothing. */
  changes: number;
  /** Premium of the enrolments this apply added or changed, after − before, yuan. */
  premiumDelta: string;
}

export interface ApplyInput {
  importId: number;
  districtId: number;
  insurerId: number;
  mode: 'full' | 'delta';
  ctx: RosterContext;
  onProgress?: (rows: number) => void;
}

const PAGE = 5000;
/** Session temporary-table size for the apply on MariaDB (bytes). */
const BIG_TMP = 512 * 1024 * 1024;
/** HUIMIN_ROSTER_TIMING=1: each apply step's seconds on stderr (benchmarks). */
const timing = process.env.HUIMIN_ROSTER_TIMING === '1';
const T = (name: string) => `\`${name}\``;

interface PersonPageRow {
  row_no: number;
  id: number;
  birth_date: unknown;
  household_id: number | null;
  flags: unknown;
  e_id: number | null;
  cover_start: unknown;
  cover_end: unknown;
  premium: unknown;
  household_premium: unknown;
  insurer_id: number | null;
  category_code: string | null;
  valid_from: unknown;
  valid_to: unknown;
  confirmed_on: unknown;
}

interface Touched {
  id: number;
  birthDate: string;
  householdId: number | null;
  flags: unknown;
  identities: PersonIdentity[];
  enrolment: { id: number; coverStart: string; coverEnd: string; premium: Decimal; householdPremium: Decimal | null; insurerId: number } | null;
}

export class RosterApply {
  private readonly premiumCache = new Map<string, { total: Decimal; household: Decimal }>();

  constructor(private readonly pii: PiiCryptoService) {}

  async run(m: EntityManager, a: ApplyInput): Promise<ApplyCounts> {
    if (dialectOf(m) === 'sqlite') return this.steps(m, a);
    // The DISTINCT and INSERT … SELECT steps need temporary tables of a few hundred MB for a million rows:
    // in memory, not converted to on-disk Aria tables at the 16 MB default (2–3× slower). The pooled
    // connection gets the server's defaults back afterwards, whatever happens.
    await m.query(`SET SESSION tmp_table_size = ${BIG_TMP}, max_heap_table_size = ${BIG_TMP}`);
    try {
      return await this.steps(m, a);
    } finally {
      await m.query('SET SESSION tmp_table_size = DEFAULT, max_heap_table_size = DEFAULT');
    }
  }

  private async steps(m: EntityManager, a: ApplyInput): Promise<ApplyCounts> {
    const c: ApplyCounts = {
      peopleAdded: 0,
      peopleChanged: 0,
      householdsAdded: 0,
      identitiesAdded: 0,
      identitiesChanged: 0,
      identitiesEnded: 0,
      enrolmentsAdded: 0,
      enrolmentsChanged: 0,
      enrolmentsEnded: 0,
      rowsRefused: 0,
      changes: 0,
      premiumDelta: '0.00',
    };
    const d = dialectOf(m);
    const { ctx } = a;
    const imp = a.importId;
    let t = Date.now();
    let cpu = timing ? cpuSeconds() : [0, 0];
    const step = (name: string) => {
      if (!timing) return;
      const now = cpuSeconds();
      console.error(`[roster apply] ${name} ${((Date.now() - t) / 1000).toFixed(1)} s (cpu node ${(now[0] - cpu[0]).toFixed(1)} s, db ${(now[1] - cpu[1]).toFixed(1)} s)`);
      t = Date.now();
      cpu = now;
    };


    const [refused] = (await m.query(
      `SELECT COUNT(*) AS n FROM ${T('roster_import_row')} WHERE roster_import_id = ? AND action = 'refuse' AND status <> 'error'`,
      [imp],
    )) as { n: unknown }[];
    c.rowsRefused = Number(refused.n);

    // A. households
    c.householdsAdded = await exec(
      m,
      `INSERT INTO ${T('household')} (household_no, district_id)
       SELECT DISTINCT s.household_no, ? FROM ${T('roster_import_row')} s
        WHERE s.roster_import_id = ? AND s.person_row = 1 AND ${APPLICABLE} AND s.household_no IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${T('household')} h WHERE h.district_id = ? AND h.household_no = s.household_no)`,
      [a.districtId, imp, a.districtId],
    );

    step('households');
    // B. people already stored
    await this.changePeople(m, d, a, c);

    step('changed people');
    // C. new people (MariaDB: read the rows in row order through the (import, row_no) index, not through the
    // status index and a filesort of a million wide rows)
    const [maxBefore] = (await m.query(`SELECT COALESCE(MAX(id), 0) AS n FROM ${T('person')}`)) as { n: unknown }[];
    const householdOf = `(SELECT MIN(h.id) FROM ${T('household')} h WHERE h.district_id = ? AND h.household_no = s.household_no)`;
    await m.query(
      `INSERT INTO ${T('person')} (name, id_number_enc, id_number_hash, id_number_masked, birth_date, sex, district_id, household_id, phone_enc, phone_masked, flags)
       SELECT s.name, s.id_number_enc, s.id_number_hash, s.id_number_masked, s.birth_date, s.sex, ?, ${householdOf}, s.phone_enc, s.phone_masked, s.flags
         FROM ${T('roster_import_row')} s ${d === 'sqlite' ? '' : 'FORCE INDEX (uq_roster_import_row_no)'}
        WHERE s.roster_import_id = ? AND s.person_row = 1 AND ${APPLICABLE}
        ORDER BY s.row_no
       ${d === 'sqlite' ? 'ON CONFLICT (id_number_hash) DO NOTHING' : 'ON DUPLICATE KEY UPDATE `id` = `person`.`id`'}`,
      [a.districtId, a.districtId, imp],
    );
    const [added] = (await m.query(`SELECT COUNT(*) AS n FROM ${T('person')} WHERE id > ?`, [Number(maxBefore.n)])) as { n: unknown }[];
    c.peopleAdded = Number(added.n);

    step('new people');
    // D. identities: the current one of each listed category, where it differs; then the missing ones.
    const current = (x: string) => `(${x}.valid_to IS NULL OR ${x}.valid_to >= ?)`;
    const newest = (x: string) =>
      `NOT EXISTS (SELECT 1 FROM ${T('identity')} j WHERE j.person_id = ${x}.person_id AND j.category_code = ${x}.category_code AND ${current('j')}
                     AND (j.valid_from > ${x}.valid_from OR (j.valid_from = ${x}.valid_from AND j.id < ${x}.id)))`;
    c.identitiesChanged = await exec(
      m,
      d === 'sqlite'
        ? `UPDATE ${T('identity')} AS i
              SET valid_from = COALESCE(s.valid_from, i.valid_from), valid_to = s.valid_to, confirmed_on = s.confirmed_on, roster_import_id = ?
             FROM ${T('roster_import_row')} s JOIN ${T('person')} p ON p.id_number_hash = s.id_number_hash
            WHERE p.id = i.person_id AND s.category_code = i.category_code AND s.roster_import_id = ? AND ${APPLICABLE} AND ${current('i')}
              AND NOT (COALESCE(s.valid_from, i.valid_from) IS i.valid_from AND s.valid_to IS i.valid_to AND s.confirmed_on IS i.confirmed_on)
              AND ${newest('i')}`
        : `UPDATE ${T('identity')} i
             JOIN ${T('person')} p ON p.id = i.person_id
             JOIN ${T('roster_import_row')} s ON s.id_number_hash = p.id_number_hash AND s.category_code = i.category_code
              SET i.valid_from = COALESCE(s.valid_from, i.valid_from), i.valid_to = s.valid_to, i.confirmed_on = s.confirmed_on, i.roster_import_id = ?
            WHERE s.roster_import_id = ? AND ${APPLICABLE} AND ${current('i')}
              AND NOT (COALESCE(s.valid_from, i.valid_from) <=> i.valid_from AND s.valid_to <=> i.valid_to AND s.confirmed_on <=> i.confirmed_on)
              AND ${newest('i')}`,
      [imp, imp, ctx.monthStart, ctx.monthStart],
    );
    c.identitiesAdded = await exec(
      m,
      `INSERT INTO ${T('identity')} (person_id, category_code, roster_import_id, valid_from, valid_to, confirmed_on)
       SELECT p.id, s.category_code, ?, COALESCE(s.valid_from, ?), s.valid_to, s.confirmed_on
         FROM ${T('roster_import_row')} s JOIN ${T('person')} p ON p.id_number_hash = s.id_number_hash
        WHERE s.roster_import_id = ? AND ${APPLICABLE} AND s.category_code IS NOT NULL AND ${current('s')}
          AND NOT EXISTS (SELECT 1 FROM ${T('identity')} i WHERE i.person_id = p.id AND i.category_code = s.category_code AND ${current('i')})
        ORDER BY s.row_no`,
      [imp, ctx.monthStart, imp, ctx.monthStart, ctx.monthStart],
    );

    step('identities');
    // E. removals (full rosters)
    const removed = new Set<number>();
    if (a.mode === 'full') {
      for await (const gone of removalCandidates(m, imp, a.districtId, ctx, 'apply')) {
        for (let i = 0; i < gone.length; i += 1000) {
          const part = gone.slice(i, i + 1000);
          if (ctx.byResidence) {
            // No longer on the residents' roster: not a registered resident any more, the enrolment is cut in F.
            const ids = [...new Set(part.map((x) => x.personId))];
            const patch = d === 'sqlite' ? 'json_patch' : 'JSON_MERGE_PATCH';
            await m.query(
              `UPDATE ${T('person')} SET flags = ${patch}(COALESCE(flags, '{}'), '{"registered_resident":false}'), updated_at = ${nowSql(d)}
                WHERE id IN (${marks(ids.length)})`,
              ids,
            );
            c.peopleChanged += part.length;
          } else {
            const ids = part.map((x) => x.identityId!);
            await m.query(`UPDATE ${T('identity')} SET valid_to = ? WHERE id IN (${marks(ids.length)})`, [ctx.dayBefore, ...ids]);
            c.identitiesEnded += part.length;
          }
          for (const x of part) removed.add(x.personId);
        }
      }
    }

    step('removals');
    // F. enrolments of everyone touched: the people removed, then every person the rows list.
    const premium = { delta: new Decimal(0) };
    const removedIds = [...removed].sort((x, y) => x - y);
    for (let i = 0; i < removedIds.length; i += PAGE) {
      const part = removedIds.slice(i, i + PAGE);
      const rows = (await m.query(
        `${this.personSelect()} FROM ${T('person')} p ${this.personJoins()} WHERE p.id IN (${marks(part.length)}) ORDER BY p.id, i.id`,
        [ctx.scheme.id, ctx.insuranceYear, ...part],
      )) as PersonPageRow[];
      await this.enrol(m, a, group(rows), c, premium);
    }
    let after = 0;
    let done = 0;
    for (;;) {
      const rows = (await m.query(
        `${this.personSelect('x.row_no AS row_no')}
           FROM (SELECT s.row_no, s.id_number_hash FROM ${T('roster_import_row')} s
                  WHERE s.roster_import_id = ? AND s.person_row = 1 AND ${APPLICABLE} AND s.row_no > ?
                  ORDER BY s.row_no LIMIT ${PAGE}) x
           JOIN ${T('person')} p ON p.id_number_hash = x.id_number_hash
           ${this.personJoins()}
          ORDER BY x.row_no, i.id`,
        [imp, after, ctx.scheme.id, ctx.insuranceYear],
      )) as PersonPageRow[];
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].row_no);
      const people = group(rows).filter((p) => !removed.has(p.id));
      await this.enrol(m, a, people, c, premium);
      done += people.length;
      a.onProgress?.(done);
    }

    step('enrolments');
    c.premiumDelta = premium.delta.toFixed(2);
    c.changes =
      c.peopleAdded + c.peopleChanged + c.householdsAdded + c.identitiesAdded + c.identitiesChanged + c.identitiesEnded +
      c.enrolmentsAdded + c.enrolmentsChanged + c.enrolmentsEnded;
    return c;
  }

  /** Columns of a person with their enrolment of the roster's scheme and year, and each identity (one row per identity). */
  private personSelect(extra = '0 AS row_no'): string {
    return `SELECT ${extra}, p.id AS id, p.birth_date AS birth_date, p.household_id AS household_id, p.flags AS flags,
                   e.id AS e_id, e.cover_start AS cover_start, e.cover_end AS cover_end, e.premium AS premium,
                   e.household_premium AS household_premium, e.insurer_id AS insurer_id,
                   i.category_code AS category_code, i.valid_from AS valid_from, i.valid_to AS valid_to, i.confirmed_on AS confirmed_on`;
  }

  private personJoins(): string {
    return `LEFT JOIN ${T('enrolment')} e ON e.person_id = p.id AND e.scheme_id = ? AND e.insurance_year = ?
            LEFT JOIN ${T('identity')} i ON i.person_id = p.id`;
  }

  /** B: people the rows name who are already stored; an UPDATE for each one whose stored values differ. */
  private async changePeople(m: EntityManager, d: Dialect, a: ApplyInput, c: ApplyCounts): Promise<void> {
    let after = 0;
    for (;;) {
      const rows = (await m.query(
        `SELECT s.row_no, s.name, s.household_no, s.phone_enc, s.phone_masked, s.flags,
                p.id AS p_id, p.name AS p_name, p.district_id AS p_district_id, p.household_id AS p_household_id,
                p.phone_enc AS p_phone_enc, p.phone_masked AS p_phone_masked, p.flags AS p_flags,
                (SELECT MIN(h.id) FROM ${T('household')} h WHERE h.district_id = ? AND h.household_no = s.household_no) AS hh
           FROM ${T('roster_import_row')} s JOIN ${T('person')} p ON p.id_number_hash = s.id_number_hash
          WHERE s.roster_import_id = ? AND s.person_row = 1 AND ${APPLICABLE} AND s.row_no > ?
          ORDER BY s.row_no LIMIT ${PAGE}`,
        [a.districtId, a.importId, after],
      )) as Record<string, unknown>[];
      if (!rows.length) return;
      after = Number(rows[rows.length - 1].row_no);
      for (const r of rows) {
        const stored = parseJson<PersonFlags>(r.p_flags);
        const stated = parseJson<PersonFlags>(r.flags);
        const flags: PersonFlags | null = stated ? { ...(stored ?? {}), ...stated } : stored;
        const householdId = r.household_no ? (r.hh == null ? null : Number(r.hh)) : r.p_household_id == null ? null : Number(r.p_household_id);
        const storedHousehold = r.p_household_id == null ? null : Number(r.p_household_id);
        let differs =
          r.name !== r.p_name || Number(r.p_district_id) !== a.districtId || householdId !== storedHousehold || !sameFlags(stored, flags);
        if (!differs && r.phone_enc) {
          differs =
            !r.p_phone_enc ||
            r.phone_masked !== r.p_phone_masked ||
            this.pii.decrypt(String(r.phone_enc), 'person.phone') !== this.pii.decrypt(String(r.p_phone_enc), 'person.phone');
        }
        if (!differs) continue;
        await m.query(
          `UPDATE ${T('person')} SET name = ?, district_id = ?, household_id = ?, phone_enc = COALESCE(?, phone_enc),
                  phone_masked = COALESCE(?, phone_masked), flags = ?, updated_at = ${nowSql(d)} WHERE id = ?`,
          [r.name, a.districtId, householdId, r.phone_enc ?? null, r.phone_masked ?? null, flags && Object.keys(flags).length ? JSON.stringify(flags) : null, Number(r.p_id)],
        );
        c.peopleChanged++;
      }
    }
  }

  /** The engine's verdict for a stored person: at the month's end, or on the day their last identity ends inside the month. */
  private judge(ctx: RosterContext, facts: PersonFacts): EligibilityResult {
    const e = eligibilityOf(facts, ctx.scheme, ctx.monthEnd > ctx.version.effective.to ? ctx.version.effective.to : ctx.monthEnd);
    if (e.eligible) return e;
    const ends = facts.identities.map((i) => i.validTo).filter((t): t is string => !!t && t >= ctx.monthStart && t < ctx.monthEnd).sort();
    return ends.length ? eligibilityOf(facts, ctx.scheme, ends[ends.length - 1]) : e;
  }

  private premiumOf(ctx: RosterContext, area: string, coverStart: string, coverEnd: string, withHousehold: boolean) {
    const months = coveredMonths(coverStart, coverEnd);
    const key = `${ctx.yearId}|${area}|${months}|${withHousehold ? 1 : 0}`;
    let p = this.premiumCache.get(key);
    if (!p) {
      const r = computePremium({ schemeId: ctx.scheme.id, year: ctx.yearId, area, persons: 1, personMonths: months, households: withHousehold ? 1 : 0, subsidies: 1 });
      const household = r.items.filter((i) => i.unit === 'household').reduce((s, i) => s.plus(i.amount), new Decimal(0));
      p = { total: new Decimal(r.total), household };
      this.premiumCache.set(key, p);
    }
    return p;
  }

  private async enrol(m: EntityManager, a: ApplyInput, people: Touched[], c: ApplyCounts, premium: { delta: Decimal }): Promise<void> {
    if (!people.length) return;
    const ctx = a.ctx;
    const hasHouseholdItem = ctx.version.funding.some((f) => f.unit === 'household');
    // Households whose premium is already carried by an enrolment of this scheme and year.
    const carried = new Set<number>();
    if (hasHouseholdItem) {
      const hh = [...new Set(people.map((p) => p.householdId).filter((x): x is number => x != null))];
      const found = await selectIn<{ household_id: number }>(
        m,
        (q) => `SELECT DISTINCT p.household_id AS household_id FROM ${T('enrolment')} e JOIN ${T('person')} p ON p.id = e.person_id
                 WHERE p.household_id IN (${q}) AND e.scheme_id = ? AND e.insurance_year = ? AND e.household_premium IS NOT NULL`,
        hh,
        [ctx.scheme.id, ctx.insuranceYear],
      );
      for (const f of found) carried.add(Number(f.household_id));
    }

    const inserts: unknown[][] = [];
    for (const p of people) {
      const facts = withFlags({ birthDate: p.birthDate, area: ctx.areaName, identities: p.identities }, parsePersonFlags(p.flags));
      const e = this.judge(ctx, facts);
      const cur = p.enrolment;
      const householdId = p.householdId;

      if (e.eligible && e.insuranceYear && Number(e.insuranceYear.id) === ctx.insuranceYear) {
        const coverStart = cur && cur.coverStart < e.coverStart! ? cur.coverStart : e.coverStart!;
        const coverEnd = e.coverEnd!;
        // The household premium goes on the household's first enrolment (a person without 户号 is a household of one).
        let withHousehold = false;
        if (hasHouseholdItem) {
          if (cur?.householdPremium) withHousehold = true;
          else if (householdId === null) withHousehold = true;
          else if (!carried.has(householdId)) withHousehold = true;
          if (withHousehold && householdId !== null) carried.add(householdId);
        }
        const prem = this.premiumOf(ctx, ctx.areaName, coverStart, coverEnd, withHousehold);
        const hp = withHousehold ? prem.household : null;
        if (!cur) {
          inserts.push([p.id, ctx.scheme.id, ctx.insuranceYear, coverStart, coverEnd, a.insurerId, prem.total.toFixed(2), hp ? hp.toFixed(2) : null]);
          premium.delta = premium.delta.plus(prem.total);
          c.enrolmentsAdded++;
        } else if (
          cur.coverStart !== coverStart || cur.coverEnd !== coverEnd || !cur.premium.eq(prem.total) || cur.insurerId !== a.insurerId ||
          (cur.householdPremium?.toFixed(2) ?? null) !== (hp?.toFixed(2) ?? null)
        ) {
          await m.query('UPDATE `enrolment` SET cover_start = ?, cover_end = ?, premium = ?, household_premium = ?, insurer_id = ? WHERE id = ?', [
            coverStart, coverEnd, prem.total.toFixed(2), hp ? hp.toFixed(2) : null, a.insurerId, cur.id,
          ]);
          premium.delta = premium.delta.plus(prem.total.minus(cur.premium));
          c.enrolmentsChanged++;
        }
      } else if (cur && cur.coverEnd >= ctx.monthStart) {
        // No longer eligible from this month: cover ends the day before; an enrolment that never began goes.
        if (ctx.dayBefore < cur.coverStart) {
          await m.query('DELETE FROM `enrolment` WHERE id = ?', [cur.id]);
          premium.delta = premium.delta.minus(cur.premium);
        } else {
          const prem = this.premiumOf(ctx, ctx.areaName, cur.coverStart, ctx.dayBefore, !!cur.householdPremium);
          await m.query('UPDATE `enrolment` SET cover_end = ?, premium = ? WHERE id = ?', [ctx.dayBefore, prem.total.toFixed(2), cur.id]);
          premium.delta = premium.delta.plus(prem.total.minus(cur.premium));
        }
        c.enrolmentsEnded++;
      }
    }
    await insertRows(
      m,
      'enrolment',
      ['person_id', 'scheme_id', 'insurance_year', 'cover_start', 'cover_end', 'insurer_id', 'premium', 'household_premium'],
      inserts,
    );
  }
}

/** Rows of personSelect (one per identity, ordered by person) → one Touched per person, in order. */
function group(rows: PersonPageRow[]): Touched[] {
  const out: Touched[] = [];
  let cur: Touched | null = null;
  for (const r of rows) {
    const id = Number(r.id);
    if (!cur || cur.id !== id) {
      cur = {
        id,
        birthDate: dateStr(r.birth_date)!,
        householdId: r.household_id == null ? null : Number(r.household_id),
        flags: r.flags,
        identities: [],
        enrolment:
          r.e_id == null
            ? null
            : {
                id: Number(r.e_id),
                coverStart: dateStr(r.cover_start)!,
                coverEnd: dateStr(r.cover_end)!,
                premium: money(r.premium)!,
                householdPremium: money(r.household_premium),
                insurerId: Number(r.insurer_id),
              },
      };
      out.push(cur);
    }
    if (r.category_code != null) {
      const pi: PersonIdentity = { code: String(r.category_code), validFrom: dateStr(r.valid_from)! };
      const to = dateStr(r.valid_to);
      const on = dateStr(r.confirmed_on);
      if (to) pi.validTo = to;
      if (on) pi.confirmedOn = on;
      cur.identities.push(pi);
    }
  }
  return out;
}

/** [this process, the database server named by HUIMIN_DB_PID] CPU seconds (benchmarks only). */
export function cpuSeconds(): [number, number] {
  const u = process.cpuUsage();
  let db = 0;
  const pid = process.env.HUIMIN_DB_PID;
  if (pid) {
    try {
      const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      db = (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      db = 0;
    }
  }
  return [(u.user + u.system) / 1e6, db];
}

function sameFlags(a: PersonFlags | null, b: PersonFlags | null): boolean {
  const norm = (x: PersonFlags | null) => JSON.stringify(Object.fromEntries(Object.entries(x ?? {}).sort(([k1], [k2]) => k1.localeCompare(k2))));
  return norm(a) === norm(b);
}

function money(v: unknown): Decimal | null {
  if (v === null || v === undefined) return null;
  return new Decimal(typeof v === 'number' ? v.toFixed(2) : String(v));
}
