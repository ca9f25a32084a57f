/**
 * 报案 form: the claim fields of a benefit (the same generator as the calculator, without the person
 * fields: the server knows the person), what to say happened, the checklist of photos, and the request
 * bodies for the estimate and the report. Server errors come back per field and land on their input.
 */
import type { BenefitDef } from '@huimin/shared'
import type { ApiError } from './api/errors'
import type { EstimateRequestBody, ReportClaimBody } from './api/types'
import type { FieldErrors, FormField, FormValues } from './estimate-form'
import { calculatorTarget, fieldKeyFor, formFields, missingFields, plainMessage, toRequest } from './estimate-form'
import type { UploadItem } from './upload-queue'

export const PLACE_KEY = 'place'
export const DESCRIPTION_KEY = 'description'

export type ReportTarget = NonNullable<ReturnType<typeof calculatorTarget>>

export function reportTarget(schemeId: string | undefined, benefitId: string | undefined, today: string): ReportTarget | undefined {
  return calculatorTarget(schemeId, benefitId, today)
}

/** Incident date and the benefit's facts (no person fields), then where and what happened. */
export function reportFields(t: ReportTarget, today: string): FormField[] {
  const claim = formFields(t.scheme, t.version, t.benefit, today).filter((f) => f.group === 'claim')
  return [
    ...claim,
    { key: PLACE_KEY, kind: 'text', label: '在哪里（医院或出事地点）', required: false, group: 'claim' },
    { key: DESCRIPTION_KEY, kind: 'text', label: '发生了什么（简单说一两句）', required: true, group: 'claim', multiline: true, help: '例如：因肺炎在市人民医院住院 8 天' },
  ]
}

export interface ChecklistLine {
  id: string
  name: string
  note?: string
}

/** The documents this claim needs, given the answers so far (lines that only apply “when …” included only then). */
export function checklist(benefit: BenefitDef, values: FormValues): ChecklistLine[] {
  return benefit.documents
    .filter((d) => !d.when || values[`facts.${d.when.fact}`] === d.when.equals)
    .map((d) => ({ id: d.id, name: d.name, ...(d.note ? { note: d.note } : {}) }))
}

function text(values: FormValues, key: string): string {
  const v = values[key]
  return typeof v === 'string' ? v.trim() : ''
}

/** Required fields left empty, before asking the server. */
export function reportMissing(fields: FormField[], values: FormValues): FieldErrors {
  return missingFields(fields, values)
}

export function estimateBody(t: ReportTarget, fields: FormField[], values: FormValues): EstimateRequestBody {
  const r = toRequest(t.scheme, t.benefit, fields, values)
  return { schemeId: t.scheme.id, benefitId: t.benefit.id, incidentDate: r.incidentDate, facts: r.facts ?? {} }
}

export function reportBody(t: ReportTarget, fields: FormField[], values: FormValues, uploads: UploadItem[], alertId?: number): ReportClaimBody {
  const e = estimateBody(t, fields, values)
  const place = text(values, PLACE_KEY)
  const attachments = uploads
    .filter((u) => u.status === 'done' && u.attachmentId !== undefined)
    .map((u) => ({ documentId: u.documentId, attachmentId: u.attachmentId! }))
  return {
    ...e,
    description: text(values, DESCRIPTION_KEY),
    ...(place ? { place } : {}),
    ...(attachments.length ? { attachments } : {}),
    ...(alertId ? { alertId } : {}),
  }
}

/**
 * Server errors on the form: each `errors[].field` on its input (with the raw path in the message
 * replaced by the input's label); what has no input (reasons the claim is not covered, a general
 * message) stays in `general`.
 */
export function serverErrorsOnForm(e: ApiError, fields: FormField[]): { errors: FieldErrors; general: string[] } {
  const errors: FieldErrors = {}
  const general: string[] = []
  for (const [path, message] of Object.entries(e.fields)) {
    const key = fieldKeyFor(path, fields)
    if (key) errors[key] = plainMessage(message, path, fields.find((f) => f.key === key))
    else general.push(message)
  }
  general.push(...e.details)
  // Validation errors are listed one by one; any other refusal (e.g. not covered) has a message that
  // already sums up its reasons.
  if (e.code !== 'VALIDATION_FAILED' && (general.length || !Object.keys(errors).length)) return { errors, general: [e.message] }
  if (!Object.keys(errors).length && !general.length) general.push(e.message)
  return { errors, general }
}
