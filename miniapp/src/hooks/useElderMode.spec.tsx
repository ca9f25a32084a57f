import { act, renderHook } from '@testing-library/react'
import type { PropsWithChildren } from 'react'
import { mock } from '../../test/taro-mock'
import { ELDER_MODE_KEY } from '../services/elder-mode'
import { ElderModeProvider, useElderMode } from './useElderMode'

beforeEach(() => mock.reset())

function wrapperFor(fontSize: number) {
  return ({ children }: PropsWithChildren) => <ElderModeProvider env={{ platform: 'weapp', wechatFontSize: fontSize }}>{children}</ElderModeProvider>
}

describe('useElderMode', () => {
  it('starts on with a large WeChat font and off with the standard one', () => {
    expect(renderHook(() => useElderMode(), { wrapper: wrapperFor(20) }).result.current.on).toBe(true)
    expect(renderHook(() => useElderMode(), { wrapper: wrapperFor(17) }).result.current.on).toBe(false)
  })

  it('switching persists, and a new app start (new provider) reads it back', () => {
    const first = renderHook(() => useElderMode(), { wrapper: wrapperFor(17) })
    act(() => first.result.current.setElderMode(true))
    expect(first.result.current).toMatchObject({ on: true, source: 'saved' })
    expect(mock.storage.get(ELDER_MODE_KEY)).toBe('on')
    first.unmount()

    const second = renderHook(() => useElderMode(), { wrapper: wrapperFor(17) })
    expect(second.result.current).toMatchObject({ on: true, source: 'saved' })
    act(() => second.result.current.setElderMode(false))
    const third = renderHook(() => useElderMode(), { wrapper: wrapperFor(24) })
    expect(third.result.current).toMatchObject({ on: false, source: 'saved' })
  })
})
