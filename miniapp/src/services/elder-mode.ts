/**
 * 长辈模式 (elderly mode): bigger text, more spacing, bigger tap targets, no pop-ups.
 * The user's own choice is kept in storage; without one, it is on when the phone or browser
 * is set to large text.
 */
import { browserDefaultFontPx, currentPlatform, type Platform, readStorage, wechatFontSizeSetting, writeStorage } from './platform'

export const ELDER_MODE_KEY = 'huimin.elderMode'
/** WeChat's fontSizeSetting at or above this counts as "large text" (17 is the standard size). */
export const LARGE_WECHAT_FONT = 20
/** A browser default font size at or above this counts as "large text" (16 is the standard size). */
export const LARGE_BROWSER_FONT = 20

export interface ElderModeEnv {
  platform: Platform
  wechatFontSize?: number
  browserFontPx?: number
}

/** Why the mode is what it is: the user chose it, or the large-font setting turned it on, or the default. */
export type ElderModeSource = 'saved' | 'large-font' | 'default'

export interface ElderModeState {
  on: boolean
  source: ElderModeSource
}

export function prefersLargeText(env: ElderModeEnv): boolean {
  if (env.platform === 'weapp') return (env.wechatFontSize ?? 0) >= LARGE_WECHAT_FONT
  if (env.platform === 'h5') return (env.browserFontPx ?? 0) >= LARGE_BROWSER_FONT
  return false
}

export function readEnv(platform: Platform = currentPlatform()): ElderModeEnv {
  if (platform === 'weapp') return { platform, wechatFontSize: wechatFontSizeSetting() }
  if (platform === 'h5') return { platform, browserFontPx: browserDefaultFontPx() }
  return { platform }
}

export function loadElderMode(env: ElderModeEnv = readEnv()): ElderModeState {
  const saved = readStorage(ELDER_MODE_KEY)
  if (saved === 'on' || saved === 'off') return { on: saved === 'on', source: 'saved' }
  return prefersLargeText(env) ? { on: true, source: 'large-font' } : { on: false, source: 'default' }
}

export function saveElderMode(on: boolean): ElderModeState {
  writeStorage(ELDER_MODE_KEY, on ? 'on' : 'off')
  return { on, source: 'saved' }
}
