import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PersonFacts, PersonIdentity } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../auth/access.service';
import { District } from '../geo/district.entity';
import { Identity } from '../people/identity.entity';
import { Person, type PersonFlags } from '../people/person.entity';

export interface LoadedPerson {
  id: number;
  householdId: number | null;
  facts: PersonFacts;
}

function parseFlags(raw: unknown): PersonFlags {
  if (raw == null) return {};
  if (typeof raw === 'string') {
    try {
      return JSON.parse(raw) as PersonFlags;
    } catch {
      return {};
    }
  }
  return raw as PersonFlags;
}

/**
 * The engine's PersonFacts from the database: birth date, the district's name as the scheme names the
 * area, identities with validity and roster confirmation date, and the person's flags. No name or ID
 * number enters the engine.
 */
@Injectable()
export class PersonFactsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  async load(personId: number): Promise<LoadedPerson> {
    const row = await this.ds
      .createQueryBuilder()
      .from(Person, 'p')
      .innerJoin(District, 'd', 'd.id = p.district_id')
      .select('p.id', 'id')
      .addSelect('p.birth_date', 'birthDate')
      .addSelect('p.household_id', 'householdId')
      .addSelect('p.flags', 'flags')
      .addSelect('d.name', 'area')
      .where('p.id = :personId', { personId })
      .getRawOne<{ id: number; birthDate: string; householdId: number | null; flags: unknown; area: string }>();
    if (!row) throw notFound('person');
    const identities = await this.ds.getRepository(Identity).find({
      where: { personId },
      select: { categoryCode: true, validFrom: true, validTo: true, confirmedOn: true },
      order: { validFrom: 'ASC' },
    });
    const flags = parseFlags(row.flags);
    const facts: PersonFacts = {
      birthDate: row.birthDate,
      area: row.area,
      identities: identities.map(
        (i): PersonIdentity => ({
          code: i.categoryCode,
          validFrom: i.validFrom,
          ...(i.validTo ? { validTo: i.validTo } : {}),
          ...(i.confirmedOn ? { confirmedOn: i.confirmedOn } : {}),
        }),
      ),
    };
    if (flags.registered_resident !== undefined) facts.registeredResident = flags.registered_resident === true;
    if (flags.in_school !== undefined) facts.inSchool = flags.in_school === true;
    const mi = flags.medical_insurance_years;
    if (mi !== undefined) facts.medicalInsuranceYears = (Array.isArray(mi) ? mi : [mi]).filter((y) => Number.isInteger(y));
    if (flags.monitoring_system_since) facts.monitoringSystemSince = flags.monitoring_system_since;
    if (flags.disability_card_valid_until) facts.disabilityCardValidUntil = flags.disability_card_valid_until;
    return { id: Number(row.id), householdId: row.householdId == null ? null : Number(row.householdId), facts };
  }
}
