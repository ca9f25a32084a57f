import { EngineError } from '../core/errors';
import { isoDateKey, type IsoDate } from '../core/dates';
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

/**
 * @internal A scheme with its versions' and insurance years' bounds as date keys (isoDateKey: YYYYMMDD numbers), for
 * the prepared path, which finds the version and year of every claim: number comparisons instead of string ones.
 * `versionAt` and `yearAt` answer what findVersion and insuranceYearOn answer for the same date.
 */
export interface SchemeIndex {
  scheme: SchemeDefinition;
  versions: VersionIndex[];
}
/** @internal */
export interface VersionIndex {
  version: SchemeVersion;
  from: number;
  to: number;
  years: { year: InsuranceYear; from: number; to: number }[];
  /** The version's benefits by id. */
  benefits: Map<string, BenefitDef>;
}
const INDEX_BY_ID = new Map<string, SchemeIndex>(
  SCHEMES.map((scheme) => [
    scheme.id,
    {
      scheme,
      versions: scheme.versions.map((version) => ({
        version,
        from: isoDateKey(version.effective.from),
        to: isoDateKey(version.effective.to),
        years: version.insuranceYears.map((year) => ({ year, from: isoDateKey(year.from), to: isoDateKey(year.to) })),
        benefits: new Map(version.benefits.map((b) => [b.id, b])),
      })),
    },
  ]),
);

/** @internal getScheme, answering the scheme's index (the same error for an unknown id). */
export function schemeIndex(id: unknown): SchemeIndex {
  const ix = typeof id === 'string' ? INDEX_BY_ID.get(id) : undefined;
  if (ix === undefined) getScheme(id); // not a known scheme: throws UNKNOWN_SCHEME
  return ix!;
}

/** @internal findVersion on a date key. */
export function versionAt(ix: SchemeIndex, key: number): VersionIndex | undefined {
  const vs = ix.versions;
  for (let i = 0; i < vs.length; i++) if (key >= vs[i].from && key <= vs[i].to) return vs[i];
  return undefined;
}

/** @internal getBenefit on a version's index (the same error for an unknown id). */
export function benefitIn(vx: VersionIndex, id: unknown): BenefitDef {
  return (typeof id === 'string' ? vx.benefits.get(id) : undefined) ?? getBenefit(vx.version, id); // getBenefit throws
}

/** @internal insuranceYearOn on a date key. */
export function yearAt(vx: VersionIndex, key: number): InsuranceYear {
  const ys = vx.years;
  for (let i = 0; i < ys.length; i++) if (key >= ys[i].from && key <= ys[i].to) return ys[i].year;
  throw new Error(`scheme data: ${vx.version.id} has no insurance year for ${key}`);
}

export function sourceTitle(scheme: SchemeDefinition, docId: string): string | undefined {
  return scheme.sources.find((s) => s.id === docId)?.title;
}
