import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PersonFacts, PersonIdentity } from '@huimin/shared';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '../auth/access.service';
import { runStatements, type Statement } from '../database/sql-batch';
import { parsePersonFlags, withFlags } from '../people/person-flags';

export interface LoadedPerson {
  id: number;
  householdId: number | null;
  /** The person's district (a claim is filed under it) and its name, which is also `facts.area`. */
  districtId: number;
  districtName: string;
  facts: PersonFacts;
}

interface PersonIdentityRow {
  id: number;
  birthDate: string;
  householdId: number | null;
  districtId: number;
  flags: unknown;
  area: string;
  code: string | null;
  validFrom: string | null;
  validTo: string | null;
  confirmedOn: string | null;
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
    const [person] = await runStatements(m, [this.loadStatement(personId)]);
    return person;
  }

  /** load() as a statement, to send in one round trip with other reads (database/sql-batch.ts). */
  loadStatement(personId: number): Statement<LoadedPerson> {
    // Plain SQL (backticks and `?` on both dialects): the person with their district, one row per identity
    // (a row of NULLs when none). Estimates, reports and approvals all start here.
    return {
      sql:
        'SELECT p.id AS id, p.birth_date AS birthDate, p.household_id AS householdId, p.district_id AS districtId, p.flags AS flags, d.name AS area, ' +
        'i.category_code AS code, i.valid_from AS validFrom, i.valid_to AS validTo, i.confirmed_on AS confirmedOn ' +
        'FROM `person` p INNER JOIN `district` d ON d.id = p.district_id LEFT JOIN `identity` i ON i.person_id = p.id ' +
        'WHERE p.id = ? ORDER BY i.valid_from ASC, i.id ASC',
      params: [personId],
      read: (raw) => toLoadedPerson(raw as PersonIdentityRow[]),
    };
  }
}

function toLoadedPerson(rows: PersonIdentityRow[]): LoadedPerson {
  if (!rows.length) throw notFound('person');
  const row = rows[0];
  const identities = rows.filter((i) => i.code != null);
  const facts: PersonFacts = {
    birthDate: row.birthDate,
    area: row.area,
    identities: identities.map(
      (i): PersonIdentity => ({
        code: i.code!,
        validFrom: i.validFrom!,
        ...(i.validTo ? { validTo: i.validTo } : {}),
        ...(i.confirmedOn ? { confirmedOn: i.confirmedOn } : {}),
      }),
    ),
  };
  withFlags(facts, parsePersonFlags(row.flags));
  return {
    id: Number(row.id),
    householdId: row.householdId == null ? null : Number(row.householdId),
    districtId: Number(row.districtId),
    districtName: row.area,
    facts,
  };
}
