import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { AlertCard } from '../../components/AlertCard'
import { ApiErrorNotice } from '../../components/ApiErrorNotice'
import { CoverageCard } from '../../components/CoverageCard'
import { Loading } from '../../components/Loading'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SchemeCard } from '../../components/SchemeCard'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useApi } from '../../hooks/useApi'
import { useSession } from '../../hooks/useSession'
import { useToday } from '../../hooks/useToday'
import { coverage } from '../../services/api'
import { isStaff } from '../../services/api/session'
import { schemeCards } from '../../services/catalogue'
import { listDrafts } from '../../services/draft-store'
import { go } from '../../services/navigate'
import { route, TAB } from '../../services/routes'
import { calculatorTarget } from '../../services/estimate-form'
import { Button } from '../../ui/nutui'
import './index.scss'

export default function Home() {
  const today = useToday()
  const s = useSession()
  const beneficiary = !!s && s.user.role === 'beneficiary' && s.user.bound
  const personId = s?.user.person?.personId
  const mine = useApi(beneficiary ? `cover-${s!.user.userId}` : null, () => coverage.mine())
  const alerts = useApi(beneficiary ? `alerts-${s!.user.userId}` : null, () => coverage.alerts())
  const [drafts, setDrafts] = useState(() => (personId ? listDrafts(personId) : []))
  useDidShow(() => {
    if (!beneficiary) return
    void mine.reload()
    void alerts.reload()
    setDrafts(personId ? listDrafts(personId) : [])
  })
  const cards = useMemo(() => schemeCards(today), [today])

  return (
    <Page className='home'>
      <View className='home__header'>
        <Text className='home__hello'>{beneficiary ? `您好，${s!.user.person?.name ?? ''}` : '您好！'}</Text>
        <Text className='home__intro'>
          {beneficiary ? '下面是政府为您买的保险。出了事可以直接在这里报案。' : '政府为困难群众买了保险。在这里看看保什么、能赔多少、要准备哪些材料。'}
        </Text>
      </View>

      {!s ? <SignInPrompt why='登录后可以看到您本人参加了哪些保险、今年还能赔多少，还可以直接报案。' /> : null}
      {s && isStaff(s.user) ? (
        <Notice kind='info' title='您以工作人员身份登录'>
          <View className='hm-tap' onClick={() => go(route.staffQueue())}>
            <Text className='hm-link'>去理赔工作台 ›</Text>
          </View>
        </Notice>
      ) : null}

      {beneficiary && drafts.length ? (
        <View className='hm-card home__drafts'>
          <Text className='hm-heading'>还没提交的报案</Text>
          {drafts.map((d) => {
            const t = calculatorTarget(d.schemeId, d.benefitId, today)
            return (
              <View key={`${d.schemeId}/${d.benefitId}`} className='hm-tap home__draft' onClick={() => go(route.report({ scheme: d.schemeId, benefit: d.benefitId, alert: d.alertId }))}>
                <Text className='hm-link'>继续填写：{t ? `${t.scheme.shortName ?? t.scheme.name} · ${t.benefit.name}` : d.benefitId} ›</Text>
              </View>
            )
          })}
        </View>
      ) : null}

      {beneficiary && alerts.data?.length ? (
        <View>
          <Text className='hm-section-title'>提醒您报案（{alerts.data.length} 条）</Text>
          {alerts.data.map((a) => (
            <AlertCard key={a.id} alert={a} />
          ))}
        </View>
      ) : null}

      {beneficiary ? (
        <View>
          <Text className='hm-section-title'>我的保障</Text>
          {mine.error ? <ApiErrorNotice error={mine.error} onRetry={() => void mine.reload()} /> : null}
          {!mine.data && mine.loading ? <Loading /> : null}
          {mine.data && !mine.data.enrolments.length ? (
            <Notice kind='info' title='现在没有查到您参加的保险'>
              <Text className='hm-text'>如果您是低保、特困等对象，请问社区工作人员是否已经登记。</Text>
            </Notice>
          ) : null}
          {mine.data?.enrolments.map((e) => (
            <CoverageCard key={e.enrolmentId} item={e} />
          ))}
          <View className='hm-tap' onClick={() => go(TAB.claims)}>
            <Text className='hm-link'>查看我的理赔 ›</Text>
          </View>
        </View>
      ) : null}

      <Button className='home__estimate' type='primary' size='xlarge' block onClick={() => go(route.estimate())}>
        算一算能赔多少
      </Button>

      <Text className='hm-section-title'>保险方案（{cards.length} 个）</Text>
      {cards.map((c) => (
        <SchemeCard key={c.id} card={c} />
      ))}
    </Page>
  )
}
