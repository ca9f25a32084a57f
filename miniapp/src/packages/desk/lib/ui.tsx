import { Input, Text, View } from '@tarojs/components'
import type { PropsWithChildren, ReactNode } from 'react'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useSession } from '@/hooks/useSession'
import { isStaff } from '@/services/api/session'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import '../pages/desk.scss'
import { StaffSignInNotice } from '@/components/SignInPrompt'

/** The roles the server lets use a desk page's routes (the controllers' @Roles). */
export type DeskRole = 'caseworker' | 'finance' | 'admin'
/** Most desk routes (people, rosters, alerts): caseworkers and admins. The 沪惠保 subsidy routes also finance. */
export const DESK_ROLES: readonly DeskRole[] = ['caseworker', 'admin']
export const SUBSIDY_ROLES: readonly DeskRole[] = ['caseworker', 'finance', 'admin']

/** Whether a signed-in user may use a desk page open to `roles`. */
export function deskAllows(role: string | undefined, roles: readonly DeskRole[] = DESK_ROLES): boolean {
  return !!role && (roles as readonly string[]).includes(role)
}

/** A desk page: only the roles the server allows on its routes (default caseworkers and admins); anyone else is sent to the staff sign-in. */
export function DeskPage({ title, roles = DESK_ROLES, children }: PropsWithChildren<{ title: string; roles?: readonly DeskRole[] }>) {
  const s = useSession()
  const ok = !!s && isStaff(s.user) && deskAllows(s.user.role, roles)
  return (
    <Page className='staff desk'>
      <View className='hm-desk'>
        <View className='staff__bar'>
          <Text className='hm-title'>{title}</Text>
          <View className='hm-tap desk__back' onClick={() => go(route.desk())}>
            <Text className='hm-link'>‹ 窗口工具</Text>
          </View>
        </View>
        {ok ? (
          children
        ) : (
          <StaffSignInNotice title={roles.includes('finance') ? '请先用民政经办人员或财务人员账号登录' : '请先用民政经办人员账号登录'} />
        )}
      </View>
    </Page>
  )
}

export function Chips<T extends string | number>({ items, value, onPick, idPrefix }: { items: { value: T; label: string }[]; value?: T; onPick: (v: T) => void; idPrefix: string }) {
  return (
    <View className='staff__chips'>
      {items.map((it) => (
        <View key={String(it.value)} id={`${idPrefix}-${String(it.value)}`} className={`staff__chip${it.value === value ? ' staff__chip--on' : ''}`} onClick={() => onPick(it.value)}>
          <Text>{it.value === value ? `✓ ${it.label}` : it.label}</Text>
        </View>
      ))}
    </View>
  )
}

export function Field({ label, error, children, id }: PropsWithChildren<{ label: string; error?: string; id?: string }>) {
  return (
    <View className={`desk__field${error ? ' desk__field--error' : ''}`} id={id}>
      <Text className='hm-label'>{label}</Text>
      {children}
      {error ? <Text className='hm-error-text'>{error}</Text> : null}
    </View>
  )
}

export function TextBox({ id, value, onInput, placeholder, onConfirm }: { id: string; value: string; onInput: (v: string) => void; placeholder?: string; onConfirm?: () => void }) {
  return (
    <View className='hm-input'>
      <Input className='hm-input__box' id={id} value={value} placeholder={placeholder} onInput={(e) => onInput(e.detail.value)} onConfirm={onConfirm} />
    </View>
  )
}

export function Figures({ items, id }: { items: { label: string; value: ReactNode; tone?: 'ok' | 'warn' | 'error' }[]; id?: string }) {
  return (
    <View className='desk__figures' id={id}>
      {items.map((f) => (
        <View key={f.label} className={`desk__figure${f.tone ? ` desk__figure--${f.tone}` : ''}`}>
          <Text className='desk__figure-value'>{f.value}</Text>
          <Text className='desk__figure-label'>{f.label}</Text>
        </View>
      ))}
    </View>
  )
}

export function GeneralErrors({ items }: { items: string[] }) {
  return (
    <>
      {items.map((g, i) => (
        <Notice key={i} kind='error' title={g} />
      ))}
    </>
  )
}
