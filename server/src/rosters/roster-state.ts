/**
 * The current state a batch of roster rows is compared with (people by the keyed hash of their ID
 * number, their identities, households by number), and the comparisons themselves. Used by the
 * validation preview and again, inside the transaction, by the apply.
 */
import type { EntityManager } from 'typeorm';
import type { PersonFlags } from '../people/person.entity';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import type { RosterRecord } from './roster-format';
import type { RosterContext } from './roster-validator';
import { parseJson, selectIn } from './sql';

export interface IdentityState {
  id: number;
  personId: number;
  categoryCode: string;
  validFrom: string;
  validTo: string | null;
  confirmedOn: string | null;
}

export interface PersonState {
  id: number;
  hash: string;
  name: string;
  districtId: number;
  householdId: number | null;
  phoneEnc: string | null;
  flags: PersonFlags | null;
  identities: IdentityState[];
}

/** DATE columns: strings on both drivers (dateStrings on MariaDB); normalise anything else. */
export function dateStr(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

export async function loadPeople(m: EntityManager, hashes: string[]): Promise<Map<string, PersonState>> {
  const out = new Map<string, PersonState>();
  if (!hashes.length) return out;
  const rows = await selectIn<Record<string, unknown>>(
    m,
    (q) => `SELECT id, id_number_hash, name, district_id, household_id, phone_enc, flags FROM \`person\` WHERE id_number_hash IN (${q})`,
    [...new Set(hashes)],
  );
  const byId = new Map<number, PersonState>();
  for (const r of rows) {
    const p: PersonState = {
      id: Number(r.id),
      hash: String(r.id_number_hash),
      name: String(r.name),
      districtId: Number(r.district_id),
      householdId: r.household_id == null ? null : Number(r.household_id),
      phoneEnc: (r.phone_enc as string | null) ?? null,
      flags: parseJson<PersonFlags>(r.flags),
      identities: [],
    };
    out.set(p.hash, p);
    byId.set(p.id, p);
  }
  for (const i of await loadIdentities(m, [...byId.keys()])) byId.get(i.personId)!.identities.push(i);
  return out;
}

export async function loadIdentities(m: EntityManager, personIds: number[]): Promise<IdentityState[]> {
  if (!personIds.length) return [];
  const rows = await selectIn<Record<string, unknown>>(
    m,
    (q) => `SELECT id, person_id, category_code, valid_from, valid_to, confirmed_on FROM \`identity\` WHERE person_id IN (${q}) ORDER BY id`,
    personIds,
  );
  return rows.map((r) => ({
    id: Number(r.id),
    personId: Number(r.person_id),
    categoryCode: String(r.category_code),
    validFrom: dateStr(r.valid_from)!,
    validTo: dateStr(r.valid_to),
    confirmedOn: dateStr(r.confirmed_on),
  }));
}

/** Household ids by household number within one district. */
export async function loadHouseholds(m: EntityManager, districtId: number, numbers: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  if (!numbers.length) return out;
  const list = [...new Set(numbers)];
  for (let i = 0; i < list.length; i += 5000) {
    const part = list.slice(i, i + 5000);
    const found = (await m.query(
      `SELECT id, household_no FROM \`household\` WHERE district_id = ? AND household_no IN (${part.map(() => '?').join(', ')})`,
      [districtId, ...part],
    )) as { id: number; household_no: string }[];
    for (const r of found) if (!out.has(r.household_no)) out.set(r.household_no, Number(r.id));
  }
  return out;
}

/** The identity a record speaks about: the person's current (not ended before the month) one of that category. */
export function currentIdentity(p: PersonState | undefined, category: string, ctx: RosterContext): IdentityState | undefined {
  if (!p || !category) return undefined;
  let best: IdentityState | undefined;
  for (const i of p.identities) {
    if (i.categoryCode !== category) continue;
    if (i.validTo && i.validTo < ctx.monthStart) continue;
    if (!best || i.validFrom > best.validFrom) best = i;
  }
  return best;
}

/** The person flags a record states, merged over the stored ones (an empty cell keeps what is stored). */
export function mergedFlags(r: RosterRecord, stored: PersonFlags | null): PersonFlags | null {
  const f: PersonFlags = { ...(stored ?? {}) };
  if (r.inSchool !== null) f.in_school = r.inSchool;
  if (r.registeredResident !== null) f.registered_resident = r.registeredResident;
  if (r.medicalInsuranceYears) f.medical_insurance_years = r.medicalInsuranceYears;
  if (r.monitoringSystemSince) {
    f.monitoring_system = true;
    f.monitoring_system_since = r.monitoringSystemSince;
  }
  if (r.disabilityCardValidUntil) f.disability_card_valid_until = r.disabilityCardValidUntil;
  return Object.keys(f).length ? f : null;
}

function sameFlags(a: PersonFlags | null, b: PersonFlags | null): boolean {
  const norm = (x: PersonFlags | null) => JSON.stringify(Object.fromEntries(Object.entries(x ?? {}).sort(([k1], [k2]) => k1.localeCompare(k2))));
  return norm(a) === norm(b);
}

/** What of the stored person a record would change, as Chinese field names (empty: nothing). */
export function personChanges(
  r: RosterRecord,
  p: PersonState,
  districtId: number,
  householdId: number | null | undefined,
  pii: PiiCryptoService,
): string[] {
  const out: string[] = [];
  if (p.name !== r.name) out.push('姓名');
  if (p.districtId !== districtId) out.push('区县');
  // householdId undefined: the household does not exist yet, so it will change.
  if (r.householdNo !== null && (householdId === undefined || p.householdId !== householdId)) out.push('户号');
  if (r.phone !== null) {
    const stored = p.phoneEnc ? pii.decrypt(p.phoneEnc, 'person.phone') : null;
    if (stored !== r.phone) out.push('联系电话');
  }
  if (!sameFlags(p.flags, mergedFlags(r, p.flags))) out.push('参保信息');
  return out;
}

/** What of a stored identity a record would change (empty: nothing). */
export function identityChanges(r: RosterRecord, i: IdentityState): string[] {
  const out: string[] = [];
  if (r.validFrom !== null && i.validFrom !== r.validFrom) out.push('有效期起');
  if (i.validTo !== r.validTo) out.push('有效期止');
  if (i.confirmedOn !== r.confirmedOn) out.push('确认日期');
  return out;
}
