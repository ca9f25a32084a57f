import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { session } from '@/services/api'
import { ApiError } from '@/services/api/errors'
import DeskHome from '../home/index'
import DeskRoster from '../roster/index'
import DeskSubsidy from './index'

const m = {
  districts: jest.fn(),
  kpis: jest.fn(),
  batches: jest.fn(),
  uploadPolicies: jest.fn(),
  applyPolicies: jest.fn(),
  match: jest.fn(),
  createBatch: jest.fn(),
  results: jest.fn(),
}
jest.mock('@/services/api/desk', () => ({
  people: { districts: () => m.districts() },
  subsidyDesk: {
    kpis: (...a: unknown[]) => m.kpis(...a),
    batches: (...a: unknown[]) => m.batches(...a),
    uploadPolicies: (...a: unknown[]) => m.uploadPolicies(...a),
    applyPolicies: (...a: unknown[]) => m.applyPolicies(...a),
    match: (...a: unknown[]) => m.match(...a),
    createBatch: (...a: unknown[]) => m.createBatch(...a),
    results: (...a: unknown[]) => m.results(...a),
    exportPath: (id: number) => `/api/subsidy/batches/${id}/export.xlsx`,
  },
}))
const premiums = jest.fn()
jest.mock('@/services/api', () => {
  const actual = jest.requireActual('@/services/api')
  return { ...actual, oversight: { ...actual.oversight, premiums: (...a: unknown[]) => premiums(...a) } }
})
jest.mock('@/hooks/useParams', () => ({ useParams: () => ({}) }))
jest.mock('../../lib/files', () => ({
  pickFile: jest.fn(async () => ({ filePath: 'blob:f', fileName: '出单清单.csv' })),
  releaseFile: jest.fn(),
  downloadFile: jest.fn(async () => undefined),
}))

const KPIS = {
  policyYear: 2024, today: '2024-08-01', onTimeDeadline: '2024-12-31', deadlineNote: '保单年度内发放到账为及时',
  targets: [{ id: 'coverage', name: '应补尽补率', target: '100%', numerator: 3, denominator: 4, percent: '75.00', met: false, definition: '' }],
  money: { eligibleTotal: '516.00', paidTotal: '387.00', paidByPayer: [{ payer: '区级财政', amount: '387.00' }] },
  counts: {},
}
const BATCH = { id: 7, districtId: 2, districtName: '七宝镇', policyYear: 2024, status: 'exported', statusText: '已导出交银行，待回盘', itemCount: 2, totalAmount: '258.00', paid: 0, failed: 0, pending: 2, createdAt: '', exportedAt: 'x', settledAt: null }

describe('沪惠保补贴 desk page', () => {
  beforeEach(() => {
    session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 9, role: 'caseworker', bound: false, username: 'cw-minhang', districtIds: [2] } })
    for (const f of Object.values(m)) f.mockReset()
    m.districts.mockResolvedValue([{ id: 2, name: '七宝镇', city: '上海市', county: '闵行区', schemeId: 'mh-huhuibao', type: 'town' }])
    m.kpis.mockResolvedValue(KPIS)
    m.batches.mockResolvedValue([BATCH])
  })
  afterEach(() => {
    cleanup()
    session.clear()
  })

  it('shows the targets with numerator and denominator, and checks the year before asking', async () => {
    const { container } = render(<DeskSubsidy />)
    fireEvent.change(container.querySelector('#s-year')!, { target: { value: '2024' } })
    expect(await screen.findByText('75.00%')).toBeTruthy()
    expect(screen.getByText('应补尽补率（目标 100%）：3/4')).toBeTruthy()
    expect(screen.getAllByText('387.00')).toHaveLength(2) // paid in all, and its part from the district
    expect(m.kpis).toHaveBeenLastCalledWith(2024, undefined)
    fireEvent.change(container.querySelector('#s-year')!, { target: { value: '24' } })
    expect(await screen.findByText('保单年度应为四位年份，如 2024')).toBeTruthy()
    expect(screen.queryByText('75.00%')).toBeNull()
  })

  it('runs the cycle: policy list checked then applied, matching, a batch per 街镇, the bank\'s results', async () => {
    const { container } = render(<DeskSubsidy />)
    fireEvent.change(container.querySelector('#s-year')!, { target: { value: '2024' } })
    await screen.findByText('75.00%')

    fireEvent.click(screen.getAllByText('上传并校验')[0])
    expect(await screen.findByText('请选择保险公司提供的保单清单（.xlsx 或 .csv）')).toBeTruthy()
    fireEvent.click(container.querySelector('#s-policy-file')!)
    await screen.findByText('出单清单.csv')
    m.uploadPolicies.mockReturnValue({
      promise: Promise.resolve({ id: 4, fileName: '出单清单.csv', policyYear: 2024, status: 'validated', statusText: '校验完成', rowCount: 3, errorCount: 1, warningCount: 0, counts: { add: 2, error: 1 }, sameFileAs: null, applyResult: null, createdAt: '', appliedAt: null, problems: [{ rowNo: 3, status: 'error', action: null, policyNo: 'X', name: '张*', idNumberMasked: '310***', messages: [{ field: '身份证号', message: '身份证号最后一位校验码不对', level: 'error' }] }] }),
      abort: () => undefined,
    })
    fireEvent.click(screen.getAllByText('上传并校验')[0])
    expect(await screen.findByText(/第 3 行 张\* 310\*\*\*：身份证号最后一位校验码不对/)).toBeTruthy()
    expect(m.uploadPolicies.mock.calls[0][1]).toBe(2024)
    m.applyPolicies.mockResolvedValue({ id: 4, fileName: '出单清单.csv', status: 'applied', statusText: '已应用', rowCount: 3, errorCount: 1, warningCount: 0, counts: { add: 2, error: 1 }, sameFileAs: null, applyResult: { add: 2 }, problems: [], createdAt: '', appliedAt: 'x', policyYear: 2024 })
    fireEvent.click(screen.getByText('确认应用（1 行错误不导入）'))
    expect(await screen.findByText('已应用。下一步：比对。')).toBeTruthy()

    m.match.mockResolvedValue({ policyYear: 2024, policies: 3, eligible: 2, refused: 1, frozen: 0, added: 2, changed: 0, unchanged: 1 })
    fireEvent.click(screen.getByText('开始比对 2024 年度保单'))
    await waitFor(() => expect(container.querySelector('#s-match-result')?.textContent).toContain('2符合补贴'))

    fireEvent.click(screen.getByText('生成发放批次'))
    expect(await screen.findByText('请先在上面选择街镇：每个街镇一个批次')).toBeTruthy()
    expect(m.createBatch).not.toHaveBeenCalled()
    fireEvent.click(container.querySelector('#s-district-2')!)
    m.createBatch.mockRejectedValueOnce(new ApiError(422, 'NOTHING_TO_PAY', '没有可以发放的补贴：都还没有确认银行卡'))
    fireEvent.click(screen.getByText('生成发放批次'))
    expect(await screen.findByText('没有可以发放的补贴：都还没有确认银行卡')).toBeTruthy()
    expect(m.createBatch.mock.calls[0].slice(0, 2)).toEqual([2, 2024])

    m.results.mockReturnValue({ promise: Promise.resolve({ batchId: 7, dryRun: false, applied: true, counts: { paid: 1, failed: 1, unchanged: 0, error: 0 }, rows: [{ rowNo: 3, itemNo: '2', outcome: 'failed', messages: [{ field: '失败原因', message: '账户已销户' }] }], batch: BATCH }), abort: () => undefined })
    fireEvent.click(await screen.findByText('导入银行回盘'))
    expect(await screen.findByText('回盘：到账 1 笔，失败 1 笔，无变化 0 笔，有错误 0 行')).toBeTruthy()
    expect(screen.getByText('第 3 行：账户已销户')).toBeTruthy()
    expect(m.results.mock.calls[0][2]).toBe(false)
  })

  describe('finance (the server allows finance on the subsidy routes only)', () => {
    beforeEach(() => {
      session.clear()
      session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 5, role: 'finance', bound: false, username: 'finance', districtIds: [] } })
      premiums.mockReset()
      premiums.mockResolvedValue({ districts: [{ districtId: 2, name: '七宝镇' }, { districtId: 3, name: '莘庄镇' }] })
    })

    it('reaches the 沪惠保 page: every 街镇 (from the oversight scope, not /people/districts), the targets and the batches', async () => {
      const { container } = render(<DeskSubsidy />)
      fireEvent.change(container.querySelector('#s-year')!, { target: { value: '2024' } })
      expect(await screen.findByText('75.00%')).toBeTruthy()
      expect(await screen.findByText('2024 年度目标完成情况（全部街镇）')).toBeTruthy()
      await waitFor(() => expect(container.querySelector('#s-district-3')).toBeTruthy())
      expect(m.districts).not.toHaveBeenCalled()
      expect(premiums).toHaveBeenCalledWith(expect.objectContaining({ schemeId: 'mh-huhuibao' }))
      fireEvent.click(container.querySelector('#s-district-3')!)
      await waitFor(() => expect(m.kpis).toHaveBeenLastCalledWith(2024, 3))
      expect(screen.queryByText('请先用民政经办人员或财务人员账号登录')).toBeNull()
    })

    it('sees only the 沪惠保 tool on the desk home, and not the caseworkers\' pages', async () => {
      const home = render(<DeskHome />)
      expect(home.container.querySelector('#tool-subsidy')).toBeTruthy()
      expect(home.container.querySelector('#tool-report')).toBeNull()
      expect(home.container.querySelector('#tool-roster')).toBeNull()
      expect(home.container.querySelector('#tool-alerts')).toBeNull()
      home.unmount()
      render(<DeskRoster />)
      expect(screen.getByText('请先用民政经办人员账号登录')).toBeTruthy()
    })
  })
})
