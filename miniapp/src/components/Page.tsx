import { View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { useElderMode } from '../hooks/useElderMode'

/** Every page's root: carries the root class that switches the size and colour tokens (长辈模式). */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { on } = useElderMode()
  const cls = ['hm-page', on ? 'hm-elder' : '', className ?? ''].filter(Boolean).join(' ')
  return <View className={cls}>{children}</View>
}
