/**
 * The caseworker desk's calls (packages/desk): find a person, rosters, monitoring alerts, the 沪惠保 subsidy
 * cycle. Kept apart from index.ts so the beneficiary pages do not carry them. Creating POSTs send an
 * Idempotency-Key kept by the caller with what it submits.
 */
import { api } from './index'
import type { ClaimAlert, ClaimDetail, ReportClaimBody } from './types'

export interface DistrictRef {
  id: number
  name: string
  city: string
  county: string
}

export interface StaffDistrict extends DistrictRef {
  schemeId: string | null
  type: string | null
}

export interface PersonMatch {
  id: number
  name: string
  sex: 'M' | 'F'
  age: number
  idNumberMasked: string
  district: DistrictRef
  identities: string[]
  enrolments: { schemeId: string; insuranceYear: number; coverStart: string; coverEnd: string }[]
}

export interface PersonSearch {
  by: 'id_number' | 'name'
  items: PersonMatch[]
  more: boolean
}

export interface RosterImport {
  id: number
  schemeId: string | null
  districtId: number | null
  month: string | null
  mode: string
  fileName: string
  status: 'pending' | 'validating' | 'validated' | 'applying' | 'applied' | 'failed'
  statusText: string
  progress: { phase: string; rowsRead: number; rowsPerSecond: number } | null
  rowCount: number
  errorCount: number
  warningCount: number
  counts: Record<string, number> | null
  failure: string | null
  sameFileAs: { id: number; appliedAt: string | null } | null
  applyResult: Record<string, unknown> | null
  createdAt: string
  appliedAt: string | null
}

export interface RosterRow {
  rowNo: number
  inFile: boolean
  status: 'ok' | 'warning' | 'error'
  action: string | null
  name: string | null
  idNumberMasked: string | null
  categoryCode: string | null
  categoryLabel: string | null
  messages: { field: string; message: string; level?: string }[]
}

export interface RosterRowsPage {
  page: number
  pageSize: number
  total: number
  rows: RosterRow[]
}

export interface AlertImportReport {
  rows: number
  created: number
  duplicates: number
  errors: { row: number; field: string; message: string }[]
}

export interface PolicyRow {
  rowNo: number
  status: string
  action: string | null
  policyNo: string | null
  name: string | null
  idNumberMasked: string | null
  messages: { field: string; message: string; level: string }[]
}

export interface PolicyImport {
  id: number
  fileName: string
  policyYear: number | null
  status: string
  statusText: string
  rowCount: number
  errorCount: number
  warningCount: number
  counts: Record<string, number> | null
  sameFileAs: { id: number; appliedAt: string | null } | null
  applyResult: Record<string, number> | null
  problems: PolicyRow[]
  createdAt: string
  appliedAt: string | null
}

export interface MatchResult {
  policyYear: number
  policies: number
  eligible: number
  refused: number
  frozen: number
  added: number
  changed: number
  unchanged: number
}

export interface SubsidyItem {
  id: number
  policyNo: string
  policyYear: number
  name: string
  idNumberMasked: string
  districtName: string | null
  decision: string
  amount: string
  status: string
  statusText: string
  reasons: { code?: string; message: string }[]
  bankAccountMasked: string | null
  batchId: number | null
  failureReason: string | null
  paidOn: string | null
}

export interface SubsidyPage {
  page: number
  pageSize: number
  total: number
  rows: SubsidyItem[]
}

export interface Batch {
  id: number
  districtId: number
  districtName: string
  policyYear: number
  status: string
  statusText: string
  itemCount: number
  totalAmount: string
  paid: number
  failed: number
  pending: number
  createdAt: string
  exportedAt: string | null
  settledAt: string | null
  items?: { itemNo: number; holderName: string; bankName: string; accountMasked: string; amount: string; result: string; resultText: string; failureReason: string | null; paidOn: string | null }[]
}

export interface ResultsReport {
  batchId: number
  dryRun: boolean
  applied: boolean
  counts: { paid: number; failed: number; unchanged: number; error: number }
  rows: { rowNo: number; itemNo: string; outcome: string; messages: { field: string; message: string }[] }[]
  batch: Batch
}

export interface KpiTarget {
  id: string
  name: string
  target: string
  numerator: number
  denominator: number
  percent: string | null
  met: boolean | null
  definition: string
}

export interface Kpis {
  policyYear: number
  today: string
  onTimeDeadline: string
  deadlineNote: string
  targets: KpiTarget[]
  money: { eligibleTotal: string; paidTotal: string; paidByPayer: { payer: string; amount: string }[] }
  counts: Record<string, number>
}

export interface PickedUpload {
  filePath: string
  fileName: string
}

export const people = {
  search: (q: string) => api.get<PersonSearch>('/api/people', { query: { q } }),
  districts: () => api.get<StaffDistrict[]>('/api/people/districts'),
}

/** 报案 by a caseworker for a person of their district: the claim records the person and who reported it. */
export function reportFor(personId: number, body: ReportClaimBody, idempotencyKey: string) {
  return api.post<ClaimDetail>('/api/claims', { ...body, personId }, { idempotencyKey })
}

export const rosters = {
  upload: (f: PickedUpload, fields: { schemeId: string; districtId: number; month: string; mode: 'full' | 'delta' }, idempotencyKey: string, onProgress?: (p: number) => void) =>
    api.upload<RosterImport>('/api/rosters', {
      filePath: f.filePath,
      fileName: f.fileName,
      formData: { schemeId: fields.schemeId, districtId: String(fields.districtId), month: fields.month, mode: fields.mode },
      idempotencyKey,
      onProgress,
    }),
  get: (id: number) => api.get<RosterImport>(`/api/rosters/${id}`),
  rows: (id: number, q: { status?: 'ok' | 'warning' | 'error'; page?: number; pageSize?: number } = {}) => api.get<RosterRowsPage>(`/api/rosters/${id}/rows`, { query: { ...q } }),
  reportPath: (id: number) => `/api/rosters/${id}/report.xlsx`,
  apply: (id: number, idempotencyKey: string) => api.post<RosterImport>(`/api/rosters/${id}/apply`, {}, { idempotencyKey }),
}

export const alertDesk = {
  import: (f: PickedUpload, idempotencyKey: string) => api.upload<AlertImportReport>('/api/claim-alerts/import', { filePath: f.filePath, fileName: f.fileName, idempotencyKey }),
  list: (state?: 'open' | 'reported' | 'dismissed') => api.get<ClaimAlert[]>('/api/claim-alerts', { query: { state } }),
  dismiss: (id: number, note: string) => api.post<ClaimAlert>(`/api/claim-alerts/${id}/dismiss`, { note }),
}

export const subsidyDesk = {
  uploadPolicies: (f: PickedUpload, policyYear: number | undefined, idempotencyKey: string) =>
    api.upload<PolicyImport>('/api/subsidy/policy-imports', {
      filePath: f.filePath,
      fileName: f.fileName,
      formData: policyYear ? { policyYear: String(policyYear) } : undefined,
      idempotencyKey,
    }),
  applyPolicies: (id: number, idempotencyKey: string) => api.post<PolicyImport>(`/api/subsidy/policy-imports/${id}/apply`, {}, { idempotencyKey }),
  match: (policyYear: number, idempotencyKey: string) => api.post<MatchResult>('/api/subsidy/match', { policyYear }, { idempotencyKey }),
  subsidies: (q: { policyYear?: number; districtId?: number; status?: string; page?: number; pageSize?: number }) => api.get<SubsidyPage>('/api/subsidy/subsidies', { query: { ...q } }),
  createBatch: (districtId: number, policyYear: number, idempotencyKey: string) => api.post<Batch>('/api/subsidy/batches', { districtId, policyYear }, { idempotencyKey }),
  batches: (q: { districtId?: number; policyYear?: number } = {}) => api.get<Batch[]>('/api/subsidy/batches', { query: { ...q } }),
  batch: (id: number) => api.get<Batch>(`/api/subsidy/batches/${id}`),
  exportPath: (id: number) => `/api/subsidy/batches/${id}/export.xlsx`,
  results: (id: number, f: PickedUpload, dryRun: boolean, idempotencyKey: string) =>
    api.upload<ResultsReport>(`/api/subsidy/batches/${id}/results`, { filePath: f.filePath, fileName: f.fileName, formData: { dryRun: String(dryRun) }, idempotencyKey }),
  kpis: (policyYear: number, districtId?: number) => api.get<Kpis>('/api/subsidy/kpis', { query: { policyYear, districtId } }),
}
