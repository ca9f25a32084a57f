import { fireEvent, render, screen } from '@testing-library/react'
import { useState } from 'react'
import type { FormField, FormValue } from '../services/estimate-form'
import { FieldInput } from './FieldInput'

function One({ field, error }: { field: FormField; error?: string }) {
  const [v, setV] = useState<FormValue>(undefined)
  return (
    <div>
      <FieldInput field={field} value={v} error={error} onChange={setV} />
      <span data-testid='value'>{JSON.stringify(v ?? null)}</span>
    </div>
  )
}

describe('FieldInput', () => {
  it('a money field: label, unit, its error under it, the typed text kept as text', () => {
    const field: FormField = { key: 'facts.selfPayAfterOthers', kind: 'money', label: '个人自付金额（元）', required: true, group: 'claim' }
    const { container } = render(<One field={field} error='请填写个人自付金额' />)
    expect(screen.getByText('个人自付金额（元）')).toBeTruthy()
    expect(screen.getByText('元')).toBeTruthy()
    expect(screen.getByText('请填写个人自付金额')).toBeTruthy()
    expect(container.querySelector('#field-facts-selfPayAfterOthers')!.className).toContain('est-field--error')
    fireEvent.change(container.querySelector('input')!, { target: { value: '５０００' } })
    expect(screen.getByTestId('value').textContent).toBe('"５０００"') // normalised when the request is built
  })

  it('short choices are big inline buttons (no pop-up); a text field can be several lines', () => {
    const field: FormField = {
      key: 'facts.level',
      kind: 'enum',
      label: '升学层次',
      required: true,
      group: 'claim',
      options: [
        { value: 'college', label: '大学' },
        { value: 'high', label: '高中' },
      ],
    }
    render(<One field={field} />)
    fireEvent.click(screen.getByText('高中'))
    expect(screen.getByText('✓ 高中')).toBeTruthy()
    expect(screen.getByTestId('value').textContent).toBe('"high"')

    const { container } = render(<One field={{ key: 'description', kind: 'text', label: '发生了什么', required: true, group: 'claim', multiline: true }} />)
    fireEvent.change(container.querySelector('textarea')!, { target: { value: '住院 8 天' } })
    expect(container.querySelectorAll('[data-testid=value]')[0].textContent).toBe('"住院 8 天"')
  })
})
