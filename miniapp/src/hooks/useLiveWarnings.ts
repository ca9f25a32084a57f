/**
 * The oversight dashboard's live part: the recorded loss-ratio warnings of a scheme and year
 * (GET /api/oversight/warnings: every county's ratio now and the crossings), kept current by the staff
 * feed: `event: warning` adds the crossing at once (marked new), a claim event of the scheme reloads the
 * figures (the ratio moves as claims move). Without a stream (WeChat, an older server) it polls, like the
 * queue. Reconnecting reloads the list, so nothing is missed while the stream was away.
 */
import { useEffect, useRef, useState } from 'react'
import { api, oversight } from '../services/api'
import type { LossRatioWarning, OversightQuery, WarningsView } from '../services/api/oversight-types'
import type { ClaimEventMessage } from '../services/api/types'
import { type FeedMode, LiveFeed, type LiveFeedOptions } from '../services/live-feed'
import { mergeWarning } from '../services/oversight'
import { streamOpener } from '../services/staff-feed'

export interface LiveWarningsDeps {
  load: (q: OversightQuery) => Promise<WarningsView>
  open: LiveFeedOptions['open']
  reauth: () => Promise<boolean>
  pollMs: number
  /** Wait after a claim event before reloading (several events of one action come together). */
  debounceMs: number
}

export interface LiveWarnings {
  view?: WarningsView
  /** Newest first. */
  warnings: LossRatioWarning[]
  /** Ids that arrived live while the page was open. */
  fresh: Set<number>
  mode: FeedMode
  error?: unknown
  /** Bumped on every claim event of this scheme: pages reload their figures when it changes. */
  claimTick: number
  reload: () => Promise<void>
}

const defaults = (): LiveWarningsDeps => ({
  load: (q) => oversight.warnings(q),
  open: streamOpener(),
  reauth: async () => !!(await api.refresh().catch(() => null)),
  pollMs: 10_000,
  debounceMs: 400,
})

export function useLiveWarnings(q: OversightQuery | null, deps: Partial<LiveWarningsDeps> = {}): LiveWarnings {
  const d = { ...defaults(), ...deps }
  const depsRef = useRef(d)
  depsRef.current = d
  const [view, setView] = useState<WarningsView>()
  const [warnings, setWarnings] = useState<LossRatioWarning[]>([])
  const [fresh, setFresh] = useState<Set<number>>(new Set())
  const [mode, setMode] = useState<FeedMode>('stopped')
  const [error, setError] = useState<unknown>()
  const [claimTick, setClaimTick] = useState(0)
  const key = q ? `${q.schemeId}|${q.year}|${q.districtId ?? ''}` : null
  const qRef = useRef(q)
  qRef.current = q
  const seq = useRef(0)

  const reload = async () => {
    const cur = qRef.current
    if (!cur) return
    const n = ++seq.current
    try {
      const v = await depsRef.current.load(cur)
      if (n !== seq.current) return
      setView(v)
      setError(undefined)
      // Keep live ones the answer may not have yet (it was computed a moment earlier).
      setWarnings((old) => old.filter((w) => !v.warnings.some((x) => x.id === w.id)).reduce((l, w) => mergeWarning(l, w, cur), [...v.warnings].sort((a, b) => b.id - a.id)))
    } catch (e) {
      if (n === seq.current) setError(e)
    }
  }
  const reloadRef = useRef(reload)
  reloadRef.current = reload

  useEffect(() => {
    setView(undefined)
    setWarnings([])
    setFresh(new Set())
    if (!key) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const feed = new LiveFeed({
      open: depsRef.current.open,
      reauth: () => depsRef.current.reauth(),
      reload: () => reloadRef.current(),
      onEvent: (m: ClaimEventMessage) => {
        const cur = qRef.current
        if (!cur || m.schemeId !== cur.schemeId) return
        if (cur.districtId !== undefined && m.districtId !== cur.districtId) return
        clearTimeout(timer)
        timer = setTimeout(() => {
          setClaimTick((t) => t + 1)
          void reloadRef.current()
        }, depsRef.current.debounceMs)
      },
      onWarning: (w) => {
        const cur = qRef.current
        if (!cur) return
        if (cur.districtId !== undefined && w.districtId !== cur.districtId) return
        setWarnings((l) => {
          const next = mergeWarning(l, w, cur)
          if (next !== l) setFresh((f) => new Set(f).add(w.id))
          return next
        })
        // The counties' ratios moved too.
        void reloadRef.current()
      },
      onMode: setMode,
      pollMs: depsRef.current.pollMs,
    })
    feed.start()
    return () => {
      clearTimeout(timer)
      feed.stop()
    }
  }, [key])

  return { view, warnings, fresh, mode, error, claimTick, reload }
}
