import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { ApiErrorNotice } from '../../components/ApiErrorNotice'
import { Loading } from '../../components/Loading'
import { Notice } from '../../components/Notice'
import { Page } from '../../components/Page'
import { SignInPrompt } from '../../components/SignInPrompt'
import { isMissingRoute, useApi } from '../../hooks/useApi'
import { useSession } from '../../hooks/useSession'
import { claims, notifications } from '../../services/api'
import { timeWords } from '../../services/claim-view'
import { fromClaims, fromNotifications, type MessageItem } from '../../services/messages'
import { go } from '../../services/navigate'
import { route, TAB } from '../../services/routes'
import './index.scss'

async function loadMessages(): Promise<{ items: MessageItem[]; derived: boolean; newest?: number }> {
  try {
    const n = await notifications.list()
    return { items: fromNotifications(n.items), derived: false, newest: n.items[0]?.id }
  } catch (e) {
    if (!isMissingRoute(e)) throw e
    const list = await claims.list({ pageSize: 50 })
    return { items: fromClaims(list.items), derived: true }
  }
}

/** 消息: what happened to my claims, newest first. */
export default function Messages() {
  const s = useSession()
  const beneficiary = !!s && s.user.role === 'beneficiary' && s.user.bound
  const m = useApi(beneficiary ? `messages-${s!.user.userId}` : null, loadMessages)
  useDidShow(() => {
    if (beneficiary) void m.reload()
  })
  if (!s) {
    return (
      <Page>
        <SignInPrompt why='登录后，理赔有进展、需要补材料、钱打到卡上时，会在这里告诉您。' redirect={TAB.messages} />
      </Page>
    )
  }
  if (!beneficiary) {
    return (
      <Page>
        <Notice kind='info' title='工作人员的消息在理赔工作台' />
      </Page>
    )
  }
  const open = (claimId: number, newest?: number) => {
    if (newest) void notifications.markRead(newest).catch(() => undefined)
    go(route.claim(claimId))
  }
  return (
    <Page className='messages'>
      {m.error ? <ApiErrorNotice error={m.error} onRetry={() => void m.reload()} /> : null}
      {!m.data && m.loading ? <Loading /> : null}
      {m.data?.derived ? <Text className='hm-small messages__note'>下面是您每笔理赔现在办到哪一步。</Text> : null}
      {m.data && !m.data.items.length ? <Notice kind='info' title='还没有消息' /> : null}
      {m.data?.items.map((x) => (
        <View key={x.key} className={`hm-card messages__item${x.unread ? ' messages__item--unread' : ''}`} hoverClass='hm-pressed' onClick={() => open(x.claimId, m.data?.newest)}>
          <View className='messages__head'>
            <Text className='messages__title'>{x.unread ? '● ' : ''}{x.title}</Text>
          </View>
          <Text className='hm-text'>{x.body}</Text>
          <View className='messages__foot'>
            <Text className='hm-small'>{timeWords(x.at)}</Text>
            <Text className='hm-link'>查看 ›</Text>
          </View>
        </View>
      ))}
    </Page>
  )
}
