import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { session } from '@/services/api'
import { networkError } from '@/services/api/errors'
import DeskReport from './index'

const search = jest.fn()
const reportFor = jest.fn()
jest.mock('@/services/api/desk', () => ({
  people: { search: (...a: unknown[]) => search(...a) },
  reportFor: (...a: unknown[]) => reportFor(...a),
}))
jest.mock('@/hooks/useToday', () => ({ useToday: () => '2026-03-02' }))

const PERSON = {
  id: 41,
  name: '赵*兰',
  sex: 'F',
  age: 58,
  idNumberMasked: '140***********1006',
  district: { id: 7, name: '高平市', city: '晋城市', county: '高平市' },
  identities: ['边缘易致贫户'],
  enrolments: [{ schemeId: 'jc-fpzhbx', insuranceYear: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31' }],
}

function click(text: string) {
  fireEvent.click(screen.getByText(text))
}

function fill(container: HTMLElement, selector: string, value: string) {
  const el = container.querySelector(selector) as HTMLInputElement
  expect(el).not.toBeNull()
  fireEvent.change(el, { target: { value } })
}

describe('代为报案 (caseworker reports for a person)', () => {
  beforeEach(() => {
    session.signIn({ accessToken: 'a', refreshToken: 'r', expiresIn: 3600, user: { userId: 9, role: 'caseworker', bound: false, username: 'cw-jincheng', districtIds: [7] } })
    search.mockReset()
    reportFor.mockReset()
  })
  afterEach(() => {
    cleanup()
    session.clear()
  })

  it('checks the search box in Chinese, finds the person, and reports for them with one key across a retry', async () => {
    const { container } = render(<DeskReport />)
    fill(container, '#person-q', '赵')
    click('查找')
    expect(await screen.findByText('请至少输入两个字的姓名，或完整的身份证号')).toBeTruthy()
    expect(search).not.toHaveBeenCalled()

    search.mockResolvedValue({ by: 'name', items: [PERSON], more: false })
    fill(container, '#person-q', '赵桂兰')
    click('查找')
    await screen.findByText('为此人报案 ›')
    expect(search).toHaveBeenCalledWith('赵桂兰')
    fireEvent.click(container.querySelector('#person-41')!)
    expect(screen.getByText(/为 赵\*兰（女，58 岁，140\*{11}1006，高平市）报案/)).toBeTruthy()

    fireEvent.click(container.querySelector('#benefit-jc-fpzhbx-inpatient')!)
    // Required fields first: nothing is sent while they are empty.
    click('提交报案')
    expect(await screen.findByText(/还有 \d+ 处要填写或修改/)).toBeTruthy()
    expect(reportFor).not.toHaveBeenCalled()

    fill(container, '#field-facts-selfPayAfterOthers input', '5000')
    fill(container, '#field-description textarea', '因肺炎住院 8 天')
    reportFor.mockRejectedValueOnce(networkError('request:fail timeout'))
    click('提交报案')
    expect(await screen.findByText('网络不好，没有收到回复。请再点一次“提交报案”，不会重复报案。')).toBeTruthy()

    reportFor.mockResolvedValueOnce({ id: 300, claimNo: 'HM260302000300', personName: '赵*兰', schemeName: '晋城防贫综合保险', benefitName: '住院医疗' })
    click('提交报案')
    await screen.findByText('已为 赵*兰 报案，理赔编号 HM260302000300')
    expect(reportFor).toHaveBeenCalledTimes(2)
    const [[pid1, body1, key1], [pid2, , key2]] = reportFor.mock.calls
    expect(pid1).toBe(41)
    expect(pid2).toBe(41)
    expect(key2).toBe(key1)
    expect(body1).toMatchObject({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', description: '因肺炎住院 8 天', facts: { selfPayAfterOthers: '5000' } })
  })

  it('shows the server\'s refusal (not covered) above the button', async () => {
    search.mockResolvedValue({ by: 'id_number', items: [PERSON], more: false })
    const { container } = render(<DeskReport />)
    fill(container, '#person-q', '14058119680211100X')
    click('查找')
    await screen.findByText('为此人报案 ›')
    fireEvent.click(container.querySelector('#person-41')!)
    fireEvent.click(container.querySelector('#benefit-jc-fpzhbx-inpatient')!)
    fill(container, '#field-facts-selfPayAfterOthers input', '5000')
    fill(container, '#field-description textarea', '住院')
    const { ApiError } = jest.requireActual('@/services/api/errors')
    reportFor.mockRejectedValueOnce(new ApiError(422, 'CLAIM_NOT_COVERED', '不能报案：不在保障期内', {}, []))
    click('提交报案')
    await waitFor(() => expect(screen.getByText('不能报案：不在保障期内')).toBeTruthy())
  })
})
