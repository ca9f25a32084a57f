import { useMemo } from 'react'
import { todayIso } from '../services/format'

/** Today's date in China (YYYY-MM-DD), fixed for the page's life. */
export function useToday(): string {
  return useMemo(() => todayIso(), [])
}
