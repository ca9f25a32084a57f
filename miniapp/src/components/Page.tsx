import { View } from '@tarojs/components'
import { type PropsWithChildren, useEffect } from 'react'
import { useElderMode } from '../hooks/useElderMode'
import { PrivacyPanel } from './PrivacyPanel'

/**
 * Every page's root: carries the root class that switches the size and colour tokens (长辈模式), and
 * shows WeChat's privacy agreement inline at the top while WeChat waits for it.
 */
export function Page({ children, className }: PropsWithChildren<{ className?: string }>) {
  const { on } = useElderMode()
  useEffect(() => {
    // H5 only: the tab bar lives outside the page, so the body carries the class too.
    if (process.env.TARO_ENV === 'h5' && typeof document !== 'undefined') document.body.classList.toggle('hm-elder-body', on)
  }, [on])
  const cls = ['hm-page', on ? 'hm-elder' : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <View className={cls}>
      {process.env.TARO_ENV === 'weapp' ? <PrivacyPanel /> : null}
      {children}
    </View>
  )
}
