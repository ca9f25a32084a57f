import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useParams } from '@/hooks/useParams'
import { useToday } from '@/hooks/useToday'
import { benefitSummaries, insurerText, premiumLines, schemeView } from '@/services/catalogue'
import { dateWords } from '@/services/format'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import { BenefitItem } from './BenefitItem'
import './index.scss'

export default function Scheme() {
  const { id } = useParams()
  const today = useToday()
  const view = useMemo(() => schemeView(id, today), [id, today])

  if (!view) {
    return (
      <Page>
        <Notice kind='error' title='没有找到这个保险方案'>
          <Text className='hm-text'>请回到首页重新选择。</Text>
        </Notice>
      </Page>
    )
  }
  const { scheme, version, card } = view
  const inForce = version.effective.from <= today && today <= version.effective.to
  const premiums = premiumLines(scheme, version)
  return (
    <Page>
      <View className='hm-card'>
        <Text className='hm-title'>{scheme.name}</Text>
        <Text className='hm-secondary'>{card.region} · {card.kind}</Text>
        <View className='scheme__facts'>
          <Text className='hm-text'>
            保障时间：<Text className='hm-nowrap'>{card.periodFrom}</Text> 至 <Text className='hm-nowrap'>{card.periodTo}</Text>
          </Text>
          {!inForce && scheme.versions.length > 1 ? (
            <Text className='hm-small'>
              下面是 <Text className='hm-nowrap'>{dateWords(version.effective.from)}</Text> 至{' '}
              <Text className='hm-nowrap'>{dateWords(version.effective.to)}</Text> 这一期的内容。
            </Text>
          ) : null}
          <Text className='hm-text'>保障谁：{card.who}</Text>
          <Text className='hm-text'>承保公司：{insurerText(version)}</Text>
        </View>
      </View>

      <Text className='hm-section-title'>保什么（{version.benefits.length} 项）</Text>
      {benefitSummaries(version).map((b) => (
        <BenefitItem key={b.id} benefit={b} onOpen={() => Taro.navigateTo({ url: route.benefit(scheme.id, b.id) })} />
      ))}

      <Text className='hm-section-title'>保费谁来交</Text>
      <View className='hm-card'>
        {premiums.map((p) => (
          <View key={p.name} className='scheme__premium'>
            <Text className='hm-heading'>{p.name}：{p.amount}</Text>
            <Text className='hm-text'>{p.payers}</Text>
            <Text className='hm-small'>依据：{p.source}</Text>
          </View>
        ))}
      </View>

      <Button type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: route.estimate(scheme.id) })}>
        算一算能赔多少
      </Button>
    </Page>
  )
}
