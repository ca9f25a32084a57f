/**
 * The few platform APIs the logic needs (storage, system font size), behind one small module so that
 * tests replace Taro's platform layer and nothing else.
 */
import Taro from '@tarojs/taro'

export type Platform = 'weapp' | 'h5' | 'other'

export function currentPlatform(): Platform {
  const env = process.env.TARO_ENV
  return env === 'weapp' || env === 'h5' ? env : 'other'
}

export function readStorage(key: string): string | undefined {
  try {
    const v: unknown = Taro.getStorageSync(key)
    return typeof v === 'string' && v !== '' ? v : undefined
  } catch {
    return undefined
  }
}

export function writeStorage(key: string, value: string): void {
  try {
    Taro.setStorageSync(key, value)
  } catch {
    // Storage full or unavailable: the setting lasts for this session only.
  }
}

/** WeChat's font size setting in px (17 is the standard size; larger means the user chose bigger text). */
export function wechatFontSizeSetting(): number | undefined {
  try {
    const info = Taro.getSystemInfoSync() as { fontSizeSetting?: number }
    return typeof info.fontSizeSetting === 'number' ? info.fontSizeSetting : undefined
  } catch {
    return undefined
  }
}

/**
 * The browser's default font size in px. Taro sets the root font size for rem, so we measure an element
 * whose font size is the keyword `medium`, which always follows the user's setting.
 */
export function browserDefaultFontPx(): number | undefined {
  if (typeof document === 'undefined' || !document.body || typeof getComputedStyle !== 'function') return undefined
  const probe = document.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium;'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  document.body.removeChild(probe)
  return Number.isFinite(px) && px > 0 ? px : undefined
}

export function removeStorage(key: string): void {
  try {
    Taro.removeStorageSync(key)
  } catch {
    // nothing stored, or storage unavailable
  }
}

/** Call a phone number: the dialler on WeChat; a tel: link in the browser. */
export function callPhone(number: string): void {
  if (currentPlatform() === 'h5') {
    if (typeof window !== 'undefined') window.location.href = `tel:${number}`
    return
  }
  Taro.makePhoneCall({ phoneNumber: number }).catch(() => undefined)
}
