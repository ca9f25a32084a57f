/** Small display helpers for claims (badges, amounts, dates). */
import type { ClaimState, ClaimSummary, DueStatus } from './api/types'
import { dateWords, groupDigits } from './format'

export function stateTone(s: ClaimState | string): 'ok' | 'warn' | 'error' | 'done' | 'info' {
  switch (s) {
    case 'paid':
    case 'approved':
      return 'ok'
    case 'waiting_documents':
      return 'warn'
    case 'rejected':
      return 'error'
    case 'withdrawn':
      return 'done'
    default:
      return 'info'
  }
}

/** The amount to show on a card: decided, else estimated; with what it is. */
export function amountLine(c: Pick<ClaimSummary, 'state' | 'approvedAmount' | 'estimatedPayout'>): string | undefined {
  if (c.state === 'paid' && c.approvedAmount) return `已赔付 ${groupDigits(c.approvedAmount)} 元`
  if (c.approvedAmount && (c.state === 'approved')) return `核定赔付 ${groupDigits(c.approvedAmount)} 元`
  if (c.state === 'rejected' || c.state === 'withdrawn') return undefined
  if (c.estimatedPayout) return `预计能赔 ${groupDigits(c.estimatedPayout)} 元`
  return undefined
}

export function dueWords(dueDate: string | null, status?: DueStatus): string | undefined {
  if (!dueDate) return undefined
  const d = dateWords(dueDate)
  if (status === 'overdue') return `已超过办理期限（${d}）`
  if (status === 'due_soon') return `快到办理期限：${d}`
  return `应在 ${d} 前办完`
}

/** "2026-11-22T06:30:00.000Z" → "2026年11月22日 14:30" in China time. */
export function timeWords(iso: string): string {
  const t = Date.parse(iso)
  if (Number.isNaN(t)) return iso
  const d = new Date(t + 8 * 3600 * 1000)
  const p = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`
}
