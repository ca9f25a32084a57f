#!/usr/bin/env node
// The manual browser check: serve dist/h5, open it in Debian's chromium at a 375×812 phone viewport,
// elder mode off and on, and save screenshots of 首页, a scheme, a benefit and the calculator with a
// result (重庆 大病补充, 低保, 70000 → 20450.00) to docs/screenshots/. Also checks that a large browser
// font turns elder mode on by default. Needs `npm run build:h5` first and /usr/bin/chromium
// (apt-get install -y chromium fonts-wqy-zenhei).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync } from 'node:fs'
import { launchPhone } from './browser.mjs'
import { serveH5 } from './serve-h5.mjs'

const outDir = new URL('../../docs/screenshots/', import.meta.url).pathname
mkdirSync(outDir, { recursive: true })
const server = await serveH5(0)
const base = `http://127.0.0.1:${server.address().port}`
const problems = []
const check = (ok, what) => {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`)
  if (!ok) problems.push(what)
}

async function open(page, path, ready) {
  await page.goto(base + path)
  await page.waitForSelector(ready, { timeout: 20000 })
  await page.waitForTimeout(300)
}

/** Turn a weui picker column until `label` sits under the indicator (touch drags, as a finger would). */
async function turnColumn(page, cdp, column, label) {
  for (let i = 0; i < 60; i++) {
    const state = await page.evaluate(([n, want]) => {
      const overlay = [...document.querySelectorAll('.weui-picker__overlay')].find((o) => getComputedStyle(o).display !== 'none')
      const group = overlay.querySelectorAll('.weui-picker__group')[n]
      const ind = group.querySelector('.weui-picker__indicator').getBoundingClientRect()
      const mid = ind.top + ind.height / 2
      const items = [...group.querySelectorAll('.weui-picker__item')]
      let cur = 0
      items.forEach((it, k) => {
        const r = it.getBoundingClientRect()
        if (Math.abs(r.top + r.height / 2 - mid) < Math.abs(items[cur].getBoundingClientRect().top + items[cur].getBoundingClientRect().height / 2 - mid)) cur = k
      })
      const target = items.findIndex((it) => it.textContent.trim() === want)
      const g = group.getBoundingClientRect()
      return { cur, target, h: ind.height, x: g.left + g.width / 2, y: mid }
    }, [column, label])
    if (state.target < 0) throw new Error(`picker has no ${label}`)
    if (state.cur === state.target) return
    const dy = Math.max(-150, Math.min(150, (state.cur - state.target) * state.h))
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x: state.x, y: state.y }] })
    const steps = 12
    for (let s = 1; s <= steps; s++) {
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x: state.x, y: state.y + (dy * s) / steps }] })
      await page.waitForTimeout(20)
    }
    await page.waitForTimeout(250) // hold still before lifting: no fling
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] })
    await page.waitForTimeout(400)
  }
  throw new Error(`could not turn the picker to ${label}`)
}

async function pickDate(page, cdp, fieldId, iso) {
  const [y, m, d] = iso.split('-')
  await page.click(`#${fieldId} .est-select`)
  await page.waitForSelector('.weui-picker:visible')
  await page.waitForTimeout(400)
  await turnColumn(page, cdp, 0, `${y}年`)
  await turnColumn(page, cdp, 1, `${m}月`)
  await turnColumn(page, cdp, 2, `${d}日`)
  await page.click('.weui-picker__action:visible:has-text("确定")')
  await page.waitForTimeout(500)
}

async function shoot(page, name, opts = {}) {
  await page.screenshot({ path: `${outDir}${name}.png`, ...opts })
  console.log(`     docs/screenshots/${name}.png`)
}

for (const mode of ['normal', 'elder']) {
  const ctx = await launchPhone()
  const page = await ctx.newPage()
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`))
  const cdp = await ctx.newCDPSession(page)

  await open(page, '/pages/me/index', '.me__row')
  if (mode === 'elder') {
    await page.click('.me__row .hm-label, .me__label')
    await page.waitForSelector('.hm-page.hm-elder')
  }
  check((await page.locator('.hm-page.hm-elder').count()) === (mode === 'elder' ? 1 : 0), `${mode}: elder class on 我的`)
  await shoot(page, `me-${mode}`)

  await open(page, '/pages/index/index', '.home__hello')
  check((await page.locator('.hm-page.hm-elder').count()) === (mode === 'elder' ? 1 : 0), `${mode}: elder mode persists to 首页 after a reload`)
  const bodyPx = await page.evaluate(() => parseFloat(getComputedStyle(document.querySelector('.home__intro')).fontSize))
  check(mode === 'elder' ? bodyPx >= 18 : bodyPx >= 14, `${mode}: body text ${bodyPx}px`)
  const cards = await page.locator('.hm-scheme-card').count()
  check(cards === 5, `${mode}: 首页 lists ${cards} schemes`)
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)
  check(!overflow, `${mode}: no horizontal overflow on 首页`)
  await shoot(page, `home-${mode}`)

  await open(page, '/packages/policy/pages/scheme/index?id=cq-hmjkb', '.hm-title')
  await shoot(page, `scheme-${mode}`)

  await open(page, '/packages/policy/pages/benefit/index?scheme=cq-hmjkb&benefit=critical_supplement', '.benefit__doc')
  await shoot(page, `benefit-${mode}`)

  await open(page, '/packages/policy/pages/estimate/index?scheme=cq-hmjkb&benefit=critical_supplement', '.est-field')
  // Submitting the empty form: inline errors on each field, no pop-up.
  await page.click('.nut-button:has-text("算一算")')
  await page.waitForSelector('.est-field__error')
  check((await page.locator('.est-field__error').count()) === 5, `${mode}: 5 inline errors on the empty form`)

  await pickDate(page, cdp, 'field-incidentDate', '2025-08-12')
  await page.fill('#field-facts-outOfCatalogueSelfPay input', '70000')
  await pickDate(page, cdp, 'field-person-birthDate', '1958-03-02')
  await page.click('#field-person-area .est-select')
  await page.waitForSelector('.weui-picker:visible')
  await page.waitForTimeout(400)
  await turnColumn(page, cdp, 0, '万州区')
  await page.click('.weui-picker__action:visible:has-text("确定")')
  await page.waitForTimeout(400)
  await page.click('#field-person-identities .est-option:has-text("低保对象")')
  await shoot(page, `estimate-form-${mode}`)
  await page.click('.nut-button:has-text("算一算")')
  await page.waitForSelector('#result')
  const money = await page.textContent('#result .hm-estimate__money')
  check(money.replace(/\s/g, '') === '20,450.00元', `${mode}: 重庆 大病补充 70000 → ${money}`)
  // The whole result (payout, every breakdown line with its source, documents, insurer), as one image.
  // Taro's H5 page is its own scroll container: make the viewport as tall as the page for this shot.
  const tall = await page.evaluate(() => Math.max(...[...document.querySelectorAll('.taro_page, .hm-page')].map((e) => e.scrollHeight)))
  await page.setViewportSize({ width: 375, height: Math.min(tall + 100, 8000) })
  await page.waitForTimeout(300)
  await page.locator('#result').screenshot({ path: `${outDir}estimate-result-${mode}.png` })
  await page.setViewportSize({ width: 375, height: 812 })

  if (mode === 'normal') {
    // Not covered: the same claim for someone with none of the qualifying identities.
    await page.click('#field-person-identities .est-option:has-text("以上都不是")')
    check((await page.locator('#result').count()) === 0, 'changing an input clears the old result')
    await page.click('.nut-button:has-text("算一算")')
    await page.waitForSelector('.est-result__head--no')
    const reason = await page.textContent('#result .hm-card')
    check(/不具有参保身份/.test(reason), `not covered, with the reason: ${reason.slice(0, 40)}…`)
    await page.evaluate(() => document.querySelector('#result').scrollIntoView({ block: 'start' }))
    await page.waitForTimeout(300)
    await shoot(page, 'estimate-not-covered-normal')

    // Without parameters the calculator starts at step 1 (scheme), then step 2 (benefit), then the form.
    await open(page, '/packages/policy/pages/estimate/index', '.est-choice')
    await page.click('.est-choice:has-text("民政惠民济困保")')
    await page.click('.est-choice:has-text("大病补充")')
    await page.waitForSelector('#field-facts-outOfCatalogueSelfPay')
    check(true, 'calculator steps: scheme → benefit → form')
  }
  console.log(`     docs/screenshots/estimate-result-${mode}.png`)
  await ctx.close()
}

// A browser whose default font size is large starts in elder mode (no saved choice yet).
{
  const ctx = await launchPhone({ fontPx: 24 })
  const page = await ctx.newPage()
  await open(page, '/pages/index/index', '.home__hello')
  check((await page.locator('.hm-page.hm-elder').count()) === 1, 'large browser font (24px): elder mode on by default')
  await ctx.close()
}

server.close()
// Keep the PNGs small when pngquant is there (apt-get install -y pngquant): 256 colours is plenty for UI.
if (existsSync('/usr/bin/pngquant')) {
  const pngs = readdirSync(outDir).filter((f) => f.endsWith('.png')).map((f) => outDir + f)
  spawnSync('/usr/bin/pngquant', ['--force', '--ext', '.png', '--quality', '70-95', ...pngs], { stdio: 'inherit' })
}
if (problems.length) {
  console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`)
  process.exit(1)
}
console.log('\nall checks passed')
