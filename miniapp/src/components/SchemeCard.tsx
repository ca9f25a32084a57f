import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { route } from '../services/routes'
import type { SchemeCard as Card } from '../services/catalogue'
import './SchemeCard.scss'

/** One scheme in the catalogue (首页 and the scheme list): name, region, period, who is covered. */
export function SchemeCard({ card }: { card: Card }) {
  return (
    <View className='hm-card hm-scheme-card' hoverClass='hm-pressed' onClick={() => Taro.navigateTo({ url: route.scheme(card.id) })}>
      <View className='hm-scheme-card__head'>
        <Text className='hm-scheme-card__name'>{card.name}</Text>
        <Text className='hm-scheme-card__region'>{card.region}</Text>
      </View>
      <View className='hm-scheme-card__row'>
        <Text className='hm-scheme-card__label'>保障时间</Text>
        <Text className='hm-scheme-card__value'>
          <Text className='hm-nowrap'>{card.periodFrom}</Text> 至 <Text className='hm-nowrap'>{card.periodTo}</Text>
        </Text>
      </View>
      <View className='hm-scheme-card__row'>
        <Text className='hm-scheme-card__label'>保障谁</Text>
        <Text className='hm-scheme-card__value'>{card.who}</Text>
      </View>
      <View className='hm-scheme-card__more hm-tap'>
        <Text className='hm-link'>看看保什么（{card.benefitCount} 项） ›</Text>
      </View>
    </View>
  )
}
