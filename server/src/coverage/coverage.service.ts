import { ForbiddenException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { D, fmt, getScheme, versionForYear, type BenefitDef, type SchemeDefinition } from '@huimin/shared';
import { DataSource } from 'typeorm';
import { notFound } from '../auth/access.service';
import { Clock } from '../common/clock';
import { decimalTransformer } from '../common/money/decimal.transformer';
import { ageToday, maskName } from '../people/people.mapper';
import { toDocuments, toLimits } from '../schemes/scheme.mapper';
import { telLink } from '../schemes/plain-words';
import { BenefitUsageDto, CoveredBenefitDto, CoverageItemDto, CoverageResponseDto, DistrictRefDto } from './dto/coverage.dto';
import { ActingUser, effectivePersonId } from './effective-person';

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

// Plain SQL, the same text on SQLite and MariaDB (no quoted identifiers, '?' placeholders): this is the
// hottest read of the app, so no query building per request. Each uses an index: person and district by
// primary key, enrolment by uq_enrolment_person_scheme_year (person_id first), annual_usage by
// uq_annual_usage_subject (subject_key first).
const PERSON_SQL =
  'SELECT p.id AS id, p.name AS name, p.id_number_masked AS idNumberMasked, p.phone_masked AS phoneMasked, ' +
  'p.birth_date AS birthDate, p.household_id AS householdId, d.id AS districtId, d.name AS districtName, d.city AS city, d.county AS county ' +
  'FROM person p INNER JOIN district d ON d.id = p.district_id WHERE p.id = ?';
const ENROLMENT_SQL =
  'SELECT e.id AS id, e.scheme_id AS schemeId, e.insurance_year AS insuranceYear, e.cover_start AS coverStart, e.cover_end AS coverEnd, ' +
  'i.name AS insurerName, i.hotline AS hotline FROM enrolment e INNER JOIN insurer i ON i.id = e.insurer_id ' +
  'WHERE e.person_id = ? AND e.cover_start <= ? AND e.cover_end >= ? ORDER BY e.cover_end DESC, e.id ASC';
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');
const usageSql = (keys: number, years: number) =>
  'SELECT u.subject_key AS subjectKey, u.scheme_id AS schemeId, u.benefit_code AS benefitCode, u.year AS year, u.base_used AS baseUsed, u.paid AS paid ' +
  `FROM annual_usage u WHERE u.subject_key IN (${marks(keys)}) AND u.year IN (${marks(years)})`;

/** The parts of a covered benefit that depend only on the scheme data, built once per benefit. */
type StaticBenefit = Omit<CoveredBenefitDto, 'usage'>;
const STATIC_BENEFITS = new Map<string, StaticBenefit>();
function staticBenefit(scheme: SchemeDefinition, versionId: string, b: BenefitDef): StaticBenefit {
  const key = `${scheme.id}|${versionId}|${b.id}`;
  let v = STATIC_BENEFITS.get(key);
  if (!v) {
    v = { id: b.id, name: b.name, group: b.group, summary: b.summary, unit: b.unit, limits: toLimits(scheme, b), documents: toDocuments(b) };
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
 * this insurance year's use. Three indexed queries whatever the number of enrolments and benefits (see the
 * SQL above); the scheme-only parts of each benefit are built once and reused.
 */
@Injectable()
export class CoverageService {
  private readonly logger = new Logger('Coverage');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly clock: Clock,
  ) {}

  async mine(user: ActingUser): Promise<CoverageResponseDto> {
    if (user.role !== 'beneficiary' && user.actingForPersonId == null) {
      throw new ForbiddenException({ code: 'FORBIDDEN', message: '“我的保障”只给参保人本人或其代办人查看；工作人员请从人员详情查看' });
    }
    return this.forPerson(effectivePersonId(user));
  }

  async forPerson(personId: number): Promise<CoverageResponseDto> {
    const today = this.clock.today();
    const [person] = (await this.ds.query(PERSON_SQL, [personId])) as PersonRow[];
    if (!person) throw notFound('person');
    const enrolments = (await this.ds.query(ENROLMENT_SQL, [personId, today, yearBefore(today)])) as EnrolmentRow[];

    const keys = [`p:${person.id}`, ...(person.householdId != null ? [`h:${person.householdId}`] : [])];
    const years = [...new Set(enrolments.map((e) => Number(e.insuranceYear)))];
    const usage = new Map<string, UsageRow>();
    if (enrolments.length) {
      const rows = (await this.ds.query(usageSql(keys.length, years.length), [...keys, ...years])) as UsageRow[];
      for (const r of rows) usage.set(`${r.subjectKey}|${r.schemeId}|${r.benefitCode}|${Number(r.year)}`, r);
    }

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
        const { documents, ...head } = staticBenefit(scheme, version.id, b);
        return { ...head, usage: usageOf(b, scheme.id, Number(year), iy.id, person, usage), documents };
      }),
    };
  }
}

/** Ledger subject of a benefit for a person: the household for household benefits (the person alone when not in one). */
import { ledgerSubject } from '../usage/used-so-far.service';
export { ledgerSubject };

function usageOf(b: BenefitDef, schemeId: string, year: number, yearId: string, p: PersonRow, usage: Map<string, UsageRow>): BenefitUsageDto {
  const subject = ledgerSubject(b.unit, { id: Number(p.id), householdId: p.householdId == null ? null : Number(p.householdId) });
  const row = usage.get(`${subject.key}|${schemeId}|${b.id}|${year}`);
  const baseUsed = toMoney(row?.baseUsed);
  const paid = toMoney(row?.paid);
  const out: BenefitUsageDto = { insuranceYear: yearId, ledger: subject.ledger, baseUsed: fmt(baseUsed), paid: fmt(paid) };
  if (b.annualCap) {
    const cap = new D(b.annualCap.amount);
    out.annualCap = { amount: fmt(cap), used: fmt(paid), left: fmt(D.max(0, cap.minus(paid))) };
  }
  const f = b.formula;
  if (f.kind === 'reimbursement' && f.deductible && f.accumulation === 'year') {
    const ded = new D(f.deductible.amount);
    const met = D.min(ded, baseUsed);
    out.deductible = { amount: fmt(ded), met: fmt(met), left: fmt(ded.minus(met)) };
  }
  return out;
}
