import { useEffect, useState } from 'react'
import { session, type Session } from '../services/api'

/** The signed-in session (null when signed out); pages re-render when it changes. */
export function useSession(): Session | null {
  const [s, setS] = useState<Session | null>(() => session.get())
  useEffect(() => {
    setS(session.get())
    return session.subscribe(setS)
  }, [])
  return s
}
