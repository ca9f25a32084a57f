import { EngineError } from '../core/errors';
import type { IsoDate } from '../core/dates';
import { CHONGQING } from './data/chongqing';
import { JINCHENG } from './data/jincheng';
import { LIAOCHENG } from './data/liaocheng';
import { MINHANG } from './data/minhang';
import { ZHUMADIAN } from './data/zhumadian';
import { uniformShapes } from './shapes';
import type { BenefitDef, InsuranceYear, SchemeDefinition, SchemeVersion } from './types';

/**
 * The schemes the engine knows, in catalogue order. A new city is a new data file added here. The data files'
 * objects rebuilt with one key order per kind (./shapes.ts): the same values, read faster.
 */
export const SCHEMES: readonly SchemeDefinition[] = uniformShapes([CHONGQING, ZHUMADIAN, LIAOCHENG, JINCHENG, MINHANG]);

const BY_ID = new Map(SCHEMES.map((s) => [s.id, s]));

export function listSchemes(): readonly SchemeDefinition[] {
  return SCHEMES;
}

export function getScheme(id: unknown, field = 'schemeId'): SchemeDefinition {
  const s = typeof id === 'string' ? BY_ID.get(id) : undefined;
  if (!s) {
    throw new EngineError('UNKNOWN_SCHEME', `没有这个保险方案：${String(id)}`, field, { known: [...BY_ID.keys()] });
  }
  return s;
}

/** The version in force on `date`, or undefined. */
export function findVersion(scheme: SchemeDefinition, date: IsoDate): SchemeVersion | undefined {
  for (const v of scheme.versions) if (date >= v.effective.from && date <= v.effective.to) return v;
  return undefined;
}

export function versionOn(scheme: SchemeDefinition, date: IsoDate, field = 'incidentDate'): SchemeVersion {
  const v = findVersion(scheme, date);
  if (!v) {
    const periods = scheme.versions.map((x) => `${x.effective.from} 至 ${x.effective.to}`).join('、');
    throw new EngineError('NO_VERSION_IN_FORCE', `${scheme.name}在 ${date} 不在保险期间内（保险期间：${periods}）`, field, {
      periods: scheme.versions.map((x) => x.effective),
    });
  }
  return v;
}

// (Plain loops, not find with a closure: these run on every estimate.)
export function insuranceYearOn(version: SchemeVersion, date: IsoDate): InsuranceYear {
  const years = version.insuranceYears;
  for (let i = 0; i < years.length; i++) if (date >= years[i].from && date <= years[i].to) return years[i];
  throw new Error(`scheme data: ${version.id} has no insurance year for ${date}`);
}

export function getBenefit(version: SchemeVersion, id: unknown, field = 'benefitId'): BenefitDef {
  const benefits = version.benefits;
  let b: BenefitDef | undefined;
  for (let i = 0; i < benefits.length && b === undefined; i++) if (benefits[i].id === id) b = benefits[i];
  if (!b) {
    throw new EngineError('UNKNOWN_BENEFIT', `该方案没有这项保障：${String(id)}`, field, { known: version.benefits.map((x) => x.id) });
  }
  return b;
}

export function sourceTitle(scheme: SchemeDefinition, docId: string): string | undefined {
  return scheme.sources.find((s) => s.id === docId)?.title;
}
