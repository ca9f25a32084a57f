/**
 * Row-by-row validation of a roster against one scheme, district and month. Pure: no database. The
 * service adds what needs the current state (add / change / unchanged) afterwards.
 */
import {
  CATEGORIES,
  categoryLabel,
  eligibilityOf,
  findVersion,
  getScheme,
  validateIdNumber,
  type EligibilityResult,
  type PersonFacts,
  type PersonIdentity,
  type SchemeDefinition,
  type SchemeVersion,
} from '@huimin/shared';
import {
  cellText,
  daysIn,
  KEY_TO_HEADER,
  nameProblem,
  parseDateCell,
  parsePhone,
  parseYears,
  parseYesNo,
  type RawRow,
  type RosterColumnKey,
  type RosterRecord,
} from './roster-format';

export type RowStatus = 'ok' | 'warning' | 'error';
export type RowAction = 'add' | 'change' | 'unchanged' | 'remove' | 'refuse';

/** One message about one field (the Chinese column header), for the caseworker. */
export interface RowMessage {
  field: string;
  message: string;
  level: 'error' | 'warning' | 'info';
}

export interface RowVerdict {
  rowNo: number;
  status: RowStatus;
  action: RowAction | null;
  record: RosterRecord | null;
  messages: RowMessage[];
}

const CATEGORY_BY_LABEL = new Map<string, string>(CATEGORIES.map((c) => [c.label, c.code]));
const CATEGORY_CODES = new Set(CATEGORIES.map((c) => c.code));
/** Bit index of each category code (for compact per-person sets over a million rows). */
export const CATEGORY_BIT = new Map<string, number>(CATEGORIES.map((c, i) => [c.code, i]));
export const BIT_CATEGORY: string[] = CATEGORIES.map((c) => c.code);

/** A category cell: the engine code ('dibao') or its Chinese label ('低保对象'); also the label without 对象/人员. */
export function categoryFromCell(text: string): string | null {
  if (!text) return null;
  if (CATEGORY_CODES.has(text)) return text;
  const lower = text.toLowerCase();
  if (CATEGORY_CODES.has(lower)) return lower;
  const byLabel = CATEGORY_BY_LABEL.get(text);
  if (byLabel) return byLabel;
  for (const c of CATEGORIES) {
    const short = c.label.replace(/(对象|人员)$/, '');
    if (short.length >= 2 && text === short) return c.code;
  }
  return null;
}

/** Everything about the upload that every row is checked against. */
export class RosterContext {
  readonly scheme: SchemeDefinition;
  readonly version: SchemeVersion;
  readonly monthStart: string;
  readonly monthEnd: string;
  /** The last day before the roster month: a removed identity ends here. */
  readonly dayBefore: string;
  readonly qualifying: Set<string>;
  /** Category codes that block another category (伤残人民警察 for Chongqing's 优抚对象). */
  readonly blockers: Set<string>;
  readonly byResidence: boolean;
  readonly today: string;
  /** The insurance year the roster month falls in ('2024'), and as a number for enrolment rows. */
  readonly yearId: string;
  readonly insuranceYear: number;

  constructor(
    schemeId: string,
    readonly areaName: string,
    readonly month: string,
    today?: string,
  ) {
    this.scheme = getScheme(schemeId);
    const [y, m] = month.split('-').map(Number);
    this.monthStart = `${month}-01`;
    this.monthEnd = `${month}-${String(daysIn(y, m)).padStart(2, '0')}`;
    const prev = new Date(Date.UTC(y, m - 1, 0));
    this.dayBefore = prev.toISOString().slice(0, 10);
    const v = findVersion(this.scheme, this.monthEnd) ?? findVersion(this.scheme, this.monthStart);
    if (!v) throw new Error(`no version of ${schemeId} in ${month}`);
    this.version = v;
    this.qualifying = new Set(v.coverage.qualifying.map((q) => q.code));
    this.blockers = new Set(v.coverage.qualifying.flatMap((q) => q.unless ?? []));
    this.byResidence = v.coverage.basis === 'registered_residents';
    const year = v.insuranceYears.find((iy) => this.monthEnd >= iy.from && this.monthEnd <= iy.to) ?? v.insuranceYears.find((iy) => this.monthStart >= iy.from && this.monthStart <= iy.to)!;
    this.yearId = year.id;
    this.insuranceYear = Number(year.id);
    this.today = today ?? new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  }

  /** Category codes a full roster of this scheme speaks for (identities outside it are left alone). */
  get scopeCategories(): string[] {
    return this.byResidence ? [] : [...this.qualifying];
  }

  /** The day eligibility is judged on: the month's last day, or the day the identity ends inside the month. */
  evalDate(r: RosterRecord): string {
    let d = this.monthEnd;
    if (r.validTo && r.validTo >= this.monthStart && r.validTo < d) d = r.validTo;
    const v = this.version.effective;
    if (d > v.to) d = v.to;
    if (d < v.from) d = v.from;
    return d;
  }

  /** The engine's facts for a person from a record, with the other identities (codes) the same person holds. */
  facts(r: RosterRecord, identities: PersonIdentity[]): PersonFacts {
    const f: PersonFacts = { birthDate: r.birthDate, area: r.area, identities };
    if (r.registeredResident !== null) f.registeredResident = r.registeredResident;
    if (r.inSchool !== null) f.inSchool = r.inSchool;
    if (r.medicalInsuranceYears) f.medicalInsuranceYears = r.medicalInsuranceYears;
    if (r.monitoringSystemSince) f.monitoringSystemSince = r.monitoringSystemSince;
    if (r.disabilityCardValidUntil) f.disabilityCardValidUntil = r.disabilityCardValidUntil;
    return f;
  }

  identityOf(r: RosterRecord, code = r.category): PersonIdentity {
    const i: PersonIdentity = { code };
    if (r.validFrom) i.validFrom = r.validFrom;
    if (r.validTo) i.validTo = r.validTo;
    if (r.confirmedOn) i.confirmedOn = r.confirmedOn;
    return i;
  }

  /** The engine's verdict for this record together with the other category codes of the same person. */
  eligibility(r: RosterRecord, otherCodes: string[]): EligibilityResult {
    const ids = r.category ? [this.identityOf(r)] : [];
    for (const c of otherCodes) if (c !== r.category) ids.push(this.identityOf(r, c));
    return eligibilityOf(this.facts(r, ids), this.scheme, this.evalDate(r));
  }
}

/** The failed reasons of an eligibility result, as one Chinese sentence. */
export function refusalText(e: EligibilityResult): string {
  const failed = e.reasons.filter((x) => !x.ok).map((x) => x.message);
  return failed.length ? `不予参保：${failed.join('；')}` : '不予参保';
}

function err(messages: RowMessage[], key: RosterColumnKey, message: string): void {
  messages.push({ field: KEY_TO_HEADER[key], message, level: 'error' });
}

/**
 * Checks one row on its own (no other rows, no database): ID number, name, category, area, dates,
 * yes/no and phone cells. Returns the normalised record when there is no error.
 */
export function validateRow(raw: RawRow, ctx: RosterContext): RowVerdict {
  const c = raw.cells;
  const messages: RowMessage[] = [];

  const name = cellText(c.name);
  const np = nameProblem(name);
  if (np) err(messages, 'name', np);

  const idr = validateIdNumber(cellText(c.idNumber), { today: ctx.today });
  if (!idr.valid) err(messages, 'idNumber', idr.message);

  const catText = cellText(c.category);
  let category = '';
  if (!catText) {
    if (!ctx.byResidence) err(messages, 'category', '请填写身份类别（如 低保对象 或 dibao）');
  } else {
    const code = categoryFromCell(catText);
    if (!code) err(messages, 'category', `不认识的身份类别“${catText.slice(0, 20)}”，请填写规定的类别名称或代码`);
    else category = code;
  }

  const area = cellText(c.area);
  if (!area) err(messages, 'area', '请填写区县');
  else if (area !== ctx.areaName) {
    err(messages, 'area', `区县“${area.slice(0, 20)}”与本次上传的区县“${ctx.areaName}”不一致，请分区县上传`);
  }

  const dates: Partial<Record<RosterColumnKey, string | null>> = {};
  for (const key of ['confirmedOn', 'validFrom', 'validTo', 'monitoringSystemSince', 'disabilityCardValidUntil'] as const) {
    const d = parseDateCell(c[key]);
    if (d === 'invalid') err(messages, key, `“${cellText(c[key]).slice(0, 20)}”不是真实的日期，请写成 2025-03-18 的格式`);
    else dates[key] = d;
  }
  const validFrom = dates.validFrom ?? null;
  const validTo = dates.validTo ?? null;
  const confirmedOn = dates.confirmedOn ?? null;
  if (!ctx.byResidence && dates.validFrom === null) err(messages, 'validFrom', '请填写有效期起');
  if (validFrom && validTo && validTo < validFrom) err(messages, 'validTo', `有效期止 ${validTo} 早于有效期起 ${validFrom}`);
  if (confirmedOn && confirmedOn > ctx.monthEnd) {
    err(messages, 'confirmedOn', `确认日期 ${confirmedOn} 晚于名单月份 ${ctx.month}，请放到对应月份的名单里`);
  }
  if (idr.valid) {
    const birth = idr.value.birthDate;
    for (const key of ['confirmedOn', 'validFrom'] as const) {
      const d = dates[key];
      if (d && d < birth) err(messages, key, `${KEY_TO_HEADER[key]} ${d} 早于出生日期 ${birth}`);
    }
  }

  const yn: Partial<Record<'inSchool' | 'registeredResident', boolean | null>> = {};
  for (const key of ['inSchool', 'registeredResident'] as const) {
    const v = parseYesNo(c[key]);
    if (v === 'invalid') err(messages, key, `“${cellText(c[key]).slice(0, 10)}”应填“是”或“否”`);
    else yn[key] = v;
  }
  const years = parseYears(c.medicalInsuranceYears);
  if (years === 'invalid') err(messages, 'medicalInsuranceYears', '参加医保年份应为年份，如 2025，多个年份用“、”隔开');
  const phone = parsePhone(c.phone);
  if (phone === 'invalid') err(messages, 'phone', '联系电话应为 11 位手机号或固定电话号码');

  if (messages.length || !idr.valid) return { rowNo: raw.rowNo, status: 'error', action: null, record: null, messages };

  const record: RosterRecord = {
    name,
    idNumber: idr.value.id,
    category,
    area,
    householdNo: cellText(c.householdNo).slice(0, 32) || null,
    confirmedOn,
    validFrom,
    validTo,
    phone: phone as string | null,
    inSchool: yn.inSchool ?? null,
    medicalInsuranceYears: years as number[] | null,
    monitoringSystemSince: dates.monitoringSystemSince ?? null,
    disabilityCardValidUntil: dates.disabilityCardValidUntil ?? null,
    registeredResident: yn.registeredResident ?? null,
    birthDate: idr.value.birthDate,
    sex: idr.value.sex === 'male' ? 'M' : 'F',
  };
  if (cellText(c.householdNo).length > 32) {
    messages.push({ field: KEY_TO_HEADER.householdNo, message: '户号超过 32 个字符，已截断', level: 'warning' });
  }
  return { rowNo: raw.rowNo, status: messages.length ? 'warning' : 'ok', action: null, record, messages };
}

/**
 * The engine's verdict on a valid record: refuse when its category does not qualify for the scheme,
 * or when the person (with the other identities seen so far) is not eligible. Mutates the verdict.
 */
export function judgeEligibility(v: RowVerdict, ctx: RosterContext, otherCodes: string[]): void {
  const r = v.record!;
  if (r.validTo && r.validTo < ctx.monthStart) return; // an ending identity: nothing to enrol
  let e: EligibilityResult;
  if (!ctx.byResidence && !ctx.qualifying.has(r.category)) {
    // Judge the category on its own so the engine names why it does not qualify.
    e = ctx.eligibility(r, []);
    const wanted = [...ctx.qualifying].map(categoryLabel).join('、');
    refuse(v, `${categoryLabel(r.category)}不是${ctx.scheme.name}的参保身份（须为：${wanted}）${e.eligible ? '' : `。${refusalText(e)}`}`);
    return;
  }
  e = ctx.eligibility(r, otherCodes);
  if (!e.eligible) refuse(v, refusalText(e));
}

export function refuse(v: RowVerdict, message: string): void {
  v.status = 'warning';
  v.action = 'refuse';
  v.messages.push({ field: KEY_TO_HEADER.category, message, level: 'warning' });
}
