/**
 * The server's answers, as the mini-program reads them (mirrors the server DTOs under server/src; only what the pages use).
 * Amounts are decimal strings everywhere.
 */

export type Role = 'beneficiary' | 'caseworker' | 'adjuster' | 'finance' | 'admin'

export interface MaskedPerson {
  personId: number
  name: string
  idNumber: string
}

export interface UserView {
  userId: number
  role: Role
  bound: boolean
  person?: MaskedPerson
  username?: string
  districtIds: number[]
}

export interface LoginResponse {
  accessToken: string
  refreshToken: string
  expiresIn: number
  user: UserView
}

export interface RefreshResponse {
  accessToken: string
  refreshToken: string
  expiresIn: number
}

// ---------------------------------------------------------------- coverage

export interface LimitView {
  amount: string
  text: string
  source: string
}

export interface DocumentView {
  id: string
  name: string
  note?: string
  onlyWhen?: string
}

export interface BenefitUsage {
  insuranceYear: string
  ledger: 'person' | 'household'
  baseUsed: string
  paid: string
  annualCap?: { amount: string; used: string; left: string }
  deductible?: { amount: string; met: string; left: string }
}

export interface CoveredBenefit {
  id: string
  name: string
  group: string
  summary: string
  unit: 'person' | 'household'
  limits: { annualCap?: LimitView; perClaimCap?: LimitView; deductible?: LimitView & { perYear: boolean } }
  usage: BenefitUsage
  documents: DocumentView[]
}

export interface Insurer {
  name: string
  hotline: string | null
  telLink: string | null
}

export interface CoverageItem {
  enrolmentId: number
  status: 'active' | 'ended'
  statusLabel: string
  note?: string
  schemeId: string
  schemeName: string
  schemeShortName: string
  versionId: string
  insuranceYear: string
  insuranceYearFrom: string
  insuranceYearTo: string
  coverStart: string
  coverEnd: string
  insurer: Insurer
  district: { id: number; name: string; city: string; county: string }
  benefits: CoveredBenefit[]
}

export interface CoverageResponse {
  today: string
  person: { id: number; name: string; idNumberMasked: string; phoneMasked: string | null; age: number; district: { id: number; name: string } }
  enrolments: CoverageItem[]
}

// ---------------------------------------------------------------- estimates

export interface BreakdownLine {
  kind: 'info' | 'add' | 'cap' | 'subtract' | 'round'
  text: string
  amount?: string
  source?: string
}

export interface Reason {
  ok: boolean
  code: string
  message: string
  field?: string
  source?: string
}

export interface EstimateResponse {
  personId: number
  schemeId: string
  schemeName: string
  benefitId: string
  benefitName?: string
  incidentDate: string
  insuranceYear?: string
  covered: boolean
  payout: string
  breakdown: BreakdownLine[]
  reasons: Reason[]
  ledger?: { annualCap?: string; capLeftAfter?: string }
  deadline?: string
  documents: DocumentView[]
  insurer?: Insurer
}

export interface EstimateRequestBody {
  schemeId: string
  benefitId: string
  incidentDate: string
  facts: Record<string, unknown>
  personId?: number
}

// ---------------------------------------------------------------- attachments

export interface AttachmentView {
  id: number
  personId: number
  mime: string
  byteSize: number
  contentUrl: string
  thumbnailUrl: string | null
  claimId: number | null
  documentId: string | null
  createdAt: string
}

// ---------------------------------------------------------------- claims

export type ClaimState = 'reported' | 'accepted' | 'waiting_documents' | 'under_review' | 'approved' | 'rejected' | 'paid' | 'withdrawn'
export type DueStatus = 'on_time' | 'due_soon' | 'overdue'

export interface ClaimSummary {
  id: number
  claimNo: string
  personId: number
  personName?: string
  districtId: number
  districtName: string
  schemeId: string
  schemeName: string
  benefitId: string
  benefitName: string
  incidentDate: string
  state: ClaimState
  stateLabel: string
  plainLabel: string
  estimatedPayout: string | null
  approvedAmount: string | null
  documentsMissing: number
  dueDate: string | null
  dueStatus?: DueStatus
  reportedAt: string
  updatedAt: string
}

export interface ClaimAttachment {
  id: number
  mime: string
  byteSize: number
  contentUrl: string
  thumbnailUrl: string | null
  createdAt: string
}

export interface ClaimDocument {
  documentId: string
  name: string
  note?: string
  status: 'missing' | 'received' | 'accepted' | 'rejected'
  statusLabel: string
  reviewNote?: string
  attachments: ClaimAttachment[]
}

export interface TimelineEntry {
  id: number
  at: string
  label: string
  type: 'reported' | 'transition' | 'document' | 'note'
  fromState: string | null
  toState: string
  actor: string
  onBehalf?: boolean
  reason?: string
  amount?: string
}

export interface ClaimAction {
  to: ClaimState
  label: string
  reasonRequired: boolean
  reasonHint?: string
  reasonIfAmountChanged?: boolean
  recordsAmount?: boolean
}

export interface ClaimDispute {
  id: number
  claimId: number
  claimNo: string | null
  reason: string
  state: 'open' | 'answered'
  stateLabel: string
  dueDate: string | null
  overdue: boolean
  deadlineNote: string
  outcome: 'maintained' | 'revised' | null
  outcomeLabel: string | null
  answer: string | null
  raisedAt: string
  answeredAt: string | null
}

export interface ClaimDetail extends ClaimSummary {
  insuranceYear: number
  place: string | null
  description: string
  facts: Record<string, unknown>
  source: 'beneficiary' | 'proxy' | 'staff' | 'proactive'
  estimate?: EstimateResponse
  amountChangeReason: string | null
  decisionReason: string | null
  documents: ClaimDocument[]
  documentsCompleteOn: string | null
  deadline: { dueDate: string | null; dueStatus?: DueStatus; explanation: string[] }
  timeline: TimelineEntry[]
  actions: ClaimAction[]
  disputes: ClaimDispute[]
  canDispute: boolean
  decidedAt: string | null
  paidAt: string | null
  paymentRef: string | null
}

export interface ClaimList {
  items: ClaimSummary[]
  total: number
  page: number
  pageSize: number
}

export interface ReportClaimBody {
  schemeId: string
  benefitId: string
  incidentDate: string
  place?: string
  description: string
  facts: Record<string, unknown>
  attachments?: { documentId: string; attachmentId: number }[]
  alertId?: number
}

export interface TransitionBody {
  to: ClaimState
  reason?: string
  amount?: string
  paymentRef?: string
  documentIds?: string[]
}

export interface ClaimAlert {
  id: number
  personId: number
  personName?: string
  schemeId: string
  schemeName: string
  benefitId: string
  benefitName: string
  kind: string
  kindLabel: string
  eventDate: string
  detail: string
  state: 'open' | 'reported' | 'dismissed'
  claimId: number | null
  message: string
  createdAt: string
}

// ---------------------------------------------------------------- notifications (may not exist on the server yet)

export interface NotificationItem {
  id: number
  claimId: number
  claimNo: string
  kind: 'state' | 'documents'
  state: string
  title: string
  body: string
  schemeName: string
  benefitName: string
  at: string
  read: boolean
}

export interface NotificationList {
  items: NotificationItem[]
  unread: number
  readUpTo: number
  nextBefore: number | null
}

/** One staff live event (GET /api/staff/events, `event: claim`). */
export interface ClaimEventMessage {
  id: number
  claimId: number
  claimNo: string | null
  personId: number
  districtId: number
  schemeId: string
  benefitId: string
  type: string
  action: string
  label: string
  fromState: string | null
  toState: string
  actorRole: string
  reason: string | null
  amount: string | null
  at: string
}

// ---------------------------------------------------------------- 沪惠保 subsidy

export interface StoredReason {
  ok: boolean
  code: string
  message: string
}

export interface SubsidyPolicy {
  policyNo: string
  policyYear: number
  purchaseDate: string
  issueDate: string
  groupPolicy: boolean
  premium: string
  subsidy: {
    decision: 'eligible' | 'refused' | 'pending'
    amount: string
    status: string
    statusText: string
    nextStep: string
    reasons: StoredReason[]
    failureReason: string | null
    paidOn: string | null
  }
}

export interface BankAccountView {
  bankName: string
  holderName: string
  accountMasked: string
  confirmedAt: string
}

export interface MySubsidy {
  scheme: { id: string; name: string }
  today: string
  qualify: { eligible: boolean; summary: string; reasons: StoredReason[] }
  howToBuy: Record<string, unknown>
  policies: SubsidyPolicy[]
  bankAccount: BankAccountView | null
}
