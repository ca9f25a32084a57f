import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { session } from '@/services/api'
import type { KpisView } from '@/services/api/oversight-types'
import OversightDashboard from './index'

const m = { premiums: jest.fn(), kpis: jest.fn(), claimsMoney: jest.fn(), settlements: jest.fn(), download: jest.fn() }
jest.mock('@tarojs/taro', () => {
  const actual = jest.requireActual('@tarojs/taro')
  return { __esModule: true, ...actual, default: { ...actual.default, stopPullDownRefresh: () => undefined }, usePullDownRefresh: () => undefined }
})
jest.mock('@/services/api', () => {
  const actual = jest.requireActual('@/services/api')
  return {
    ...actual,
    oversight: {
      ...actual.oversight,
      premiums: (...a: unknown[]) => m.premiums(...a),
      kpis: (...a: unknown[]) => m.kpis(...a),
      claimsMoney: (...a: unknown[]) => m.claimsMoney(...a),
      settlements: (...a: unknown[]) => m.settlements(...a),
    },
  }
})
jest.mock('@/hooks/useLiveWarnings', () => ({
  useLiveWarnings: () => ({ warnings: [], fresh: new Set(), mode: 'live', claimTick: 0, reload: async () => undefined }),
}))
jest.mock('@/hooks/useParams', () => ({ useParams: () => ({}) }))
jest.mock('@/services/files', () => ({ downloadXlsx: (...a: unknown[]) => m.download(...a) }))

const TOTAL = { persons: 0, households: 0, householdsBilled: 0, personMonths: 0, premiumDue: '0.00', byPayer: [], recordedPremium: '0.00', difference: '0.00', personsByMonth: [] }
const PREMIUMS = { schemeId: 'x', schemeName: 'x', year: '2024', level: 'city', months: [], counted: { stale: false }, districts: [{ districtId: 3, name: '七宝镇', ...TOTAL, items: [] }], total: TOTAL, notes: [] }

const trend = (months: string[], points: Record<string, [number, number, string | null]>) =>
  months.map((month) => {
    const [numerator, denominator, percent] = points[month] ?? [0, 0, null]
    return { month, numerator, denominator, percent }
  })
const MH_MONTHS = ['2024-06', '2024-07', '2024-08', '2024-09']
const MINHANG: KpisView = {
  schemeId: 'mh-huhuibao', schemeName: '闵行区“沪惠保”补贴', year: '2024', level: 'city', today: '2025-02-01', months: MH_MONTHS,
  kpis: [
    { id: 'coverage', name: '应补尽补率', target: '100%', numerator: 2, denominator: 3, percent: '66.67', met: false, definition: '已发放的补贴对象 ÷ 符合条件的购买人；趋势按投保月份', source: '二、2 数量指标', trend: trend(MH_MONTHS, { '2024-06': [1, 2, '50.00'], '2024-07': [1, 1, '100.00'] }) },
    { id: 'accuracy', name: '补贴发放准确率', target: '100%', numerator: 2, denominator: 3, percent: '66.67', met: false, definition: '趋势按银行回盘月份', source: '二、2 质量指标', trend: trend(MH_MONTHS, { '2024-09': [2, 3, '66.67'] }) },
    { id: 'onTime', name: '补贴发放及时率', target: '100%', numerator: 1, denominator: 3, percent: '33.33', met: false, definition: '趋势按投保月份', source: '二、2 时效标准', trend: trend(MH_MONTHS, { '2024-06': [1, 2, '50.00'], '2024-07': [0, 1, '0.00'] }) },
  ],
  onTime: null,
  byBenefitInsurer: null,
  subsidy: {
    route: '/api/subsidy/kpis?policyYear=2024',
    kpis: { onTimeDeadline: '2024-12-31', deadlineNote: '在保单年度内到账为及时', money: { eligibleTotal: '387.00', paidTotal: '258.00', paidByPayer: [{ payer: '区级财政', amount: '90.30' }] } },
  },
}
const CHONGQING: KpisView = {
  schemeId: 'cq-hmjkb', schemeName: '惠民济困保', year: '2025', level: 'city', today: '2025-05-01', months: ['2025-03', '2025-04'],
  kpis: [],
  onTime: null,
  byBenefitInsurer: {
    rows: [{ benefitName: '住院医疗', insurerName: '某保险公司', claims: 4, approvedAmount: '1200.00', paidAmount: '1200.00' }],
    trend: [{ month: '2025-03', reported: 3, paidAmount: '1200.00' }, { month: '2025-04', reported: 1, paidAmount: '0.00' }],
  },
  subsidy: null,
}

describe('监管看板 (oversight dashboard)', () => {
  beforeEach(() => {
    session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 9, role: 'finance', bound: false, username: 'finance', districtIds: [] } })
    for (const f of Object.values(m)) f.mockReset()
    m.premiums.mockResolvedValue(PREMIUMS)
    m.download.mockResolvedValue({ name: '绩效指标.xlsx' })
  })
  afterEach(() => {
    cleanup()
    session.clear()
  })

  it('shows Minhang\'s subsidy KPIs like the others: figure, numerator ÷ denominator, monthly trend and the .xlsx', async () => {
    m.kpis.mockResolvedValue(MINHANG)
    const { container } = render(<OversightDashboard />)
    fireEvent.click(await waitFor(() => container.querySelector('#ov-scheme-mh-huhuibao')!))
    // Only the KPIs: the subsidy has no premiums, claims or statements of its own.
    expect(await screen.findAllByText('66.67%')).toHaveLength(2) // 应补尽补率 and 发放准确率
    expect(container.querySelector('#ov-tab-premiums')).toBeNull()
    expect(container.querySelector('#ov-tab-kpis')).toBeTruthy()
    expect(m.kpis).toHaveBeenLastCalledWith(expect.objectContaining({ schemeId: 'mh-huhuibao' }))

    const coverage = container.querySelector('#ov-kpi-coverage')!
    expect(coverage.textContent).toContain('应补尽补率')
    expect(coverage.textContent).toContain('2 ÷ 3；目标 100%（未达到）')
    const bars = container.querySelector('#ov-kpi-trend-coverage')!
    expect(bars.querySelectorAll('.ov-bars__row')).toHaveLength(MH_MONTHS.length)
    expect(bars.textContent).toContain('50.00%（1/2）')
    expect(bars.textContent).toContain('100.00%（1/1）')
    expect(container.querySelector('#ov-kpi-trend-accuracy')!.textContent).toContain('66.67%（2/3）')
    expect(container.querySelector('#ov-kpi-trend-onTime')!.textContent).toContain('0.00%（0/1）')
    // The subsidy money and the reading of "on time"; no pointer elsewhere any more.
    expect(container.querySelector('#ov-kpi-subsidy')!.textContent).toContain('258.00 元')
    expect(screen.getByText('及时的口径：在保单年度内到账为及时')).toBeTruthy()
    expect(screen.queryByText('沪惠保补贴的指标见补贴模块')).toBeNull()

    fireEvent.click(container.querySelector('#ov-kpis-xlsx')!)
    await screen.findByText('已下载：绩效指标.xlsx')
    expect(m.download.mock.calls[0][0]).toMatch(/^\/api\/oversight\/kpis\.xlsx\?.*schemeId=mh-huhuibao/)
  })

  it('charts Chongqing\'s claims by benefit and insurer month by month', async () => {
    m.kpis.mockResolvedValue(CHONGQING)
    const { container } = render(<OversightDashboard />)
    fireEvent.click(await waitFor(() => container.querySelector('#ov-scheme-cq-hmjkb')!))
    fireEvent.click(container.querySelector('#ov-tab-kpis')!)
    await screen.findByText('按保险责任和保险机构')
    expect(m.kpis).toHaveBeenLastCalledWith(expect.objectContaining({ schemeId: 'cq-hmjkb' }))
    const reported = container.querySelector('#ov-kpi-trend-reported')!
    expect([...reported.querySelectorAll('.ov-bars__row')].map((r) => r.textContent)).toEqual(['2025-033 笔', '2025-041 笔'])
    const paid = container.querySelector('#ov-kpi-trend-paid')!
    expect([...paid.querySelectorAll('.ov-bars__value')].map((r) => r.textContent)).toEqual(['1,200.00 元', '0.00 元'])
    // The longest bar is the largest month; decimal.js lengths, never floats.
    expect((reported.querySelectorAll('.ov-bars__fill')[0] as HTMLElement).style.width).toBe('100%')
    expect((reported.querySelectorAll('.ov-bars__fill')[1] as HTMLElement).style.width).toBe('33.33%')
  })
})
