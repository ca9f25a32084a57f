// Debian's chromium through playwright-core, with the flags that work on these machines.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'

export async function launchPhone({ fontPx } = {}) {
  const userDataDir = mkdtempSync(join(tmpdir(), 'huimin-chromium-'))
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
  ]
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args,
    viewport: { width: 375, height: 812 },
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  })
  if (fontPx) {
    // Simulate a browser whose default font size is large (the user's setting).
    await context.addInitScript((px) => {
      const orig = window.getComputedStyle
      window.getComputedStyle = function (el, pseudo) {
        const s = orig.call(window, el, pseudo)
        if (el instanceof HTMLElement && el.style.fontSize === 'medium') return { ...s, fontSize: `${px}px` }
        return s
      }
    }, fontPx)
  }
  return context
}
