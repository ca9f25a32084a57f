/**
 * Plain logic of the oversight dashboard (no Taro UI): which schemes and years to offer, bar lengths for the
 * charts (decimal.js through the engine's `D`, so that no second copy of it lands in a subpackage; never floats: the figures are the server's exact strings and are shown as they are),
 * and merging live warnings into the list.
 */
import { D, type Dec, listSchemes, type SchemeDefinition } from '@huimin/shared'
import type { LossRatioWarning } from './api/oversight-types'

export interface SchemeChoice {
  id: string
  label: string
  years: { id: string; from: string; to: string }[]
  /** Year ids with a year-end risk-sharing statement (Zhumadian, Jincheng). */
  settlementYears: string[]
  /** Year ids with loss-ratio warning levels (Jincheng). */
  warningYears: string[]
  /** A purchase subsidy (闵行 沪惠保): no premiums, claims or statements of its own; only its KPIs. */
  subsidy: boolean
}

/** The schemes and their years: the insurance schemes first, then the 沪惠保 purchase subsidy (KPIs only). */
export function schemeChoices(schemes: readonly SchemeDefinition[] = listSchemes()): SchemeChoice[] {
  const ordered = [...schemes.filter((s) => s.kind !== 'purchase_subsidy'), ...schemes.filter((s) => s.kind === 'purchase_subsidy')]
  return ordered
    .map((s) => {
      const years: SchemeChoice['years'] = []
      const settlementYears: string[] = []
      const warningYears: string[] = []
      for (const v of s.versions) {
        for (const y of v.insuranceYears) {
          if (years.some((x) => x.id === y.id)) continue
          years.push({ id: y.id, from: y.from, to: y.to })
          if (v.riskSharing) settlementYears.push(y.id)
          if ((v.lossRatioWarnings ?? []).length) warningYears.push(y.id)
        }
      }
      years.sort((a, b) => a.from.localeCompare(b.from))
      return { id: s.id, label: s.shortName ?? s.name, years, settlementYears, warningYears, subsidy: s.kind === 'purchase_subsidy' }
    })
}

/** The year containing `today`, else the latest that has begun, else the first. */
export function defaultYear(c: SchemeChoice, today: string): string {
  const now = c.years.find((y) => y.from <= today && today <= y.to)
  if (now) return now.id
  const begun = c.years.filter((y) => y.from <= today)
  return (begun.at(-1) ?? c.years[0])?.id ?? ''
}

function dec(v: string | number | null | undefined): Dec {
  try {
    return v === null || v === undefined || v === '' ? new D(0) : D.max(0, new D(v))
  } catch {
    return new D(0)
  }
}

/** (Decimal#toString: no exponent for these magnitudes; toFixed is kept out of the UI code by ui/rules.spec.) */
/** The full length of a chart: the largest value, but at least `floor` (e.g. 120 so that 80% and 100% lines fit). */
export function barScale(values: (string | number | null | undefined)[], floor?: string): string {
  return D.max(floor ?? 0, ...values.map(dec)).toString()
}

/**
 * Bar lengths in percent of the scale (two decimals, as CSS wants them), computed with decimal.js; the scale
 * is at least the largest value (`floor` sets a minimum). Null and non-numbers count as zero; an all-zero
 * chart has zero-length bars.
 */
export function barLengths(values: (string | number | null | undefined)[], floor?: string): string[] {
  const ds = values.map(dec)
  const max = new D(barScale(values, floor))
  if (max.isZero()) return ds.map(() => '0')
  return ds.map((d) => d.div(max).times(100).toDecimalPlaces(2, D.ROUND_HALF_UP).toString())
}

/** Whether a loss ratio in percent ('86.96') is above a level ('0.8' as the engine writes it, or '80'). */
export function aboveLevel(ratioPercent: string | null, above: string): boolean {
  if (!ratioPercent) return false
  const level = new D(above)
  const pct = level.lte(1) ? level.times(100) : level
  return new D(ratioPercent).gt(pct)
}

/** Level thresholds as percent text: '0.8' → '80'. */
export function levelPercent(above: string): string {
  const d = new D(above)
  return (d.lte(1) ? d.times(100) : d).toString()
}

/** A live warning into the list: once per id, newest first, only this scheme and year. */
export function mergeWarning(list: LossRatioWarning[], w: LossRatioWarning, q: { schemeId: string; year: string }): LossRatioWarning[] {
  if (w.schemeId !== undefined && w.schemeId !== q.schemeId) return list
  if (w.insuranceYear !== undefined && String(w.insuranceYear) !== q.year) return list
  if (list.some((x) => x.id === w.id)) return list
  return [w, ...list].sort((a, b) => b.id - a.id)
}

const NOTIFY: Record<string, string> = { county: '县（区）', city: '市级', insurer: '保险机构' }

export function notifyText(notify: string[]): string {
  return notify.map((n) => NOTIFY[n] ?? n).join('、')
}
