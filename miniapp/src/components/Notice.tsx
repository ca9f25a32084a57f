import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './Notice.scss'

/** An inline message (we use no Toast or Modal: elder mode has no pop-ups, so nobody gets them). */
export function Notice({ kind = 'info', title, children }: PropsWithChildren<{ kind?: 'info' | 'warn' | 'error'; title?: string }>) {
  return (
    <View className={`hm-notice hm-notice--${kind}`}>
      {title ? <Text className='hm-notice__title'>{title}</Text> : null}
      {children ? <View className='hm-notice__body'>{children}</View> : null}
    </View>
  )
}
