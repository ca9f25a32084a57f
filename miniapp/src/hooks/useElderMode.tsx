import { createContext, type PropsWithChildren, useCallback, useContext, useMemo, useState } from 'react'
import { type ElderModeEnv, type ElderModeState, loadElderMode, saveElderMode } from '../services/elder-mode'

export interface ElderModeValue extends ElderModeState {
  setElderMode: (on: boolean) => void
}

const ElderModeContext = createContext<ElderModeValue>({ on: false, source: 'default', setElderMode: () => undefined })

/** Wraps the app (app.tsx): every page reads the mode from here and sets the root class `hm-elder`. */
export function ElderModeProvider({ children, env }: PropsWithChildren<{ env?: ElderModeEnv }>) {
  const [state, setState] = useState<ElderModeState>(() => loadElderMode(env))
  const setElderMode = useCallback((on: boolean) => setState(saveElderMode(on)), [])
  const value = useMemo(() => ({ ...state, setElderMode }), [state, setElderMode])
  return <ElderModeContext.Provider value={value}>{children}</ElderModeContext.Provider>
}

export function useElderMode(): ElderModeValue {
  return useContext(ElderModeContext)
}
