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

/**
 * A condition's reasons are few (passed or failed, per age, per year, per option): each is built once, frozen, and
 * shared by every result that gets it, as the cached eligibility reasons are (read results; copy to change them).
 * Keyed per condition by a number or an option value; only reasons that name a claim's own date are built per call.
 */
const MEMO = new WeakMap<ConditionDef, Map<number | string, Reason>>();
function memoOf(cond: ConditionDef): Map<number | string, Reason> {
  let m = MEMO.get(cond);
  if (m === undefined) MEMO.set(cond, (m = new Map()));
  return m;
}
function keep(m: Map<number | string, Reason>, key: number | string, r: Reason): Reason {
  m.set(key, Object.freeze(r));
  return r;
}

// Keys of the fixed reasons (a condition has one test, so these never meet its per-age or per-year keys).
const PASSED = -1;
const FAILED = -2;
const IN_COUNTY = -3;
const REFERRED = -4;
const NO_REFERRAL = -5;
const DATES_MISSING_ADM = -6;
const DATES_MISSING_REF = -7;

/** The memos of a benefit's conditions, in their order (the compiled benefit keeps them: see claimChecksPass). */
export function conditionMemos(conditions: readonly ConditionDef[]): Map<number | string, Reason>[] {
  return conditions.map(memoOf);
}

/** `m`: the condition's memo, when the caller has it (conditionMemos). */
export function checkCondition(cond: ConditionDef, person: PersonFacts, facts: Facts, date: IsoDate, m: Map<number | string, Reason> = memoOf(cond)): Reason {
  let r: Reason | undefined;
  switch (cond.test) {
    case 'ageRange': {
      const age = ageOn(person.birthDate, date);
      const lo = cond.min ?? 0;
      const hi = cond.max ?? 200;
      const ok = age >= lo && age <= hi;
      const key = age * 2 + (ok ? 1 : 0);
      if ((r = m.get(key)) !== undefined) return r;
      if (ok) return keep(m, key, reasonOf(cond, true, 'AGE_OK', `出险时 ${age} 周岁`, 'person.birthDate'));
      const want = cond.min !== undefined && cond.max !== undefined ? `${lo} 至 ${hi} 周岁（含）` : cond.max !== undefined ? `未满 ${hi + 1} 周岁` : `${lo} 周岁及以上`;
      return keep(m, key, reasonOf(cond, false, 'AGE_OUT_OF_RANGE', `出险时 ${age} 周岁，须为 ${want}`, 'person.birthDate'));
    }
    case 'inSchool': {
      const ok = person.inSchool === true;
      if ((r = m.get(ok ? PASSED : FAILED)) !== undefined) return r;
      return ok ? keep(m, PASSED, reasonOf(cond, true, 'IN_SCHOOL', '在校学生')) : keep(m, FAILED, reasonOf(cond, false, 'NOT_IN_SCHOOL', '须为在校学生', 'person.inSchool'));
    }
    case 'hasCategory': {
      const ok = hasCategoryOn(person, cond.anyOf, date);
      const key = ok ? PASSED : FAILED;
      if ((r = m.get(key)) !== undefined) return r;
      return keep(m, key, reasonOf(cond, ok, ok ? 'CATEGORY_OK' : 'CATEGORY_MISSING', ok ? '身份符合' : `须为：${cond.anyOf.map(categoryLabel).join('、')}`, 'person.identities'));
    }
    case 'medicalInsuranceThisYear': {
      const y = yearOf(date);
      const ok = !!person.medicalInsuranceYears?.includes(y);
      const key = y * 2 + (ok ? 1 : 0);
      if ((r = m.get(key)) !== undefined) return r;
      return keep(m, key, reasonOf(cond, ok, ok ? 'MEDICAL_INSURANCE_OK' : 'NO_MEDICAL_INSURANCE', ok ? `已参加 ${y} 年基本医保` : `须参加 ${y} 年城乡居民医保或职工医保`, 'person.medicalInsuranceYears'));
    }
    case 'factTrue': {
      const ok = facts[cond.fact] === true;
      if ((r = m.get(ok ? PASSED : FAILED)) !== undefined) return r;
      return ok
        ? keep(m, PASSED, reasonOf(cond, true, 'FACT_OK', cond.message.startsWith('须') ? cond.message.slice(1) : cond.message))
        : keep(m, FAILED, reasonOf(cond, false, 'CONDITION_NOT_MET', cond.message, `facts.${cond.fact}`));
    }
    case 'factFalse': {
      const ok = facts[cond.fact] === false;
      if ((r = m.get(ok ? PASSED : FAILED)) !== undefined) return r;
      return ok ? keep(m, PASSED, reasonOf(cond, true, 'FACT_OK', `非：${cond.message}`)) : keep(m, FAILED, reasonOf(cond, false, 'CONDITION_NOT_MET', cond.message, `facts.${cond.fact}`));
    }
    case 'factIn': {
      const v = facts[cond.fact];
      const ok = typeof v === 'string' && cond.values.includes(v);
      // Passed: one per listed value (the key is the value itself); failed: one.
      const key = ok ? (v as string) : FAILED;
      if ((r = m.get(key)) !== undefined) return r;
      return keep(m, key, reasonOf(cond, ok, ok ? 'FACT_OK' : 'CONDITION_NOT_MET', ok ? String(v) : cond.message, `facts.${cond.fact}`));
    }
    case 'dateWithin': {
      // Within the window of the incident's own year (e.g. 2024-06-01 .. 2024-07-31).
      const v = facts[cond.fact];
      const y = date.slice(0, 4);
      const ok = typeof v === 'string' && v >= `${y}-${cond.monthDayFrom}` && v <= `${y}-${cond.monthDayTo}`;
      if (ok) return reasonOf(cond, true, 'DATE_OK', `${String(v)} 在补贴期内`, `facts.${cond.fact}`); // names the claim's date
      if ((r = m.get(FAILED)) !== undefined) return r;
      return keep(m, FAILED, reasonOf(cond, false, 'DATE_OUT_OF_WINDOW', cond.message, `facts.${cond.fact}`));
    }
    case 'referral': {
      if (facts.outsideHomeCounty !== true) return m.get(IN_COUNTY) ?? keep(m, IN_COUNTY, reasonOf(cond, true, 'IN_COUNTY', '在户籍所在县域内定点医院就医'));
      const kind = facts.referral;
      if (kind === 'before') return m.get(REFERRED) ?? keep(m, REFERRED, reasonOf(cond, true, 'REFERRED', '县域外就医，已持转诊证明'));
      if (kind === 'emergency_after') {
        const adm = facts.admissionDate;
        const ref = facts.referralDate;
        if (typeof adm !== 'string' || typeof ref !== 'string') {
          const key = typeof adm !== 'string' ? DATES_MISSING_ADM : DATES_MISSING_REF;
          return m.get(key) ?? keep(m, key, reasonOf(cond, false, 'REFERRAL_DATES_MISSING', '急诊后补办转诊的，须填写入院日期和补办日期', typeof adm !== 'string' ? 'facts.admissionDate' : 'facts.referralDate'));
        }
        const days = dayNumber(ref) - dayNumber(adm);
        const ok = days >= 0 && days <= cond.withinDays;
        // Names the claim's own days: built per call.
        return reasonOf(cond, ok, ok ? 'REFERRED_LATE_OK' : 'REFERRAL_TOO_LATE', ok ? `急诊住院后第 ${days} 日补办转诊（${cond.withinDays} 日内）` : `转诊须在住院 ${cond.withinDays} 日内补办，实际第 ${days} 日`, 'facts.referralDate');
      }
      return m.get(NO_REFERRAL) ?? keep(m, NO_REFERRAL, reasonOf(cond, false, 'NO_REFERRAL', '县域外住院没有转诊手续，不享受该待遇', 'facts.referral'));
    }
  }
}

/** The year of an ISO date, as a number (no substring). */
function yearOf(date: IsoDate): number {
  return (date.charCodeAt(0) - 48) * 1000 + (date.charCodeAt(1) - 48) * 100 + (date.charCodeAt(2) - 48) * 10 + (date.charCodeAt(3) - 48);
}
