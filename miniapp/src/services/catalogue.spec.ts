import { getBenefit, getScheme } from '@huimin/shared'
import { benefitLimits, displayVersion, documentLines, premiumLines, schemeCards, schemeView } from './catalogue'
import { dateWords, groupDigits, percentWords, signedYuan, yuanWords } from './format'

const TODAY = '2026-11-22'

describe('catalogue', () => {
  it('lists the five schemes with region, period and who is covered', () => {
    const cards = schemeCards(TODAY)
    expect(cards.map((c) => c.id)).toEqual(['cq-hmjkb', 'zmd-yymsh', 'lc-fpthb', 'jc-fpzhbx', 'mh-huhuibao'])
    expect(cards[0]).toMatchObject({ region: '重庆市', period: '2024年1月1日 至 2025年12月31日' })
    expect(cards[0].who).toContain('特困人员')
    expect(cards[1]).toMatchObject({ region: '河南省驻马店市', who: '驻马店市户籍居民（不含新蔡县）' })
    expect(cards[4].region).toBe('上海市闵行区')
  })

  it('shows the version in force today, or the latest one', () => {
    expect(displayVersion(getScheme('jc-fpzhbx'), TODAY).id).toBe('jc-2026')
    expect(displayVersion(getScheme('mh-huhuibao'), TODAY).id).toBe('mh-2024')
    expect(schemeView('nope', TODAY)).toBeUndefined()
  })

  it('explains limits, premiums and documents in plain words', () => {
    const cq = getScheme('cq-hmjkb')
    const v = displayVersion(cq, TODAY)
    const limits = benefitLimits(getBenefit(v, 'critical_supplement'))
    expect(limits).toContain('起付线 3,000 元（一年累计计算），超过的部分才赔')
    expect(limits).toContain('其他参保对象：0–10,000 元 赔 25%，10,000–50,000 元 赔 30%，50,000 元以上 赔 35%')
    expect(limits).toContain('每人每年最多 15 万元')
    expect(premiumLines(cq, v)[0]).toMatchObject({ amount: '每人每月 10 元', payers: '由重庆市民政局支付，参保人自己不用交钱' })
    const lc = getScheme('lc-fpthb')
    expect(premiumLines(lc, displayVersion(lc, TODAY))[0].payers).toBe('省级财政 100 元，市级财政 20 元，其余由县级财政支付，参保人自己不用交钱')
    const docs = documentLines(getBenefit(v, 'critical_supplement'))
    expect(docs[0].name).toContain('结算单')
  })
})

describe('format', () => {
  it('formats amounts as strings without floating point', () => {
    expect(groupDigits('20450.00')).toBe('20,450.00')
    expect(groupDigits('12345678901.23')).toBe('12,345,678,901.23')
    expect(signedYuan('-1800.00')).toBe('−1,800.00')
    expect(signedYuan('2500.00')).toBe('+2,500.00')
    expect(yuanWords('150000')).toBe('15 万元')
    expect(yuanWords('5000')).toBe('5,000 元')
    expect(percentWords('0.35')).toBe('35%')
    expect(percentWords('1')).toBe('100%')
    expect(percentWords('0.125')).toBe('12.5%')
    expect(dateWords('2024-01-01')).toBe('2024年1月1日')
  })
})
