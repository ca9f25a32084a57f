/**
 * Guards for rules the whole UI keeps: no pop-ups (elder mode promises none, so no page uses them),
 * NutUI only through per-component default imports, and no floating-point money in the UI code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'

const SRC = join(__dirname, '..')

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name)
    if (statSync(p).isDirectory()) return sources(p)
    return /\.(ts|tsx)$/.test(name) && !/\.spec\.tsx?$/.test(name) ? [p] : []
  })
}

const files = sources(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }))

describe('UI rules', () => {
  it('uses no Toast, Modal, Dialog or loading pop-ups', () => {
    const hits = files.filter((f) => /showToast|showModal|showLoading|showActionSheet|packages\/(toast|dialog|notify|popup)/.test(f.text))
    expect(hits.map((f) => f.path)).toEqual([])
  })

  it('imports NutUI only per component, in ui/nutui.ts', () => {
    const users = files.filter((f) => f.text.includes('@nutui/'))
    expect(users.map((f) => f.path)).toEqual(['ui/nutui.ts'])
    expect(users[0].text).not.toMatch(/from '@nutui\/nutui-react-taro'/)
  })

  it('never turns an amount into a float', () => {
    const hits = files.filter((f) => /parseFloat|Number\(\s*(values|amount|payout|str|v)\b|toFixed\(/.test(f.text) && f.path !== 'services/platform.ts')
    expect(hits.map((f) => f.path)).toEqual([])
  })
})
