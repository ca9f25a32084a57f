import Decimal from 'decimal.js';
import { makeIdNumber } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { PiiCryptoService } from '../../src/common/crypto/pii-crypto.service';
import { Enrolment } from '../../src/enrolment/enrolment.entity';
import { District } from '../../src/geo/district.entity';
import { Household } from '../../src/people/household.entity';
import { Identity } from '../../src/people/identity.entity';
import { Person, type PersonFlags } from '../../src/people/person.entity';
import { AnnualUsage } from '../../src/usage/annual-usage.entity';

let seq = 100;

/** The district the reference seed made for an area of a scheme. */
export async function district(ds: DataSource, schemeId: string, name: string): Promise<District> {
  return ds.getRepository(District).findOneByOrFail({ schemeId, name });
}

export async function household(ds: DataSource, districtId: number): Promise<number> {
  const r = await ds.getRepository(Household).insert({ householdNo: null, districtId });
  return r.identifiers[0].id as number;
}

export interface PersonInput {
  name: string;
  birthDate: string;
  districtId: number;
  householdId?: number | null;
  phone?: string;
  flags?: PersonFlags;
  identities?: { code: string; validFrom: string; validTo?: string; confirmedOn?: string }[];
  regionCode?: string;
}

/** A person with an encrypted ID number (returned in clear for the test to look for). */
export async function person(ds: DataSource, pii: PiiCryptoService, p: PersonInput): Promise<{ id: number; idNumber: string }> {
  const idNumber = makeIdNumber(p.regionCode ?? '140581', p.birthDate, seq++ % 1000);
  const id = pii.protectIdNumber(idNumber);
  const phone = p.phone ? pii.protectPhone(p.phone) : null;
  const r = await ds.getRepository(Person).insert({
    name: p.name,
    idNumberEnc: id.enc,
    idNumberHash: id.hash,
    idNumberMasked: id.masked,
    birthDate: p.birthDate,
    sex: 'F',
    districtId: p.districtId,
    householdId: p.householdId ?? null,
    phoneEnc: phone?.enc ?? null,
    phoneMasked: phone?.masked ?? null,
    flags: p.flags ?? null,
  });
  const personId = r.identifiers[0].id as number;
  for (const i of p.identities ?? []) {
    await ds.getRepository(Identity).insert({ personId, categoryCode: i.code, validFrom: i.validFrom, validTo: i.validTo ?? null, confirmedOn: i.confirmedOn ?? null });
  }
  return { id: personId, idNumber };
}

export async function enrol(
  ds: DataSource,
  e: { personId: number; schemeId: string; year: number; coverStart: string; coverEnd: string; insurerId: number; premium: string },
): Promise<number> {
  const r = await ds.getRepository(Enrolment).insert({
    personId: e.personId,
    schemeId: e.schemeId,
    insuranceYear: e.year,
    coverStart: e.coverStart,
    coverEnd: e.coverEnd,
    insurerId: e.insurerId,
    premium: new Decimal(e.premium),
  });
  return r.identifiers[0].id as number;
}

export async function usage(
  ds: DataSource,
  u: { personId?: number; householdId?: number; schemeId: string; benefitCode: string; year: number; baseUsed: string; paid: string },
): Promise<void> {
  const repo = ds.getRepository(AnnualUsage);
  await repo.save(
    repo.create({
      personId: u.personId ?? null,
      householdId: u.householdId ?? null,
      schemeId: u.schemeId,
      benefitCode: u.benefitCode,
      year: u.year,
      baseUsed: new Decimal(u.baseUsed),
      paid: new Decimal(u.paid),
    }),
  );
}
