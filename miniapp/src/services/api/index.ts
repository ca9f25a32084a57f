/**
 * The one API client of the app, and the calls the pages make (typed). Base URL: the same origin in H5
 * (the server serves the H5 build); on WeChat the build-time HUIMIN_API_BASE (config/index.ts).
 */
import { ApiClient, queryString } from './client'
import { SessionStore } from './session'
import { taroTransport } from './transport'
import type { ClaimsMoneyView, KpisView, OversightQuery, PremiumsView, SettlementsView, WarningsView } from './oversight-types'
import type {
  AttachmentView,
  ClaimAlert,
  ClaimDetail,
  ClaimDispute,
  ClaimList,
  CoverageResponse,
  EstimateRequestBody,
  EstimateResponse,
  LoginResponse,
  MySubsidy,
  NotificationList,
  ReportClaimBody,
  TransitionBody,
  UserView,
} from './types'

declare const HUIMIN_API_BASE: string | undefined

function baseUrl(): string {
  try {
    return typeof HUIMIN_API_BASE === 'string' ? HUIMIN_API_BASE : ''
  } catch {
    return ''
  }
}

export const session = new SessionStore()
export const api = new ApiClient({ baseUrl: baseUrl(), transport: taroTransport, session })

export interface ClaimQuery {
  scope?: 'open' | 'closed'
  state?: string
  schemeId?: string
  due?: 'overdue' | 'due_soon'
  page?: number
  pageSize?: number
}

export const auth = {
  devLogin: (by: { openid: string } | { personId: number }) => api.post<LoginResponse>('/api/auth/dev-login', by, { auth: false }),
  wechatLogin: (code: string) => api.post<LoginResponse>('/api/auth/wechat/login', { code }, { auth: false }),
  bind: (b: { name: string; idNumber: string; phone?: string }) => api.post<LoginResponse>('/api/auth/bind', b),
  staffLogin: (username: string, password: string) => api.post<LoginResponse>('/api/auth/staff/login', { username, password }, { auth: false }),
  me: () => api.get<UserView>('/api/me'),
  async logout(): Promise<void> {
    try {
      if (session.get()) await api.post('/api/auth/logout')
    } catch {
      // signed out here whatever the server says
    }
    session.clear()
  },
}

export const coverage = {
  mine: () => api.get<CoverageResponse>('/api/me/coverage'),
  alerts: () => api.get<ClaimAlert[]>('/api/claim-alerts', { query: { state: 'open' } }),
}

export const estimates = {
  create: (body: EstimateRequestBody) => api.post<EstimateResponse>('/api/estimates', body),
}

export const claims = {
  list: (q: ClaimQuery = {}) => api.get<ClaimList>('/api/claims', { query: { ...q } }),
  detail: (id: number) => api.get<ClaimDetail>(`/api/claims/${id}`),
  report: (body: ReportClaimBody, idempotencyKey: string) => api.post<ClaimDetail>('/api/claims', body, { idempotencyKey }),
  transition: (id: number, body: TransitionBody, idempotencyKey: string) => api.post<ClaimDetail>(`/api/claims/${id}/transitions`, body, { idempotencyKey }),
  attach: (id: number, documentId: string, attachmentIds: number[]) =>
    api.post<ClaimDetail>(`/api/claims/${id}/documents/${encodeURIComponent(documentId)}/attachments`, { attachmentIds }),
  review: (id: number, documentId: string, status: 'received' | 'accepted' | 'rejected', note?: string) =>
    api.post<ClaimDetail>(`/api/claims/${id}/documents/${encodeURIComponent(documentId)}/review`, { status, ...(note ? { note } : {}) }),
  dispute: (id: number, reason: string) => api.post<ClaimDispute>(`/api/claims/${id}/disputes`, { reason }),
  answerDispute: (id: number, outcome: 'maintained' | 'revised', answer: string) => api.post<ClaimDispute>(`/api/disputes/${id}/answer`, { outcome, answer }),
}

export const attachments = {
  upload: (o: { filePath: string; fileName?: string; documentId?: string; idempotencyKey: string; onProgress?: (p: number) => void }) =>
    api.upload<AttachmentView>('/api/attachments', {
      filePath: o.filePath,
      fileName: o.fileName,
      formData: o.documentId ? { documentId: o.documentId } : undefined,
      idempotencyKey: o.idempotencyKey,
      onProgress: o.onProgress,
    }),
}

export const notifications = {
  list: () => api.get<NotificationList>('/api/me/notifications'),
  markRead: (upTo: number) => api.post('/api/me/notifications/read', { upTo }),
}

export const subsidy = {
  mine: () => api.get<MySubsidy>('/api/me/subsidy'),
  setBankAccount: (b: { accountNumber: string; bankName: string; holderName: string }, idempotencyKey: string) =>
    api.post<MySubsidy['bankAccount'] & { subsidiesReady: number }>('/api/me/subsidy/bank-account', b, { idempotencyKey }),
}

const oq = (q: OversightQuery) => ({ schemeId: q.schemeId, year: q.year, districtId: q.districtId })

/** 监管看板 (caseworkers: their districts; finance: the city). Amounts are exact strings. */
export const oversight = {
  premiums: (q: OversightQuery) => api.get<PremiumsView>('/api/oversight/premiums', { query: oq(q) }),
  claimsMoney: (q: OversightQuery) => api.get<ClaimsMoneyView>('/api/oversight/claims-money', { query: oq(q) }),
  warnings: (q: OversightQuery) => api.get<WarningsView>('/api/oversight/warnings', { query: oq(q) }),
  settlements: (q: OversightQuery) => api.get<SettlementsView>('/api/oversight/settlements', { query: oq(q) }),
  kpis: (q: OversightQuery) => api.get<KpisView>('/api/oversight/kpis', { query: oq(q) }),
  /** Path and query of an .xlsx export (downloaded with the sign-in header, services/files.ts). */
  xlsxPath: (what: 'settlements' | 'kpis', q: OversightQuery) => `/api/oversight/${what}.xlsx${queryString(oq(q))}`,
}

/** 理赔决定书 of a decided claim: the PDF, or print-ready HTML (a server without a CJK font answers 503 to the PDF). */
export const decisionLetter = {
  pdfPath: (claimId: number) => `/api/claims/${claimId}/decision.pdf`,
  htmlPath: (claimId: number) => `/api/claims/${claimId}/decision.html`,
}

export { ApiClient } from './client'
export { ApiError, isApiError, messageOf } from './errors'
export type { Session } from './session'
export { isStaff } from './session'
