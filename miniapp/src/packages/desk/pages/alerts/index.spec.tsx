import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { session } from '@/services/api'
import DeskAlerts from './index'

const list = jest.fn()
const importIt = jest.fn()
const dismiss = jest.fn()
jest.mock('@/services/api/desk', () => ({
  alertDesk: {
    list: (...a: unknown[]) => list(...a),
    import: (...a: unknown[]) => importIt(...a),
    dismiss: (...a: unknown[]) => dismiss(...a),
  },
}))
jest.mock('../../lib/files', () => ({
  pickFile: jest.fn(async () => ({ filePath: 'blob:a', fileName: '监测.csv' })),
  releaseFile: jest.fn(),
}))

const ALERT = {
  id: 5, personId: 41, personName: '赵*兰', schemeId: 'jc-fpzhbx', schemeName: '防贫保', benefitId: 'inpatient', benefitName: '住院医疗补偿',
  kind: 'hospitalisation', kindLabel: '住院', eventDate: '2026-11-19', detail: '医保住院结算记录', state: 'open', claimId: null, message: '可以报案', createdAt: '',
}

describe('监测提醒导入 (alert import)', () => {
  beforeEach(() => {
    session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 9, role: 'caseworker', bound: false, username: 'cw-jincheng', districtIds: [7] } })
    for (const f of [list, importIt, dismiss]) f.mockReset()
  })
  afterEach(() => {
    cleanup()
    session.clear()
  })

  it('imports the CSV, shows what it created and the bad rows, lists the reminder, and closes one only with a reason', async () => {
    list.mockResolvedValueOnce([]).mockResolvedValue([ALERT])
    const { container } = render(<DeskAlerts />)
    expect(await screen.findByText('没有这类提醒')).toBeTruthy()
    fireEvent.click(screen.getByText('导入'))
    expect(await screen.findByText('请选择监测系统导出的 CSV 文件')).toBeTruthy()
    fireEvent.click(container.querySelector('#a-file')!)
    await screen.findByText('监测.csv')
    importIt.mockReturnValue({ promise: Promise.resolve({ rows: 2, created: 1, duplicates: 0, errors: [{ row: 3, field: '身份证号', message: '身份证号不对' }] }), abort: () => undefined })
    fireEvent.click(screen.getByText('导入'))
    expect(await screen.findByText('第 3 行 · 身份证号：身份证号不对')).toBeTruthy()
    expect(container.querySelector('#alert-report')!.textContent).toContain('1新建提醒')
    await waitFor(() => expect(container.querySelector('#alert-5')).not.toBeNull())
    expect(list).toHaveBeenCalledWith('open')

    fireEvent.click(screen.getByText('不需要报案，关闭提醒'))
    fireEvent.click(screen.getByText('确认关闭'))
    expect(await screen.findByText('请写明不需要报案的原因（至少两个字）')).toBeTruthy()
    expect(dismiss).not.toHaveBeenCalled()
    fireEvent.change(container.querySelector('#alert-5 textarea')!, { target: { value: '已核实为门诊检查' } })
    dismiss.mockResolvedValue({ ...ALERT, state: 'dismissed' })
    fireEvent.click(screen.getByText('确认关闭'))
    await waitFor(() => expect(dismiss).toHaveBeenCalledWith(5, '已核实为门诊检查'))
  })
})
