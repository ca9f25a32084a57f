/** Display helpers. Amounts stay decimal strings: we only insert separators, never compute. */

/** "70000" → "70,000"; "20450.00" → "20,450.00"; "-375.00" → "-375.00". Non-amounts pass through. */
export function groupDigits(amount: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(amount.trim())
  if (!m) return amount
  return `${m[1]}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`
}

/** A signed line amount for the breakdown: "+3,000.00" / "−1,800.00". */
export function signedYuan(amount: string): string {
  const neg = amount.startsWith('-')
  const body = groupDigits(neg ? amount.slice(1) : amount)
  return `${neg ? '−' : '+'}${body}`
}

/** A parameter amount in plain words: "150000" → "15 万元", "5000" → "5,000 元". */
export function yuanWords(amount: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(amount)
  if (!m || m[2]) return `${groupDigits(amount)} 元`
  const digits = m[1]
  if (digits.length >= 5 && digits.endsWith('0000')) return `${digits.slice(0, -4)} 万元`
  return `${groupDigits(digits)} 元`
}

/** "0.35" → "35%" without floating point. */
export function percentWords(rate: string): string {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(rate)
  if (!m) return rate
  const frac = (m[2] ?? '').padEnd(2, '0')
  const whole = String(Number(m[1] + frac.slice(0, 2)))
  const rest = frac.slice(2).replace(/0+$/, '')
  return `${whole}${rest ? `.${rest}` : ''}%`
}

/** "2024-01-01" → "2024年1月1日". */
export function dateWords(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso)
  if (!m) return iso
  return `${m[1]}年${Number(m[2])}月${Number(m[3])}日`
}

export function todayIso(now: Date = new Date()): string {
  // China Standard Time, whatever the device's zone.
  const cst = new Date(now.getTime() + (now.getTimezoneOffset() + 480) * 60000)
  const p = (n: number) => (n < 10 ? `0${n}` : String(n))
  return `${cst.getFullYear()}-${p(cst.getMonth() + 1)}-${p(cst.getDate())}`
}
