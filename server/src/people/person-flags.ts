import type { PersonFacts } from '@huimin/shared';
import type { PersonFlags } from './person.entity';

/** The flags column as stored (JSON on MariaDB, text on SQLite) → an object; unreadable → {}. */
export function parsePersonFlags(raw: unknown): PersonFlags {
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
 * Adds what the flags say to the engine's facts about a person. The one place that maps stored flags to
 * the engine: the roster import (enrolment), estimates and coverage all read a person through it.
 */
export function withFlags(facts: PersonFacts, flags: PersonFlags): PersonFacts {
  if (flags.registered_resident !== undefined) facts.registeredResident = flags.registered_resident === true;
  if (flags.in_school !== undefined) facts.inSchool = flags.in_school === true;
  const mi = flags.medical_insurance_years;
  if (mi !== undefined) facts.medicalInsuranceYears = (Array.isArray(mi) ? mi : [mi]).filter((y) => Number.isInteger(y));
  if (flags.monitoring_system_since) facts.monitoringSystemSince = flags.monitoring_system_since;
  if (flags.disability_card_valid_until) facts.disabilityCardValidUntil = flags.disability_card_valid_until;
  return facts;
}
