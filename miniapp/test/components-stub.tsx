/**
 * Stand-in for @tarojs/components in jsdom tests: plain DOM elements with the same props that matter
 * (className, id, onClick, value/onInput with `e.detail.value`).
 */
import { createElement, type PropsWithChildren } from 'react'

type P = PropsWithChildren<Record<string, unknown>>

function pass(p: P): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const k of ['className', 'id', 'onClick', 'style', 'role']) if (p[k] !== undefined) out[k] = p[k]
  return out
}

export const View = (p: P) => createElement('div', pass(p), p.children)
export const Text = (p: P) => createElement('span', pass(p), p.children)
export const Image = (p: P) => createElement('img', { ...pass(p), src: p.src })
export const Input = (p: P) =>
  createElement('input', {
    ...pass(p),
    value: p.value ?? '',
    placeholder: p.placeholder,
    onChange: (e: { target: { value: string } }) => (p.onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
  })
export const Textarea = (p: P) =>
  createElement('textarea', {
    ...pass(p),
    value: p.value ?? '',
    onChange: (e: { target: { value: string } }) => (p.onInput as ((e: unknown) => void) | undefined)?.({ detail: { value: e.target.value } }),
  })
export const Picker = (p: P) => createElement('div', pass(p), p.children)
export const Button = (p: P) => createElement('button', pass(p), p.children)
