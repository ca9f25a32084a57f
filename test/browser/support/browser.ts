import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core'

/** Debian's chromium with the flags that work on these machines (see STACK_NOTES). */
export async function launch(): Promise<{ browser: Browser; close: () => Promise<void> }> {
  // (chromium.launch makes its own throwaway profile; each context below is a fresh browser profile.)
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  })
  return {
    browser,
    close: async () => {
      await browser.close().catch(() => undefined)
    },
  }
}

/** A phone: 360×740, touch, Chinese, Shanghai time. */
export async function phone(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({
    viewport: { width: 360, height: 740 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
}

/** A desk: a caseworker's browser. */
export async function desk(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1100, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' })
}

export function collectErrors(page: Page, into: string[]): void {
  page.on('pageerror', (e) => {
    const detail = e instanceof Error ? `${e.message} ${e.stack?.split('\n')[1] ?? ''}` : JSON.stringify(e)
    into.push(`page error: ${detail}`)
  })
}

/**
 * 长辈模式 rules on what is on screen now: text ≥ 18 px, line height ≥ 1.3, contrast ≥ 4.5:1 (text on its
 * nearest opaque background), tap targets ≥ 60 px high. Returns the problems (empty when all is well).
 */
export async function elderProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const lum = (c: number[]) => {
      const f = (v: number) => {
        const s = v / 255
        return s <= 0.03928 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4)
      }
      return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2])
    }
    const rgba = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number)
    const bgOf = (el: Element | null): number[] => {
      for (let e = el; e; e = e.parentElement) {
        const st = getComputedStyle(e)
        // A gradient (NutUI's primary button): its first colour.
        const g = /gradient/.test(st.backgroundImage) ? st.backgroundImage.match(/rgba?\([^)]*\)/) : null
        if (g) return rgba(g[0])
        const c = rgba(st.backgroundColor)
        if (c.length >= 3 && (c.length < 4 || c[3] > 0.9)) return c
      }
      return [255, 255, 255]
    }
    const visible = (el: Element) => {
      const r = el.getBoundingClientRect()
      if (r.width < 1 || r.height < 1) return false
      const st = getComputedStyle(el)
      return st.visibility !== 'hidden' && st.display !== 'none' && Number(st.opacity) > 0.1
    }
    const root = document.querySelector('.taro_page:not([style*="display: none"]) .hm-page') ?? document.querySelector('.hm-page')
    if (!root) return ['no .hm-page on screen']
    if (!root.classList.contains('hm-elder')) problems.push('elder mode is not on')
    const seen = new Set<string>()
    const report = (what: string, el: Element) => {
      const text = (el.textContent ?? '').trim().slice(0, 24)
      const key = `${what}|${text}`
      if (!seen.has(key)) {
        seen.add(key)
        problems.push(`${what}: “${text}”`)
      }
    }
    const all = [...root.querySelectorAll('*'), ...document.querySelectorAll('.weui-tabbar__label')]
    for (const el of all) {
      if (!visible(el)) continue
      const ownText = [...el.childNodes].some((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '')
      if (ownText) {
        const st = getComputedStyle(el)
        const fs = parseFloat(st.fontSize)
        if (fs < 18) report(`text ${fs}px < 18px`, el)
        const lh = st.lineHeight === 'normal' ? fs * 1.2 : parseFloat(st.lineHeight)
        if (lh / fs < 1.3 - 1e-6) report(`line height ${(lh / fs).toFixed(2)} < 1.3`, el)
        const fg = rgba(st.color)
        const bg = bgOf(el)
        const a = lum(fg) + 0.05
        const b = lum(bg) + 0.05
        const ratio = Math.max(a, b) / Math.min(a, b)
        if (ratio < 4.5) report(`contrast ${ratio.toFixed(2)} < 4.5`, el)
      }
    }
    const taps = root.querySelectorAll('.hm-tap, .nut-button, .hm-plain-button, .staff__chip, .est-option, .est-select, .est-input, .hm-input')
    for (const el of taps) {
      if (!visible(el)) continue
      const h = el.getBoundingClientRect().height
      if (h < 59.5) report(`tap target ${Math.round(h)}px < 60px`, el)
    }
    for (const el of document.querySelectorAll('.weui-tabbar__item')) {
      if (visible(el) && el.getBoundingClientRect().height < 59.5) report(`tab ${Math.round(el.getBoundingClientRect().height)}px < 60px`, el)
    }
    // No pop-ups: nothing modal on screen.
    for (const sel of ['.taro__toast', '.taro__modal', '.taro__actionSheet', '.nut-dialog', '.nut-toast', '.nut-popup']) {
      const m = document.querySelector(sel)
      if (m && visible(m)) problems.push(`pop-up on screen: ${sel}`)
    }
    return problems
  })
}
