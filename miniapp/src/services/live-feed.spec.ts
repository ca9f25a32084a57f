import type { ClaimEventMessage } from './api/types'
import { type FeedMode, LiveFeed, parseSse, type StreamReader } from './live-feed'

describe('parseSse', () => {
  it('splits complete events, keeps the unfinished rest, skips comments', () => {
    const { events, rest } = parseSse('retry: 3000\n: connected\n\nid: 7\nevent: claim\ndata: {"a":1}\n\n: ping 1\n\nid: 8\nevent: cl')
    expect(events).toEqual([{ id: '7', event: 'claim', data: '{"a":1}' }])
    expect(rest).toBe('id: 8\nevent: cl')
    expect(parseSse('event: resync\r\ndata: {}\r\n\r\n').events).toEqual([{ event: 'resync', data: '{}' }])
  })
})

/** A stream the test writes to. */
function stream() {
  const queue: ({ done: boolean; value?: string } | Error)[] = []
  let wake: (() => void) | null = null
  const reader: StreamReader = {
    read: async () => {
      while (!queue.length) await new Promise<void>((r) => (wake = r))
      const x = queue.shift()!
      if (x instanceof Error) throw x
      return x
    },
  }
  const push = (x: { done: boolean; value?: string } | Error) => {
    queue.push(x)
    wake?.()
    wake = null
  }
  return { reader, write: (s: string) => push({ done: false, value: s }), end: () => push({ done: true }), fail: () => push(new Error('reset')) }
}

function manualTimers() {
  const list: { fn: () => void; ms: number; id: number }[] = []
  let n = 0
  return {
    timers: {
      set: (fn: () => void, ms: number) => {
        list.push({ fn, ms, id: ++n })
        return n
      },
      clear: (id: unknown) => {
        const i = list.findIndex((t) => t.id === id)
        if (i >= 0) list.splice(i, 1)
      },
    },
    /** Run every timer due within `ms` once. */
    run(ms: number) {
      for (const t of list.filter((x) => x.ms <= ms)) {
        list.splice(list.indexOf(t), 1)
        t.fn()
      }
    },
    pending: () => list.map((t) => t.ms),
  }
}

const flush = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0))
}

const event = (id: number, claimId: number, toState = 'reported'): string =>
  `id: ${id}\nevent: claim\ndata: ${JSON.stringify({ id, claimId, toState, districtId: 1 } as Partial<ClaimEventMessage>)}\n\n`

describe('LiveFeed', () => {
  it('goes live, hands over each event, resumes after the last id when the stream ends', async () => {
    const s1 = stream()
    const s2 = stream()
    const opened: (number | null)[] = []
    const streams = [s1, s2]
    const events: number[] = []
    const modes: FeedMode[] = []
    let reloads = 0
    const t = manualTimers()
    const feed = new LiveFeed({
      open: async (after) => {
        opened.push(after)
        return { status: 200, reader: streams.shift()!.reader }
      },
      reauth: async () => true,
      reload: async () => void reloads++,
      onEvent: (m) => events.push(m.claimId),
      onMode: (m) => modes.push(m),
      timers: t.timers,
    })
    feed.start()
    await flush()
    expect(modes).toEqual(['connecting', 'live'])
    expect(reloads).toBe(1) // the list is brought up to date once connected
    s1.write(event(41, 7).slice(0, 10))
    s1.write(event(41, 7).slice(10) + ': ping\n\n' + event(42, 8, 'accepted'))
    await flush()
    expect(events).toEqual([7, 8])
    s1.end()
    await flush()
    expect(modes.at(-1)).toBe('polling') // meanwhile the list is polled
    t.run(3000)
    await flush()
    expect(opened).toEqual([null, 42])
    expect(modes.at(-1)).toBe('live')
    feed.stop()
    expect(modes.at(-1)).toBe('stopped')
  })

  it('falls back to polling every few seconds when the server has no stream (404), and says so', async () => {
    const modes: FeedMode[] = []
    let reloads = 0
    const t = manualTimers()
    const feed = new LiveFeed({
      open: async () => ({ status: 404 }),
      reauth: async () => true,
      reload: async () => void reloads++,
      onEvent: () => undefined,
      onMode: (m) => modes.push(m),
      pollMs: 5000,
      timers: t.timers,
    })
    feed.start()
    await flush()
    expect(modes).toEqual(['connecting', 'polling'])
    expect(reloads).toBe(1)
    expect(t.pending()).toEqual([5000]) // no retry of the stream after a 404
    t.run(5000)
    t.run(5000)
    expect(reloads).toBe(3)
    feed.stop()
  })

  it('polls on WeChat, where there is no streaming fetch', async () => {
    const modes: FeedMode[] = []
    const feed = new LiveFeed({ reauth: async () => true, reload: async () => undefined, onEvent: () => undefined, onMode: (m) => modes.push(m), timers: manualTimers().timers })
    feed.start()
    await flush()
    expect(modes).toEqual(['polling'])
  })

  it('renews the sign-in on 401 and on a reauth event, then reconnects after the last id', async () => {
    const s1 = stream()
    const answers = [{ status: 401 }, { status: 200, reader: s1.reader }, { status: 200, reader: stream().reader }]
    const opened: (number | null)[] = []
    let reauths = 0
    const feed = new LiveFeed({
      open: async (after) => {
        opened.push(after)
        return answers.shift()!
      },
      reauth: async () => {
        reauths++
        return true
      },
      reload: async () => undefined,
      onEvent: () => undefined,
      onMode: () => undefined,
      timers: manualTimers().timers,
    })
    feed.start()
    await flush()
    s1.write(event(5, 1) + 'event: reauth\ndata: {}\n\n')
    await flush()
    expect(reauths).toBe(2)
    expect(opened).toEqual([null, null, 5])
    feed.stop()
  })

  it('reloads the list on resync', async () => {
    const s1 = stream()
    let reloads = 0
    const feed = new LiveFeed({ open: async () => ({ status: 200, reader: s1.reader }), reauth: async () => true, reload: async () => void reloads++, onEvent: () => undefined, onMode: () => undefined, timers: manualTimers().timers })
    feed.start()
    await flush()
    s1.write('event: resync\ndata: {"reason":"too_many_missed"}\n\n')
    await flush()
    expect(reloads).toBe(2)
    feed.stop()
  })
})

describe('LiveFeed warnings', () => {
  it('hands `event: warning` frames to onWarning and keeps resuming after the last claim event id', async () => {
    const s1 = stream()
    const s2 = stream()
    const streams = [s1, s2]
    const opened: (number | null)[] = []
    const warnings: number[] = []
    const claims: number[] = []
    const t = manualTimers()
    const feed = new LiveFeed({
      open: async (after) => {
        opened.push(after)
        return { status: 200, reader: streams.shift()!.reader }
      },
      reauth: async () => true,
      reload: async () => undefined,
      onEvent: (m) => claims.push(m.claimId),
      onWarning: (w) => warnings.push(w.id),
      onMode: () => undefined,
      timers: t.timers,
    })
    feed.start()
    await flush()
    s1.write(event(50, 9, 'approved') + `event: warning\ndata: ${JSON.stringify({ type: 'loss_ratio_warning', id: 3, districtId: 1, ratioPercent: '86.96' })}\n\n` + 'event: warning\ndata: {broken\n\n')
    await flush()
    expect(claims).toEqual([9])
    expect(warnings).toEqual([3]) // the damaged frame is dropped, nothing thrown
    s1.end()
    await flush()
    t.run(3000)
    await flush()
    expect(opened).toEqual([null, 50]) // the warning (no id) did not change where to resume
    feed.stop()
  })
})
