/**
 * The desk forms' own checks, before anything is sent (the server checks again and answers per field;
 * its messages land on the same fields): roster upload, 沪惠保 policy year and batch, alert dismissal.
 */
import type { ApiError } from '@/services/api/errors'

export type Errors = Record<string, string>

export interface RosterForm {
  schemeId?: string
  districtId?: number
  month: string
  mode: 'full' | 'delta'
  fileName?: string
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/
const ROSTER_EXT = /\.(csv|xlsx)$/i

export function rosterFormErrors(f: RosterForm): Errors {
  const e: Errors = {}
  if (!f.schemeId) e.schemeId = '请选择保险方案'
  if (!f.districtId) e.districtId = '请选择区县'
  if (!f.month.trim()) e.month = '请填写名单月份，例如 2026-01'
  else if (!MONTH.test(f.month.trim())) e.month = '名单月份应写成 2026-01 的格式'
  if (!f.fileName) e.file = '请选择名单文件（.xlsx 或 .csv）'
  else if (!ROSTER_EXT.test(f.fileName)) e.file = '名单文件只能是 .xlsx 或 .csv'
  return e
}

/** A four-digit policy year, e.g. 2024; the message when it is not one. */
export function policyYearError(v: string): string | undefined {
  const t = v.trim()
  if (!t) return '请填写保单年度，如 2024'
  if (!/^\d{4}$/.test(t) || Number(t) < 2000 || Number(t) > 2100) return '保单年度应为四位年份，如 2024'
  return undefined
}

export function dismissError(note: string): string | undefined {
  return note.trim().length < 2 ? '请写明不需要报案的原因（至少两个字）' : undefined
}

/** The search box: a full ID number, or at least two characters of a name. */
export function searchError(q: string): string | undefined {
  const t = q.trim()
  if (!t) return '请输入姓名或身份证号'
  if (t.length < 2) return '请至少输入两个字的姓名，或完整的身份证号'
  if (/^\d{6,}/.test(t) && !/^(\d{17}[\dXx]|\d{15})$/.test(t)) return '身份证号应为 18 位（最后一位可以是 X）'
  return undefined
}

/** Server field errors onto the form's fields (the server's names are the form's); the rest is general. */
export function fieldErrors(e: ApiError, known: string[]): { errors: Errors; general: string[] } {
  const errors: Errors = {}
  const general: string[] = []
  for (const [field, message] of Object.entries(e.fields)) {
    if (known.includes(field)) errors[field] = message
    else general.push(message)
  }
  general.push(...e.details)
  if (!Object.keys(errors).length && !general.length) general.push(e.message)
  return { errors, general }
}

/** Rows read per second, as people read it. */
export function rateText(rowsPerSecond: number): string {
  return rowsPerSecond >= 1 ? `每秒约 ${Math.round(rowsPerSecond).toLocaleString('zh-CN')} 行` : ''
}

/** A percentage 0–100 for a progress bar, from rows done of rows in the file. */
export function percentOf(done: number, total: number): number {
  if (!total || total <= 0) return 0
  return Math.max(0, Math.min(100, Math.floor((done / total) * 100)))
}
