import { mock } from '../../test/taro-mock'
import { ELDER_MODE_KEY, loadElderMode, prefersLargeText, readEnv, saveElderMode } from './elder-mode'

beforeEach(() => mock.reset())

describe('elder mode default', () => {
  it('is on when WeChat reports a large font (fontSizeSetting ≥ 20)', () => {
    mock.setSystemInfo({ fontSizeSetting: 20 })
    expect(loadElderMode(readEnv('weapp'))).toEqual({ on: true, source: 'large-font' })
    mock.setSystemInfo({ fontSizeSetting: 22 })
    expect(loadElderMode(readEnv('weapp')).on).toBe(true)
  })

  it('is off with the standard WeChat font (17) or when WeChat gives no setting', () => {
    mock.setSystemInfo({ fontSizeSetting: 17 })
    expect(loadElderMode(readEnv('weapp'))).toEqual({ on: false, source: 'default' })
    mock.setSystemInfo({})
    expect(loadElderMode(readEnv('weapp')).on).toBe(false)
  })

  it('on H5 follows the browser default font size', () => {
    expect(prefersLargeText({ platform: 'h5', browserFontPx: 16 })).toBe(false)
    expect(prefersLargeText({ platform: 'h5', browserFontPx: 20 })).toBe(true)
    expect(prefersLargeText({ platform: 'h5', browserFontPx: 24 })).toBe(true)
    expect(prefersLargeText({ platform: 'h5' })).toBe(false)
  })

  it('reads the browser default font from a `medium` probe, not from the rem-scaled root', () => {
    document.documentElement.style.fontSize = '40px' // what Taro H5 sets for rem
    const spy = jest.spyOn(window, 'getComputedStyle').mockImplementation(
      (el: Element) => ({ fontSize: (el as HTMLElement).style.fontSize === 'medium' ? '24px' : '40px' }) as CSSStyleDeclaration,
    )
    const env = readEnv('h5')
    expect(env.browserFontPx).toBe(24)
    expect(loadElderMode(env)).toEqual({ on: true, source: 'large-font' })
    spy.mockImplementation(() => ({ fontSize: '16px' }) as CSSStyleDeclaration)
    expect(loadElderMode(readEnv('h5'))).toEqual({ on: false, source: 'default' })
    spy.mockRestore()
    expect(document.body.children).toHaveLength(0) // the probe is removed
  })
})

describe('elder mode persistence', () => {
  it('keeps the user choice in storage and prefers it over the font setting', () => {
    mock.setSystemInfo({ fontSizeSetting: 24 })
    expect(saveElderMode(false)).toEqual({ on: false, source: 'saved' })
    expect(mock.storage.get(ELDER_MODE_KEY)).toBe('off')
    expect(loadElderMode(readEnv('weapp'))).toEqual({ on: false, source: 'saved' })

    mock.setSystemInfo({ fontSizeSetting: 17 })
    saveElderMode(true)
    expect(loadElderMode(readEnv('weapp'))).toEqual({ on: true, source: 'saved' })
  })

  it('ignores a stored value it does not know', () => {
    mock.storage.set(ELDER_MODE_KEY, 'maybe')
    expect(loadElderMode({ platform: 'weapp', wechatFontSize: 17 })).toEqual({ on: false, source: 'default' })
  })
})
