/** Page paths in one place (main package tabs, subpackage pages). */
export const TAB = {
  home: '/pages/index/index',
  claims: '/pages/claims/index',
  messages: '/pages/messages/index',
  me: '/pages/me/index',
} as const

const POLICY = '/packages/policy/pages'

function query(params: Record<string, string | undefined>): string {
  const q = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(v!)}`)
    .join('&')
  return q ? `?${q}` : ''
}

export const route = {
  schemes: () => `${POLICY}/schemes/index`,
  scheme: (id: string) => `${POLICY}/scheme/index${query({ id })}`,
  benefit: (scheme: string, benefit: string) => `${POLICY}/benefit/index${query({ scheme, benefit })}`,
  estimate: (scheme?: string, benefit?: string) => `${POLICY}/estimate/index${query({ scheme, benefit })}`,
}
