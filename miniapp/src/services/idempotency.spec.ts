import { fingerprint, keyFor, newIdempotencyKey } from './idempotency'

describe('idempotency keys', () => {
  it('are 8–100 characters of what the server accepts, and differ each time', () => {
    const keys = Array.from({ length: 200 }, () => newIdempotencyKey('claim'))
    for (const k of keys) expect(k).toMatch(/^[A-Za-z0-9_\-:.]{8,100}$/)
    expect(new Set(keys).size).toBe(200)
  })

  it('are kept for the same request and renewed for a changed one', () => {
    const body = { schemeId: 'jc-fpzhbx', facts: { a: '1', b: '2' } }
    const first = keyFor(undefined, body)
    expect(keyFor(first, { facts: { b: '2', a: '1' }, schemeId: 'jc-fpzhbx' })).toBe(first) // key order does not matter
    const changed = keyFor(first, { ...body, facts: { a: '1', b: '3' } })
    expect(changed.key).not.toBe(first.key)
    expect(fingerprint({ a: undefined, b: 1 })).toBe(fingerprint({ b: 1 }))
  })
})
