import { ApiError } from '@/services/api/errors'
import { dismissError, fieldErrors, percentOf, policyYearError, rosterFormErrors, searchError } from './forms'

describe('desk form checks', () => {
  it('names every missing or malformed roster field in Chinese before anything is sent', () => {
    expect(rosterFormErrors({ month: '', mode: 'full' })).toEqual({
      schemeId: '请选择保险方案',
      districtId: '请选择区县',
      month: '请填写名单月份，例如 2026-01',
      file: '请选择名单文件（.xlsx 或 .csv）',
    })
    expect(rosterFormErrors({ schemeId: 'jc-fpzhbx', districtId: 3, month: '2026-13', mode: 'full', fileName: 'roster.pdf' })).toEqual({
      month: '名单月份应写成 2026-01 的格式',
      file: '名单文件只能是 .xlsx 或 .csv',
    })
    expect(rosterFormErrors({ schemeId: 'jc-fpzhbx', districtId: 3, month: ' 2026-01 ', mode: 'delta', fileName: '名单.XLSX' })).toEqual({})
  })

  it('checks the search box: a full ID number or two characters of a name', () => {
    expect(searchError('')).toBe('请输入姓名或身份证号')
    expect(searchError('赵')).toBe('请至少输入两个字的姓名，或完整的身份证号')
    expect(searchError('1405811968')).toBe('身份证号应为 18 位（最后一位可以是 X）')
    expect(searchError('14058119680211100x')).toBeUndefined()
    expect(searchError('赵桂')).toBeUndefined()
  })

  it('checks the policy year and the reason for closing a reminder', () => {
    expect(policyYearError('')).toBe('请填写保单年度，如 2024')
    expect(policyYearError('24')).toBe('保单年度应为四位年份，如 2024')
    expect(policyYearError('1999')).toBe('保单年度应为四位年份，如 2024')
    expect(policyYearError('2024')).toBeUndefined()
    expect(dismissError(' 无 ')).toBe('请写明不需要报案的原因（至少两个字）')
    expect(dismissError('门诊检查')).toBeUndefined()
  })

  it('puts the server\'s field messages on the form\'s fields, and the rest above the button', () => {
    const e = new ApiError(400, 'VALIDATION_FAILED', '填写的内容有误', { month: '名单月份应写成 2025-03 的格式', other: '别的问题' }, ['整体问题'])
    expect(fieldErrors(e, ['month'])).toEqual({ errors: { month: '名单月份应写成 2025-03 的格式' }, general: ['别的问题', '整体问题'] })
    expect(fieldErrors(new ApiError(409, 'NOT_VALIDATED', '名单还在校验中'), ['month'])).toEqual({ errors: {}, general: ['名单还在校验中'] })
  })

  it('turns rows done into a bounded percentage', () => {
    expect(percentOf(0, 0)).toBe(0)
    expect(percentOf(2500, 10000)).toBe(25)
    expect(percentOf(12000, 10000)).toBe(100)
  })
})
