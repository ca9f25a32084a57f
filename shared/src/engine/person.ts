import { assertIsoDate, isIsoDate, type IsoDate } from '../core/dates';
import { EngineError } from '../core/errors';
import { isKnownCategory } from '../schemes/categories';

/** One identity of a person on a roster (低保, 特困, …), with its validity. */
export interface PersonIdentity {
  code: string;
  validFrom?: IsoDate;
  validTo?: IsoDate;
  /** The day the district confirmed the person on this roster (Chongqing: cover starts the 1st of that month). */
  confirmedOn?: IsoDate;
}

/** What the engine needs to know about a person. Personal data (name, ID number) never enters the engine. */
export interface PersonFacts {
  birthDate: IsoDate;
  /** District / county / town, as named in the scheme's area list (e.g. 渝中区, 泽州县, 古美路街道). */
  area: string;
  identities: PersonIdentity[];
  /** 户籍: registered resident of `area` (schemes that cover all registered residents). */
  registeredResident?: boolean;
  inSchool?: boolean;
  /** Years in which the person has resident or employee basic medical insurance. */
  medicalInsuranceYears?: number[];
  /** Date the person was entered into the national monitoring system (全国防返贫监测信息系统). */
  monitoringSystemSince?: IsoDate;
  disabilityCardValidUntil?: IsoDate;
}

const IDENTITY_DATES = ['validFrom', 'validTo', 'confirmedOn'] as const;
const PERSON_DATES = ['monitoringSystemSince', 'disabilityCardValidUntil'] as const;

/** Checks the shape of a person from a request; names the field at fault. */
export function validatePerson(p: unknown, field = 'person'): PersonFacts {
  if (!p || typeof p !== 'object') throw new EngineError('MISSING_FIELD', '缺少参保人信息', field);
  const o = p as Record<string, unknown>;
  if (!isIsoDate(o.birthDate)) assertIsoDate(o.birthDate, `${field}.birthDate`);
  if (typeof o.area !== 'string' || !o.area.trim()) throw new EngineError('MISSING_FIELD', '缺少参保人所在区县（乡镇街道）', `${field}.area`);
  if (!Array.isArray(o.identities)) throw new EngineError('MISSING_FIELD', '缺少参保人身份类别（可为空列表）', `${field}.identities`);
  // (Field names are built only for errors.)
  o.identities.forEach((i: unknown, n: number) => {
    if (!i || typeof i !== 'object' || typeof (i as PersonIdentity).code !== 'string') {
      throw new EngineError('INVALID_FIELD', '身份类别应含 code', `${field}.identities[${n}].code`);
    }
    const id = i as PersonIdentity;
    if (!isKnownCategory(id.code)) throw new EngineError('INVALID_FIELD', `未知的身份类别：${id.code}`, `${field}.identities[${n}].code`, { value: id.code });
    for (const k of IDENTITY_DATES) if (id[k] !== undefined && !isIsoDate(id[k])) assertIsoDate(id[k], `${field}.identities[${n}].${k}`);
  });
  for (const k of ['registeredResident', 'inSchool'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') throw new EngineError('INVALID_FIELD', `${k} 应为 true 或 false`, `${field}.${k}`);
  }
  if (o.medicalInsuranceYears !== undefined && (!Array.isArray(o.medicalInsuranceYears) || !o.medicalInsuranceYears.every((y) => Number.isInteger(y)))) {
    throw new EngineError('INVALID_FIELD', '参加医保的年份应为年份列表，如 [2026]', `${field}.medicalInsuranceYears`);
  }
  for (const k of PERSON_DATES) if (o[k] !== undefined && !isIsoDate(o[k])) assertIsoDate(o[k], `${field}.${k}`);
  return o as unknown as PersonFacts;
}

/** Identities valid on `date`. */
export function identitiesOn(p: PersonFacts, date: IsoDate): PersonIdentity[] {
  return p.identities.filter((i) => (!i.validFrom || i.validFrom <= date) && (!i.validTo || date <= i.validTo));
}

export function hasCategoryOn(p: PersonFacts, codes: readonly string[], date: IsoDate): boolean {
  // identitiesOn(p, date).some((i) => codes.includes(i.code)), without the intermediate list.
  for (const i of p.identities) {
    if ((!i.validFrom || i.validFrom <= date) && (!i.validTo || date <= i.validTo) && codes.includes(i.code)) return true;
  }
  return false;
}
