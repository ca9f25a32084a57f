import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { session } from '@/services/api'
import { ApiError } from '@/services/api/errors'
import DeskRoster from './index'

const districts = jest.fn()
const upload = jest.fn()
const rows = jest.fn()
const apply = jest.fn()
const get = jest.fn()
jest.mock('@/services/api/desk', () => ({
  people: { districts: () => districts() },
  rosters: {
    upload: (...a: unknown[]) => upload(...a),
    rows: (...a: unknown[]) => rows(...a),
    apply: (...a: unknown[]) => apply(...a),
    get: (...a: unknown[]) => get(...a),
    reportPath: (id: number) => `/api/rosters/${id}/report.xlsx`,
  },
}))
jest.mock('../../lib/files', () => ({
  pickFile: jest.fn(async () => ({ filePath: 'blob:roster', fileName: '泽州县.csv' })),
  releaseFile: jest.fn(),
  downloadFile: jest.fn(async () => undefined),
}))
jest.mock('@/hooks/useParams', () => ({ useParams: () => ({}) }))

const IMPORT = {
  id: 12, schemeId: 'jc-fpzhbx', districtId: 5, month: '2026-01', mode: 'delta', fileName: '泽州县.csv', status: 'validated',
  statusText: '校验完成，请查看校验结果后确认应用', progress: null, rowCount: 60, errorCount: 1, warningCount: 0,
  counts: { add: 59, change: 0, unchanged: 0, remove: 0, refuse: 1 }, failure: null, sameFileAs: null, applyResult: null, createdAt: '', appliedAt: null,
}

describe('名单导入 (roster upload)', () => {
  beforeEach(() => {
    session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 9, role: 'caseworker', bound: false, username: 'cw-jincheng', districtIds: [5] } })
    districts.mockResolvedValue([{ id: 5, name: '泽州县', city: '晋城市', county: '泽州县', schemeId: 'jc-fpzhbx', type: null }])
    for (const m of [upload, rows, apply, get]) m.mockReset()
  })
  afterEach(() => {
    cleanup()
    session.clear()
  })

  it('says what is missing, puts the server\'s field message on its field, then shows the row report and applies with one key', async () => {
    const { container } = render(<DeskRoster />)
    await screen.findByText('✓ 完整名单（名单上没有的人视为移出）')
    fireEvent.click(screen.getByText('上传并校验'))
    expect(await screen.findByText('请选择保险方案')).toBeTruthy()
    expect(screen.getByText('请选择名单文件（.xlsx 或 .csv）')).toBeTruthy()
    expect(upload).not.toHaveBeenCalled()

    fireEvent.click(container.querySelector('#r-scheme-jc-fpzhbx')!)
    fireEvent.click(container.querySelector('#r-district-5')!)
    fireEvent.click(container.querySelector('#r-mode-delta')!)
    fireEvent.change(container.querySelector('#r-month')!, { target: { value: '2026-01' } })
    fireEvent.click(container.querySelector('#r-file')!)
    await screen.findByText('泽州县.csv')

    upload.mockReturnValueOnce({ promise: Promise.reject(new ApiError(400, 'VALIDATION_FAILED', '填写的内容有误', { month: '名单月份不能早于方案开始' })), abort: () => undefined })
    fireEvent.click(screen.getByText('上传并校验'))
    expect(await screen.findByText('名单月份不能早于方案开始')).toBeTruthy()
    expect(upload.mock.calls[0][1]).toEqual({ schemeId: 'jc-fpzhbx', districtId: 5, month: '2026-01', mode: 'delta' })

    upload.mockReturnValueOnce({ promise: Promise.resolve(IMPORT), abort: () => undefined })
    rows.mockResolvedValue({ page: 1, pageSize: 100, total: 1, rows: [{ rowNo: 8, inFile: true, status: 'error', action: 'refuse', name: '顾**', idNumberMasked: '140***********001X', categoryCode: null, categoryLabel: null, messages: [{ field: '身份证号', message: '身份证号最后一位校验码不对' }] }] })
    fireEvent.click(screen.getByText('上传并校验'))
    await screen.findByText('泽州县.csv：校验完成，请查看校验结果后确认应用')
    expect(await screen.findByText('身份证号：身份证号最后一位校验码不对')).toBeTruthy()
    expect(rows).toHaveBeenCalledWith(12, { status: 'error', pageSize: 100 })
    expect(upload.mock.calls[1][2]).toBe(upload.mock.calls[0][2]) // the same request again: the same key

    apply.mockRejectedValueOnce(new ApiError(0, 'NETWORK', '网络不通，请检查网络后再试'))
    fireEvent.click(screen.getByText('确认应用（1 行错误不导入）'))
    expect(await screen.findByText('网络不通，请检查网络后再试')).toBeTruthy()
    apply.mockResolvedValueOnce({ ...IMPORT, status: 'applied', statusText: '已应用：共 59 处变化', applyResult: { changes: 59, premiumDelta: '0.00' }, appliedAt: 'x' })
    fireEvent.click(screen.getByText('确认应用（1 行错误不导入）'))
    await waitFor(() => expect(screen.getByText('已应用：共 59 处变化')).toBeTruthy())
    expect(apply.mock.calls[1][1]).toBe(apply.mock.calls[0][1])
  })
})
