import { EngineError } from '../core/errors';
import { IsoDate, assertIsoDate, daysInMonth, dayNumber, fromDayNumber, toIso, weekday, yearOf } from '../core/dates';
import { SEEDED_HOLIDAY_YEARS } from './holidays.data';

/**
 * One year's statutory holiday arrangement as published by the General Office of the State Council.
 * Dates are month-day strings (`MM-DD`) of `year` itself.
 */
export interface HolidayYear {
  year: number;
  /** Holiday name → its days off, weekend days of the break included, e.g. `{ '国庆节': ['10-01', …, '10-07'] }`. */
  holidays: Record<string, string[]>;
  /** Weekend days that are working days (调休上班), e.g. `['09-20', '10-10']`. */
  workdays: string[];
  /** Where the arrangement comes from, e.g. the notice's number or the data package. */
  source: string;
}

/** Kind of a calendar day, for explanations. */
export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

const KIND_WORKDAY = 0;
const KIND_WEEKEND = 1;
const KIND_HOLIDAY = 2;
const KIND_MAKEUP = 3;
const KIND_NAMES: readonly DayKind[] = ['workday', 'weekend', 'holiday', 'makeup_workday'];

/** Precomputed per-year table: day index 0 = 1 January. */
interface YearTable {
  readonly year: number;
  /** dayNumber of 1 January. */
  readonly start: number;
  readonly length: number;
  /** One DayKind code per day of the year. */
  readonly kinds: Uint8Array;
  /** cum[i] = number of working days among day indexes 0..i. */
  readonly cum: Uint16Array;
  /** Holiday name per day index. */
  readonly names: ReadonlyMap<number, string>;
  readonly data: Readonly<HolidayYear>;
}

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function gap(year: number): EngineError {
  return new EngineError(
    'CALENDAR_GAP',
    `${year} 年的法定节假日安排尚未录入，无法计算工作日；请管理员先录入该年安排`,
    'date',
    { year },
  );
}

function invalid(field: string, message: string, value?: unknown): EngineError {
  return new EngineError('INVALID_FIELD', message, field, value === undefined ? undefined : { value });
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Validate `MM-DD` as a real day of `year`; returns the day index (0 = 1 January). */
function monthDayIndex(year: number, md: unknown, field: string, start: number): number {
  const m = typeof md === 'string' ? MONTH_DAY.exec(md) : null;
  if (!m) throw invalid(field, `${field} 应为“月-日”，格式如 "10-01"`, md);
  const month = Number(m[1]);
  const day = Number(m[2]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    throw invalid(field, `${field} 不是 ${year} 年真实存在的日期：${md}`, md);
  }
  return dayNumber(toIso(year, month, day)) - start;
}

/** Validate one year's input and build its table. Throws INVALID_FIELD naming the field at fault. */
function buildYear(input: unknown): YearTable {
  if (!isPlainObject(input)) throw invalid('holidayYear', '节假日安排应为一个对象：{ year, holidays, workdays, source }');
  const year = input.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 1900 || year > 9999) {
    throw invalid('year', 'year 应为四位数的年份，如 2027', year);
  }
  const source = input.source;
  if (typeof source !== 'string' || source.trim() === '') {
    throw invalid('source', 'source 应注明安排的出处，如国务院办公厅通知的文号', source);
  }
  const holidays = input.holidays;
  if (!isPlainObject(holidays)) throw invalid('holidays', 'holidays 应为“节日名称 → 放假日期列表”', holidays);
  const workdays = input.workdays;
  if (!Array.isArray(workdays)) throw invalid('workdays', 'workdays 应为调休上班日期列表，如 ["09-20", "10-10"]', workdays);

  const start = dayNumber(toIso(year, 1, 1));
  const length = dayNumber(toIso(year + 1, 1, 1)) - start;
  const firstWeekday = weekday(toIso(year, 1, 1));
  const kinds = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    const wd = (firstWeekday + i) % 7;
    kinds[i] = wd === 0 || wd === 6 ? KIND_WEEKEND : KIND_WORKDAY;
  }
  const names = new Map<number, string>();
  const holidayCopy: Record<string, string[]> = {};

  const holidayNames = Object.keys(holidays);
  if (holidayNames.length === 0) {
    throw invalid('holidays', `${year} 年的安排中没有任何节假日；请按国务院办公厅通知录入`);
  }
  for (const name of holidayNames) {
    const field = `holidays.${name}`;
    if (name.trim() === '' || name !== name.trim()) throw invalid(field, '节日名称不能为空，前后不能有空格', name);
    const days = holidays[name];
    if (!Array.isArray(days) || days.length === 0) {
      throw invalid(field, `${field} 应为至少一天的放假日期列表，如 ["10-01", "10-02"]`, days);
    }
    days.forEach((md, k) => {
      const f = `${field}[${k}]`;
      const i = monthDayIndex(year, md, f, start);
      const other = names.get(i);
      if (other !== undefined) {
        throw invalid(f, `${year}-${md} 重复录入${other === name ? '' : `（已列为${other}）`}`, md);
      }
      names.set(i, name);
      kinds[i] = KIND_HOLIDAY;
    });
    holidayCopy[name] = [...(days as string[])];
  }
  const seenWork = new Set<number>();
  workdays.forEach((md, k) => {
    const f = `workdays[${k}]`;
    const i = monthDayIndex(year, md, f, start);
    const holiday = names.get(i);
    if (holiday !== undefined) throw invalid(f, `${year}-${md} 不能既是${holiday}假日又是调休上班日`, md);
    if (seenWork.has(i)) throw invalid(f, `${year}-${md} 重复录入`, md);
    if (kinds[i] !== KIND_WEEKEND) throw invalid(f, `${year}-${md} 不是周末，无需列为调休上班日`, md);
    seenWork.add(i);
    kinds[i] = KIND_MAKEUP;
  });

  const cum = new Uint16Array(length);
  let count = 0;
  for (let i = 0; i < length; i++) {
    const k = kinds[i];
    if (k === KIND_WORKDAY || k === KIND_MAKEUP) count++;
    cum[i] = count;
  }
  for (const days of Object.values(holidayCopy)) Object.freeze(days);
  const data: HolidayYear = Object.freeze({
    year,
    holidays: Object.freeze(holidayCopy),
    workdays: Object.freeze([...(workdays as string[])]) as string[],
    source,
  });
  return { year, start, length, kinds, cum, names, data };
}

let seededCache: HolidayCalendar | undefined;

/**
 * The Chinese working-day calendar, from data only. Immutable: `withYear` returns a new calendar.
 *
 * Any question about a date whose year has not been entered throws `CALENDAR_GAP`; the calendar never
 * assumes that an unpublished year has no holidays.
 */
export class HolidayCalendar {
  private readonly tables: ReadonlyMap<number, YearTable>;

  private constructor(tables: ReadonlyMap<number, YearTable>) {
    this.tables = tables;
    Object.freeze(this);
  }

  /** The years generated from chinese-days (see holidays.data.ts). */
  static seeded(): HolidayCalendar {
    if (!seededCache) seededCache = HolidayCalendar.fromYears(SEEDED_HOLIDAY_YEARS);
    return seededCache;
  }

  /** A calendar holding exactly these years (e.g. loaded from storage). Each is validated as in `withYear`. */
  static fromYears(years: readonly HolidayYear[]): HolidayCalendar {
    const tables = new Map<number, YearTable>();
    for (const y of years) {
      const t = buildYear(y);
      if (tables.has(t.year)) throw invalid('year', `${t.year} 年的安排重复录入`, t.year);
      tables.set(t.year, t);
    }
    return new HolidayCalendar(tables);
  }

  /**
   * A new calendar with `y` added (or replacing an earlier entry for the same year), e.g. when the State
   * Council publishes next year's arrangement. Validates the input; throws INVALID_FIELD naming the field.
   */
  withYear(y: HolidayYear): HolidayCalendar {
    const t = buildYear(y);
    const tables = new Map(this.tables);
    tables.set(t.year, t);
    return new HolidayCalendar(tables);
  }

  /** Years entered, ascending. */
  years(): number[] {
    return [...this.tables.keys()].sort((a, b) => a - b);
  }

  hasYear(year: number): boolean {
    return this.tables.has(year);
  }

  /** The (frozen) arrangement entered for `year`, if any. */
  yearData(year: number): Readonly<HolidayYear> | undefined {
    return this.tables.get(year)?.data;
  }

  /** Weekday and not a holiday, or a weekend day made a working day. */
  isWorkingDay(date: IsoDate): boolean {
    const { t, i } = this.locate(date);
    const k = t.kinds[i];
    return k === KIND_WORKDAY || k === KIND_MAKEUP;
  }

  dayKind(date: IsoDate): DayKind {
    const { t, i } = this.locate(date);
    return KIND_NAMES[t.kinds[i]];
  }

  /** Name of the holiday on `date` (e.g. '国庆节'), or undefined when it is not a holiday. */
  holidayName(date: IsoDate): string | undefined {
    const { t, i } = this.locate(date);
    return t.names.get(i);
  }

  /** The n-th working day after `date` (`date` itself not counted); n >= 1. */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      throw invalid('n', '工作日天数应为不小于 1 的整数', n);
    }
    let { t, i } = this.locate(date);
    let left = n;
    for (;;) {
      const before = i < 0 ? 0 : t.cum[i];
      const remaining = t.cum[t.length - 1] - before;
      if (left <= remaining) {
        // smallest j > i with cum[j] >= before + left; cum is non-decreasing
        const target = before + left;
        let lo = i + 1;
        let hi = t.length - 1;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (t.cum[mid] >= target) hi = mid;
          else lo = mid + 1;
        }
        return fromDayNumber(t.start + lo);
      }
      left -= remaining;
      t = this.table(t.year + 1);
      i = -1;
    }
  }

  nextWorkingDay(date: IsoDate): IsoDate {
    return this.addWorkingDays(date, 1);
  }

  /**
   * Working days d with from < d <= to (so `workingDaysBetween(d, addWorkingDays(d, n)) === n`);
   * negative when `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = this.locate(from, 'from');
    const b = this.locate(to, 'to');
    const sa = a.t.start + a.i;
    const sb = b.t.start + b.i;
    if (sa > sb) return -this.workingDaysBetween(to, from);
    if (a.t === b.t) return a.t.cum[b.i] - a.t.cum[a.i];
    let total = a.t.cum[a.t.length - 1] - a.t.cum[a.i];
    for (let y = a.t.year + 1; y < b.t.year; y++) {
      const t = this.table(y);
      total += t.cum[t.length - 1];
    }
    return total + b.t.cum[b.i];
  }

  private table(year: number): YearTable {
    const t = this.tables.get(year);
    if (!t) throw gap(year);
    return t;
  }

  private locate(date: IsoDate, field = 'date'): { t: YearTable; i: number } {
    assertIsoDate(date, field);
    const t = this.table(yearOf(date));
    return { t, i: dayNumber(date) - t.start };
  }
}

