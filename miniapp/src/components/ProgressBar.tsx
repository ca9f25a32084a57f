import { Text, View } from '@tarojs/components'

/** A plain progress bar with its percentage in words beside it. */
export function ProgressBar({ percent, label }: { percent: number; label?: string }) {
  const p = Math.max(0, Math.min(100, Math.round(percent)))
  return (
    <View className='hm-progress' role='progressbar' aria-valuenow={p}>
      <View className='hm-progress__track'>
        <View className='hm-progress__fill' style={{ width: `${p}%` }} />
      </View>
      <Text className='hm-progress__text'>{label ?? `${p}%`}</Text>
    </View>
  )
}
