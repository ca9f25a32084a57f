import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useMemo } from 'react'
import { UnderConstruction } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SchemeCard } from '../../components/SchemeCard'
import { useToday } from '../../hooks/useToday'
import { schemeCards } from '../../services/catalogue'
import { route } from '../../services/routes'
import { Button } from '../../ui/nutui'
import './index.scss'

export default function Home() {
  const today = useToday()
  const cards = useMemo(() => schemeCards(today), [today])
  return (
    <Page className='home'>
      <View className='home__header'>
        <Text className='home__hello'>您好！</Text>
        <Text className='home__intro'>政府为困难群众买了保险。在这里看看保什么、能赔多少、要准备哪些材料。</Text>
      </View>

      <Button className='home__estimate' type='primary' size='xlarge' block onClick={() => Taro.navigateTo({ url: route.estimate() })}>
        算一算能赔多少
      </Button>

      <UnderConstruction title='登录和查看本人保障的功能正在建设中' />

      <Text className='hm-section-title'>保险方案（{cards.length} 个）</Text>
      {cards.map((c) => (
        <SchemeCard key={c.id} card={c} />
      ))}
    </Page>
  )
}
