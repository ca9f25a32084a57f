#!/usr/bin/env node
// Draws the tab bar icons (81×81 PNG, WeChat's recommended size) from inline SVG with chromium.
// Run once after changing an icon; the PNGs are committed in src/assets/tab/.
import { launchPhone } from './browser.mjs'

const out = new URL('../src/assets/tab/', import.meta.url).pathname
const COLORS = { '': '#555555', '-on': '#b3261e' }
const W = 'stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" fill="none"'
const ICONS = {
  home: `<path ${W} d="M3 11 12 3l9 8"/><path ${W} d="M5.5 9.5V21h13V9.5"/><path ${W} d="M10 21v-6h4v6"/>`,
  claims: `<rect ${W} x="5" y="3" width="14" height="18" rx="2"/><path ${W} d="M8.5 8h7M8.5 12h7M8.5 16h4"/>`,
  messages: `<path ${W} d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z"/><path ${W} d="M10 20.5a2 2 0 0 0 4 0"/>`,
  me: `<circle ${W} cx="12" cy="8" r="4"/><path ${W} d="M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7"/>`,
}

const ctx = await launchPhone()
const page = await ctx.newPage()
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color] of Object.entries(COLORS)) {
    await page.setContent(`<body style="margin:0;background:transparent"><svg id="i" width="81" height="81" viewBox="0 0 24 24" style="color:${color};stroke:${color}">${body}</svg></body>`)
    await page.locator('#i').screenshot({ path: `${out}${name}${suffix}.png`, omitBackground: true })
  }
}
await ctx.close()
console.log(`icons written to ${out}`)
