/**
 * 监管看板 in a real browser against the real server (H5 build, desk viewport): the Jincheng caseworker opens
 * the dashboard from the console (the demo's 高平市 is already past both levels: two warnings listed); a claim
 * of 李秀英 in 泽州县 (26.09% before) is approved (through the API, as another caseworker's desk would) at an
 * amount that pushes the county over 80% → the warning appears on the open page without a reload; the
 * settlement statement's .xlsx is downloaded and its 泽州县 figures equal the screen's; the print
 * view shows the statement only. Then the beneficiary opens the decision letter (查看决定书) of that claim,
 * in 长辈模式 (elder rules checked on the page).
 *
 * Screenshots go to a temp folder, or to docs/screenshots with HUIMIN_SCREENSHOTS=docs.
 */
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Decimal from 'decimal.js'
import type { BrowserContext, Page } from 'playwright-core'
import { readTables } from '../../server/src/oversight/xlsx'
import { collectErrors, desk, elderProblems, phone } from './support/browser'
import { browserSuite, DEMO_PASSWORD } from './support/suite'

const DOWNLOADS = mkdtempSync(join(tmpdir(), 'huimin-downloads-'))

const s = browserSuite('oversight')
const { errors, vis, shot, open } = s

/** JSON over the real HTTP API (what another desk would do). */
async function call<T = Record<string, unknown>>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown, idempotencyKey?: string): Promise<{ status: number; body: T }> {
  const r = await fetch(s.server.base + path, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  })
  return { status: r.status, body: (await r.json().catch(() => ({}))) as T }
}

/** "1,150.00 元" → "1150.00"; "86.96%" → "86.96". */
const figure = (s: string | null) => (s ?? '').replace(/[,\s元%]/g, '')

describe('the oversight dashboard', () => {
  let staff: BrowserContext
  let cw: Page
  let cwToken = ''
  let county = { districtId: 0, premium: '', claims: '' }
  let listedBefore = 0
  let claimId = 0

  beforeAll(async () => {
    staff = await desk(s.browser)
    cw = await staff.newPage()
    collectErrors(cw, errors)
    const login = await call<{ accessToken: string }>('POST', '/api/auth/staff/login', undefined, { username: 'cw-jincheng', password: DEMO_PASSWORD })
    expect(login.status).toBe(200)
    cwToken = login.body.accessToken
  })

  it('opens from the caseworker console: Jincheng 2026, live, no warning yet', async () => {
    await open(cw, '/packages/caseworker/pages/login/index', '#staff-login')
    await vis(cw, '#staff-username input').fill('cw-jincheng')
    await vis(cw, '#staff-password input').fill(DEMO_PASSWORD)
    await vis(cw, '#staff-login .nut-button').click()
    await vis(cw, '#open-oversight').click()
    await vis(cw, '#ov-scheme-jc-fpzhbx').click()
    await vis(cw, '#ov-year-2026.staff__chip--on').waitFor()
    await expect(vis(cw, '#ov-live-status').textContent()).resolves.toBeTruthy()
    await cw.waitForFunction(() => document.querySelector('#ov-live-status')?.textContent?.includes('实时更新中'), undefined, { timeout: 30000 })
    await vis(cw, '#ov-county-ratios').waitFor()
    // 泽州县 from the same API the page reads: its premium and claims, and no warning recorded yet.
    const w = await call<{ counties: { districtId: number; name: string; premium: string; claims: string; levels: unknown[] }[]; warnings: { districtName: string }[] }>(
      'GET', '/api/oversight/warnings?schemeId=jc-fpzhbx&year=2026', cwToken,
    )
    const zz = w.body.counties.find((c) => c.name === '泽州县')!
    county = { districtId: zz.districtId, premium: zz.premium, claims: zz.claims }
    expect(zz.levels).toEqual([])
    expect(w.body.warnings.filter((x) => x.districtName === '泽州县')).toEqual([])
    listedBefore = w.body.warnings.length
    expect(await vis(cw, '#ov-warning-count').textContent()).toContain(`已记录的预警 ${listedBefore} 条`)
    expect(await cw.locator('.ov-warning--new').count()).toBe(0)
    // The premiums table shows the same premium and each payer's share.
    const card = vis(cw, `#ov-premium-${zz.districtId}`)
    const text = (await card.textContent())!
    expect(text).toContain(`${new Decimal(zz.premium).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} 元`)
    expect(text).toContain('其中')
    await shot(cw, 'oversight-dashboard')
  })

  it('shows the warning without a reload when an approval pushes 泽州县 over 80%', async () => {
    // The beneficiary (李秀英, 泽州县) reports a small inpatient claim: 2,100 self-pay − 2,000 deductible → 50.00.
    const me = await call<{ accessToken: string }>('POST', '/api/auth/dev-login', undefined, { openid: 'demo-openid-elderly' })
    const reported = await call<{ id: number; documents: { documentId: string }[]; estimatedPayout: string | null }>(
      'POST', '/api/claims', me.body.accessToken,
      { schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-11-10', place: '泽州县人民医院', description: '住院', facts: { selfPayAfterOthers: '2100.00' } },
      `browser-ov-${Date.now()}`,
    )
    expect(reported.status).toBe(201)
    claimId = reported.body.id
    let step = 0
    const move = async (body: object) => {
      const r = await call('POST', `/api/claims/${claimId}/transitions`, cwToken, body, `browser-ov-${claimId}-${++step}`)
      expect({ status: r.status, body }).toEqual({ status: 200, body })
    }
    await move({ to: 'accepted' })
    for (const d of reported.body.documents) {
      const r = await call('POST', `/api/claims/${claimId}/documents/${encodeURIComponent(d.documentId)}/review`, cwToken, { status: 'accepted' })
      expect(r.status).toBe(201)
    }
    const now = await call<{ state: string }>('GET', `/api/claims/${claimId}`, cwToken)
    if (now.body.state !== 'under_review') await move({ to: 'under_review' })
    // Still under 80% with the report alone (the page has nothing new).
    const before = await call<{ counties: { name: string; claims: string; levels: unknown[] }[] }>('GET', '/api/oversight/warnings?schemeId=jc-fpzhbx&year=2026', cwToken)
    const zz = before.body.counties.find((c) => c.name === '泽州县')!
    expect(zz.levels).toEqual([])
    await cw.waitForTimeout(1500)
    expect(await vis(cw, '#ov-warning-count').textContent()).toContain(`已记录的预警 ${listedBefore} 条`)
    expect(await cw.locator('.ov-warning--new').count()).toBe(0)

    // A marker that a reload would wipe.
    await cw.evaluate(() => ((window as unknown as { __noReload: number }).__noReload = 1))
    // Approved so that the county's claims come to 85% of its premium (reviewed receipts): over 80%, under 100%.
    const others = new Decimal(zz.claims).minus(reported.body.estimatedPayout ?? '0')
    const amount = new Decimal(county.premium).times('0.85').minus(others).toDecimalPlaces(2, Decimal.ROUND_UP).toFixed(2)
    const t0 = Date.now()
    await move({ to: 'approved', amount, reason: '复核票据后按实际自付费用核定' })
    const item = vis(cw, '.ov-warning--new')
    await item.waitFor({ timeout: 20000 })
    const seconds = (Date.now() - t0) / 1000
    console.log(`[browser] oversight: the warning was on screen ${seconds.toFixed(1)} s after the approval answered`)
    const text = (await item.textContent())!
    expect(text).toContain('泽州县')
    expect(text).toContain('【新】')
    const expected = others.plus(amount).div(county.premium).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2)
    expect(text).toContain(`赔付率 ${expected}%`)
    expect(await cw.evaluate(() => (window as unknown as { __noReload?: number }).__noReload)).toBe(1)
    expect(await vis(cw, '#ov-warning-count').textContent()).toContain(`已记录的预警 ${listedBefore + 1} 条`)
    // The county's bar moved with it (the list was reloaded in place).
    await cw.waitForFunction((p) => document.querySelector('#ov-county-ratios')?.textContent?.includes(p), `${expected}%`, { timeout: 15000 })
    await cw.evaluate(() => document.querySelector('#ov-live-status')?.scrollIntoView({ block: 'start' }))
    await shot(cw, 'oversight-warning-live')

    // The claims money tab: the same ratio, with the monthly chart.
    await vis(cw, '#ov-tab-money').click()
    const ratio = vis(cw, `#ov-ratio-${county.districtId}`)
    await ratio.waitFor()
    expect(figure(await ratio.textContent())).toBe(expected)
    await vis(cw, '#ov-monthly').waitFor()
  })

  it('downloads the settlement statement as .xlsx with the numbers on the screen, and prints the statement only', async () => {
    await vis(cw, '#ov-tab-settlements').click()
    const card = vis(cw, `#ov-statement-${county.districtId}`)
    await card.waitFor({ timeout: 30000 })
    const screenPremium = figure(await card.locator('.ov-premium').textContent())
    const screenRatio = figure(await card.locator('.ov-money').first().textContent())
    expect(screenPremium).toBe(new Decimal(county.premium).toFixed(2))
    expect(await card.textContent()).toContain('计算过程')
    await vis(cw, '#ov-settlements').scrollIntoViewIfNeeded()
    await cw.evaluate(() => document.querySelector('#ov-settlements')?.scrollIntoView({ block: 'start' }))
    await shot(cw, 'oversight-settlement')

    const [download] = await Promise.all([cw.waitForEvent('download', { timeout: 30000 }), vis(cw, '#ov-settlements-xlsx').click()])
    expect(download.suggestedFilename()).toBe('结算单-jc-fpzhbx-2026.xlsx')
    const file = join(DOWNLOADS, download.suggestedFilename())
    await download.saveAs(file)
    const sheets = await readTables(readFileSync(file))
    const sheet = sheets['结算单']
    const col = (h: string) => sheet.header.indexOf(h)
    const row = sheet.rows.find((r) => r[col('区县')] === '泽州县')!
    expect(row).toBeDefined()
    expect(new Decimal(row[col('净保费（元）')] as number).toFixed(2)).toBe(screenPremium)
    expect(new Decimal(row[col('赔付率（%）')] as number).toFixed(2)).toBe(screenRatio)
    await vis(cw, '.ov-download .hm-small').waitFor() // 已下载：…

    // Print view: the statement without the navigation, filters and buttons.
    await cw.emulateMedia({ media: 'print' })
    expect(await cw.locator('.ov-noprint').locator('visible=true').count()).toBe(0)
    await expect(card.isVisible()).resolves.toBe(true)
    await shot(cw, 'oversight-settlement-print')
    await cw.emulateMedia({ media: 'screen' })
  })

  it('KPIs: each a figure, a trend and an .xlsx', async () => {
    await vis(cw, '#ov-tab-kpis').click()
    await vis(cw, '#ov-kpis .ov-figure').waitFor({ timeout: 30000 })
    expect(await cw.locator('#ov-kpis .ov-figure').count()).toBeGreaterThanOrEqual(3)
    const [download] = await Promise.all([cw.waitForEvent('download', { timeout: 30000 }), vis(cw, '#ov-kpis-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  })

  it('沪惠保补贴: only its KPIs (应补尽补率, 发放准确率, 发放及时率), each a figure, a monthly trend and the .xlsx', async () => {
    await vis(cw, '#ov-scheme-mh-huhuibao').click()
    await vis(cw, '#ov-kpi-coverage .ov-figure').waitFor({ timeout: 30000 })
    for (const id of ['coverage', 'accuracy', 'onTime']) {
      expect(await cw.locator(`#ov-kpi-${id} .ov-figure`).count()).toBe(1)
      expect(await cw.locator(`#ov-kpi-trend-${id} .ov-bars__row`).count()).toBeGreaterThanOrEqual(12)
    }
    expect(await cw.locator('#ov-tab-premiums').count()).toBe(0) // no premiums, claims or statements of its own
    const [download] = await Promise.all([cw.waitForEvent('download', { timeout: 30000 }), vis(cw, '#ov-kpis-xlsx').click()])
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)
  })

  it('lets the beneficiary open the decision letter of the approved claim (长辈模式)', async () => {
    const ctx = await phone(s.browser)
    const p = await ctx.newPage()
    collectErrors(p, errors)
    await open(p, '/packages/account/pages/login/index', '#demo-demo-openid-elderly')
    await vis(p, '#demo-demo-openid-elderly').click()
    await vis(p, '.hm-cover').waitFor({ timeout: 30000 })
    await open(p, '/pages/me/index', '.me__row')
    await vis(p, '.me__row').click() // 长辈模式 on
    await vis(p, '.hm-page.hm-elder').waitFor()
    await open(p, `/packages/claim/pages/detail/index?id=${claimId}`, '#claim-decision-letter')
    await vis(p, '#claim-decision-letter').scrollIntoViewIfNeeded()
    expect(await elderProblems(p)).toEqual([])
    await shot(p, 'claim-decision-letter-elder')
    const [tab, letter] = await Promise.all([
      ctx.waitForEvent('page'),
      p.waitForResponse((r) => /\/api\/claims\/\d+\/decision\.(pdf|html)$/.test(r.url()) && r.status() === 200, { timeout: 30000 }),
      vis(p, '#open-decision-letter').click(),
    ])
    expect(letter.request().headers()['authorization']).toMatch(/^Bearer /) // the header, not a token in the URL
    expect(letter.url()).not.toContain('token')
    expect(letter.headers()['content-type']).toMatch(/application\/pdf|text\/html/)
    // The new tab shows the fetched letter (a blob: URL), or chromium hands a PDF to its download manager.
    const shown = await Promise.race([
      tab.waitForURL(/^blob:/, { timeout: 30000 }).then(() => 'tab'),
      tab.waitForEvent('download', { timeout: 30000 }).then(() => 'download'),
    ])
    expect(['tab', 'download']).toContain(shown)
    await ctx.close()
  })
})
