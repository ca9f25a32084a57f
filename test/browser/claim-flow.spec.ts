/**
 * The whole claim, in a real browser against the real server (H5 build, phone viewport 360×740):
 * a beneficiary signs in (development login) → sees their cover → gets an estimate → reports with two
 * photos, the first upload failing (the test aborts it) and retried without choosing it again → the draft
 * survives a reload → submits; meanwhile a caseworker's queue (second browser) shows the new claim without
 * a reload → the caseworker accepts, reviews, approves with a changed amount (and its reason) → finance
 * marks it paid → the beneficiary sees 已赔付 with the amount. A second pass in 长辈模式 checks the elder
 * rules (text ≥ 18 px, line height ≥ 1.3, contrast ≥ 4.5:1, tap targets ≥ 60 px, no pop-ups) on every page.
 *
 * Screenshots go to a temp folder, or to docs/screenshots with HUIMIN_SCREENSHOTS=docs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { BrowserContext, Page } from 'playwright-core'
import { collectErrors, desk, elderProblems, phone } from './support/browser'
import { stripedPng } from './support/png'
import { browserSuite } from './support/suite'

const FILES = mkdtempSync(join(tmpdir(), 'huimin-photos-'))
const PHOTO_A = join(FILES, 'settlement.png')
const PHOTO_B = join(FILES, 'invoice.png')
writeFileSync(PHOTO_A, stripedPng(640, 480, [250, 250, 245], [40, 60, 140]))
writeFileSync(PHOTO_B, stripedPng(480, 640, [255, 255, 255], [180, 30, 30]))

const s = browserSuite('claim flow')
const { errors, vis, shot, open, demoLogin, staffLogin, pick } = s

describe('a claim from report to payment', () => {
  let beneficiary: BrowserContext
  let staff: BrowserContext
  let me: Page
  let cw: Page
  let claimId = 0

  beforeAll(async () => {
    beneficiary = await phone(s.browser)
    staff = await desk(s.browser)
    me = await beneficiary.newPage()
    cw = await staff.newPage()
    collectErrors(me, errors)
    collectErrors(cw, errors)
  })

  it('signs in with the development login and shows my cover with used and left', async () => {
    await open(me, '/pages/me/index', '#me-who')
    await shot(me, 'me-signed-out-normal')
    await demoLogin(me, 'demo-openid-jincheng')
    const cover = vis(me, '#cover-jc-fpzhbx')
    await expect(cover.textContent()).resolves.toContain('防贫综合保险')
    await expect(vis(me, '#benefit-jc-fpzhbx-inpatient').textContent()).resolves.toContain('还能赔 18,300.00 元')
    await shot(me, 'home-signed-in-normal')
  })

  it('reports: estimate with its breakdown, two photos (the first upload fails and is retried), a draft that survives a reload', async () => {
    await vis(me, '#benefit-jc-fpzhbx-inpatient .hm-plain-button').click()
    await vis(me, '#consent-medical').waitFor()
    await shot(me, 'report-consent-normal')
    await vis(me, '#consent-medical .hm-consent__agree').click()
    await vis(me, '#field-facts-selfPayAfterOthers input').fill('5000')
    await vis(me, '#field-place input').fill('高平市人民医院')
    await vis(me, '#field-description textarea').fill('因肺炎住院 8 天')

    await vis(me, '.nut-button:has-text("算一算能赔多少")').click()
    const money = vis(me, '#estimate .hm-estimate__money')
    await money.waitFor()
    // The demo's paid claim (server/src/seed/demo-claims.ts) met this year's 2,000 deductible: 5,000 × 50% = 2,500
    expect((await money.textContent())!.replace(/\s/g, '')).toBe('2,500.00元')
    await vis(me, '#estimate').scrollIntoViewIfNeeded()
    await shot(me, 'report-estimate-normal')

    // The first upload never reaches the server; the retry sends the same Idempotency-Key.
    const keys: string[] = []
    let first = true
    await me.route('**/api/attachments', async (route) => {
      keys.push(route.request().headers()['idempotency-key'] ?? '')
      if (first) {
        first = false
        await route.abort('connectionreset')
      } else await route.continue()
    })
    await pick(me, vis(me, '#doc-settlement_slip .photos__add'), PHOTO_A)
    const failed = vis(me, '#doc-settlement_slip .photos__item--failed')
    await failed.waitFor({ timeout: 30000 })
    await expect(failed.textContent()).resolves.toContain('没有传上去')
    await failed.scrollIntoViewIfNeeded()
    await shot(me, 'report-upload-failed-normal')
    await vis(me, '#doc-settlement_slip .photos__retry').click()
    await vis(me, '#doc-settlement_slip .photos__item--done').waitFor({ timeout: 30000 })
    await pick(me, vis(me, '#doc-invoices .photos__add'), PHOTO_B)
    await vis(me, '#doc-invoices .photos__item--done').waitFor({ timeout: 30000 })
    expect(keys).toHaveLength(3)
    expect(keys[0]).toBe(keys[1])
    expect(keys[2]).not.toBe(keys[0])
    await me.unroute('**/api/attachments')

    // Closing the app (a reload) loses nothing: the inputs and both uploaded photos come back.
    await me.reload()
    await vis(me, '#field-facts-selfPayAfterOthers input').waitFor({ timeout: 30000 })
    await expect(vis(me, '#field-facts-selfPayAfterOthers input').inputValue()).resolves.toBe('5000')
    await expect(vis(me, '#field-description textarea').inputValue()).resolves.toBe('因肺炎住院 8 天')
    await expect(me.locator('.photos__item--done').locator('visible=true').count()).resolves.toBe(2)
    await expect(vis(me, '.hm-notice:has-text("已恢复")').count()).resolves.toBe(1)
  })

  it('shows the new claim in the caseworker queue without a reload', async () => {
    await staffLogin(cw, 'cw-jincheng')
    await vis(cw, '#queue-count').waitFor()
    await shot(cw, 'caseworker-queue-before')

    await vis(me, '.nut-button:has-text("提交报案")').click()
    await vis(me, '#claim-state').waitFor({ timeout: 30000 })
    claimId = Number(new URL(me.url()).searchParams.get('id'))
    expect(claimId).toBeGreaterThan(0)
    await expect(vis(me, '#claim-state').textContent()).resolves.toContain('已收到报案')
    await shot(me, 'claim-reported-normal')

    // No reload in the caseworker's browser: the SSE feed (or its polling fallback) brings it in.
    const card = vis(cw, `#claim-${claimId}`)
    await card.waitFor({ timeout: 30000 })
    const mode = await vis(cw, '#live-status').textContent()
    console.log(`[browser] caseworker queue updated by: ${mode}`)
    expect(mode).toMatch(/实时更新中|自动刷新/)
    await expect(card.textContent()).resolves.toContain('住院医疗补偿')
    await shot(cw, 'caseworker-queue')
  })

  it('the beneficiary sends a missing document later, from the claim page', async () => {
    const line = vis(me, '#claim-upload #doc-medical_records .photos__add')
    await line.scrollIntoViewIfNeeded()
    await pick(me, line, PHOTO_B)
    // uploaded, then handed in to its line automatically
    await vis(me, '#claimdoc-medical_records .hm-badge:text-is("已收到")').waitFor({ timeout: 30000 })
    await vis(me, '#claimdoc-medical_records img').waitFor({ timeout: 30000 })
    await vis(me, '#claimdoc-medical_records').evaluate((el) => el.scrollIntoView({ block: 'start' }))
    await shot(me, 'claim-documents-normal')
  })

  it('the caseworker reviews: photos zoomable, a checklist line ticked, accepted, reviewed, approved with a changed amount and its reason', async () => {
    await vis(cw, `#claim-${claimId}`).click()
    await vis(cw, '#staff-claim-head').waitFor({ timeout: 30000 })
    await vis(cw, '#staffdoc-settlement_slip img').waitFor({ timeout: 30000 })
    await vis(cw, '#staffdoc-invoices img').waitFor({ timeout: 30000 })
    await vis(cw, '#staffdoc-settlement_slip img').click()
    await vis(cw, '#photo-viewer img').waitFor({ timeout: 30000 })
    const w0 = (await vis(cw, '#photo-viewer img').boundingBox())!.width
    await vis(cw, '#zoom-in').click()
    await cw.waitForTimeout(200)
    expect((await vis(cw, '#photo-viewer img').boundingBox())!.width).toBeGreaterThan(w0 * 1.3)
    await shot(cw, 'caseworker-photo-zoom')
    await vis(cw, '#accept-settlement_slip').click()
    await vis(cw, '#staffdoc-settlement_slip .hm-badge:text-is("已核验")').waitFor({ timeout: 30000 })

    const act = async (to: string, state: string) => {
      await vis(cw, `#action-${to}`).click()
      await vis(cw, '#action-submit').click()
      await vis(cw, `#staff-claim-state:text-is("${state}")`).waitFor({ timeout: 30000 })
    }
    await act('accepted', '已立案')
    await act('under_review', '审核中')

    await vis(cw, '#action-approved').click()
    await expect(vis(cw, '#action-amount input').inputValue()).resolves.toBe('2500.00')
    await vis(cw, '#action-amount input').fill('2000')
    await vis(cw, '#action-submit').click()
    await expect(vis(cw, '#action-form .hm-error-text').textContent()).resolves.toContain('原因')
    await vis(cw, '#action-reason textarea').fill('发票中 200 元为住院伙食费，不属于医疗费用')
    await vis(cw, '#action-form').scrollIntoViewIfNeeded()
    await shot(cw, 'caseworker-approve')
    await vis(cw, '#action-submit').click()
    await vis(cw, '#staff-claim-state:text-is("已核定（待赔付）")').waitFor({ timeout: 30000 })
    await vis(cw, '#staff-claim-head').scrollIntoViewIfNeeded()
    await shot(cw, 'caseworker-claim')
  })

  it('finance marks it paid', async () => {
    await staffLogin(cw, 'finance')
    await vis(cw, `#claim-${claimId}`).waitFor({ timeout: 30000 })
    await vis(cw, `#claim-${claimId}`).click()
    await vis(cw, '#action-paid').click()
    await vis(cw, '#action-payment-ref input').fill('BANK-20261122-0001')
    await vis(cw, '#action-submit').click()
    await vis(cw, '#staff-claim-state:text-is("已赔付（结案）")').waitFor({ timeout: 30000 })
  })

  it('the beneficiary sees 已赔付 with the amount', async () => {
    await open(me, '/pages/claims/index', `#claim-${claimId}`)
    await expect(vis(me, `#claim-${claimId}`).textContent()).resolves.toContain('已赔付 2,000.00 元')
    await shot(me, 'claims-normal')
    await vis(me, `#claim-${claimId}`).click()
    await vis(me, '#claim-paid').waitFor({ timeout: 30000 })
    expect((await vis(me, '#claim-paid').textContent())!.replace(/\s/g, '')).toContain('2,000.00元')
    await expect(vis(me, '#claim-state').textContent()).resolves.toContain('钱已打给您')
    await shot(me, 'claim-paid-normal')

    // 异议: the decision can be disputed, in writing, inline.
    await vis(me, '#claim-disputes textarea').fill('住院伙食费是医院收的，为什么不算？')
    await vis(me, '#claim-disputes .nut-button').click()
    await vis(me, '#claim-disputes .hm-badge:text-is("待答复")').waitFor({ timeout: 30000 })
    await expect(vis(me, '#claim-disputes').textContent()).resolves.toContain('住院伙食费是医院收的')
    await vis(me, '#claim-disputes').scrollIntoViewIfNeeded()
    await shot(me, 'claim-dispute-normal')
    await open(me, '/pages/messages/index', '.messages__item')
    await expect(vis(me, '.messages__item').textContent()).resolves.toMatch(/钱已打给您|已赔付/)
    await shot(me, 'messages-normal')
  })

  it('a reminder (主动理赔) imported by the caseworker shows on 首页 and 去报案 opens the form with its date', async () => {
    const post = (path: string, body: unknown, token?: string) =>
      fetch(s.server.base + path, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }).then((r) => r.json())
    const cwLogin = await post('/api/auth/staff/login', { username: 'cw-jincheng', password: 'Huimin-demo-2026' })
    const who = await post('/api/auth/dev-login', { openid: 'demo-openid-jincheng' })
    const personId = who.user.person.personId
    const pii = await fetch(`${s.server.base}/api/people/${personId}/pii?field=idNumber`, { headers: { authorization: `Bearer ${cwLogin.accessToken}` } }).then((r) => r.json())
    const form = new FormData()
    const csv = `身份证号,类型,日期,方案,保障项目,说明,来源编号\n${pii.value},其他,2026-11-10,jc-fpzhbx,outpatient,医保门诊结算记录,MZ-0001\n`
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'alerts.csv')
    const imported = await fetch(`${s.server.base}/api/claim-alerts/import`, { method: 'POST', headers: { authorization: `Bearer ${cwLogin.accessToken}` }, body: form }).then((r) => r.json())
    expect(imported).toMatchObject({ created: 1, errors: [] })

    await open(me, '/pages/index/index', '.hm-alert')
    await expect(vis(me, '.hm-alert').textContent()).resolves.toContain('2026-11-10')
    await shot(me, 'home-reminder-normal')
    await vis(me, '.hm-alert .nut-button').click()
    await vis(me, '.hm-consent__agree, #field-incidentDate').waitFor({ timeout: 30000 })
    if (await vis(me, '.hm-consent__agree').count()) await vis(me, '.hm-consent__agree').click()
    // the date comes from the reminder (fetched with the page)
    await vis(me, '#field-incidentDate:has-text("2026-11-10")').waitFor({ timeout: 30000 })
    await shot(me, 'report-from-reminder-normal')
    await expect(vis(me, '.report-chosen').textContent()).resolves.toContain('门诊')
  })

  describe('长辈模式 (elder mode) on every beneficiary page', () => {
    let elder: BrowserContext
    let p: Page
    beforeAll(async () => {
      elder = await phone(s.browser)
      p = await elder.newPage()
      collectErrors(p, errors)
      await demoLogin(p, 'demo-openid-jincheng')
      await open(p, '/pages/me/index', '.me__row')
      await vis(p, '.me__row').click()
      await vis(p, '.hm-page.hm-elder').waitFor()
    })

    const pages: [string, string, string, ((p: Page) => Promise<void>)?][] = [
      ['me-signed-in', '/pages/me/index', '#me-who'],
      ['home-signed-in', '/pages/index/index', '.hm-cover'],
      [
        'report',
        '/packages/report/pages/new/index?scheme=jc-fpzhbx&benefit=outpatient',
        '.hm-consent, .est-field',
        async (pg) => {
          if (await vis(pg, '.hm-consent__agree').count()) await vis(pg, '.hm-consent__agree').click()
          await vis(pg, '.est-field input').first().fill('3000')
          await vis(pg, '#field-description textarea').fill('门诊看病')
          await vis(pg, '.nut-button:has-text("算一算能赔多少")').click()
          await vis(pg, '#estimate').waitFor()
        },
      ],
      ['claims', '/pages/claims/index', '.hm-claim-card'],
      ['claim', '', '#claim-state'],
      ['messages', '/pages/messages/index', '.messages__item'],
      ['student', '/packages/more/pages/student/index', '#student-admission_grant'],
      ['huhuibao', '/packages/more/pages/huhuibao/index', '#hhb-qualify'],
      ['login', '/packages/account/pages/login/index', '.login__person'],
      ['calculator', '/packages/policy/pages/estimate/index?scheme=jc-fpzhbx&benefit=inpatient', '.est-field'],
    ]

    for (const [name, path, ready, act] of pages) {
      it(`${name}: text, spacing, contrast and tap targets`, async () => {
        await open(p, path || `/packages/claim/pages/detail/index?id=${claimId}`, ready)
        await act?.(p)
        await p.waitForTimeout(300)
        const problems = await elderProblems(p)
        await shot(p, `${name}-elder`)
        expect(problems).toEqual([])
        const overflow = await p.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1)
        expect(overflow).toBe(false)
      })
    }
  })
})
