/**
 * Stand-in for @tarojs/taro in unit tests: only the platform APIs the services use.
 * Storage is an in-memory map; system info is whatever a test sets.
 */
const storage = new Map<string, unknown>()
let systemInfo: Record<string, unknown> = { fontSizeSetting: 17, platform: 'devtools' }

export function getStorageSync(key: string): unknown {
  return storage.has(key) ? storage.get(key) : ''
}

export function setStorageSync(key: string, value: unknown): void {
  storage.set(key, value)
}

export function removeStorageSync(key: string): void {
  storage.delete(key)
}

export function getSystemInfoSync(): Record<string, unknown> {
  return systemInfo
}

/** Test helpers. */
export const mock = {
  storage,
  setSystemInfo(info: Record<string, unknown>) {
    systemInfo = info
  },
  reset() {
    storage.clear()
    systemInfo = { fontSizeSetting: 17, platform: 'devtools' }
  },
}

const Taro = { getStorageSync, setStorageSync, removeStorageSync, getSystemInfoSync }
export default Taro
