import { listSchemes } from '@huimin/shared'
import type { LossRatioWarning } from './api/oversight-types'
import { fileNameOf } from './files'
import { aboveLevel, barLengths, barScale, defaultYear, levelPercent, mergeWarning, notifyText, schemeChoices } from './oversight'

const w = (id: number, extra: Partial<LossRatioWarning> = {}): LossRatioWarning => ({
  id, districtId: 1, districtName: '高平市', level: 'insurer_reports_to_county', label: 'x', notify: ['county'], source: 's', ratioPercent: '86.96', premium: '230.00', claims: '200.00', claimId: null, at: '2026-05-20T00:00:00.000Z', ...extra,
})

describe('oversight dashboard logic', () => {
  it('offers the insurance schemes with their years; settlements for Zhumadian and Jincheng, warnings for Jincheng only', () => {
    const c = schemeChoices()
    // The 沪惠保 purchase subsidy is offered last (KPIs only), the insurance schemes before it.
    const mh = listSchemes().find((s) => s.kind === 'purchase_subsidy')!.id
    expect(c.at(-1)).toMatchObject({ id: mh, subsidy: true })
    expect(c.filter((x) => x.subsidy).map((x) => x.id)).toEqual([mh])
    const jc = c.find((x) => x.id === 'jc-fpzhbx')!
    expect(jc.years.map((y) => y.id)).toContain('2026')
    expect(jc.warningYears).toContain('2026')
    expect(jc.settlementYears).toContain('2026')
    const zmd = c.find((x) => x.id === 'zmd-yymsh')!
    expect(zmd.settlementYears.length).toBeGreaterThan(0)
    expect(zmd.warningYears).toEqual([])
    expect(c.find((x) => x.id === 'cq-hmjkb')!.settlementYears).toEqual([])
  })

  it('picks the year containing today, else the latest begun', () => {
    const c = { id: 'z', label: 'z', settlementYears: [], warningYears: [], subsidy: false, years: [{ id: '2019', from: '2019-07-01', to: '2020-06-30' }, { id: '2020', from: '2020-07-01', to: '2021-06-30' }] }
    expect(defaultYear(c, '2020-03-01')).toBe('2019')
    expect(defaultYear(c, '2020-07-01')).toBe('2020')
    expect(defaultYear(c, '2026-11-22')).toBe('2020')
    expect(defaultYear(c, '2010-01-01')).toBe('2019')
  })

  it('sizes bars exactly with decimal.js, capped, nulls as zero', () => {
    expect(barLengths(['86.96', '43.48', null])).toEqual(['100', '50', '0'])
    // 0.1 + 0.2 style values stay exact
    expect(barLengths(['0.1', '0.3'])).toEqual(['33.33', '100'])
    // a floor for the scale: 60 of 120 is half; a larger value stretches the scale
    expect(barLengths(['60', '90'], '120')).toEqual(['50', '75'])
    expect(barLengths(['60', '150'], '120')).toEqual(['40', '100'])
    expect(barScale(['60', '150'], '120')).toBe('150')
    expect(barLengths(['80', '100'], barScale(['60', '90'], '120'))).toEqual(['66.67', '83.33'])
    expect(barLengths([null, '0'])).toEqual(['0', '0'])
    expect(barLengths(['-5', 'x', '10'])).toEqual(['0', '0', '100'])
  })

  it('reads warning levels as the engine writes them', () => {
    expect(levelPercent('0.80')).toBe('80')
    expect(levelPercent('1.00')).toBe('100')
    expect(aboveLevel('86.96', '0.80')).toBe(true)
    expect(aboveLevel('80.00', '0.80')).toBe(false) // strictly above
    expect(aboveLevel(null, '0.80')).toBe(false)
    expect(notifyText(['county', 'city', 'insurer'])).toBe('县（区）、市级、保险机构')
  })

  it('merges a live warning once, newest first, only for the scheme and year on screen', () => {
    const q = { schemeId: 'jc-fpzhbx', year: '2026' }
    const list = [w(1)]
    const added = mergeWarning(list, w(2, { schemeId: 'jc-fpzhbx', insuranceYear: 2026 }), q)
    expect(added.map((x) => x.id)).toEqual([2, 1])
    expect(mergeWarning(added, w(2), q)).toBe(added)
    expect(mergeWarning(list, w(3, { schemeId: 'zmd-yymsh' }), q)).toBe(list)
    expect(mergeWarning(list, w(4, { schemeId: 'jc-fpzhbx', insuranceYear: 2025 }), q)).toBe(list)
  })

  it('names downloaded files from Content-Disposition', () => {
    expect(fileNameOf(`attachment; filename="settlements-jc-fpzhbx-2026.xlsx"; filename*=UTF-8''${encodeURIComponent('结算单-jc-fpzhbx-2026')}.xlsx`, 'f.xlsx')).toBe('结算单-jc-fpzhbx-2026.xlsx')
    expect(fileNameOf('attachment; filename="a.xlsx"', 'f.xlsx')).toBe('a.xlsx')
    expect(fileNameOf(null, 'f.xlsx')).toBe('f.xlsx')
  })
})
