/**
 * Report drafts (报案草稿) in storage: what was typed, the photos (uploaded or still to go) and the
 * submission's Idempotency-Key. Saved on every change, so closing the app loses nothing; one draft per
 * person, scheme and benefit; removed once the claim is in.
 */
import type { FormValues } from './estimate-form'
import type { KeyedSubmission } from './idempotency'
import { readStorage, removeStorage, writeStorage } from './platform'
import type { UploadItem } from './upload-queue'

export interface ReportDraft {
  personId: number
  schemeId: string
  benefitId: string
  alertId?: number
  /** Every input, including where (`place`) and what happened (`description`). */
  values: FormValues
  uploads: UploadItem[]
  /** The Idempotency-Key of the submission and the request it was made for. */
  submit?: KeyedSubmission
  updatedAt: string
}

export interface DraftRef {
  personId: number
  schemeId: string
  benefitId: string
}

const INDEX_KEY = 'huimin.drafts'
const PREFIX = 'huimin.draft.report.'

export function draftKey(r: DraftRef): string {
  return `${PREFIX}${r.personId}.${r.schemeId}.${r.benefitId}`
}

function readIndex(): string[] {
  const raw = readStorage(INDEX_KEY)
  if (!raw) return []
  try {
    const v = JSON.parse(raw)
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []
  } catch {
    return []
  }
}

function writeIndex(keys: string[]): void {
  if (keys.length) writeStorage(INDEX_KEY, JSON.stringify(keys))
  else removeStorage(INDEX_KEY)
}

/**
 * The server deletes uploads that no claim took within 30 days (UPLOAD_ORPHAN_DAYS). A draft keeps its
 * photos for a day less; older ones are dropped on loading, so their checklist lines ask for them again
 * instead of the report failing on attachments that are gone.
 */
export const UPLOAD_KEEP_DAYS = 29

function fresh(u: UploadItem, now: Date): boolean {
  if (u.status !== 'done' || !u.uploadedAt) return true
  const at = Date.parse(u.uploadedAt)
  return Number.isNaN(at) || now.getTime() - at < UPLOAD_KEEP_DAYS * 24 * 3600 * 1000
}

export function loadDraft(r: DraftRef, now: () => Date = () => new Date()): ReportDraft | undefined {
  const raw = readStorage(draftKey(r))
  if (!raw) return undefined
  try {
    const d = JSON.parse(raw) as ReportDraft
    if (d.personId !== r.personId || d.schemeId !== r.schemeId || d.benefitId !== r.benefitId) return undefined
    const at = now()
    return { ...d, values: d.values ?? {}, uploads: Array.isArray(d.uploads) ? d.uploads.filter((u) => fresh(u, at)) : [] }
  } catch {
    return undefined
  }
}

export function saveDraft(d: ReportDraft, now: () => Date = () => new Date()): ReportDraft {
  const saved = { ...d, updatedAt: now().toISOString() }
  const key = draftKey(d)
  writeStorage(key, JSON.stringify(saved))
  const index = readIndex()
  if (!index.includes(key)) writeIndex([...index, key])
  return saved
}

export function deleteDraft(r: DraftRef): void {
  const key = draftKey(r)
  removeStorage(key)
  writeIndex(readIndex().filter((k) => k !== key))
}

/** The person's unfinished reports, newest first (for 首页 and 我的理赔). */
export function listDrafts(personId: number): ReportDraft[] {
  const out: ReportDraft[] = []
  for (const key of readIndex()) {
    if (!key.startsWith(`${PREFIX}${personId}.`)) continue
    const raw = readStorage(key)
    if (!raw) continue
    try {
      const d = JSON.parse(raw) as ReportDraft
      if (d.personId === personId) out.push(d)
    } catch {
      // a damaged entry: ignore it
    }
  }
  return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
}

/** A draft worth keeping: something typed or a photo chosen. */
export function hasContent(d: Pick<ReportDraft, 'values' | 'uploads'>, initial: FormValues = {}): boolean {
  if (d.uploads.length) return true
  return Object.entries(d.values).some(([k, v]) => v !== undefined && v !== '' && v !== false && v !== initial[k])
}
