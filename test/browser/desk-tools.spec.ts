/**
 * The caseworker's desk tools (packages/desk) in a real browser against the real server (H5 build, desk
 * viewport): a caseworker finds a beneficiary and reports on their behalf (the beneficiary then sees the
 * claim on their phone, and the claim names both); uploads a roster with bad rows, reads the row report,
 * downloads it as .xlsx and applies it with progress; imports a monitoring-alert CSV (one good row, one bad)
 * and sees the reminder it created; and a Minhang caseworker runs the 沪惠保 matching with its figures.
 *
 * Screenshots go to a temp folder, or to docs/screenshots with HUIMIN_SCREENSHOTS=docs.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { collectErrors, desk, phone } from './support/browser'
import { ROOT } from './support/server'
import { browserSuite } from './support/suite'

const FILES = mkdtempSync(join(tmpdir(), 'huimin-desk-'))

const s = browserSuite('desk tools')
const { errors, vis, open, staffLogin, pick, staffToken } = s
/** Desk pages are long: whole-page shots. */
const shot = (page: Page, name: string) => s.shot(page, name, true)

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const r = await fetch(s.server.base + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.body && typeof init.body === 'string' ? { 'content-type': 'application/json' } : {}), ...(init.headers ?? {}) } })
  return { status: r.status, body: (await r.json()) as T }
}

/** 'YYYY-MM-DD' in Shanghai, `days` from today. */
function shanghaiDate(days = 0): string {
  return new Date(Date.now() + days * 86400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' })
}

describe('the caseworker desk tools', () => {
  let staff: BrowserContext
  let cw: Page
  let personId = 0
  let claimId = 0
  let claimNo = ''

  beforeAll(async () => {
    staff = await desk(s.browser)
    cw = await staff.newPage()
    collectErrors(cw, errors)
    await staffLogin(cw, 'cw-jincheng')
  })

  it('reports on behalf of a beneficiary found by name; the claim names the person and the caseworker', async () => {
    await vis(cw, '#open-desk').click()
    await vis(cw, '#tool-report').waitFor({ timeout: 30000 })
    await shot(cw, 'desk-home')
    await vis(cw, '#tool-report').click()
    await vis(cw, '#person-q input').fill('赵')
    await vis(cw, '#person-search .nut-button').click()
    await vis(cw, '#person-search .hm-error-text:text-is("请至少输入两个字的姓名，或完整的身份证号")').waitFor()

    await vis(cw, '#person-q input').fill('赵桂兰')
    await vis(cw, '#person-search .nut-button').click()
    const row = vis(cw, '#person-search .desk__person')
    await row.waitFor({ timeout: 30000 })
    const rowText = (await row.textContent())!
    expect(rowText).toContain('赵*兰')
    expect(rowText).not.toContain('赵桂兰') // masked on screen
    expect(rowText).toMatch(/\d{3}\*{11}\d{3}[\dX]/)
    personId = Number((await row.getAttribute('id'))!.replace('person-', ''))
    await shot(cw, 'desk-report-search')
    await row.click()

    await vis(cw, '#benefit-jc-fpzhbx-inpatient').click()
    await vis(cw, '#field-facts-selfPayAfterOthers input').fill('3000')
    await vis(cw, '#field-place input').fill('高平市人民医院')
    await vis(cw, '#field-description textarea').fill('老人行动不便，由村里经办人员代为报案：因心衰住院 6 天')
    const keys: string[] = []
    cw.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/api/claims')) keys.push(r.headers()['idempotency-key'] ?? '')
    })
    await vis(cw, '#proxy-form .nut-button:has-text("提交报案")').click()
    const done = vis(cw, '#proxy-done')
    await done.waitFor({ timeout: 30000 })
    const text = (await done.textContent())!
    claimNo = text.match(/HM\d{12}/)![0]
    expect(text).toMatch(/已为 赵.兰 报案/)
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatch(/^desk-claim-/)
    await shot(cw, 'desk-report-done')

    // The claim records both: the person it is for, and that staff reported it.
    const token = await staffToken('cw-jincheng')
    const list = await api<{ items: { id: number; claimNo: string }[] }>('/api/claims?pageSize=100', token)
    claimId = list.body.items.find((c) => c.claimNo === claimNo)!.id
    const detail = await api<{ personId: number; source: string; timeline: { label: string; actor: string }[] }>(`/api/claims/${claimId}`, token)
    expect(detail.body.personId).toBe(personId)
    expect(detail.body.source).toBe('staff')
    expect(detail.body.timeline[0]).toMatchObject({ label: '工作人员代为报案', actor: '社区工作人员' })
  })

  it('the beneficiary sees the claim reported for them on their phone', async () => {
    const ctx = await phone(s.browser)
    const me = await ctx.newPage()
    collectErrors(me, errors)
    await open(me, '/packages/account/pages/login/index', '#demo-demo-openid-jincheng')
    await vis(me, '#demo-demo-openid-jincheng').click()
    await vis(me, '.hm-cover').waitFor({ timeout: 30000 })
    await open(me, '/pages/claims/index', `#claim-${claimId}`)
    await expect(vis(me, `#claim-${claimId}`).textContent()).resolves.toContain(claimNo)
    await vis(me, `#claim-${claimId}`).click()
    await vis(me, '#claim-state').waitFor({ timeout: 30000 })
    await expect(vis(me, '#claim-timeline').textContent()).resolves.toContain('工作人员代为报案')
    await shot(me, 'desk-report-seen-by-beneficiary')
    await ctx.close()
  })

  it('uploads a roster with bad rows: the row report per row, the .xlsx, then apply with progress', async () => {
    const { generateRoster } = require(join(ROOT, 'server', 'dist', 'rosters', 'generator.js')) as typeof import('../../server/src/rosters/generator')
    const file = join(FILES, '泽州县-名单.csv')
    const summary = await generateRoster({ schemeId: 'jc-fpzhbx', district: '泽州县', rows: 60, bad: 5, format: 'csv', month: '2026-01', seed: 11 }, file)
    const badRows = Object.values(summary.bad).reduce((a, b) => a + b, 0)
    expect(badRows).toBe(5)

    await open(cw, '/packages/desk/pages/home/index', '#tool-roster')
    await vis(cw, '#tool-roster').click()
    await vis(cw, '#roster-form').waitFor()
    // Nothing chosen: every field says what is missing, in Chinese.
    await vis(cw, '#roster-form .nut-button:has-text("上传并校验")').click()
    await vis(cw, '#roster-form .hm-error-text:text-is("请选择保险方案")').waitFor()
    await vis(cw, '#roster-form .hm-error-text:text-is("请选择名单文件（.xlsx 或 .csv）")').waitFor()

    await vis(cw, '#r-scheme-jc-fpzhbx').click()
    await vis(cw, '#roster-form .staff__chip:has-text("泽州县")').click()
    await vis(cw, '#r-month input').fill('2026-01')
    await vis(cw, '#r-mode-delta').click()
    await pick(cw, vis(cw, '#r-file'), file)
    await vis(cw, '#r-file:has-text("泽州县-名单.csv")').waitFor()
    await vis(cw, '#roster-form .nut-button:has-text("上传并校验")').click()

    await vis(cw, '#roster-status-text:has-text("校验完成")').waitFor({ timeout: 60000 })
    const figures = (await vis(cw, '#roster-figures').textContent())!
    expect(figures).toContain(`${summary.rows}行数`)
    const errorRows = await cw.locator('#roster-errors .desk__row').locator('visible=true').count()
    expect(errorRows).toBeGreaterThanOrEqual(1)
    // Each bad row is listed with its row number and a Chinese reason.
    const firstBad = Object.values(summary.badRows ?? {}).flat()[0] as number | undefined
    if (firstBad) await vis(cw, `#roster-errors #row-${firstBad}`).waitFor()
    const errText = (await vis(cw, '#roster-errors').textContent())!
    expect(errText).toMatch(/第 \d+ 行 · 错误/)
    expect(errText).toMatch(/身份证号|身份类别|区县|有效期/)
    await shot(cw, 'desk-roster-report')

    const [download] = await Promise.all([cw.waitForEvent('download'), vis(cw, '#roster-download').click()])
    const saved = join(FILES, 'report.xlsx')
    await download.saveAs(saved)
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK') // an xlsx (zip)
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/)

    await vis(cw, '#roster-apply').click()
    await vis(cw, '#roster-status-text:has-text("已应用")').waitFor({ timeout: 90000 })
    await expect(vis(cw, '#roster-status').textContent()).resolves.toMatch(/已应用：共 \d+ 处变化/)
    await shot(cw, 'desk-roster-applied')
  })

  it('imports a monitoring-alert CSV: one reminder created, the bad row named, the reminder listed', async () => {
    const token = await staffToken('cw-jincheng')
    const pii = await api<{ value: string }>(`/api/people/${personId}/pii?field=idNumber`, token)
    const eventDate = shanghaiDate(-3)
    const csv = `身份证号,类型,日期,方案,保障项目,说明,来源编号\n${pii.body.value},住院,${eventDate},jc-fpzhbx,inpatient,医保住院结算记录（监测）,DESK-0001\n123,住院,${eventDate},jc-fpzhbx,inpatient,坏行,DESK-0002\n`
    const file = join(FILES, 'alerts.csv')
    writeFileSync(file, csv)

    await open(cw, '/packages/desk/pages/home/index', '#tool-alerts')
    await vis(cw, '#tool-alerts').click()
    await vis(cw, '#alert-import').waitFor()
    await vis(cw, '#alert-import .nut-button:has-text("导入")').click()
    await vis(cw, '#alert-import .hm-error-text:text-is("请选择监测系统导出的 CSV 文件")').waitFor()
    await pick(cw, vis(cw, '#a-file'), file)
    await vis(cw, '#alert-import .nut-button:has-text("导入")').click()
    const report = vis(cw, '#alert-report')
    await report.waitFor({ timeout: 30000 })
    const r = (await report.textContent())!
    expect(r).toContain('1新建提醒')
    expect(r).toContain('1有错误')
    expect(r).toMatch(/第 3 行 · /)
    const listed = vis(cw, `#alert-list .hm-card:has-text("${eventDate}")`)
    await listed.waitFor({ timeout: 30000 })
    await expect(listed.textContent()).resolves.toContain('住院')
    await shot(cw, 'desk-alerts-imported')
  })

  it('runs the 沪惠保 matching for a Minhang 街镇 and shows the targets with their figures', async () => {
    const ctx = await desk(s.browser)
    const mh = await ctx.newPage()
    collectErrors(mh, errors)
    await staffLogin(mh, 'cw-minhang')
    await open(mh, '/packages/desk/pages/subsidy/index', '#s-year')
    await vis(mh, '#s-year input').fill('24')
    await vis(mh, '.hm-error-text:text-is("保单年度应为四位年份，如 2024")').waitFor()
    await vis(mh, '#s-year input').fill('2024')
    await vis(mh, '#s-kpis .desk__figures').waitFor({ timeout: 30000 })
    await expect(vis(mh, '#s-kpis').textContent()).resolves.toContain('应补尽补率')
    await vis(mh, '#s-match .nut-button').click()
    const m = vis(mh, '#s-match-result')
    await m.waitFor({ timeout: 60000 })
    expect((await m.textContent())!).toMatch(/\d+保单/)
    await shot(mh, 'desk-subsidy')
    // The figures above, and a batch exported for the bank (an audited download with the full account numbers).
    await vis(mh, '#s-kpis').scrollIntoViewIfNeeded()
    await shot(mh, 'desk-subsidy-kpis')
    const batch = vis(mh, '#s-batches .desk__row')
    await batch.waitFor({ timeout: 30000 })
    const [download] = await Promise.all([mh.waitForEvent('download'), batch.locator('.nut-button:has-text("导出交银行")').click()])
    const saved = join(FILES, 'batch.xlsx')
    await download.saveAs(saved)
    expect(readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK')
    expect(download.suggestedFilename()).toMatch(/^沪惠保补贴发放-.+\.xlsx$/)
    await ctx.close()
  })
})
