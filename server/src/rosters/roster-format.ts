/**
 * The roster file format: Chinese column headers, how each cell is read, and the normalised row the
 * validator and the apply step work on. Documented in server/README.md ("Roster files").
 */

/** Column keys (code) ↔ the Chinese header in the file. Order = order in generated files and reports. */
export const ROSTER_COLUMNS = [
  { key: 'name', header: '姓名', required: true },
  { key: 'idNumber', header: '身份证号', required: true },
  { key: 'category', header: '身份类别', required: false },
  { key: 'area', header: '区县', required: true },
  { key: 'householdNo', header: '户号', required: false },
  { key: 'confirmedOn', header: '确认日期', required: false },
  { key: 'validFrom', header: '有效期起', required: false },
  { key: 'validTo', header: '有效期止', required: false },
  { key: 'phone', header: '联系电话', required: false },
  { key: 'inSchool', header: '在校学生', required: false },
  { key: 'medicalInsuranceYears', header: '参加医保年份', required: false },
  { key: 'monitoringSystemSince', header: '纳入监测系统日期', required: false },
  { key: 'disabilityCardValidUntil', header: '残疾证有效期至', required: false },
  { key: 'registeredResident', header: '户籍人口', required: false },
] as const;

export type RosterColumnKey = (typeof ROSTER_COLUMNS)[number]['key'];
export const ROSTER_HEADERS: string[] = ROSTER_COLUMNS.map((c) => c.header);
export const HEADER_TO_KEY: ReadonlyMap<string, RosterColumnKey> = new Map(ROSTER_COLUMNS.map((c) => [c.header, c.key]));
export const KEY_TO_HEADER: Readonly<Record<RosterColumnKey, string>> = Object.fromEntries(
  ROSTER_COLUMNS.map((c) => [c.key, c.header]),
) as Record<RosterColumnKey, string>;

/** A cell as read from the file: text from CSV; text, number, Date or boolean from Excel. */
export type RawCell = string | number | boolean | Date | null | undefined;

/** One data row as read: its 1-based row number in the file (header = row 1) and its cells by column key. */
export interface RawRow {
  rowNo: number;
  cells: Partial<Record<RosterColumnKey, RawCell>>;
}

/** A row after validation: every value normalised. Kept encrypted in roster_import_row.data_enc. */
export interface RosterRecord {
  name: string;
  idNumber: string;
  /** Engine category code ('' when the scheme needs none and the cell was empty). */
  category: string;
  area: string;
  householdNo: string | null;
  confirmedOn: string | null;
  validFrom: string | null;
  validTo: string | null;
  phone: string | null;
  inSchool: boolean | null;
  medicalInsuranceYears: number[] | null;
  monitoringSystemSince: string | null;
  disabilityCardValidUntil: string | null;
  registeredResident: boolean | null;
  /** From the ID number. */
  birthDate: string;
  sex: 'M' | 'F';
}

/** Text of a cell, trimmed (full-width spaces too); '' for empty. */
export function cellText(v: RawCell): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : String(v);
  if (typeof v === 'boolean') return v ? '是' : '否';
  return String(v).replace(/^[\s\u3000\uFEFF]+|[\s\u3000]+$/g, '');
}

/** A date cell → 'YYYY-MM-DD', or null when empty; 'invalid' when it is not a real date. */
export function parseDateCell(v: RawCell): string | null | 'invalid' {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    if (isNaN(v.getTime())) return 'invalid';
    // exceljs gives Excel dates as UTC midnight.
    return v.toISOString().slice(0, 10);
  }
  const s = cellText(v);
  if (!s) return null;
  let m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return 'invalid';
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1900 || y > 2100 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return 'invalid';
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** 是/否 cells: 是 Y yes 1 true / 否 N no 0 false; null when empty; 'invalid' otherwise. */
export function parseYesNo(v: RawCell): boolean | null | 'invalid' {
  if (typeof v === 'boolean') return v;
  const s = cellText(v).toLowerCase();
  if (!s) return null;
  if (['是', 'y', 'yes', '1', 'true', '√'].includes(s)) return true;
  if (['否', 'n', 'no', '0', 'false', '×'].includes(s)) return false;
  return 'invalid';
}

/** '2025' or '2024、2025' / '2024,2025' → sorted years; null when empty; 'invalid' otherwise. */
export function parseYears(v: RawCell): number[] | null | 'invalid' {
  const s = cellText(v);
  if (!s) return null;
  const parts = s.split(/[,，、;；\s]+/).filter(Boolean);
  const years = parts.map(Number);
  if (!years.every((y) => Number.isInteger(y) && y >= 1990 && y <= 2100)) return 'invalid';
  return [...new Set(years)].sort((a, b) => a - b);
}

/** Phones: 11-digit mobile, or a landline of 7–12 digits (area code optional, hyphen allowed). */
export function parsePhone(v: RawCell): string | null | 'invalid' {
  const s = cellText(v).replace(/[\s-]/g, '');
  if (!s) return null;
  if (/^1[3-9]\d{9}$/.test(s) || /^0?\d{7,11}$/.test(s)) return s;
  return 'invalid';
}

/** Names: 2–30 characters, Chinese characters (any CJK plane) and the middle dot of minority names. */
const NAME = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}·•．.]+$/u;
export function nameProblem(name: string): string | null {
  if (!name) return '请填写姓名';
  const len = Array.from(name).length;
  if (len < 2 || len > 30) return `姓名应为 2 到 30 个字，现在是 ${len} 个字`;
  if (!NAME.test(name)) return '姓名只能是汉字（少数民族姓名可用“·”分隔）';
  return null;
}
