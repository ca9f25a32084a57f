/**
 * Idempotency keys: one per submission, made when the submission is first tried and kept with what it
 * submits (the report draft, an upload, a decision form), so that trying again after a lost answer sends
 * the same key and the server creates nothing twice. A changed request gets a new key: the server refuses
 * a key reused for a different request (422).
 *
 * The server accepts 8–100 of A–Z a–z 0–9 _ - : .
 */

declare const crypto: { getRandomValues?: (a: Uint32Array) => Uint32Array } | undefined

function randomChunk(): string {
  const c = typeof crypto !== 'undefined' ? crypto : undefined
  if (c?.getRandomValues) {
    const a = c.getRandomValues(new Uint32Array(2))
    return a[0].toString(36) + a[1].toString(36)
  }
  // WeChat's JS core has no crypto: Math.random is enough here (uniqueness per user, not secrecy).
  return Math.random().toString(36).slice(2, 10) + Math.random().toString(36).slice(2, 10)
}

export function newIdempotencyKey(prefix = 'hm'): string {
  return `${prefix}-${Date.now().toString(36)}-${randomChunk()}`.slice(0, 100)
}

/** A stable text for a request body: the same body (whatever the key order) gives the same text. */
export function fingerprint(body: unknown): string {
  const norm = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(norm)
    if (v && typeof v === 'object') {
      return Object.keys(v as Record<string, unknown>)
        .sort()
        .reduce<Record<string, unknown>>((o, k) => {
          const x = (v as Record<string, unknown>)[k]
          if (x !== undefined) o[k] = norm(x)
          return o
        }, {})
    }
    return v
  }
  return JSON.stringify(norm(body))
}

export interface KeyedSubmission {
  key: string
  fingerprint: string
}

/** The key to send for `body`: the kept one when the body is unchanged, otherwise a new one. */
export function keyFor(kept: KeyedSubmission | undefined, body: unknown, prefix?: string): KeyedSubmission {
  const fp = fingerprint(body)
  if (kept && kept.fingerprint === fp) return kept
  return { key: newIdempotencyKey(prefix), fingerprint: fp }
}
