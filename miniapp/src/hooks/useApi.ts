import { useCallback, useEffect, useRef, useState } from 'react'
import { isApiError } from '../services/api/errors'

export interface ApiState<T> {
  data?: T
  error?: unknown
  loading: boolean
  /** Load again (keeps the old data on screen meanwhile). */
  reload: () => Promise<void>
  setData: (d: T) => void
}

/**
 * Load something from the API when `key` changes (null: do not load, e.g. signed out). Answers that
 * arrive after a newer request started are dropped.
 */
export function useApi<T>(key: string | null, load: () => Promise<T>): ApiState<T> {
  const [data, setData] = useState<T | undefined>()
  const [error, setError] = useState<unknown>()
  const [loading, setLoading] = useState<boolean>(key !== null)
  const seq = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load

  const reload = useCallback(async () => {
    if (key === null) return
    const n = ++seq.current
    setLoading(true)
    try {
      const d = await loadRef.current()
      if (n !== seq.current) return
      setData(d)
      setError(undefined)
    } catch (e) {
      if (n !== seq.current) return
      setError(e)
    } finally {
      if (n === seq.current) setLoading(false)
    }
  }, [key])

  useEffect(() => {
    if (key === null) {
      seq.current++
      setData(undefined)
      setError(undefined)
      setLoading(false)
      return
    }
    void reload()
  }, [key, reload])

  return { data, error, loading, reload, setData }
}

/** A 404 from a route the server may not have yet (e.g. notifications). */
export function isMissingRoute(e: unknown): boolean {
  return isApiError(e) && (e.status === 404 || e.status === 405)
}
