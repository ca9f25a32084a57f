/** The named tests a benefit's conditions use. Each returns a Reason (passed or failed) citing its clause. */
import { ageOn, dayNumber, type IsoDate } from '../core/dates';
import { categoryLabel } from '../schemes/categories';
import type { ConditionDef } from '../schemes/types';
import { hasCategoryOn, type PersonFacts } from './person';
import type { Reason } from './reasons';

export type Facts = Record<string, unknown>;

/** A condition's reason (a plain function, not a closure per call: this runs on every estimate). */
function reasonOf(cond: ConditionDef, ok: boolean, code: string, message: string, field?: string): Reason {
  const reason: Reason = { ok, code, message, clause: cond.clause };
  if (field && !ok) reason.field = field;
  return reason;
}

export function checkCondition(cond: ConditionDef, person: PersonFacts, facts: Facts, date: IsoDate): Reason {
  switch (cond.test) {
    case 'ageRange': {
      const age = ageOn(person.birthDate, date);
      const lo = cond.min ?? 0;
      const hi = cond.max ?? 200;
      const ok = age >= lo && age <= hi;
      if (ok) return reasonOf(cond, true, 'AGE_OK', `出险时 ${age} 周岁`, 'person.birthDate');
      const want = cond.min !== undefined && cond.max !== undefined ? `${lo} 至 ${hi} 周岁（含）` : cond.max !== undefined ? `未满 ${hi + 1} 周岁` : `${lo} 周岁及以上`;
      return reasonOf(cond, false, 'AGE_OUT_OF_RANGE', `出险时 ${age} 周岁，须为 ${want}`, 'person.birthDate');
    }
    case 'inSchool':
      return person.inSchool === true ? reasonOf(cond, true, 'IN_SCHOOL', '在校学生') : reasonOf(cond, false, 'NOT_IN_SCHOOL', '须为在校学生', 'person.inSchool');
    case 'hasCategory': {
      const ok = hasCategoryOn(person, cond.anyOf, date);
      return reasonOf(cond, ok, ok ? 'CATEGORY_OK' : 'CATEGORY_MISSING', ok ? '身份符合' : `须为：${cond.anyOf.map(categoryLabel).join('、')}`, 'person.identities');
    }
    case 'medicalInsuranceThisYear': {
      const y = Number(date.slice(0, 4));
      const ok = !!person.medicalInsuranceYears?.includes(y);
      return reasonOf(cond, ok, ok ? 'MEDICAL_INSURANCE_OK' : 'NO_MEDICAL_INSURANCE', ok ? `已参加 ${y} 年基本医保` : `须参加 ${y} 年城乡居民医保或职工医保`, 'person.medicalInsuranceYears');
    }
    case 'factTrue':
      return facts[cond.fact] === true ? reasonOf(cond, true, 'FACT_OK', cond.message.startsWith('须') ? cond.message.slice(1) : cond.message) : reasonOf(cond, false, 'CONDITION_NOT_MET', cond.message, `facts.${cond.fact}`);
    case 'factFalse':
      return facts[cond.fact] === false ? reasonOf(cond, true, 'FACT_OK', `非：${cond.message}`) : reasonOf(cond, false, 'CONDITION_NOT_MET', cond.message, `facts.${cond.fact}`);
    case 'factIn': {
      const v = facts[cond.fact];
      const ok = typeof v === 'string' && cond.values.includes(v);
      return reasonOf(cond, ok, ok ? 'FACT_OK' : 'CONDITION_NOT_MET', ok ? String(v) : cond.message, `facts.${cond.fact}`);
    }
    case 'dateWithin': {
      // Within the window of the incident's own year (e.g. 2024-06-01 .. 2024-07-31).
      const v = facts[cond.fact];
      const y = date.slice(0, 4);
      const ok = typeof v === 'string' && v >= `${y}-${cond.monthDayFrom}` && v <= `${y}-${cond.monthDayTo}`;
      return reasonOf(cond, ok, ok ? 'DATE_OK' : 'DATE_OUT_OF_WINDOW', ok ? `${String(v)} 在补贴期内` : cond.message, `facts.${cond.fact}`);
    }
    case 'referral': {
      if (facts.outsideHomeCounty !== true) return reasonOf(cond, true, 'IN_COUNTY', '在户籍所在县域内定点医院就医');
      const kind = facts.referral;
      if (kind === 'before') return reasonOf(cond, true, 'REFERRED', '县域外就医，已持转诊证明');
      if (kind === 'emergency_after') {
        const adm = facts.admissionDate;
        const ref = facts.referralDate;
        if (typeof adm !== 'string' || typeof ref !== 'string') {
          return reasonOf(cond, false, 'REFERRAL_DATES_MISSING', '急诊后补办转诊的，须填写入院日期和补办日期', typeof adm !== 'string' ? 'facts.admissionDate' : 'facts.referralDate');
        }
        const days = dayNumber(ref) - dayNumber(adm);
        const ok = days >= 0 && days <= cond.withinDays;
        return reasonOf(cond, ok, ok ? 'REFERRED_LATE_OK' : 'REFERRAL_TOO_LATE', ok ? `急诊住院后第 ${days} 日补办转诊（${cond.withinDays} 日内）` : `转诊须在住院 ${cond.withinDays} 日内补办，实际第 ${days} 日`, 'facts.referralDate');
      }
      return reasonOf(cond, false, 'NO_REFERRAL', '县域外住院没有转诊手续，不享受该待遇', 'facts.referral');
    }
  }
}
