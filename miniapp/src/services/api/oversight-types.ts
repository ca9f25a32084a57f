/**
 * Answers of GET /api/oversight/* (server/src/oversight): every amount and percentage is an exact decimal
 * string as the server computed it; the screens show them as they are.
 */

export interface PayerAmount {
  payer: string
  amount: string
  share?: string
}

export interface PremiumRow {
  persons: number
  personsByMonth: number[]
  personMonths: number
  households: number
  householdsBilled: number
  premiumDue: string
  byPayer: PayerAmount[]
  recordedPremium: string
  difference: string
}

export interface DistrictPremium extends PremiumRow {
  districtId: number
  name: string
  items: { id: string; name: string; amount: string; explanation: string[]; source?: string }[]
}

export interface PremiumsView {
  schemeId: string
  schemeName: string
  year: string
  period: { from: string; to: string }
  level: 'city' | 'districts'
  counted: { at: string; buildMs: number; stale: boolean }
  months: string[]
  districts: DistrictPremium[]
  total: PremiumRow
  notes: string[]
}

export interface MoneyCount {
  count: number
  amount: string
}

export interface ClaimsMoneyRow {
  reported: MoneyCount
  approvedUnpaid: MoneyCount
  approved: MoneyCount
  paid: MoneyCount
  rejected: number
  withdrawn: number
  outstanding: string
  premium: string
  lossRatio: string | null
  lossRatioPercent: string | null
}

export interface MonthPoint {
  month: string
  reportedCount: number
  reportedAmount: string
  approvedCount: number
  approvedAmount: string
  paidCount: number
  paidAmount: string
  paidCumulative: string
  outstandingAtMonthEnd: string
  lossRatioPercent: string | null
}

export interface ClaimsMoneyView {
  schemeId: string
  schemeName: string
  year: string
  period: { from: string; to: string }
  level: 'city' | 'districts'
  today: string
  districts: (ClaimsMoneyRow & { districtId: number; name: string })[]
  total: ClaimsMoneyRow
  monthly: MonthPoint[]
  definitions: Record<string, string>
}

export interface WarningLevelResult {
  level: string
  label: string
  notify: string[]
  source: string
}

/** One recorded crossing (the list) or the live message (`event: warning` on GET /api/staff/events). */
export interface LossRatioWarning {
  type?: 'loss_ratio_warning'
  id: number
  schemeId?: string
  insuranceYear?: number
  districtId: number
  districtName: string
  level: string
  label: string
  notify: string[]
  source: string
  ratioPercent: string
  premium: string
  claims: string
  claimId: number | null
  at: string
}

export interface WarningsView {
  schemeId: string
  year: string
  level: 'city' | 'districts'
  levels: { above: string; level: string; label: string; notify: string[] }[]
  counties: { districtId: number; name: string; premium: string; claims: string; lossRatioPercent: string | null; levels: WarningLevelResult[] }[]
  warnings: LossRatioWarning[]
}

export interface RiskSharingResult {
  premium: string
  claims: string
  lossRatioPercent: string
  refundToGovernment?: string
  insurerBears?: string
  governmentTopUp?: string
  carryForward?: string
  governmentBears?: string
  governmentSplit?: PayerAmount[]
  lines: string[]
  source: string
}

export interface Statement {
  districtId: number
  name: string
  premium: string
  paid: string
  reported: string
  premiumLines: string[]
  result: RiskSharingResult | null
  error: string | null
}

export interface SettlementsView {
  schemeId: string
  schemeName: string
  year: string
  period: { from: string; to: string }
  level: 'city' | 'districts'
  kind: 'refundAndShare' | 'corridor'
  asOf: string
  final: boolean
  source: string
  statements: Statement[]
  total: {
    premium: string
    paid: string
    reported: string
    refundToGovernment: string
    insurerBears: string
    governmentTopUp: string
    carryForward: string
    governmentBears: string
    governmentSplit: PayerAmount[]
  }
}

export interface Measure {
  numerator: number
  denominator: number
  percent: string | null
}

export interface Kpi extends Measure {
  id: string
  name: string
  target: string | null
  met: boolean | null
  definition: string
  source: string
  trend: (Measure & { month: string })[]
}

export interface KpisView {
  schemeId: string
  schemeName: string
  year: string
  level: 'city' | 'districts'
  today: string
  months: string[]
  kpis: Kpi[]
  onTime: {
    source: string
    bands: (Measure & { id: string; label: string; workingDays: number; amountOnTime: string; amountDue: string; amountPercent: string | null; unmeasured: number })[]
  } | null
  /** Chongqing: claims per benefit × insurer; `trend`: claims reported per month and the money paid on them. */
  byBenefitInsurer: {
    rows: { benefitName: string; insurerName: string; claims: number; approvedAmount: string; paidAmount: string }[]
    trend: { month: string; reported: number; paidAmount: string }[]
  } | null
  /** Minhang: the subsidy module's answer (its targets are also in `kpis`, with their trends). */
  subsidy: {
    route: string
    kpis: { onTimeDeadline: string; deadlineNote: string; money: { eligibleTotal: string; paidTotal: string; paidByPayer: { payer: string; amount: string }[] } }
  } | null
}

export interface OversightQuery {
  schemeId: string
  year: string
  districtId?: number
}
