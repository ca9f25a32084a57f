/**
 * The policy calculator's form: fields generated from a benefit's `facts` definitions plus the few
 * person facts the engine needs, the request built from the values (amounts stay strings), and the
 * engine's EngineError mapped back to the input it is about. No arithmetic here: the engine does it.
 */
import {
  type BenefitDef,
  categoryLabel,
  estimate,
  type EstimateRequest,
  type EstimateResult,
  findVersion,
  getBenefit,
  getScheme,
  isEngineError,
  type PersonFacts,
  type SchemeDefinition,
  type SchemeVersion,
} from '@huimin/shared'
import { displayVersion } from './catalogue'

export type FieldKind = 'money' | 'grade' | 'enum' | 'boolean' | 'date' | 'text'

export interface FormField {
  /** The request path the engine names in its errors: `facts.x`, `person.birthDate`, `incidentDate`… */
  key: string
  kind: FieldKind
  label: string
  required: boolean
  help?: string
  options?: { value: string; label: string }[]
  /** Date bounds (ISO), and where the date picker opens when the field is empty. */
  start?: string
  end?: string
  pickFrom?: string
  group: 'claim' | 'person'
  /** Text over several lines (what happened). */
  multiline?: boolean
}

export type FormValue = string | boolean | undefined
export type FormValues = Record<string, FormValue>
export type FieldErrors = Record<string, string>

/** "Not one of these": the person holds none of the listed identities. */
export const NO_IDENTITY = 'none'

export const GRADE_OPTIONS = Array.from({ length: 10 }, (_, i) => ({ value: String(i + 1), label: `${i + 1} 级` }))

function schemeSpan(s: SchemeDefinition): { start: string; end: string } {
  return { start: s.versions[0].effective.from, end: s.versions[s.versions.length - 1].effective.to }
}

/** The fields for (scheme, benefit), in the order a person fills them in. */
export function formFields(scheme: SchemeDefinition, version: SchemeVersion, benefit: BenefitDef, today: string): FormField[] {
  const span = schemeSpan(scheme)
  const fields: FormField[] = [
    {
      key: 'incidentDate',
      kind: 'date',
      label: benefit.clause.reading?.includes('录取通知书') ? '报到截止日期（录取通知书上）' : '出事（看病、出险）的日期',
      required: true,
      start: span.start,
      end: span.end < today ? span.end : today,
      help: `本方案保险期间：${span.start} 至 ${span.end}`,
      group: 'claim',
    },
  ]
  for (const f of benefit.facts) {
    fields.push({
      key: `facts.${f.name}`,
      kind: f.type,
      label: f.label,
      required: f.required,
      ...(f.help ? { help: f.help } : {}),
      ...(f.type === 'enum' ? { options: f.options ?? [] } : {}),
      ...(f.type === 'grade' ? { options: GRADE_OPTIONS } : {}),
      group: 'claim',
    })
  }

  const cov = version.coverage
  fields.push({
    key: 'person.birthDate',
    kind: 'date',
    label: '出生日期',
    required: true,
    start: '1900-01-01',
    end: today,
    pickFrom: '1960-01-01', // most people covered are older: fewer turns of the year wheel
    group: 'person',
  })
  const areas = [...cov.areas.map((a) => a.name), ...(cov.excludedAreas ?? []).map((a) => a.name)]
  fields.push({
    key: 'person.area',
    kind: 'enum',
    label: cov.basis === 'registered_residents' ? '户籍所在县（区）' : '所在区县（乡镇、街道）',
    required: true,
    options: areas.map((a) => ({ value: a, label: a })),
    group: 'person',
  })
  if (cov.basis === 'registered_residents') {
    fields.push({ key: 'person.registeredResident', kind: 'boolean', label: '是本地户籍', required: false, group: 'person' })
  }
  // Identity: the scheme's qualifying categories, or the categories a benefit asks for.
  const codes = cov.basis === 'categories' ? cov.qualifying.map((q) => q.code) : []
  for (const c of benefit.conditions) if (c.test === 'hasCategory') for (const code of c.anyOf) if (!codes.includes(code)) codes.push(code)
  if (codes.length) {
    fields.push({
      key: 'person.identities',
      kind: 'enum',
      label: cov.basis === 'categories' ? '身份类别' : '身份类别（没有就选“以上都不是”）',
      required: true,
      options: [...codes.map((code) => ({ value: code, label: categoryLabel(code) })), { value: NO_IDENTITY, label: '以上都不是' }],
      group: 'person',
    })
  }
  if (cov.qualifying.some((q) => q.requires?.includes('monitoringSystem'))) {
    fields.push({
      key: 'person.monitoringSystemSince',
      kind: 'date',
      label: '纳入防返贫监测系统的日期（边缘易致贫户、严重困难人口填写）',
      required: false,
      start: '2015-01-01',
      end: today,
      group: 'person',
    })
  }
  if (cov.qualifying.some((q) => q.requires?.includes('validDisabilityCard'))) {
    fields.push({ key: 'person.disabilityCardValidUntil', kind: 'date', label: '残疾证有效期至（持证残疾人填写）', required: false, start: '2000-01-01', end: '2099-12-31', group: 'person' })
  }
  if (benefit.conditions.some((c) => c.test === 'inSchool')) {
    fields.push({ key: 'person.inSchool', kind: 'boolean', label: '是在校学生', required: false, group: 'person' })
  }
  if (benefit.conditions.some((c) => c.test === 'medicalInsuranceThisYear')) {
    fields.push({ key: 'person.medicalInsuranceYears', kind: 'boolean', label: '出事那年参加了居民医保或职工医保', required: false, group: 'person' })
  }
  return fields
}

/** Starting values: booleans off, the incident date today when the scheme is in force today, everything else empty. */
export function initialValues(scheme: SchemeDefinition, fields: FormField[], today: string): FormValues {
  const values: FormValues = {}
  for (const f of fields) values[f.key] = f.kind === 'boolean' ? false : undefined
  if (findVersion(scheme, today)) values.incidentDate = today
  return values
}

/** Full-width digits and separators a Chinese keyboard may give → plain ASCII; no numbers are formed. */
export function normaliseAmount(input: string): string {
  return input
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[．。]/g, '.')
    .replace(/[\s,，]/g, '')
}

function isEmpty(v: FormValue): boolean {
  return v === undefined || (typeof v === 'string' && v.trim() === '')
}

/** What the form can tell before asking the engine: every required field that is empty. */
export function missingFields(fields: FormField[], values: FormValues): FieldErrors {
  const errors: FieldErrors = {}
  for (const f of fields) {
    if (f.kind === 'boolean' || !f.required || !isEmpty(values[f.key])) continue
    errors[f.key] = f.kind === 'money' || f.kind === 'text' ? `请填写${f.label.replace(/（元）$/, '')}` : `请选择${f.label.replace(/（.*）$/, '')}`
  }
  return errors
}

/** The engine request. Amounts go as strings, the disability grade as an integer (not money). */
export function toRequest(scheme: SchemeDefinition, benefit: BenefitDef, fields: FormField[], values: FormValues): EstimateRequest {
  const str = (k: string) => {
    const v = values[k]
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined
  }
  const incidentDate = str('incidentDate') ?? ''
  const identity = str('person.identities')
  const person: PersonFacts = {
    birthDate: str('person.birthDate') ?? '',
    area: str('person.area') ?? '',
    identities: identity && identity !== NO_IDENTITY ? [{ code: identity }] : [],
  }
  const has = (k: string) => fields.some((f) => f.key === k)
  if (has('person.registeredResident')) person.registeredResident = values['person.registeredResident'] === true
  if (has('person.inSchool')) person.inSchool = values['person.inSchool'] === true
  if (has('person.medicalInsuranceYears')) {
    person.medicalInsuranceYears = values['person.medicalInsuranceYears'] === true && incidentDate ? [Number(incidentDate.slice(0, 4))] : []
  }
  const since = str('person.monitoringSystemSince')
  if (since) person.monitoringSystemSince = since
  const card = str('person.disabilityCardValidUntil')
  if (card) person.disabilityCardValidUntil = card

  const facts: Record<string, unknown> = {}
  for (const f of fields) {
    if (!f.key.startsWith('facts.')) continue
    const name = f.key.slice('facts.'.length)
    const v = values[f.key]
    if (f.kind === 'boolean') facts[name] = v === true
    else if (typeof v === 'string' && v.trim() !== '') {
      if (f.kind === 'money') facts[name] = normaliseAmount(v)
      else if (f.kind === 'grade') facts[name] = /^\d+$/.test(v) ? parseInt(v, 10) : v
      else facts[name] = v.trim()
    }
  }
  return { schemeId: scheme.id, benefitId: benefit.id, incidentDate, person, facts }
}

/** The form key an engine field path belongs to (`person.identities[0].code` → `person.identities`). */
export function fieldKeyFor(enginePath: string | undefined, fields: FormField[]): string | undefined {
  if (!enginePath) return undefined
  const exact = fields.find((f) => f.key === enginePath)
  if (exact) return exact.key
  const prefix = fields.filter((f) => enginePath.startsWith(`${f.key}[`) || enginePath.startsWith(`${f.key}.`))
  return prefix.sort((a, b) => b.key.length - a.key.length)[0]?.key
}

/** The engine's message, with any raw field path in it replaced by the input's label. */
export function plainMessage(message: string, enginePath: string | undefined, field: FormField | undefined): string {
  if (!enginePath || !field) return message
  const label = field.label.replace(/（元）$/, '')
  return message.split(enginePath).join(label)
}

export type EstimateOutcome =
  | { kind: 'result'; result: EstimateResult }
  | { kind: 'errors'; errors: FieldErrors; general?: string }

/** Checks the form, asks the engine, and maps its error back to the field at fault. */
export function runEstimate(scheme: SchemeDefinition, benefit: BenefitDef, fields: FormField[], values: FormValues): EstimateOutcome {
  const missing = missingFields(fields, values)
  if (Object.keys(missing).length) return { kind: 'errors', errors: missing }
  const request = toRequest(scheme, benefit, fields, values)
  try {
    return { kind: 'result', result: estimate(request) }
  } catch (e) {
    if (isEngineError(e)) {
      const key = fieldKeyFor(e.field, fields)
      const field = fields.find((f) => f.key === key)
      const message = plainMessage(e.message, e.field, field)
      return key ? { kind: 'errors', errors: { [key]: message } } : { kind: 'errors', errors: {}, general: message }
    }
    return { kind: 'errors', errors: {}, general: '估算出错了，请稍后再试' }
  }
}

/** Scheme, version and benefit for the calculator, or undefined when the ids are unknown. */
export function calculatorTarget(
  schemeId: string | undefined,
  benefitId: string | undefined,
  today: string,
): { scheme: SchemeDefinition; version: SchemeVersion; benefit: BenefitDef } | undefined {
  if (!schemeId || !benefitId) return undefined
  try {
    const scheme = getScheme(schemeId)
    const version = displayVersion(scheme, today)
    return { scheme, version, benefit: getBenefit(version, benefitId) }
  } catch {
    return undefined
  }
}
