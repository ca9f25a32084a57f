import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PersonFacts, PersonIdentity } from '@huimin/shared';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../auth/access.service';
import { District } from '../geo/district.entity';
import { Identity } from '../people/identity.entity';
import { parsePersonFlags, withFlags } from '../people/person-flags';
import { Person } from '../people/person.entity';

export interface LoadedPerson {
  id: number;
  householdId: number | null;
  facts: PersonFacts;
}


/**
 * The engine's PersonFacts from the database: birth date, the district's name as the scheme names the
 * area, identities with validity and roster confirmation date, and the person's flags. No name or ID
 * number enters the engine.
 */
@Injectable()
export class PersonFactsService {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  /** Pass the transaction's manager when inside one (a second pool connection while holding one can exhaust the pool). */
  async load(personId: number, m: EntityManager = this.ds.manager): Promise<LoadedPerson> {
    const row = await m
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
    const identities = await m.getRepository(Identity).find({
      where: { personId },
      select: { categoryCode: true, validFrom: true, validTo: true, confirmedOn: true },
      order: { validFrom: 'ASC' },
    });
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
    withFlags(facts, parsePersonFlags(row.flags));
    return { id: Number(row.id), householdId: row.householdId == null ? null : Number(row.householdId), facts };
  }
}
