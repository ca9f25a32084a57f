/**
 * The caseworker queue's live updates. Server-Sent Events from GET /api/staff/events, read with fetch
 * streaming so the Authorization header goes along (never a token in a URL); resumes after the last event
 * id; 'resync' reloads the list, 'reauth' refreshes the sign-in and reconnects. When the stream is not
 * there (an older server answers 404, WeChat has no fetch, the network drops it), the queue is polled
 * every few seconds instead, and the page says which of the two is happening.
 */
import type { LossRatioWarning } from './api/oversight-types'
import type { ClaimEventMessage } from './api/types'

export interface SseEvent {
  id?: string
  event: string
  data: string
}

/** Complete events in `buffer` and what is left over (an unfinished event). Comments are skipped. */
export function parseSse(buffer: string): { events: SseEvent[]; rest: string } {
  const text = buffer.replace(/\r\n?/g, '\n')
  const blocks = text.split('\n\n')
  const rest = blocks.pop() ?? ''
  const events: SseEvent[] = []
  for (const block of blocks) {
    let id: string | undefined
    let event = 'message'
    const data: string[] = []
    for (const line of block.split('\n')) {
      if (!line || line.startsWith(':')) continue
      const i = line.indexOf(':')
      const field = i < 0 ? line : line.slice(0, i)
      const value = i < 0 ? '' : line.slice(i + 1).replace(/^ /, '')
      if (field === 'id') id = value
      else if (field === 'event') event = value
      else if (field === 'data') data.push(value)
    }
    if (data.length || event !== 'message' || id !== undefined) events.push({ ...(id !== undefined ? { id } : {}), event, data: data.join('\n') })
  }
  return { events, rest }
}

export type FeedMode = 'connecting' | 'live' | 'polling' | 'stopped'

export interface StreamReader {
  read(): Promise<{ done: boolean; value?: Uint8Array | string }>
  cancel?(): Promise<void> | void
}

export interface StreamAnswer {
  status: number
  reader?: StreamReader
}

export interface LiveFeedOptions {
  /** Open the stream (resuming after `after`); undefined when this platform cannot stream. */
  open?: (after: number | null, signal: { aborted: boolean; onabort?: () => void }) => Promise<StreamAnswer>
  /** Renew the sign-in after a 401 or 'reauth'; false when that failed. */
  reauth: () => Promise<boolean>
  /** Reload the list (polling, and after (re)connecting or 'resync'). */
  reload: () => Promise<void>
  onEvent: (m: ClaimEventMessage) => void
  /** `event: warning`: a loss-ratio warning level crossed in one of my counties (no id: lastId stays a claim event's). */
  onWarning?: (m: LossRatioWarning) => void
  onMode: (mode: FeedMode) => void
  pollMs?: number
  /** Wait before trying the stream again after it failed or ended. */
  retryMs?: number
  timers?: { set: (fn: () => void, ms: number) => unknown; clear: (t: unknown) => void }
}

export class LiveFeed {
  private mode: FeedMode = 'stopped'
  private lastId: number | null = null
  private pollTimer: unknown
  private retryTimer: unknown
  private reader: StreamReader | undefined
  private signal = { aborted: false } as { aborted: boolean; onabort?: () => void }
  private stopped = true
  private readonly o: Required<Pick<LiveFeedOptions, 'pollMs' | 'retryMs' | 'timers'>> & LiveFeedOptions

  constructor(o: LiveFeedOptions) {
    this.o = {
      pollMs: 5000,
      retryMs: 30000,
      timers: { set: (fn, ms) => setTimeout(fn, ms), clear: (t) => clearTimeout(t as ReturnType<typeof setTimeout>) },
      ...o,
    }
  }

  get current(): FeedMode {
    return this.mode
  }

  start(): void {
    this.stopped = false
    void this.connect()
  }

  stop(): void {
    this.stopped = true
    this.signal.aborted = true
    this.signal.onabort?.()
    void this.reader?.cancel?.()
    this.o.timers.clear(this.pollTimer)
    this.o.timers.clear(this.retryTimer)
    this.setMode('stopped')
  }

  private setMode(m: FeedMode): void {
    if (this.mode === m) return
    this.mode = m
    this.o.onMode(m)
  }

  private async connect(reauthed = false): Promise<void> {
    if (this.stopped) return
    if (!this.o.open) return this.startPolling(false)
    this.setMode(this.mode === 'polling' ? 'polling' : 'connecting')
    this.signal = { aborted: false }
    let answer: StreamAnswer
    try {
      answer = await this.o.open(this.lastId, this.signal)
    } catch {
      return this.startPolling(true)
    }
    if (this.stopped) return
    if (answer.status === 401 && !reauthed) {
      if (await this.o.reauth()) return this.connect(true)
      return this.startPolling(true)
    }
    if (answer.status !== 200 || !answer.reader) {
      // 404: this server has no live feed (yet): poll for good. Anything else: poll, and try again later.
      return this.startPolling(answer.status !== 404)
    }
    this.o.timers.clear(this.pollTimer)
    this.setMode('live')
    void this.o.reload().catch(() => undefined)
    await this.read(answer.reader)
  }

  private async read(reader: StreamReader): Promise<void> {
    this.reader = reader
    const decoder = typeof TextDecoder !== 'undefined' ? new TextDecoder() : undefined
    let buffer = ''
    let reason: 'ended' | 'reauth' = 'ended'
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done || this.stopped) break
        buffer += typeof value === 'string' ? value : decoder ? decoder.decode(value, { stream: true }) : ''
        const { events, rest } = parseSse(buffer)
        buffer = rest
        for (const e of events) {
          if (e.id && /^\d+$/.test(e.id)) this.lastId = Number(e.id)
          if (e.event === 'claim') {
            try {
              this.o.onEvent(JSON.parse(e.data) as ClaimEventMessage)
            } catch {
              // a damaged frame: the next reload brings the list right
            }
          } else if (e.event === 'warning') {
            try {
              this.o.onWarning?.(JSON.parse(e.data) as LossRatioWarning)
            } catch {
              // a damaged frame: the warnings list is reloaded on the next (re)connect
            }
          } else if (e.event === 'resync') {
            void this.o.reload().catch(() => undefined)
          } else if (e.event === 'reauth') {
            reason = 'reauth'
          }
        }
        if (reason === 'reauth') break
      }
    } catch {
      // the connection dropped
    }
    this.reader = undefined
    if (this.stopped) return
    if (reason === 'reauth') {
      if (await this.o.reauth()) return this.connect(true)
      return this.startPolling(true)
    }
    // Ended (server restart, network): poll meanwhile and come back shortly, resuming after lastId.
    this.startPolling(false)
    this.o.timers.clear(this.retryTimer)
    this.retryTimer = this.o.timers.set(() => void this.connect(), 3000)
  }

  private startPolling(retryStream: boolean): void {
    if (this.stopped) return
    this.setMode('polling')
    const tick = () => {
      if (this.stopped || this.mode !== 'polling') return
      this.o.reload().then(
        () => undefined,
        () => undefined,
      )
      this.pollTimer = this.o.timers.set(tick, this.o.pollMs)
    }
    this.o.timers.clear(this.pollTimer)
    tick()
    if (retryStream && this.o.open) {
      this.o.timers.clear(this.retryTimer)
      this.retryTimer = this.o.timers.set(() => void this.connect(), this.o.retryMs)
    }
  }
}
