import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { ApiErrorNotice } from '../../components/ApiErrorNotice'
import { ClaimCard } from '../../components/ClaimCard'
import { Loading } from '../../components/Loading'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SignInPrompt } from '../../components/SignInPrompt'
import { useApi } from '../../hooks/useApi'
import { useSession } from '../../hooks/useSession'
import { useToday } from '../../hooks/useToday'
import { claims } from '../../services/api'
import { listDrafts } from '../../services/draft-store'
import { calculatorTarget } from '../../services/estimate-form'
import { go } from '../../services/navigate'
import { route, TAB } from '../../services/routes'
import { Button } from '../../ui/nutui'

/** 我的理赔: my claims, newest state first, and reports not yet submitted. */
export default function Claims() {
  const s = useSession()
  const today = useToday()
  const beneficiary = !!s && s.user.role === 'beneficiary' && s.user.bound
  const personId = s?.user.person?.personId
  const list = useApi(beneficiary ? `claims-${s!.user.userId}` : null, () => claims.list({ pageSize: 50 }))
  const [drafts, setDrafts] = useState(() => (personId ? listDrafts(personId) : []))
  useDidShow(() => {
    if (!beneficiary) return
    void list.reload()
    setDrafts(personId ? listDrafts(personId) : [])
  })
  const items = useMemo(() => list.data?.items ?? [], [list.data])

  if (!s) {
    return (
      <Page>
        <SignInPrompt why='登录后可以报案，拍照上传发票和材料，看理赔办到哪一步了。' redirect={TAB.claims} />
      </Page>
    )
  }
  if (!beneficiary) {
    return (
      <Page>
        <Notice kind='info' title='工作人员请到理赔工作台办理'>
          <View className='hm-tap' onClick={() => go(route.staffQueue())}>
            <Text className='hm-link'>去理赔工作台 ›</Text>
          </View>
        </Notice>
      </Page>
    )
  }
  return (
    <Page className='claims'>
      <Button type='primary' size='xlarge' block onClick={() => go(route.report())}>
        我要报案
      </Button>
      {drafts.length ? (
        <View className='hm-card'>
          <Text className='hm-heading'>还没提交的报案</Text>
          {drafts.map((d) => {
            const t = calculatorTarget(d.schemeId, d.benefitId, today)
            return (
              <View key={`${d.schemeId}/${d.benefitId}`} className='hm-tap' onClick={() => go(route.report({ scheme: d.schemeId, benefit: d.benefitId, alert: d.alertId }))}>
                <Text className='hm-link'>继续填写：{t ? `${t.scheme.shortName} · ${t.benefit.name}` : d.benefitId} ›</Text>
              </View>
            )
          })}
        </View>
      ) : null}
      <Text className='hm-section-title'>我的理赔{list.data ? `（${list.data.total} 笔）` : ''}</Text>
      {list.error ? <ApiErrorNotice error={list.error} onRetry={() => void list.reload()} /> : null}
      {!list.data && list.loading ? <Loading /> : null}
      {list.data && !items.length ? (
        <Notice kind='info' title='还没有理赔'>
          <Text className='hm-text'>看病住院、出了意外、家里受了灾，都可以点上面的“我要报案”。</Text>
        </Notice>
      ) : null}
      {items.map((c) => (
        <ClaimCard key={c.id} claim={c} onOpen={() => go(route.claim(c.id))} />
      ))}
    </Page>
  )
}
