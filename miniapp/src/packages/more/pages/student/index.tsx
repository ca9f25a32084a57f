import { getBenefit, getScheme } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import { useMemo } from 'react'
import { BulletList } from '@/components/BulletList'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useApi } from '@/hooks/useApi'
import { useSession } from '@/hooks/useSession'
import { useToday } from '@/hooks/useToday'
import { coverage } from '@/services/api'
import { benefitLimits, displayVersion, documentLines } from '@/services/catalogue'
import { groupDigits } from '@/services/format'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import '../more.scss'

const SCHEME = 'cq-hmjkb'
const BENEFITS = ['admission_grant', 'student_critical_illness'] as const

/** 学生补助: 升学补助金 and 学生重大疾病 (重庆 民政惠民济困保) in plain words, whether I have them, and how to apply. */
export default function Student() {
  const today = useToday()
  const s = useSession()
  const beneficiary = !!s && s.user.role === 'beneficiary' && s.user.bound
  const mine = useApi(beneficiary ? 'cover' : null, () => coverage.mine())
  const scheme = useMemo(() => getScheme(SCHEME), [])
  const version = useMemo(() => displayVersion(scheme, today), [scheme, today])
  const cover = mine.data?.enrolments.find((e) => e.schemeId === SCHEME)
  return (
    <Page className='more'>
      <Notice kind='info' title='学生的两项补助（重庆 民政惠民济困保）'>
        <Text className='hm-text'>参加了重庆“民政惠民济困保”的学生，考上学校可以领升学补助金，得了重大疾病可以领一笔钱。</Text>
      </Notice>
      {BENEFITS.map((id) => {
        const b = getBenefit(version, id)
        const mineB = cover?.benefits.find((x) => x.id === id)
        return (
          <View key={id} className='hm-card' id={`student-${id}`}>
            <Text className='hm-title'>{b.name}</Text>
            <Text className='hm-text more__summary'>{b.summary}</Text>
            <Text className='hm-label'>怎么赔</Text>
            <BulletList items={benefitLimits(b)} />
            <Text className='hm-label'>要交的材料</Text>
            <BulletList items={documentLines(b).map((d) => `${d.name}${d.when ? `（${d.when}）` : ''}`)} />
            {beneficiary ? (
              mineB ? (
                <View>
                  <Text className='more__yes'>✓ 您有这项保障</Text>
                  {mineB.usage.paid !== '0.00' ? <Text className='hm-text'>今年已领 {groupDigits(mineB.usage.paid)} 元</Text> : null}
                  <Button type='primary' size='large' block onClick={() => go(route.report({ scheme: SCHEME, benefit: id }))}>
                    申请{b.name}
                  </Button>
                </View>
              ) : mine.data ? (
                <Text className='hm-secondary'>没有查到您有这项保障（只有重庆参保的在校学生有）。</Text>
              ) : null
            ) : (
              <View className='hm-tap' onClick={() => go(route.login(route.student()))}>
                <Text className='hm-link'>登录后看看我有没有 ›</Text>
              </View>
            )}
            <View className='hm-tap' onClick={() => go(route.estimate(SCHEME, id))}>
              <Text className='hm-link'>先算一算能领多少 ›</Text>
            </View>
          </View>
        )
      })}
    </Page>
  )
}
