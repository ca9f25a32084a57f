import { EngineError } from './errors';

/** Calendar dates are ISO strings `YYYY-MM-DD` in China Standard Time; no clock times. */
export type IsoDate = string;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number written in s[from, from+len) with digits only, or -1. (A hand parser: dates are checked on every estimate.) */
function digits(s: string, from: number, len: number): number {
  let n = 0;
  for (let i = from; i < from + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/** True for a real calendar date written `YYYY-MM-DD` (what assertIsoDate accepts), without allocating. */
export function isIsoDate(value: unknown): value is IsoDate {
  return isoDateKey(value) >= 0;
}

/**
 * A real calendar date written `YYYY-MM-DD` as the number YYYYMMDD (20250310), or -1 for anything else (what
 * isIsoDate rejects). Two dates compare as their keys do, and comparing numbers is cheaper than comparing strings.
 */
export function isoDateKey(value: unknown): number {
  if (typeof value !== 'string' || value.length !== 10 || value.charCodeAt(4) !== 45 || value.charCodeAt(7) !== 45) return -1;
  const y = digits(value, 0, 4);
  const m = y >= 0 ? digits(value, 5, 2) : -1;
  const d = m >= 0 ? digits(value, 8, 2) : -1;
  return d >= 1 && m >= 1 && m <= 12 && d <= daysInMonth(y, m) ? y * 10000 + m * 100 + d : -1;
}

export function parseIsoDate(value: unknown, field: string): { y: number; m: number; d: number } {
  const y = typeof value === 'string' && value.length === 10 && value.charCodeAt(4) === 45 && value.charCodeAt(7) === 45 ? digits(value, 0, 4) : -1;
  const m = y >= 0 ? digits(value as string, 5, 2) : -1;
  const d = m >= 0 ? digits(value as string, 8, 2) : -1;
  if (d < 0) throw new EngineError('INVALID_DATE', `${field} 应为日期，格式如 2025-03-18`, field, { value });
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new EngineError('INVALID_DATE', `${field} 不是真实存在的日期：${value}`, field, { value });
  }
  return { y, m, d };
}

export function assertIsoDate(value: unknown, field: string): IsoDate {
  if (!isIsoDate(value)) parseIsoDate(value, field); // names the fault
  return value as IsoDate;
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 && isLeapYear(y) ? 29 : DAYS[m - 1];
}

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function toIso(y: number, m: number, d: number): IsoDate {
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Days since 1970-01-01 (UTC arithmetic on the calendar date, no time zone involved). */
export function dayNumber(date: IsoDate): number {
  if (date.length === 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digits(date, 0, 4);
    const m = digits(date, 5, 2);
    const d = digits(date, 8, 2);
    if (y >= 0 && m >= 0 && d >= 0) return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
  }
  const [y, m, d] = date.split('-').map(Number);
  return Math.floor(Date.UTC(y, m - 1, d) / 86400000);
}

export function fromDayNumber(n: number): IsoDate {
  const dt = new Date(n * 86400000);
  return toIso(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(dayNumber(date) + days);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(date: IsoDate): number {
  return (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday
}

export function yearOf(date: IsoDate): number {
  return Number(date.slice(0, 4));
}

/** Whole years of age on `on`, from `birth` (a birthday on 29 Feb counts on 1 Mar in common years). */
export function ageOn(birth: IsoDate, on: IsoDate): number {
  if (birth.length === 10 && on.length === 10 && birth.charCodeAt(4) === 45 && birth.charCodeAt(7) === 45 && on.charCodeAt(4) === 45 && on.charCodeAt(7) === 45) {
    // The usual YYYY-MM-DD: read the digits in place (this runs on every estimate with an age condition).
    const by = digits(birth, 0, 4);
    const bm = digits(birth, 5, 2);
    const bd = digits(birth, 8, 2);
    const y = digits(on, 0, 4);
    const m = digits(on, 5, 2);
    const d = digits(on, 8, 2);
    if (by >= 0 && bm >= 0 && bd >= 0 && y >= 0 && m >= 0 && d >= 0) return m < bm || (m === bm && d < bd) ? y - by - 1 : y - by;
  }
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = on.split('-').map(Number);
  let age = y - by;
  if (m < bm || (m === bm && d < bd)) age -= 1;
  return age;
}

export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function inPeriod(date: IsoDate, from: IsoDate, to: IsoDate): boolean {
  return date >= from && date <= to;
}
