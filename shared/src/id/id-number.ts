/**
 * 18-digit resident identity numbers (GB 11643-1999):
 * 6-digit region code, 8-digit birth date, 3-digit sequence (odd = male, even = female),
 * and a check character from ISO 7064 MOD 11-2.
 */
import { EngineError } from '../core/errors';
import { assertIsoDate, daysInMonth, IsoDate, toIso } from '../core/dates';
import { PROVINCES } from './regions';

export type IdProblem =
  | 'empty'
  | 'length'
  | 'characters'
  | 'region'
  | 'birth_date'
  | 'birth_in_future'
  | 'too_old'
  | 'check_digit';

export interface ParsedId {
  /** The normalised number: 18 ASCII characters, check character upper-case. */
  id: string;
  regionCode: string;
  provinceCode: string;
  province: string;
  birthDate: IsoDate;
  sex: 'male' | 'female';
  checkChar: string;
}

export type IdResult =
  | { valid: true; value: ParsedId }
  | { valid: false; problem: IdProblem; message: string; expectedCheckChar?: string };

export interface IdOptions {
  /** The day to judge the birth date against; defaults to today in China Standard Time. */
  today?: IsoDate;
}

/** Oldest accepted age, in years. */
export const MAX_AGE_YEARS = 130;

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A well-formed number as most input is: 17 ASCII digits and a digit or upper-case X (no normalising needed). */
const ID_SHAPE = /^\d{17}[\dX]$/;
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits (ISO 7064 MOD 11-2). */
export function computeCheckChar(first17: string): string {
  if (typeof first17 !== 'string' || !/^\d{17}$/.test(first17)) {
    throw new EngineError('INVALID_ID_NUMBER', '计算校验码需要身份证号的前 17 位数字', 'first17');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}

/** Trim, turn full-width digits and X into ASCII, upper-case x. */
function normalise(s: string): string {
  return s
    .trim()
    .replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/x/g, 'X');
}

function todayInChina(): IsoDate {
  const d = new Date(Date.now() + 8 * 3600 * 1000);
  return toIso(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** The earliest accepted birth date for `today` (the last one asked is kept: imports ask with one day). */
let oldest: { today: string; date: string } | null = null;
function oldestBirthDate(today: IsoDate): string {
  if (oldest?.today !== today) {
    const [ty, tm, td] = today.split('-').map(Number);
    const oy = ty - MAX_AGE_YEARS;
    oldest = { today, date: toIso(oy, tm, Math.min(td, daysInMonth(oy, tm))) };
  }
  return oldest.date;
}

function fail(problem: IdProblem, message: string, expectedCheckChar?: string): IdResult {
  return expectedCheckChar === undefined
    ? { valid: false, problem, message }
    : { valid: false, problem, message, expectedCheckChar };
}

function describeChar(ch: string): string {
  return /\s/.test(ch) ? '空格' : `“${ch}”`;
}

/** Check a resident ID number; never throws for bad input (only for a malformed `opts.today`). */
export function validateIdNumber(input: unknown, opts: IdOptions = {}): IdResult {
  const today = opts.today === undefined ? todayInChina() : assertIsoDate(opts.today, 'today');
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) {
    return fail('empty', '请填写身份证号');
  }
  if (typeof input !== 'string') {
    return fail('characters', '身份证号格式不对，请按证件上的 18 位号码填写');
  }
  // Bulk imports check a million numbers: the usual well-formed one skips the character-by-character checks.
  const id = ID_SHAPE.test(input) ? input : normalise(input);
  if (!ID_SHAPE.test(id)) {
    const chars = Array.from(id);
    const bad = chars.findIndex((c) => !/[0-9X]/.test(c));
    if (bad >= 0) {
      return fail('characters', `身份证号第 ${bad + 1} 位是${describeChar(chars[bad])}，只能填数字（最后一位可以是 X），请核对`);
    }
    if (id.length !== 18) {
      return fail(
        'length',
        id.length === 15
          ? '这是 15 位的旧身份证号，请填写现在使用的 18 位号码'
          : `身份证号应为 18 位，现在填了 ${id.length} 位，请核对`,
      );
    }
    const x = id.indexOf('X');
    if (x >= 0 && x < 17) {
      return fail('characters', `身份证号只有最后一位可以是 X，第 ${x + 1} 位不能是 X，请核对`);
    }
  }

  const provinceCode = id.slice(0, 2);
  const province = Object.prototype.hasOwnProperty.call(PROVINCES, provinceCode) ? PROVINCES[provinceCode] : undefined;
  if (!province) {
    return fail('region', `身份证号前两位“${provinceCode}”不是有效的省份代码，请核对`);
  }

  const y = Number(id.slice(6, 10)), m = Number(id.slice(10, 12)), d = Number(id.slice(12, 14));
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    return fail('birth_date', `身份证号第 7 到 14 位是出生日期，“${id.slice(6, 14)}”不是真实的日期，请核对`);
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (birthDate > today) {
    return fail('birth_in_future', `身份证号里的出生日期 ${birthDate} 晚于今天，请核对`);
  }
  if (birthDate < oldestBirthDate(today)) {
    return fail('too_old', `身份证号里的出生日期 ${birthDate} 距今已超过 ${MAX_AGE_YEARS} 年，请核对`);
  }

  const expected = computeCheckChar(id.slice(0, 17));
  if (id[17] !== expected) {
    return fail('check_digit', `身份证号最后一位校验码不对，按前 17 位应为 ${expected}，请核对号码是否填错`, expected);
  }

  return {
    valid: true,
    value: {
      id,
      regionCode: id.slice(0, 6),
      provinceCode,
      province,
      birthDate,
      sex: Number(id[16]) % 2 === 1 ? 'male' : 'female',
      checkChar: expected,
    },
  };
}

/** Like `validateIdNumber`, but throws `EngineError('INVALID_ID_NUMBER')` naming `field`. */
export function parseIdNumber(input: unknown, field = 'idNumber', opts: IdOptions = {}): ParsedId {
  const r = validateIdNumber(input, opts);
  if (r.valid) return r.value;
  // The number itself is personal data: it stays out of the error details.
  const details: Record<string, unknown> = { problem: r.problem };
  if (r.expectedCheckChar !== undefined) details.expectedCheckChar = r.expectedCheckChar;
  throw new EngineError('INVALID_ID_NUMBER', r.message, field, details);
}

/**
 * For display and logs: first 3 and last 4 characters, the rest '*'
 * (`500***********1234`). Anything shorter than 14 characters is masked entirely.
 */
export function maskIdNumber(id: string): string {
  const s = typeof id === 'string' ? normalise(id) : '';
  const chars = Array.from(s);
  if (chars.length < 14) return '*'.repeat(chars.length);
  return chars.slice(0, 3).join('') + '*'.repeat(chars.length - 7) + chars.slice(-4).join('');
}

/** Build a valid number (for test data and generators). */
export function makeIdNumber(regionCode: string, birthDate: IsoDate, sequence: number): string {
  if (typeof regionCode !== 'string' || !/^\d{6}$/.test(regionCode) || !PROVINCES[regionCode.slice(0, 2)]) {
    throw new EngineError('INVALID_FIELD', '地区代码应为 6 位数字，前两位是有效的省份代码', 'regionCode');
  }
  assertIsoDate(birthDate, 'birthDate');
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new EngineError('INVALID_FIELD', '顺序码应为 0 到 999 的整数', 'sequence');
  }
  const first17 = regionCode + birthDate.replace(/-/g, '') + String(sequence).padStart(3, '0');
  return first17 + computeCheckChar(first17);
}
