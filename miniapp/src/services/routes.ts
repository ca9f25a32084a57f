/** Page paths in one place (main package tabs, subpackage pages). */
export const TAB = {
  home: '/pages/index/index',
  claims: '/pages/claims/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
} as const

const TAB_PATHS: string[] = Object.values(TAB)

const POLICY = '/packages/policy/pages'
const ACCOUNT = '/packages/account/pages'
const REPORT = '/packages/report/pages'
const CLAIM = '/packages/claim/pages'
const CASEWORKER = '/packages/caseworker/pages'
const MORE = '/packages/more/pages'
const DESK = '/packages/desk/pages'
const OVERSIGHT = '/packages/oversight/pages'

export function query(params: Record<string, string | number | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&')
  return q ? `?${q}` : ''
}

export const route = {
  schemes: () => `${POLICY}/schemes/index`,
  scheme: (id: string) => `${POLICY}/scheme/index${query({ id })}`,
  benefit: (scheme: string, benefit: string) => `${POLICY}/benefit/index${query({ scheme, benefit })}`,
  estimate: (scheme?: string, benefit?: string) => `${POLICY}/estimate/index${query({ scheme, benefit })}`,
  /** Sign in, then go to `redirect` (a page path with its query). */
  login: (redirect?: string) => `${ACCOUNT}/login/index${query({ redirect })}`,
  report: (p: { scheme?: string; benefit?: string; alert?: number } = {}) => `${REPORT}/new/index${query(p)}`,
  claim: (id: number) => `${CLAIM}/detail/index${query({ id })}`,
  staffLogin: () => `${CASEWORKER}/login/index`,
  staffQueue: () => `${CASEWORKER}/queue/index`,
  staffClaim: (id: number) => `${CASEWORKER}/claim/index${query({ id })}`,
  oversight: (p: { scheme?: string; year?: string; tab?: string } = {}) => `${OVERSIGHT}/dashboard/index${query(p)}`,
  student: () => `${MORE}/student/index`,
  huhuibao: () => `${MORE}/huhuibao/index`,
  /** The caseworker's desk tools (packages/desk). */
  desk: () => `${DESK}/home/index`,
  deskReport: () => `${DESK}/report/index`,
  deskRoster: (id?: number) => `${DESK}/roster/index${query({ id })}`,
  deskAlerts: () => `${DESK}/alerts/index`,
  deskSubsidy: () => `${DESK}/subsidy/index`,
}

export function isTabPath(path: string): boolean {
  return TAB_PATHS.includes(path.split('?')[0])
}
