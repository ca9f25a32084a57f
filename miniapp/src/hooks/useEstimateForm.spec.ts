import { act, renderHook } from '@testing-library/react'
import { useEstimateForm } from './useEstimateForm'

describe('useEstimateForm', () => {
  it('fills, submits, shows errors on their fields, clears an error when its field changes', () => {
    const { result } = renderHook(() => useEstimateForm('cq-hmjkb', 'critical_supplement', '2026-11-22'))
    expect(result.current.target?.benefit.name).toBe('大病补充')

    act(() => {
      result.current.submit()
    })
    expect(Object.keys(result.current.errors)).toHaveLength(5)

    act(() => result.current.setValue('facts.outOfCatalogueSelfPay', '70000'))
    expect(result.current.errors['facts.outOfCatalogueSelfPay']).toBeUndefined()
    expect(result.current.errors['person.area']).toBe('请选择所在区县')

    act(() => {
      result.current.setValue('incidentDate', '2025-08-12')
      result.current.setValue('person.birthDate', '1958-03-02')
      result.current.setValue('person.area', '万州区')
      result.current.setValue('person.identities', 'dibao')
    })
    act(() => {
      result.current.submit()
    })
    expect(result.current.errors).toEqual({})
    expect(result.current.result?.payout).toBe('20450.00')

    // changing an input drops the old result
    act(() => result.current.setValue('facts.outOfCatalogueSelfPay', '80000'))
    expect(result.current.result).toBeUndefined()
  })

  it('has no target and no fields for unknown ids', () => {
    const { result } = renderHook(() => useEstimateForm('nope', 'x', '2026-11-22'))
    expect(result.current.target).toBeUndefined()
    expect(result.current.fields).toEqual([])
    expect(result.current.submit()).toBeUndefined()
  })
})
