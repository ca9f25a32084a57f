import { Text } from '@tarojs/components'
import { useMemo } from 'react'
import { Page } from '@/components/Page'
import { SchemeCard } from '@/components/SchemeCard'
import { useToday } from '@/hooks/useToday'
import { schemeCards } from '@/services/catalogue'

export default function Schemes() {
  const today = useToday()
  const cards = useMemo(() => schemeCards(today), [today])
  return (
    <Page>
      <Text className='hm-section-title'>保险方案（{cards.length} 个）</Text>
      {cards.map((c) => (
        <SchemeCard key={c.id} card={c} />
      ))}
    </Page>
  )
}
