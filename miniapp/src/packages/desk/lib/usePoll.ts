import { useEffect, useRef, useState } from 'react'

/**
 * Load `load()` again every `ms` while `active(data)` says the work is under way (a roster being checked or
 * applied); stops by itself when it is done, on an error, or when the page goes away.
 */
export function usePoll<T>(initial: T | undefined, load: () => Promise<T>, active: (d: T) => boolean, ms = 1000): { data?: T; error?: unknown; set: (d: T) => void } {
  const [data, setData] = useState<T | undefined>(initial)
  const [error, setError] = useState<unknown>()
  const loadRef = useRef(load)
  loadRef.current = load
  const activeRef = useRef(active)
  activeRef.current = active
  const running = data !== undefined && active(data)
  useEffect(() => {
    if (!running) return
    let stopped = false
    const timer = setTimeout(async () => {
      try {
        const d = await loadRef.current()
        if (!stopped) setData(d)
      } catch (e) {
        if (!stopped) setError(e)
      }
    }, ms)
    return () => {
      stopped = true
      clearTimeout(timer)
    }
  }, [running, data, ms])
  return { data, error, set: (d: T) => { setError(undefined); setData(d) } }
}
