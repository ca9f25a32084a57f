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

/** A plain card for what needs the server that does not exist yet. Never shows made-up data. */
export function UnderConstruction({ title, children }: PropsWithChildren<{ title: string }>) {
  return (
    <Notice kind='warn' title={title}>
      {children ?? <Text className='hm-text'>这部分要等登录功能上线后才能用。现在可以先查看各项保障、估算能赔多少。</Text>}
    </Notice>
  )
}
