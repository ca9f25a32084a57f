import Taro from '@tarojs/taro'
import { isTabPath, TAB } from './routes'

/** Go to a page path: tab pages by switchTab (no query allowed there), others by navigateTo. */
export function go(path: string, opts: { replace?: boolean } = {}): void {
  if (isTabPath(path)) {
    void Taro.switchTab({ url: path.split('?')[0] })
    return
  }
  if (opts.replace) void Taro.redirectTo({ url: path })
  else void Taro.navigateTo({ url: path }).catch(() => Taro.redirectTo({ url: path }))
}

/** Back one page, or to 首页 when this page was opened directly (H5 link, shared card). */
export function back(fallback: string = TAB.home): void {
  const pages = Taro.getCurrentPages()
  if (pages.length > 1) void Taro.navigateBack()
  else go(fallback, { replace: true })
}
