/**
 * What every browser spec shares: the real server (H5 build + API) and chromium for the whole file, page
 * errors failing the test they happen in, screenshots (into docs/screenshots with HUIMIN_SCREENSHOTS=docs,
 * compressed afterwards when pngquant is there), and the few steps every spec takes (open a page, sign in).
 * Call browserSuite() once at the top of a spec file: it registers the jest hooks.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Locator, Page } from 'playwright-core'
import { launch } from './browser'
import { ROOT, type RunningServer, startServer } from './server'

export const DEMO_PASSWORD = 'Huimin-demo-2026'

export interface BrowserSuite {
  /** The running server (set in beforeAll). */
  readonly server: RunningServer
  readonly browser: Browser
  /** Page errors collected by collectErrors(); each test must end with none. */
  readonly errors: string[]
  /** Where screenshots go. */
  readonly shots: string
  /** The element on the page now showing (Taro H5 keeps earlier pages in the DOM, hidden). */
  vis(page: Page, selector: string): Locator
  shot(page: Page, name: string, fullPage?: boolean): Promise<void>
  open(page: Page, path: string, ready: string): Promise<void>
  /** A demo beneficiary through the H5 development login picker. */
  demoLogin(page: Page, openid: string): Promise<void>
  /** A demo staff member through the caseworker console's sign-in. */
  staffLogin(page: Page, username: string): Promise<void>
  /** A file into the page's file input opened by clicking `trigger`. */
  pick(page: Page, trigger: Locator, file: string): Promise<void>
  /** A demo staff member's access token over the API. */
  staffToken(username: string): Promise<string>
}

export function browserSuite(label: string): BrowserSuite {
  const shots = process.env.HUIMIN_SCREENSHOTS === 'docs' ? join(ROOT, 'docs', 'screenshots') : mkdtempSync(join(tmpdir(), 'huimin-shots-'))
  mkdirSync(shots, { recursive: true })
  const taken = new Set<string>()
  const errors: string[] = []
  let server: RunningServer | undefined
  let browser: Browser | undefined
  let close: (() => Promise<void>) | undefined

  beforeAll(async () => {
    server = await startServer()
    ;({ browser, close } = await launch())
    console.log(`[browser] ${label}: server on ${server.dialect} at ${server.base}; screenshots → ${shots}`)
  }, 180000)

  afterAll(async () => {
    await close?.()
    await server?.stop()
    // Smaller PNGs for the repository (256 colours are plenty for UI), only the shots this file took:
    // docs/screenshots also holds the catalogue shots of `npm run screenshots -w @huimin/miniapp`.
    if (process.env.HUIMIN_SCREENSHOTS === 'docs' && existsSync('/usr/bin/pngquant') && taken.size) {
      spawnSync('/usr/bin/pngquant', ['--force', '--ext', '.png', '--quality', '70-95', ...taken])
    }
  })

  afterEach(() => {
    const seen = errors.splice(0)
    expect(seen).toEqual([])
  })

  const vis = (page: Page, selector: string): Locator => page.locator(selector).locator('visible=true').first()
  const open = async (page: Page, path: string, ready: string): Promise<void> => {
    await page.goto(suite.server.base + path)
    await vis(page, ready).waitFor({ timeout: 30000 })
  }

  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll')
      return server
    },
    get browser() {
      if (!browser) throw new Error('chromium starts in beforeAll')
      return browser
    },
    errors,
    shots,
    vis,
    open,
    async shot(page, name, fullPage = false) {
      taken.add(join(shots, `${name}.png`))
      await page.waitForTimeout(300)
      await page.screenshot({ path: join(shots, `${name}.png`), fullPage })
    },
    async demoLogin(page, openid) {
      await open(page, '/packages/account/pages/login/index', `#demo-${openid}`)
      await vis(page, `#demo-${openid}`).click()
      await vis(page, '.hm-cover').waitFor({ timeout: 30000 })
    },
    async staffLogin(page, username) {
      await open(page, '/packages/caseworker/pages/login/index', '#staff-login')
      await vis(page, '#staff-username input').fill(username)
      await vis(page, '#staff-password input').fill(DEMO_PASSWORD)
      await vis(page, '#staff-login .nut-button').click()
      await vis(page, '#live-status').waitFor({ timeout: 30000 })
    },
    async pick(page, trigger, file) {
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), trigger.click()])
      await chooser.setFiles(file)
    },
    async staffToken(username) {
      const r = await fetch(`${suite.server.base}/api/auth/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      })
      if (r.status !== 200) throw new Error(`staff login ${username}: ${r.status}`)
      return ((await r.json()) as { accessToken: string }).accessToken
    },
  }
  return suite
}
