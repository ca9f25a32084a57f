import { Text, View } from '@tarojs/components'

/** Inline “loading” line (no spinner pop-up). */
export function Loading({ text = '正在加载…' }: { text?: string }) {
  return (
    <View className='hm-loading' aria-live='polite'>
      <Text>{text}</Text>
    </View>
  )
}
