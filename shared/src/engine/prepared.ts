/**
 * The prepared path, for bulk estimates (a server recomputing a district's claims for its caseworkers):
 *
 *   const p = preparePerson(person);                       // validated once, kept as its own copy
 *   estimateFast(p, { schemeId, benefitId, incidentDate, facts, used });   // with the breakdown and ledger
 *   estimateFast(p, { … }, { explain: false });                               // payout only
 *
 * `estimateFast(preparePerson(x), r, o)` returns exactly what `estimate({ ...r, person: x }, o)` returns (same
 * fields, same order, same strings) and throws the same errors, except that a bad person is reported by
 * `preparePerson`, before anything else. What makes it fast, without changing any result:
 * - the person is validated once, not per claim;
 * - eligibility is computed once per (scheme version, insurance year) when none of the person's dates falls inside
 *   that year, so it cannot change within it (otherwise it is computed per claim), and once for everyone whose
 *   eligibility facts are the same (same area, categories and roster dates, dates before the scheme began counting
 *   as one): an EligibilityGroup, so a district's people share a few cached answers;
 * - money is computed in exact integers (fen, and rates as integers over a power of ten; see FenParams in
 *   ./compiled.ts), and so is the breakdown (./explained.ts: the same lines and strings as the decimal path, each
 *   value printed from its exact integer): the owed amount is still rounded half-up to the fen once, where the
 *   decimal path rounds it. Amounts too large for that (above about 10^11 yuan) take the decimal path.
 *   (`estimate` itself uses the same integer arithmetic after its per-request checks.)
 * What a caller can see: eligibility reasons that come from the cache are frozen objects shared by the results of
 * that year of everyone in the person's group (each result has its own `reasons` array); breakdown clause objects
 * that carry a reading are frozen objects shared by every result of that benefit (the scheme's own clause objects
 * were already shared). Read results; copy to change them.
 */
import { assertIsoDate, type IsoDate, isoDateKey } from '../core/dates';
import { EngineError } from '../core/errors';
import { fenOf, printedAsFen } from '../core/money';
import { benefitIn, findVersion, insuranceYearOn, schemeIndex, versionAt, yearAt } from '../schemes/registry';
import type { InsuranceYear, SchemeDefinition, SchemeVersion } from '../schemes/types';
import { compileBenefit } from './compiled';
import { eligibilityOf } from './eligibility';
import {
  claimChecksPass,
  type EligibilityForEstimate,
  estimate,
  type EstimateOptions,
  type EstimateRequest,
  type EstimateResult,
  finishDecimal,
  finishFen,
  parseUsed,
  type UsedCounts,
  resultHead,
} from './estimate';
import { validateFacts } from './facts';
import { type PersonFacts, validatePerson } from './person';
import type { Reason } from './reasons';

/** A person checked once by `preparePerson`, for any number of `estimateFast` calls. */
export interface PreparedPerson {
  /** Its own copy of the validated person (later changes to the caller's object do not reach it); read it, do not change it. */
  readonly person: Readonly<PersonFacts>;
}

/** An estimate request whose person was prepared. */
export type PreparedEstimateRequest = Omit<EstimateRequest, 'person'>;

interface CachedEligibility {
  version: SchemeVersion;
  eligible: boolean;
  reasons: readonly Reason[];
  insurer: EligibilityForEstimate['insurer'];
}

/** Anything unusual (a bad `used`, no version in force) takes the decimal path, which also raises the errors. */
function viaDecimal(p: Prepared, request: PreparedEstimateRequest, options: EstimateOptions): EstimateResult {
  return estimate({ ...request, person: p.person as PersonFacts }, options);
}

class Prepared implements PreparedPerson {
  /** Its group for the first scheme met, and for any others (see `groupOf`). */
  private scheme0: SchemeDefinition | undefined = undefined;
  private group0: EligibilityGroup | undefined = undefined;
  private groups: Map<SchemeDefinition, EligibilityGroup> | undefined = undefined;

  constructor(readonly person: Readonly<PersonFacts>) {}

  /** The person's cached eligibility under `scheme`, shared with everyone whose eligibility facts are the same. */
  group(scheme: SchemeDefinition): EligibilityGroup {
    if (scheme === this.scheme0) return this.group0!;
    if (this.scheme0 === undefined) {
      this.scheme0 = scheme;
      return (this.group0 = groupOf(this.person, scheme));
    }
    let g = (this.groups ??= new Map()).get(scheme);
    if (g === undefined) this.groups.set(scheme, (g = groupOf(this.person, scheme)));
    return g;
  }

  /**
   * Eligibility on `date`, whose `reasons` array the caller may extend: a cached result (a copy of its array, the
   * frozen reasons shared), or a fresh one.
   */
  eligibility(scheme: SchemeDefinition, version: SchemeVersion, year: InsuranceYear, date: IsoDate): EligibilityForEstimate {
    const c = this.group(scheme).cachedFor(scheme, version, year, date);
    if (c === null) return pickEligibility(eligibilityOf(this.person, scheme, date));
    return { eligible: c.eligible, reasons: c.reasons.slice(), insurer: c.insurer };
  }
}

/**
 * Eligibility per insurance year, when it cannot change within the year (null when it can), for the people whose
 * eligibility facts are those of `person` (the first of them met): every fact that `eligibilityOf` and `steadyOver`
 * read is in the group's key, so the answers are the same for each of them.
 */
class EligibilityGroup {
  /** The first year met in fields, any others in years[i] → cached[i] (a person has a few). */
  private year0: InsuranceYear | undefined = undefined;
  private cached0: CachedEligibility | null = null;
  private years: InsuranceYear[] | undefined = undefined;
  private cached: (CachedEligibility | null)[] | undefined = undefined;

  constructor(
    private readonly person: Readonly<PersonFacts>,
    private readonly span: Span,
  ) {}

  /**
   * True when no test of the person's dates that `version`'s eligibility makes can change its answer between
   * `year.from` and `year.to`: no date on and after which a test holds (validFrom, confirmedOn, their month starts,
   * monitoringSystemSince) falls in (from, to], and no date on and before which one holds (validTo,
   * disabilityCardValidUntil) in [from, to). Only the dates the version tests count (./eligibility.ts): identity
   * dates unless it covers all registered residents, the monitoring date only where a category requires the
   * monitoring system, the disability card's only where one requires a valid card.
   * For validFrom and confirmedOn the check is wider than needed (x > from and x's month ≤ to's month covers x
   * and x's month start), which only means less caching.
   */
  private steadyOver(version: SchemeVersion, year: InsuranceYear): boolean {
    const { from, to } = year;
    const p = this.person;
    const tests = datesTested(version);
    if (tests.identities) {
      for (const i of p.identities) {
        if (i.validFrom && i.validFrom > from && monthNotAfter(i.validFrom, to)) return false;
        if (i.confirmedOn && i.confirmedOn > from && monthNotAfter(i.confirmedOn, to)) return false;
        if (i.validTo && i.validTo >= from && i.validTo < to) return false;
      }
    }
    if (tests.monitoring && p.monitoringSystemSince && p.monitoringSystemSince > from && p.monitoringSystemSince <= to) return false;
    if (tests.disabilityCard && p.disabilityCardValidUntil && p.disabilityCardValidUntil >= from && p.disabilityCardValidUntil < to) return false;
    return true;
  }

  /** The cached eligibility for (version, year), or null when there is none to use (its reasons are frozen and shared: copy the array before extending it). */
  cachedFor(scheme: SchemeDefinition, version: SchemeVersion, year: InsuranceYear, date: IsoDate): CachedEligibility | null {
    let c: CachedEligibility | null;
    if (year === this.year0) c = this.cached0;
    else if (year.from < this.span.from || year.to > this.span.to) return null; // outside the span its key was made for
    else {
      const i = this.years ? this.years.indexOf(year) : -1;
      if (i >= 0) c = this.cached![i];
      else {
        c = this.computeCached(scheme, version, year, date);
        if (this.year0 === undefined) {
          this.year0 = year;
          this.cached0 = c;
        } else {
          (this.years ??= []).push(year);
          (this.cached ??= []).push(c);
        }
      }
    }
    return c !== null && c.version === version ? c : null;
  }

  private computeCached(scheme: SchemeDefinition, version: SchemeVersion, year: InsuranceYear, date: IsoDate): CachedEligibility | null {
    if (!this.steadyOver(version, year)) return null;
    const e = eligibilityOf(this.person, scheme, date);
    // NO_QUALIFYING_CATEGORY names the date in its message: not the same for every day of the year.
    if (e.reasons.some((r) => r.code === 'NO_QUALIFYING_CATEGORY')) return null;
    // Shared by every result of this group and year: frozen, so that no caller can change another's result.
    return { version, eligible: e.eligible, reasons: e.reasons.map((r) => Object.freeze(r)), insurer: e.insurer };
  }
}

/**
 * The groups by scheme, area and key (eligibilityKey). In bulk work most people of a district share their area and
 * category and differ only in facts eligibility does not read (birth date, school, medical insurance) or in roster
 * dates older than the scheme, so a few hundred groups serve a hundred thousand people, and their cached answers
 * stay in the processor's cache. At most GROUPS_MAX groups are kept per scheme (the maps never grow beyond that):
 * people met after that get a group of their own.
 */
const GROUPS = new WeakMap<SchemeDefinition, { size: number; byArea: Map<string, Map<string, EligibilityGroup>> }>();
const GROUPS_MAX = 20_000;

/** The span of a scheme's insurance years, first day to last, and which of a person's dates any of its versions tests. */
interface Span {
  from: IsoDate;
  to: IsoDate;
  tests: DatesTested;
}
const SPANS = new WeakMap<SchemeDefinition, Span>();
function spanOf(scheme: SchemeDefinition): Span {
  let sp = SPANS.get(scheme);
  if (sp === undefined) {
    let from = '9999-12-31';
    let to = '0000-01-01';
    const tests: DatesTested = { identities: false, monitoring: false, disabilityCard: false };
    for (const v of scheme.versions) {
      for (const y of v.insuranceYears) {
        if (y.from < from) from = y.from;
        if (y.to > to) to = y.to;
      }
      const t = datesTested(v);
      tests.identities ||= t.identities;
      tests.monitoring ||= t.monitoring;
      tests.disabilityCard ||= t.disabilityCard;
    }
    SPANS.set(scheme, (sp = { from, to, tests }));
  }
  return sp;
}

/**
 * Everything `eligibilityOf` (./eligibility.ts) and `steadyOver` read of a person but the area, in order, as one
 * string: two people with the same area and key get the same eligibility on every date of every insurance year
 * inside `span`.
 * - A date that starts something (validFrom, confirmedOn, monitoringSystemSince) on or before `span.from` is
 *   written "-", and one that ends something (validTo, disabilityCardValidUntil) on or after `span.to` is written
 *   "+": on every date inside the span eligibility compares them the same way whatever their exact value, so a
 *   roster confirmed before the scheme began groups together.
 * - Facts no version of the scheme tests are left out, as `steadyOver` and eligibility leave them: the identities
 *   where no version covers categories, the monitoring and disability-card dates where no category requires them.
 * - The area is not in the key (the groups are kept by area first, see `groupOf`). The rest reads one way only,
 *   since dates are checked ISO dates and codes known category codes.
 */
function eligibilityKey(p: Readonly<PersonFacts>, span: Span): string {
  const { from, to, tests } = span;
  let key = `${p.registeredResident === true ? 'R' : 'N'}${tests.monitoring ? started(p.monitoringSystemSince, from) : ''}${tests.disabilityCard ? ended(p.disabilityCardValidUntil, to) : ''}`;
  if (tests.identities) for (const i of p.identities) key += `|${i.code}${started(i.validFrom, from)}${ended(i.validTo, to)}${started(i.confirmedOn, from)}`;
  return key;
}
/** A date that starts something, for the key: "/" none, "-" on or before `from`, else ":" and the date. */
function started(d: IsoDate | undefined, from: IsoDate): string {
  return d === undefined ? '/' : d <= from ? '-' : `:${d}`;
}
/** A date that ends something, for the key: "/" none, "+" on or after `to`, else ":" and the date. */
function ended(d: IsoDate | undefined, to: IsoDate): string {
  return d === undefined ? '/' : d >= to ? '+' : `:${d}`;
}

function groupOf(person: Readonly<PersonFacts>, scheme: SchemeDefinition): EligibilityGroup {
  const span = spanOf(scheme);
  let all = GROUPS.get(scheme);
  if (all === undefined) GROUPS.set(scheme, (all = { size: 0, byArea: new Map() }));
  let byKey = all.byArea.get(person.area);
  const key = eligibilityKey(person, span);
  let g = byKey?.get(key);
  if (g === undefined) {
    g = new EligibilityGroup(person, span);
    if (all.size < GROUPS_MAX) {
      if (byKey === undefined) all.byArea.set(person.area, (byKey = new Map()));
      byKey.set(key, g);
      all.size++;
    }
  }
  return g;
}

/** Which of a person's dates a version's eligibility tests (./eligibility.ts), worked out once per version. */
interface DatesTested {
  identities: boolean;
  monitoring: boolean;
  disabilityCard: boolean;
}
const DATES_TESTED = new WeakMap<SchemeVersion, DatesTested>();
function datesTested(version: SchemeVersion): DatesTested {
  let t = DATES_TESTED.get(version);
  if (t === undefined) {
    const cov = version.coverage;
    const categories = cov.basis !== 'registered_residents';
    const requires = (what: 'monitoringSystem' | 'validDisabilityCard') => categories && cov.qualifying.some((q) => q.requires?.includes(what) === true);
    t = { identities: categories, monitoring: requires('monitoringSystem'), disabilityCard: requires('validDisabilityCard') };
    DATES_TESTED.set(version, t);
  }
  return t;
}

/** The month of ISO date `a` is not after the month of `b` (their first 7 characters compare ≤). */
function monthNotAfter(a: string, b: string): boolean {
  for (let k = 0; k < 7; k++) {
    const d = a.charCodeAt(k) - b.charCodeAt(k);
    if (d !== 0) return d < 0;
  }
  return true;
}

function pickEligibility(e: EligibilityForEstimate): EligibilityForEstimate {
  return { eligible: e.eligible, reasons: e.reasons, insurer: e.insurer };
}

/** A copy of the person (identities and years too), so that later changes to the caller's object cannot reach it. */
function ownCopy(p: PersonFacts): Readonly<PersonFacts> {
  const copy: PersonFacts = { ...p, identities: p.identities.map((i) => ({ ...i })) };
  if (p.medicalInsuranceYears) copy.medicalInsuranceYears = [...p.medicalInsuranceYears];
  return copy;
}

/** Validates a person (the same checks and errors as `estimate`'s) once, for `estimateFast`. */
export function preparePerson(person: unknown, field = 'person'): PreparedPerson {
  if (person instanceof Prepared) return person;
  return new Prepared(ownCopy(validatePerson(person, field)));
}

/** Eligibility of a prepared person (cached per insurance year where it cannot change within it). */
export function eligibilityPrepared(prepared: PreparedPerson, scheme: SchemeDefinition, date: IsoDate): EligibilityForEstimate {
  const p = asPrepared(prepared);
  const version = findVersion(scheme, date);
  if (!version) return pickEligibility(eligibilityOf(p.person, scheme, date));
  return p.eligibility(scheme, version, insuranceYearOn(version, date), date);
}

function asPrepared(p: PreparedPerson): Prepared {
  if (p instanceof Prepared) return p;
  throw new EngineError('INVALID_FIELD', '参保人信息须先经 preparePerson 检查', 'person');
}

const NO_OPTIONS: string[] = [];

/**
 * `estimate` for a prepared person; see the top of this file. Same result, same errors (a bad person aside,
 * which `preparePerson` reports).
 */
export function estimateFast(prepared: PreparedPerson, request: PreparedEstimateRequest, options: EstimateOptions = {}): EstimateResult {
  const p = asPrepared(prepared);
  if (!request || typeof request !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  // getScheme, assertIsoDate and findVersion, in that order (the same errors), with the date compared as a number.
  const ix = schemeIndex(request.schemeId);
  const scheme = ix.scheme;
  const key = isoDateKey(request.incidentDate);
  const date = key < 0 ? assertIsoDate(request.incidentDate, 'incidentDate') : (request.incidentDate as IsoDate);
  const vx = versionAt(ix, key);
  if (vx === undefined) return viaDecimal(p, request, options);
  const version = vx.version;

  const u = request.used as Record<string, unknown> | undefined | null;
  let baseFen = 0;
  let paidFen = 0;
  const counts: UsedCounts = { claimsThisYear: 0, claimsEver: 0, options: NO_OPTIONS };
  if (u !== undefined && u !== null) {
    if (typeof u !== 'object') return viaDecimal(p, request, options);
    if (u.base !== undefined && (baseFen = fenOf(u.base)) < 0) return viaDecimal(p, request, options);
    if (u.paid !== undefined && (paidFen = fenOf(u.paid)) < 0) return viaDecimal(p, request, options);
    const y = u.claimsThisYear;
    const e = u.claimsEver;
    if (y !== undefined) {
      if (!Number.isInteger(y) || (y as number) < 0) return viaDecimal(p, request, options);
      counts.claimsThisYear = y as number;
    }
    if (e !== undefined) {
      if (!Number.isInteger(e) || (e as number) < 0) return viaDecimal(p, request, options);
      counts.claimsEver = e as number;
    }
    const o = u.optionsGranted;
    if (o !== undefined) {
      if (!Array.isArray(o)) return viaDecimal(p, request, options);
      for (let i = 0; i < o.length; i++) if (typeof o[i] !== 'string') return viaDecimal(p, request, options);
      counts.options = o as string[];
    }
  }

  const benefit = benefitIn(vx, request.benefitId);
  const facts = validateFacts(benefit, request.facts);
  const year = yearAt(vx, key);
  const person = p.person as PersonFacts;
  const explain = options.explain !== false;

  let result: EstimateResult;
  let eligible: boolean;
  const cb = compileBenefit(benefit);
  const cached = p.group(scheme).cachedFor(scheme, version, year, date);
  if (cached !== null) {
    // The result's own array; the eligibility reasons in it are the cached, frozen ones.
    result = resultHead(scheme, version, cb, date, year, cached.insurer, cached.reasons.slice(), facts);
    eligible = cached.eligible;
  } else {
    const e = eligibilityOf(person, scheme, date);
    result = resultHead(scheme, version, cb, date, year, e.insurer, e.reasons, facts);
    eligible = e.eligible;
  }
  if (!eligible) return result;
  if (!claimChecksPass(result, cb, person, facts, date, counts)) return result;
  if (cb.fen !== undefined) {
    // `used` as the ledger prints it (a server's DECIMAL columns come that way): reused, not printed again.
    const printed = u !== undefined && u !== null && printedAsFen(u.base) && printedAsFen(u.paid) ? (u as { base: string; paid: string }) : undefined;
    const done = finishFen(result, scheme, benefit, cb, cb.fen, year, person, facts, date, baseFen, paidFen, explain, printed);
    if (done !== null) return done;
  }
  return finishDecimal(result, scheme, benefit, cb, year, person, facts, date, parseUsed(u), explain);
}
