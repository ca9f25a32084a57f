/**
 * How the live feed reaches GET /api/staff/events from here: fetch with a streaming body in browsers
 * (the Authorization header goes along); nothing on WeChat (no streaming fetch): the queue polls there.
 */
import { api } from './api'
import type { LiveFeedOptions, StreamAnswer } from './live-feed'
import { currentPlatform } from './platform'

export function streamOpener(): LiveFeedOptions['open'] {
  if (currentPlatform() !== 'h5' || typeof fetch !== 'function' || typeof AbortController === 'undefined') return undefined
  return async (after, signal): Promise<StreamAnswer> => {
    const ctl = new AbortController()
    signal.onabort = () => ctl.abort()
    const res = await fetch(api.url(`/api/staff/events${after !== null ? `?after=${after}` : ''}`), {
      headers: { ...api.authHeader(), Accept: 'text/event-stream' },
      signal: ctl.signal,
      cache: 'no-store',
    })
    if (!res.ok || !res.body || !(res.headers.get('content-type') ?? '').includes('text/event-stream')) {
      void res.body?.cancel().catch(() => undefined)
      // A server without the feed answers 404 — or, behind the H5 history fallback, index.html (200 text/html).
      return { status: res.ok ? 404 : res.status }
    }
    const reader = res.body.getReader()
    return { status: 200, reader: { read: () => reader.read(), cancel: () => reader.cancel().catch(() => undefined) } }
  }
}
