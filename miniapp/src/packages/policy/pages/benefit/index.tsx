import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { BulletList } from '@/components/BulletList'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useParams } from '@/hooks/useParams'
import { useToday } from '@/hooks/useToday'
import { benefitLimits, clauseText, documentLines, schemeView } from '@/services/catalogue'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import './index.scss'

export default function Benefit() {
  const { scheme: schemeId, benefit: benefitId } = useParams()
  const today = useToday()
  const view = useMemo(() => schemeView(schemeId, today), [schemeId, today])
  const benefit = view?.version.benefits.find((b) => b.id === benefitId)

  if (!view || !benefit) {
    return (
      <Page>
        <Notice kind='error' title='没有找到这项保障'>
          <Text className='hm-text'>请回到首页重新选择。</Text>
        </Notice>
      </Page>
    )
  }
  const docs = documentLines(benefit)
  return (
    <Page>
      <View className='hm-card'>
        <Text className='hm-small'>{view.scheme.name} · {benefit.group}</Text>
        <Text className='hm-title'>{benefit.name}</Text>
        <Text className='hm-text benefit__summary'>{benefit.summary}</Text>
      </View>

      <Text className='hm-section-title'>赔多少、有什么限制</Text>
      <View className='hm-card'>
        <BulletList items={benefitLimits(benefit)} />
      </View>

      <Text className='hm-section-title'>理赔要准备的材料（一次告诉您全部）</Text>
      <View className='hm-card'>
        {docs.map((d, i) => (
          <View key={d.name} className='benefit__doc'>
            <Text className='benefit__doc-no'>{i + 1}.</Text>
            <View className='benefit__doc-body'>
              <Text className='hm-text'>{d.name}</Text>
              {d.when ? <Text className='hm-small'>{d.when}</Text> : null}
              {d.note ? <Text className='hm-small'>{d.note}</Text> : null}
            </View>
          </View>
        ))}
      </View>

      <Text className='hm-section-title'>依据</Text>
      <View className='hm-card'>
        <Text className='hm-small'>{clauseText(view.scheme, benefit.clause)}</Text>
      </View>

      <Button type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: route.estimate(view.scheme.id, benefit.id) })}>
        算一算这项能赔多少
      </Button>
    </Page>
  )
}
