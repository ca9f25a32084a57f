import { Text, View } from '@tarojs/components'
import type { BenefitSummary } from '@/services/catalogue'

/** A benefit on the scheme page: name, one plain sentence, its limits; tap for details. */
export function BenefitItem({ benefit, onOpen }: { benefit: BenefitSummary; onOpen: () => void }) {
  return (
    <View className='hm-card benefit-item' hoverClass='hm-pressed' onClick={onOpen}>
      <Text className='hm-heading'>{benefit.name}</Text>
      <Text className='hm-text'>{benefit.summary}</Text>
      {benefit.limits.length ? (
        <View className='benefit-item__limits'>
          {benefit.limits.slice(0, 3).map((l) => (
            <Text key={l} className='hm-small'>· {l}</Text>
          ))}
        </View>
      ) : null}
      <View className='benefit-item__more hm-tap'>
        <Text className='hm-link'>赔多少、要什么材料 ›</Text>
      </View>
    </View>
  )
}
