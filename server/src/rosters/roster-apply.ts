/**
 * Applying a validated roster: one transaction that
 *  A. upserts households, people (found by the keyed hash of the ID number) and identities from the
 *     valid, not refused rows, comparing each with the current state (no write when nothing differs);
 *  B. (full rosters) ends the identities of the scheme's categories in the district that the file no
 *     longer lists, the day before the roster month;
 *  C. recomputes the enrolment of every person touched, through the engine: one per person, scheme and
 *     insurance year however many identities; cover start/end from the engine; insurer from the
 *     district; premium from the scheme's funding rule.
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
import type { EntityManager } from 'typeorm';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import type { PersonFlags } from '../people/person.entity';
import type { RosterRecord } from './roster-format';
import { currentIdentity, dateStr, identityChanges, loadHouseholds, loadIdentities, loadPeople, mergedFlags, personChanges } from './roster-state';
import type { RosterContext } from './roster-validator';
import { personCategoryKey, removalCandidates } from './roster-validation';
import { bulkInsert, dialectOf, nowSql, parseJson, selectIn } from './sql';

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

const PAGE = 2000;

export class RosterApply {
  private readonly premiumCache = new Map<string, { total: Decimal; household: Decimal }>();

  constructor(private readonly pii: PiiCryptoService) {}

  async run(m: EntityManager, a: ApplyInput): Promise<ApplyCounts> {
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
    const touched = new Set<number>();
    const listed = new Set<number>();
    const listedPeople = new Set<number>();
    const premium = { delta: new Decimal(0) };
    const d = dialectOf(m);
    let done = 0;

    // A. rows, in pages by id
    let after = 0;
    for (;;) {
      const rows = (await m.query(
        `SELECT id, status, action, data_enc FROM \`roster_import_row\`
          WHERE roster_import_id = ? AND id > ? ORDER BY id LIMIT ${PAGE}`,
        [a.importId, after],
      )) as { id: number; status: string; action: string | null; data_enc: string }[];
      if (!rows.length) break;
      after = Number(rows[rows.length - 1].id);
      const records: RosterRecord[] = [];
      for (const r of rows) {
        if (r.status === 'error' || r.action === 'remove') continue;
        if (r.action === 'refuse') {
          c.rowsRefused++;
          continue;
        }
        records.push(JSON.parse(this.pii.decrypt(r.data_enc, 'roster_row.data')) as RosterRecord);
      }
      await this.applyRecords(m, a, records, c, touched, listed, listedPeople);
      done += rows.length;
      a.onProgress?.(done);
    }

    // B. removals (full rosters)
    if (a.mode === 'full') {
      for await (const page of removalCandidates(m, a.districtId, a.ctx)) {
        const gone = page.filter((x) => (x.category ? !listed.has(personCategoryKey(x.personId, x.category)) : !listedPeople.has(x.personId)));
        if (!gone.length) continue;
        if (a.ctx.byResidence) {
          // No longer on the residents' roster: not a registered resident any more, the enrolment is cut in C.
          for (const x of gone) {
            const [row] = (await m.query('SELECT flags FROM `person` WHERE id = ?', [x.personId])) as { flags: unknown }[];
            const flags: PersonFlags = { ...(parseJson<PersonFlags>(row?.flags) ?? {}), registered_resident: false };
            await m.query(`UPDATE \`person\` SET flags = ?, updated_at = ${nowSql(d)} WHERE id = ?`, [JSON.stringify(flags), x.personId]);
            c.peopleChanged++;
            touched.add(x.personId);
          }
        } else {
          const ids = gone.map((x) => x.identityId!);
          for (let i = 0; i < ids.length; i += 1000) {
            const part = ids.slice(i, i + 1000);
            await m.query(`UPDATE \`identity\` SET valid_to = ? WHERE id IN (${part.map(() => '?').join(', ')})`, [a.ctx.dayBefore, ...part]);
          }
          c.identitiesEnded += gone.length;
          for (const x of gone) touched.add(x.personId);
        }
      }
    }

    // C. enrolments of everyone touched
    const ids = [...touched].sort((x, y) => x - y);
    for (let i = 0; i < ids.length; i += 1000) {
      await this.enrol(m, a, ids.slice(i, i + 1000), c, premium);
    }
    c.premiumDelta = premium.delta.toFixed(2);
    c.changes =
      c.peopleAdded + c.peopleChanged + c.householdsAdded + c.identitiesAdded + c.identitiesChanged + c.identitiesEnded +
      c.enrolmentsAdded + c.enrolmentsChanged + c.enrolmentsEnded;
    return c;
  }

  private async applyRecords(
    m: EntityManager,
    a: ApplyInput,
    records: RosterRecord[],
    c: ApplyCounts,
    touched: Set<number>,
    listed: Set<number>,
    listedPeople: Set<number>,
  ): Promise<void> {
    if (!records.length) return;
    const d = dialectOf(m);
    const ctx = a.ctx;
    const hashes = records.map((r) => this.pii.hashIdNumber(r.idNumber));

    // households
    const numbers = [...new Set(records.map((r) => r.householdNo).filter((x): x is string => !!x))];
    let households = await loadHouseholds(m, a.districtId, numbers);
    const newHouseholds = numbers.filter((n) => !households.has(n));
    if (newHouseholds.length) {
      await bulkInsert(m, 'household', ['household_no', 'district_id'], newHouseholds.map((n) => [n, a.districtId]));
      c.householdsAdded += newHouseholds.length;
      households = await loadHouseholds(m, a.districtId, numbers);
    }

    // people
    let people = await loadPeople(m, hashes);
    const fresh = new Map<string, RosterRecord>();
    records.forEach((r, i) => {
      if (!people.has(hashes[i]) && !fresh.has(hashes[i])) fresh.set(hashes[i], r);
    });
    if (fresh.size) {
      const rows = [...fresh].map(([hash, r]) => {
        const id = this.pii.protectIdNumber(r.idNumber);
        const phone = r.phone ? this.pii.protectPhone(r.phone) : null;
        const flags = mergedFlags(r, null);
        return [
          r.name, id.enc, hash, id.masked, r.birthDate, r.sex, a.districtId,
          r.householdNo ? households.get(r.householdNo)! : null,
          phone?.enc ?? null, phone?.masked ?? null, flags ? JSON.stringify(flags) : null,
        ];
      });
      await bulkInsert(
        m,
        'person',
        ['name', 'id_number_enc', 'id_number_hash', 'id_number_masked', 'birth_date', 'sex', 'district_id', 'household_id', 'phone_enc', 'phone_masked', 'flags'],
        rows,
      );
      c.peopleAdded += fresh.size;
      people = await loadPeople(m, hashes);
    }

    // changes to existing people (one record per person in this page: the last one wins)
    const newIdentities: unknown[][] = [];
    const changedPeople = new Set<number>();
    records.forEach((r, i) => {
      const p = people.get(hashes[i])!;
      touched.add(p.id);
      listedPeople.add(p.id);
      listed.add(personCategoryKey(p.id, r.category));
    });
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      const p = people.get(hashes[i])!;
      if (!fresh.has(hashes[i]) || fresh.get(hashes[i]) !== r) {
        const hh = r.householdNo ? households.get(r.householdNo) : null;
        const changes = personChanges(r, p, a.districtId, hh, this.pii);
        if (changes.length) {
          const phone = r.phone ? this.pii.protectPhone(r.phone) : null;
          const flags = mergedFlags(r, p.flags);
          const householdId = r.householdNo ? hh! : p.householdId;
          await m.query(
            `UPDATE \`person\` SET name = ?, district_id = ?, household_id = ?, phone_enc = COALESCE(?, phone_enc),
                    phone_masked = COALESCE(?, phone_masked), flags = ?, updated_at = ${nowSql(d)} WHERE id = ?`,
            [r.name, a.districtId, householdId, phone?.enc ?? null, phone?.masked ?? null, flags ? JSON.stringify(flags) : null, p.id],
          );
          Object.assign(p, { name: r.name, districtId: a.districtId, householdId, phoneEnc: phone ? phone.enc : p.phoneEnc, flags });
          if (!changedPeople.has(p.id)) c.peopleChanged++;
          changedPeople.add(p.id);
        }
      }
      if (!r.category) continue;
      const cur = currentIdentity(p, r.category, ctx);
      if (cur) {
        if (identityChanges(r, cur).length) {
          await m.query('UPDATE `identity` SET valid_from = ?, valid_to = ?, confirmed_on = ?, roster_import_id = ? WHERE id = ?', [
            r.validFrom ?? cur.validFrom,
            r.validTo,
            r.confirmedOn,
            a.importId,
            cur.id,
          ]);
          Object.assign(cur, { validFrom: r.validFrom ?? cur.validFrom, validTo: r.validTo, confirmedOn: r.confirmedOn });
          c.identitiesChanged++;
        }
      } else if (!(r.validTo && r.validTo < ctx.monthStart)) {
        const validFrom = r.validFrom ?? ctx.monthStart;
        newIdentities.push([p.id, r.category, a.importId, validFrom, r.validTo, r.confirmedOn]);
        // Later rows of this page see it as current.
        p.identities.push({ id: -1, personId: p.id, categoryCode: r.category, validFrom, validTo: r.validTo, confirmedOn: r.confirmedOn });
        c.identitiesAdded++;
      }
    }
    await bulkInsert(m, 'identity', ['person_id', 'category_code', 'roster_import_id', 'valid_from', 'valid_to', 'confirmed_on'], newIdentities);
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

  private async enrol(m: EntityManager, a: ApplyInput, personIds: number[], c: ApplyCounts, premium: { delta: Decimal }): Promise<void> {
    const ctx = a.ctx;
    const hasHouseholdItem = ctx.version.funding.some((f) => f.unit === 'household');
    const people = (await selectIn<Record<string, unknown>>(
      m,
      (q) => `SELECT id, birth_date, household_id, flags FROM \`person\` WHERE id IN (${q})`,
      personIds,
    )) as { id: number; birth_date: unknown; household_id: number | null; flags: unknown }[];
    const identities = new Map<number, PersonIdentity[]>();
    for (const i of await loadIdentities(m, personIds)) {
      const list = identities.get(i.personId) ?? [];
      const pi: PersonIdentity = { code: i.categoryCode, validFrom: i.validFrom };
      if (i.validTo) pi.validTo = i.validTo;
      if (i.confirmedOn) pi.confirmedOn = i.confirmedOn;
      list.push(pi);
      identities.set(i.personId, list);
    }
    const enrolments = new Map<number, { id: number; coverStart: string; coverEnd: string; premium: Decimal; householdPremium: Decimal | null; insurerId: number }>();
    const rows = (await selectIn<Record<string, unknown>>(
      m,
      (q) => `SELECT id, person_id, cover_start, cover_end, premium, household_premium, insurer_id FROM \`enrolment\` WHERE person_id IN (${q}) AND scheme_id = ? AND insurance_year = ?`,
      personIds,
      [ctx.scheme.id, ctx.insuranceYear],
    ));
    for (const r of rows) {
      enrolments.set(Number(r.person_id), {
        id: Number(r.id),
        coverStart: dateStr(r.cover_start)!,
        coverEnd: dateStr(r.cover_end)!,
        premium: money(r.premium)!,
        householdPremium: money(r.household_premium),
        insurerId: Number(r.insurer_id),
      });
    }
    // Households whose premium is already carried by an enrolment of this scheme and year.
    const carried = new Set<number>();
    if (hasHouseholdItem) {
      const hh = [...new Set(people.map((p) => p.household_id).filter((x): x is number => x != null))];
      const found = await selectIn<{ household_id: number }>(
        m,
        (q) => `SELECT DISTINCT p.household_id AS household_id FROM \`enrolment\` e JOIN \`person\` p ON p.id = e.person_id
                 WHERE p.household_id IN (${q}) AND e.scheme_id = ? AND e.insurance_year = ? AND e.household_premium IS NOT NULL`,
        hh,
        [ctx.scheme.id, ctx.insuranceYear],
      );
      for (const f of found) carried.add(Number(f.household_id));
    }

    const inserts: unknown[][] = [];
    for (const p of people) {
      const facts = withFlags(
        { birthDate: dateStr(p.birth_date)!, area: ctx.areaName, identities: identities.get(Number(p.id)) ?? [] },
        parsePersonFlags(p.flags),
      );
      const e = this.judge(ctx, facts);
      const cur = enrolments.get(Number(p.id));
      const householdId = p.household_id == null ? null : Number(p.household_id);

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
          inserts.push([Number(p.id), ctx.scheme.id, ctx.insuranceYear, coverStart, coverEnd, a.insurerId, prem.total.toFixed(2), hp ? hp.toFixed(2) : null]);
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
    await bulkInsert(
      m,
      'enrolment',
      ['person_id', 'scheme_id', 'insurance_year', 'cover_start', 'cover_end', 'insurer_id', 'premium', 'household_premium'],
      inserts,
    );
  }
}

function money(v: unknown): Decimal | null {
  if (v === null || v === undefined) return null;
  return new Decimal(typeof v === 'number' ? v.toFixed(2) : String(v));
}

