import { act, renderHook, waitFor } from '@testing-library/react'
import type { LossRatioWarning, OversightQuery, WarningsView } from '../services/api/oversight-types'
import type { StreamReader } from '../services/live-feed'
import { useLiveWarnings } from './useLiveWarnings'

/** A stream the test writes to. */
function stream() {
  const queue: string[] = []
  let wake: (() => void) | null = null
  let ended = false
  const reader: StreamReader = {
    read: async () => {
      while (!queue.length && !ended) await new Promise<void>((r) => (wake = r))
      if (!queue.length) return { done: true }
      return { done: false, value: queue.shift()! }
    },
    cancel: () => {
      ended = true
      wake?.()
    },
  }
  return {
    reader,
    write(s: string) {
      queue.push(s)
      wake?.()
      wake = null
    },
  }
}

const warning = (id: number, extra: Partial<LossRatioWarning> = {}): LossRatioWarning => ({
  type: 'loss_ratio_warning', id, schemeId: 'jc-fpzhbx', insuranceYear: 2026, districtId: 7, districtName: '高平市', level: 'insurer_reports_to_county', label: '保险机构向县级报告',
  notify: ['county', 'insurer'], source: '七', ratioPercent: '86.96', premium: '230.00', claims: '200.00', claimId: 11, at: '2026-05-20T02:00:00.000Z', ...extra,
})

const view = (warnings: LossRatioWarning[], ratio: string): WarningsView => ({
  schemeId: 'jc-fpzhbx', year: '2026', level: 'districts', levels: [{ above: '0.80', level: 'insurer_reports_to_county', label: '保险机构向县级报告', notify: ['county', 'insurer'] }],
  counties: [{ districtId: 7, name: '高平市', premium: '230.00', claims: '200.00', lossRatioPercent: ratio, levels: [] }], warnings,
})

const q: OversightQuery = { schemeId: 'jc-fpzhbx', year: '2026' }
const frame = (event: string, data: object, id?: number) => `${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`

describe('useLiveWarnings', () => {
  it('loads the recorded warnings, adds a live one at once (marked new), and reloads the ratios as claims move', async () => {
    const s = stream()
    const answers = [view([], '21.74'), view([warning(5)], '86.96'), view([warning(5)], '86.96')]
    const load = jest.fn(async () => answers.shift() ?? view([warning(5)], '86.96'))
    const { result, unmount } = renderHook(() => useLiveWarnings(q, { load, open: async () => ({ status: 200, reader: s.reader }), debounceMs: 10 }))
    await waitFor(() => expect(result.current.mode).toBe('live'))
    await waitFor(() => expect(result.current.view?.counties[0].lossRatioPercent).toBe('21.74'))
    expect(result.current.warnings).toEqual([])

    // Another scheme's claim event: nothing reloads.
    await act(async () => s.write(frame('claim', { id: 1, claimId: 99, schemeId: 'zmd-yymsh', districtId: 3, toState: 'approved' }, 1)))
    await new Promise((r) => setTimeout(r, 30))
    expect(load).toHaveBeenCalledTimes(1)

    // The approval and its warning arrive: the warning is on screen without waiting for the list.
    await act(async () => {
      s.write(frame('claim', { id: 2, claimId: 11, schemeId: 'jc-fpzhbx', districtId: 7, toState: 'approved' }, 2))
      s.write(frame('warning', warning(5)))
    })
    await waitFor(() => expect(result.current.warnings.map((w) => w.id)).toEqual([5]))
    expect(result.current.fresh.has(5)).toBe(true)
    await waitFor(() => expect(result.current.claimTick).toBe(1))
    await waitFor(() => expect(result.current.view?.counties[0].lossRatioPercent).toBe('86.96'))
    // The reloaded list has the same record: still one.
    expect(result.current.warnings).toHaveLength(1)
    unmount()
  })

  it('ignores another scheme\'s or year\'s warning and, with one district picked, another district\'s', async () => {
    const s = stream()
    const load = jest.fn(async () => view([], '10.00'))
    const { result, unmount } = renderHook(() => useLiveWarnings({ ...q, districtId: 7 }, { load, open: async () => ({ status: 200, reader: s.reader }), debounceMs: 10 }))
    await waitFor(() => expect(result.current.mode).toBe('live'))
    await act(async () => {
      s.write(frame('warning', warning(6, { schemeId: 'zmd-yymsh' })))
      s.write(frame('warning', warning(7, { insuranceYear: 2025 })))
      s.write(frame('warning', warning(8, { districtId: 8, districtName: '泽州县' })))
      s.write(frame('warning', warning(9)))
    })
    await waitFor(() => expect(result.current.warnings.map((w) => w.id)).toEqual([9]))
    unmount()
  })

  it('polls the list where there is no stream (WeChat)', async () => {
    const load = jest.fn(async () => view([warning(5)], '86.96'))
    const { result, unmount } = renderHook(() => useLiveWarnings(q, { load, open: undefined, pollMs: 20 }))
    await waitFor(() => expect(result.current.mode).toBe('polling'))
    await waitFor(() => expect(load.mock.calls.length).toBeGreaterThanOrEqual(2))
    expect(result.current.warnings.map((w) => w.id)).toEqual([5])
    expect(result.current.fresh.size).toBe(0) // listed, not live
    unmount()
  })
})
