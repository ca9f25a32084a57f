/**
 * Eligibility: (person, scheme, date) → eligible or not, with every reason and the clause behind it.
 */
import type { ClauseRef } from '../core/clause';
import { assertIsoDate, type IsoDate, toIso } from '../core/dates';
import { categoryLabel } from '../schemes/categories';
import { findVersion, getScheme, insuranceYearOn } from '../schemes/registry';
import type { AreaDef, CoverageRule, InsuranceYear, InsurerDef, SchemeDefinition, SchemeVersion } from '../schemes/types';
import { type PersonFacts, type PersonIdentity, validatePerson } from './person';
import type { Reason } from './reasons';

export interface EligibilityResult {
  schemeId: string;
  date: IsoDate;
  eligible: boolean;
  versionId?: string;
  insuranceYear?: InsuranceYear;
  coverStart?: IsoDate;
  coverEnd?: IsoDate;
  /** The categories through which the person qualifies (one enrolment however many). */
  qualifyingCategories: string[];
  area?: AreaDef;
  insurer?: InsurerDef;
  reasons: Reason[];
}

export interface EligibilityContext {
  scheme: SchemeDefinition;
  version: SchemeVersion;
}

function no(code: string, message: string, clause?: ClauseRef, field?: string): Reason {
  const r: Reason = { ok: false, code, message };
  if (clause) r.clause = clause;
  if (field) r.field = field;
  return r;
}
function yes(code: string, message: string, clause?: ClauseRef): Reason {
  const r: Reason = { ok: true, code, message };
  if (clause) r.clause = clause;
  return r;
}

export function checkEligibility(person: unknown, schemeId: unknown, date: unknown): EligibilityResult {
  const scheme = getScheme(schemeId);
  const d = assertIsoDate(date, 'date');
  const p = validatePerson(person);
  return eligibilityOf(p, scheme, d);
}

/** A coverage's areas by name (the first of each name, as `find` would give), built once per coverage. */
const AREA_INDEX = new WeakMap<CoverageRule, { covered: Map<string, AreaDef>; excluded: Map<string, NonNullable<CoverageRule['excludedAreas']>[number]> }>();
function areaIndex(cov: CoverageRule) {
  let ix = AREA_INDEX.get(cov);
  if (!ix) {
    ix = { covered: new Map(), excluded: new Map() };
    for (const a of cov.areas) if (!ix.covered.has(a.name)) ix.covered.set(a.name, a);
    for (const a of cov.excludedAreas ?? []) if (!ix.excluded.has(a.name)) ix.excluded.set(a.name, a);
    AREA_INDEX.set(cov, ix);
  }
  return ix;
}

/** Eligibility of a validated person (the engine's hot path calls this directly). */
export function eligibilityOf(p: PersonFacts, scheme: SchemeDefinition, date: IsoDate): EligibilityResult {
  const result: EligibilityResult = { schemeId: scheme.id, date, eligible: false, qualifyingCategories: [], reasons: [] };
  const version = findVersion(scheme, date);
  if (!version) {
    const periods = scheme.versions.map((v) => `${v.effective.from} 至 ${v.effective.to}`).join('、');
    result.reasons.push(no('NO_VERSION_IN_FORCE', `${date} 不在${scheme.name}的保险期间内（${periods}）`, undefined, 'date'));
    return result;
  }
  result.versionId = version.id;
  const year = insuranceYearOn(version, date);
  result.insuranceYear = year;
  const cov = version.coverage;

  const excluded = cov.excludedAreas && areaIndex(cov).excluded.get(p.area);
  if (excluded) {
    result.reasons.push(no('AREA_EXCLUDED', `${p.area}不在本方案保障范围内`, excluded.clause, 'person.area'));
    return result;
  }
  const area = areaIndex(cov).covered.get(p.area);
  if (!area) {
    result.reasons.push(no('AREA_NOT_COVERED', `${p.area}不在本方案保障地区内`, cov.clause, 'person.area'));
    return result;
  }
  result.area = area;
  result.insurer = version.insurers.find((i) => i.id === area.insurerId) ?? (version.insurers.length === 1 ? version.insurers[0] : undefined);
  result.reasons.push(yes('AREA_COVERED', `所在地区：${p.area}`, cov.clause));

  let coverStart: IsoDate = year.from;
  if (cov.basis === 'registered_residents') {
    if (p.registeredResident !== true) {
      result.reasons.push(no('NOT_REGISTERED_RESIDENT', `须为${p.area}户籍人口`, cov.clause, 'person.registeredResident'));
      return result;
    }
    result.reasons.push(yes('REGISTERED_RESIDENT', `${p.area}户籍人口`, cov.clause));
  } else {
    // Roster-confirmed cover starts on the 1st of the month of confirmation, even when the identity's
    // own validity starts later that month (渝民发〔2024〕3号 一、).
    // (An identity counts from that month start then; the identity itself is kept, its start is worked out below.)
    const roster = cov.coverStart === 'rosterMonthStart';
    const valid: PersonIdentity[] = [];
    for (const i of p.identities) {
      let from = i.validFrom;
      if (roster && from) {
        const monthStart = `${(i.confirmedOn ?? from).slice(0, 7)}-01`;
        if (from > monthStart) from = monthStart;
      }
      if ((!from || from <= date) && (!i.validTo || date <= i.validTo)) valid.push(i);
    }
    const held = (code: string) => valid.some((i) => i.code === code);
    let earliestStart: IsoDate | undefined;
    for (const q of cov.qualifying) {
      const id = valid.find((i) => i.code === q.code);
      if (!id) continue;
      const blocker = q.unless?.find(held);
      if (blocker) {
        result.reasons.push(no('CATEGORY_EXCLUDED', `${categoryLabel(q.code)}中的${categoryLabel(blocker)}不在参保范围内`, q.clause));
        continue;
      }
      if (q.requires?.includes('monitoringSystem') && !(p.monitoringSystemSince && p.monitoringSystemSince <= date)) {
        result.reasons.push(no('NOT_IN_MONITORING_SYSTEM', `${categoryLabel(q.code)}须先纳入全国防返贫监测信息系统`, q.clause, 'person.monitoringSystemSince'));
        continue;
      }
      if (q.requires?.includes('validDisabilityCard') && !(p.disabilityCardValidUntil && p.disabilityCardValidUntil >= date)) {
        result.reasons.push(no('DISABILITY_CARD_INVALID', '残疾证不在有效期内', q.clause, 'person.disabilityCardValidUntil'));
        continue;
      }
      let start: IsoDate = year.from;
      if (cov.coverStart === 'rosterMonthStart') {
        const confirmed = id.confirmedOn ?? id.validFrom;
        if (confirmed) {
          const monthStart = toIso(Number(confirmed.slice(0, 4)), Number(confirmed.slice(5, 7)), 1);
          if (monthStart > start) start = monthStart;
        }
      } else if (id.validFrom && id.validFrom > start) {
        start = id.validFrom;
      }
      if (start > date) {
        result.reasons.push(no('COVER_NOT_STARTED', `${categoryLabel(q.code)}身份的保障自 ${start} 起生效`, cov.coverStartClause, 'date'));
        continue;
      }
      result.qualifyingCategories.push(q.code);
      result.reasons.push(yes('CATEGORY_QUALIFIES', `身份：${categoryLabel(q.code)}`, q.clause));
      if (!earliestStart || start < earliestStart) earliestStart = start;
    }
    if (result.qualifyingCategories.length === 0) {
      if (!result.reasons.some((r) => !r.ok)) {
        const wanted = cov.qualifying.map((q) => categoryLabel(q.code)).join('、');
        result.reasons.push(no('NO_QUALIFYING_CATEGORY', `在 ${date} 不具有参保身份（须为：${wanted}）`, cov.clause, 'person.identities'));
      }
      return result;
    }
    coverStart = earliestStart!;
    if (result.qualifyingCategories.length > 1) {
      result.reasons.push(yes('ENROLLED_ONCE', '多重身份只参保一次', cov.clause));
    }
  }
  result.eligible = true;
  result.coverStart = coverStart;
  result.coverEnd = year.to;
  if (cov.coverStart === 'rosterMonthStart') {
    result.reasons.push(yes('COVER_START', `保障自 ${coverStart} 起`, cov.coverStartClause));
  }
  return result;
}
