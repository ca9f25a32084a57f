import { Text, View } from '@tarojs/components'

export function BulletList({ items, numbered = false }: { items: string[]; numbered?: boolean }) {
  return (
    <View className='hm-list'>
      {items.map((t, i) => (
        <View key={i} className='hm-list-item'>
          <Text className='hm-list-bullet'>{numbered ? `${i + 1}.` : '•'}</Text>
          <Text className='hm-list-text'>{t}</Text>
        </View>
      ))}
    </View>
  )
}
