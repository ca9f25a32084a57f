import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { D, fmt, getScheme, versionForYear, type BenefitDef, type SchemeDefinition } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../auth/access.service';
import { SESSION_FROM } from '../auth/db-session-check';
import { unauthenticated } from '../auth/jwt-auth.guard';
import { SessionCheck, type SessionRow } from '../auth/session-check';
import { subjectPersonId } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { hotRead, type HotRead } from '../database/hot-read';
import { decimalTransformer } from '../common/money/decimal.transformer';
import { ageToday, maskName } from '../people/people.mapper';
import { toDocuments, toLimits } from '../schemes/scheme.mapper';
import { telLink } from '../schemes/plain-words';
import { BenefitUsageDto, CoveredBenefitDto, CoverageItemDto, CoverageResponseDto, DistrictRefDto } from './dto/coverage.dto';
import type { ActingUser } from './effective-person';

interface PersonRow {
  id: number;
  name: string;
  idNumberMasked: string;
  phoneMasked: string | null;
  birthDate: string;
  householdId: number | null;
  districtId: number;
  districtName: string;
  city: string;
  county: string;
}

interface EnrolmentRow {
  id: number;
  schemeId: string;
  insuranceYear: number;
  coverStart: string;
  coverEnd: string;
  insurerName: string;
  hotline: string | null;
}

interface UsageRow {
  subjectKey: string;
  schemeId: string;
  benefitCode: string;
  year: number;
  baseUsed: string | number;
  paid: string | number;
}

// One round trip, plain SQL, the same text on SQLite and MariaDB (no quoted identifiers, '?' placeholders):
// this is the hottest read of the app (each round trip to the database costs more CPU here than building the
// answer), so no query building per request; on MariaDB a prepared statement (hotRead). Three arms, told apart by k:
//  'e' the person with each enrolment in force today or ended within 12 months (once with null enrolment
//      columns when there is none; the conditions sit in the LEFT JOIN for that);
//  'u' the ledger rows of the person and of their household from the year before the 12-month window on. The
//      answer looks rows up by scheme, benefit and the enrolment's insurance year, so rows of other years are
//      never shown; the bound only prunes. It loses nothing: a cover lies inside its insurance year, and an
//      insurance year (id = the year it starts) ends by the end of the next calendar year, so an enrolment
//      ending on or after the window's start has insurance_year ≥ that start's year − 1. (Filtering by the
//      shown enrolments' years in SQL, a semi-join, cost MariaDB ~30% more CPU per request.)
//  's' the caller's login session (auth_session + app_user by primary key, as DbSessionCheck reads it): the
//      route is @SessionCheckedInRead, so the guard left the session check to this read, one round trip
//      instead of two (a round trip's socket write and read were the largest part of the app's CPU per request).
// Each uses an index: person and district by primary key, enrolment by uq_enrolment_person_scheme_year
// (person_id first), annual_usage by uq_annual_usage_subject (subject_key first; the keys are constants once
// the person row is read by primary key). A compound SELECT has one ORDER BY at most: enrolments are sorted here.
const NULLS = (n: number) => Array.from({ length: n }, () => 'NULL').join(', ');
export const COVERAGE_SQL =
  "SELECT 'e' AS k, p.id AS id, p.name AS name, p.id_number_masked AS idNumberMasked, p.phone_masked AS phoneMasked, " +
  'p.birth_date AS birthDate, p.household_id AS householdId, d.id AS districtId, d.name AS districtName, d.city AS city, d.county AS county, ' +
  'e.id AS eId, e.scheme_id AS eSchemeId, e.insurance_year AS eInsuranceYear, e.cover_start AS eCoverStart, e.cover_end AS eCoverEnd, ' +
  'i.name AS eInsurerName, i.hotline AS eHotline, ' +
  'NULL AS uSubjectKey, NULL AS uSchemeId, NULL AS uBenefitCode, NULL AS uYear, NULL AS uBaseUsed, NULL AS uPaid, ' +
  'NULL AS sRevokedAt, NULL AS sExpiresAt, NULL AS sActive ' +
  'FROM person p INNER JOIN district d ON d.id = p.district_id ' +
  'LEFT JOIN enrolment e ON e.person_id = p.id AND e.cover_start <= ? AND e.cover_end >= ? ' +
  'LEFT JOIN insurer i ON i.id = e.insurer_id ' +
  'WHERE p.id = ? ' +
  'UNION ALL ' +
  `SELECT 'u', ${NULLS(17)}, u.subject_key, u.scheme_id, u.benefit_code, u.year, u.base_used, u.paid, NULL, NULL, NULL ` +
  'FROM person q INNER JOIN annual_usage u ON u.subject_key IN ' +
  "(CONCAT('p:', q.id), CASE WHEN q.household_id IS NULL THEN NULL ELSE CONCAT('h:', q.household_id) END) " +
  'WHERE q.id = ? AND u.year >= ? ' +
  'UNION ALL ' +
  `SELECT 's', ${NULLS(23)}, s.revoked_at, s.expires_at, u.active ${SESSION_FROM}`;

/** COVERAGE_SQL's rows. */
type CoverageRow = { k: 'e' | 'u' | 's' } & PersonRow & { [K in keyof EnrolmentRow as `e${Capitalize<K>}`]: EnrolmentRow[K] | null } & {
  [K in keyof UsageRow as `u${Capitalize<K>}`]: UsageRow[K] | null;
} & { [K in keyof SessionRow as `s${Capitalize<K>}`]: SessionRow[K] };

/**
 * The parts of a covered benefit that depend only on the scheme data, built once per benefit: the answer's
 * fields before and after `usage` (kept apart so the JSON keeps its order), and the cap and deductible as
 * decimals and as text.
 */
interface StaticBenefit {
  head: Omit<CoveredBenefitDto, 'usage' | 'documents'>;
  documents: CoveredBenefitDto['documents'];
  cap: { amount: InstanceType<typeof D>; text: string } | null;
  deductible: { amount: InstanceType<typeof D>; text: string } | null;
}
const STATIC_BENEFITS = new Map<string, StaticBenefit>();
function staticBenefit(scheme: SchemeDefinition, versionId: string, b: BenefitDef): StaticBenefit {
  const key = `${scheme.id}|${versionId}|${b.id}`;
  let v = STATIC_BENEFITS.get(key);
  if (!v) {
    const f = b.formula;
    const money = (amount: string | number) => {
      const d = new D(amount);
      return { amount: d, text: fmt(d) };
    };
    v = {
      head: { id: b.id, name: b.name, group: b.group, summary: b.summary, unit: b.unit, limits: toLimits(scheme, b) },
      documents: toDocuments(b),
      cap: b.annualCap ? money(b.annualCap.amount) : null,
      deductible: f.kind === 'reimbursement' && f.deductible && f.accumulation === 'year' ? money(f.deductible.amount) : null,
    };
    STATIC_BENEFITS.set(key, v);
  }
  return v;
}

/** The same date a year earlier (29 February → 28 February). */
export function yearBefore(date: string): string {
  const y = Number(date.slice(0, 4)) - 1;
  const md = date.slice(5) === '02-29' ? '02-28' : date.slice(5);
  return `${String(y).padStart(4, '0')}-${md}`;
}

const toMoney = (v: string | number | null | undefined) => decimalTransformer.from(v ?? 0) as InstanceType<typeof D>;

/**
 * "What am I covered by": the person's enrolments in force today plus those ended within the last 12 months
 * (claims for incidents inside a past cover period can still be reported), with each benefit's limits and
 * this insurance year's use. One query (two indexed arms) whatever the number of enrolments and benefits (see the
 * SQL above); the scheme-only parts of each benefit are built once and reused.
 */
@Injectable()
export class CoverageService {
  private readonly logger = new Logger('Coverage');
  private readonly read: HotRead;

  constructor(
    @InjectDataSource() ds: DataSource,
    private readonly clock: Clock,
    private readonly sessions: SessionCheck,
  ) {
    this.read = hotRead(ds);
  }

  /**
   * The caller's own coverage, or that of the person they act for. The route is @SessionCheckedInRead: the
   * caller's session is checked here, in the same statement as the data, before anything else can answer.
   */
  async mine(user: ActingUser): Promise<CoverageResponseDto> {
    if (user.role !== 'beneficiary' && user.actingForPersonId == null) {
      // Staff: the guard has checked their session already (SessionCheckedInRead is for beneficiaries only).
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '“我的保障”只给参保人本人或其代办人查看；工作人员请从人员详情查看' });
    }
    const personId = subjectPersonId(user);
    if (personId == null) {
      // An account not bound to a person: 404, but only for a live session (401 otherwise, as the guard would).
      if (!(await this.sessions.isActive(user.sessionId))) throw unauthenticated();
      throw notFound('person');
    }
    return this.forPerson(personId, user.sessionId);
  }

  /** The coverage of a person for the caller whose session is `sessionId` (401 unless that session is active). */
  async forPerson(personId: number, sessionId: string): Promise<CoverageResponseDto> {
    const today = this.clock.today();
    const from = yearBefore(today);
    // (a token without a session id binds NULL: no session row, and SessionCheck refuses it)
    const sid = typeof sessionId === 'string' ? sessionId : null;
    const rows = await this.read<CoverageRow>(COVERAGE_SQL, [today, from, personId, personId, Number(from.slice(0, 4)) - 1, sid]);
    const s = rows.find((r) => r.k === 's');
    if (!this.sessions.isActiveRow(sessionId, s && { revokedAt: s.sRevokedAt, expiresAt: s.sExpiresAt, active: s.sActive })) throw unauthenticated();
    const person: PersonRow | undefined = rows.find((r) => r.k === 'e');
    if (!person) throw notFound('person');
    const enrolments: EnrolmentRow[] = [];
    const usage = new Map<string, UsageRow>();
    for (const r of rows) {
      if (r.k === 'u') {
        const u: UsageRow = { subjectKey: r.uSubjectKey!, schemeId: r.uSchemeId!, benefitCode: r.uBenefitCode!, year: Number(r.uYear), baseUsed: r.uBaseUsed!, paid: r.uPaid! };
        usage.set(`${u.subjectKey}|${u.schemeId}|${u.benefitCode}|${u.year}`, u);
      } else if (r.k === 'e' && r.eId != null) {
        enrolments.push({
          id: Number(r.eId),
          schemeId: r.eSchemeId!,
          insuranceYear: Number(r.eInsuranceYear),
          coverStart: r.eCoverStart!,
          coverEnd: r.eCoverEnd!,
          insurerName: r.eInsurerName!,
          hotline: r.eHotline,
        });
      }
    }
    // Latest cover end first, then by id (the order of the enrolment rows is not defined in a compound SELECT).
    enrolments.sort((a, b) => (a.coverEnd === b.coverEnd ? a.id - b.id : a.coverEnd < b.coverEnd ? 1 : -1));

    const district: DistrictRefDto = { id: Number(person.districtId), name: person.districtName, city: person.city, county: person.county };
    const items: CoverageItemDto[] = [];
    for (const e of enrolments) {
      const item = this.toItem(e, person, district, today, usage);
      if (item) items.push(item);
    }
    // In force first (latest cover end first within each group).
    items.sort((a, b) => Number(a.status === 'ended') - Number(b.status === 'ended'));
    return {
      today,
      person: {
        id: Number(person.id),
        name: maskName(person.name),
        idNumberMasked: person.idNumberMasked,
        phoneMasked: person.phoneMasked ?? null,
        age: ageToday(person.birthDate, today),
        district,
      },
      enrolments: items,
    };
  }

  private toItem(e: EnrolmentRow, person: PersonRow, district: DistrictRefDto, today: string, usage: Map<string, UsageRow>): CoverageItemDto | null {
    let scheme: SchemeDefinition;
    let version;
    const year = String(e.insuranceYear);
    try {
      scheme = getScheme(e.schemeId);
      version = versionForYear(scheme, year);
    } catch {
      this.logger.warn(`enrolment ${e.id}: scheme ${e.schemeId} year ${year} is not in the rules engine; left out of coverage`);
      return null;
    }
    const iy = version.insuranceYears.find((y) => y.id === year)!;
    const ended = e.coverEnd < today;
    return {
      enrolmentId: Number(e.id),
      status: ended ? 'ended' : 'active',
      statusLabel: ended ? '已结束' : '保障中',
      ...(ended ? { note: `保障已于 ${e.coverEnd} 结束；保障期内发生的事故仍可报案理赔` } : {}),
      schemeId: scheme.id,
      schemeName: scheme.name,
      schemeShortName: scheme.shortName,
      versionId: version.id,
      insuranceYear: iy.id,
      insuranceYearFrom: iy.from,
      insuranceYearTo: iy.to,
      coverStart: e.coverStart,
      coverEnd: e.coverEnd,
      insurer: { name: e.insurerName, hotline: e.hotline ?? null, telLink: telLink(e.hotline) },
      district,
      benefits: version.benefits.map((b) => {
        const st = staticBenefit(scheme, version.id, b);
        return { ...st.head, usage: usageOf(b, st, scheme.id, Number(year), iy.id, person, usage), documents: st.documents };
      }),
    };
  }
}

/** Ledger subject of a benefit for a person: the household for household benefits (the person alone when not in one). */
import { ledgerSubject } from '../usage/used-so-far.service';
export { ledgerSubject };

const ZERO = fmt(new D(0));

function usageOf(b: BenefitDef, st: StaticBenefit, schemeId: string, year: number, yearId: string, p: PersonRow, usage: Map<string, UsageRow>): BenefitUsageDto {
  const subject = ledgerSubject(b.unit, { id: Number(p.id), householdId: p.householdId == null ? null : Number(p.householdId) });
  const row = usage.get(`${subject.key}|${schemeId}|${b.id}|${year}`);
  if (!row) {
    // Nothing used this year (most people): every figure is zero or the scheme's own amount.
    const out: BenefitUsageDto = { insuranceYear: yearId, ledger: subject.ledger, baseUsed: ZERO, paid: ZERO };
    if (st.cap) out.annualCap = { amount: st.cap.text, used: ZERO, left: st.cap.text };
    if (st.deductible) out.deductible = { amount: st.deductible.text, met: ZERO, left: st.deductible.text };
    return out;
  }
  const baseUsed = toMoney(row.baseUsed);
  const paid = toMoney(row.paid);
  const out: BenefitUsageDto = { insuranceYear: yearId, ledger: subject.ledger, baseUsed: fmt(baseUsed), paid: fmt(paid) };
  if (st.cap) out.annualCap = { amount: st.cap.text, used: fmt(paid), left: fmt(D.max(0, st.cap.amount.minus(paid))) };
  if (st.deductible) {
    const met = D.min(st.deductible.amount, baseUsed);
    out.deductible = { amount: st.deductible.text, met: fmt(met), left: fmt(st.deductible.amount.minus(met)) };
  }
  return out;
}
