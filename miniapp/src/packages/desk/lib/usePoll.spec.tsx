import { act, render, screen } from '@testing-library/react'
import { usePoll } from './usePoll'

type Job = { status: 'validating' | 'validated'; rows: number }

function Harness({ load }: { load: () => Promise<Job> }) {
  const p = usePoll<Job>({ status: 'validating', rows: 0 }, load, (d) => d.status === 'validating', 100)
  return <span data-testid='job'>{`${p.data?.status} ${p.data?.rows}${p.error ? ' error' : ''}`}</span>
}

describe('usePoll', () => {
  beforeEach(() => jest.useFakeTimers())
  afterEach(() => jest.useRealTimers())

  it('loads again while the work is under way and stops once it is done', async () => {
    const answers: Job[] = [
      { status: 'validating', rows: 500 },
      { status: 'validated', rows: 1000 },
    ]
    const load = jest.fn(async () => answers.shift() ?? { status: 'validated' as const, rows: -1 })
    render(<Harness load={load} />)
    expect(screen.getByTestId('job').textContent).toBe('validating 0')
    await act(async () => {
      jest.advanceTimersByTime(100)
    })
    expect(screen.getByTestId('job').textContent).toBe('validating 500')
    await act(async () => {
      jest.advanceTimersByTime(100)
    })
    expect(screen.getByTestId('job').textContent).toBe('validated 1000')
    await act(async () => {
      jest.advanceTimersByTime(1000)
    })
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('stops on an error and says so', async () => {
    const load = jest.fn(async () => {
      throw new Error('offline')
    })
    render(<Harness load={load} />)
    await act(async () => {
      jest.advanceTimersByTime(100)
    })
    expect(screen.getByTestId('job').textContent).toBe('validating 0 error')
  })
})
