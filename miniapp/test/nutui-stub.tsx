/** Stand-in for ui/nutui in jsdom tests. */
import { createElement, type PropsWithChildren } from 'react'

type P = PropsWithChildren<{ className?: string; id?: string; onClick?: () => void; disabled?: boolean; checked?: boolean; onChange?: (v: boolean) => void }>

export const Button = (p: P) => createElement('button', { className: `nut-button ${p.className ?? ''}`, id: p.id, onClick: p.onClick, disabled: p.disabled }, p.children)
export const Switch = (p: P) => createElement('input', { type: 'checkbox', checked: !!p.checked, onChange: () => p.onChange?.(!p.checked) })
