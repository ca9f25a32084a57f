import { listSchemes } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro'
import { useEffect, useMemo, useRef, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { ClaimCard } from '@/components/ClaimCard'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useApi } from '@/hooks/useApi'
import { useSession } from '@/hooks/useSession'
import { api, auth, claims, type ClaimQuery } from '@/services/api'
import { isStaff } from '@/services/api/session'
import type { ClaimEventMessage } from '@/services/api/types'
import { type FeedMode, LiveFeed } from '@/services/live-feed'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { streamOpener } from '@/services/staff-feed'
import '../staff.scss'
import { StaffSignInNotice } from '@/components/SignInPrompt'

const STATES: { value?: string; label: string }[] = [
  { label: '全部未办结' },
  { value: 'reported', label: '已报案' },
  { value: 'accepted', label: '已立案' },
  { value: 'waiting_documents', label: '待补材料' },
  { value: 'under_review', label: '审核中' },
  { value: 'approved', label: '待赔付' },
]

const DUE: { value?: 'overdue' | 'due_soon'; label: string }[] = [{ label: '不限期限' }, { value: 'overdue', label: '已超期' }, { value: 'due_soon', label: '快到期' }]

const ROLE_TEXT: Record<string, string> = { caseworker: '民政经办人员', adjuster: '保险公司理赔人员', finance: '财务人员', admin: '系统管理员' }

const POLL_MS = 5000

function Chips<T>({ items, value, onPick, idPrefix }: { items: { value?: T; label: string }[]; value?: T; onPick: (v?: T) => void; idPrefix: string }) {
  return (
    <View className='staff__chips'>
      {items.map((it) => (
        <View
          key={it.label}
          id={`${idPrefix}-${String(it.value ?? 'all')}`}
          className={`staff__chip${it.value === value ? ' staff__chip--on' : ''}`}
          onClick={() => onPick(it.value)}
        >
          <Text>{it.value === value ? `✓ ${it.label}` : it.label}</Text>
        </View>
      ))}
    </View>
  )
}

function modeText(m: FeedMode): string {
  switch (m) {
    case 'live':
      return '● 实时更新中：新的报案和变化会自动出现'
    case 'polling':
      return `每 ${POLL_MS / 1000} 秒自动刷新一次（实时推送暂不可用）`
    case 'connecting':
      return '正在连接实时更新…'
    default:
      return '自动刷新已停止'
  }
}

/** 理赔工作台: the open claims of my districts, overdue first, updated live. */
export default function StaffQueue() {
  const s = useSession()
  const staff = !!s && isStaff(s.user)
  const [filters, setFilters] = useState<ClaimQuery>({ scope: 'open' })
  const key = staff ? `queue-${s!.user.userId}-${JSON.stringify(filters)}` : null
  const list = useApi(key, () => claims.list({ ...filters, pageSize: 100 }))
  const [mode, setMode] = useState<FeedMode>('stopped')
  const [fresh, setFresh] = useState<Set<number>>(new Set())
  const reloadRef = useRef(list.reload)
  reloadRef.current = list.reload
  const schemes = useMemo(() => listSchemes().filter((x) => x.kind !== 'purchase_subsidy').map((x) => ({ value: x.id, label: x.shortName })), [])

  useDidShow(() => {
    if (staff && list.data) void list.reload()
  })
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh())
  })

  // One live feed while the page is open; every event reloads the list (debounced), new reports are marked.
  useEffect(() => {
    if (!staff) return
    let timer: ReturnType<typeof setTimeout> | undefined
    const reloadSoon = () => {
      clearTimeout(timer)
      timer = setTimeout(() => void reloadRef.current(), 300)
    }
    const feed = new LiveFeed({
      open: streamOpener(),
      reauth: async () => !!(await api.refresh().catch(() => null)),
      reload: () => reloadRef.current(),
      onEvent: (m: ClaimEventMessage) => {
        if (m.toState === 'reported') setFresh((f) => new Set(f).add(m.claimId))
        reloadSoon()
      },
      onMode: setMode,
      pollMs: POLL_MS,
    })
    feed.start()
    return () => {
      clearTimeout(timer)
      feed.stop()
    }
  }, [staff])

  if (!staff) {
    return (
      <Page className='staff'>
        <View className='hm-desk'>
          <StaffSignInNotice />
        </View>
      </Page>
    )
  }
  const items = list.data?.items ?? []
  const overdue = items.filter((c) => c.dueStatus === 'overdue').length
  return (
    <Page className='staff'>
      <View className='hm-desk'>
        <View className='staff__bar'>
          <Text className='staff__who'>
            {s!.user.username} · {ROLE_TEXT[s!.user.role] ?? s!.user.role}
          </Text>
          {s!.user.role === 'caseworker' || s!.user.role === 'admin' ? (
            <View className='hm-tap' id='open-desk' onClick={() => go(route.desk())}>
              <Text className='hm-link'>窗口工具（代为报案、名单、提醒、沪惠保） ›</Text>
            </View>
          ) : s!.user.role === 'finance' ? (
            // Finance may use the 沪惠保 subsidy routes only (server: subsidy.controller @Roles).
            <View className='hm-tap' id='open-desk-subsidy' onClick={() => go(route.deskSubsidy())}>
              <Text className='hm-link'>沪惠保补贴发放 ›</Text>
            </View>
          ) : null}
          <View className='hm-tap' id='open-oversight' onClick={() => go(route.oversight())}>
            <Text className='hm-link'>监管看板 ›</Text>
          </View>
          <View className='hm-tap' onClick={() => void auth.logout().then(() => go(route.staffLogin(), { replace: true }))}>
            <Text className='hm-link'>退出</Text>
          </View>
        </View>
        <View className={`staff__live staff__live--${mode}`} id='live-status'>
          <Text>{modeText(mode)}</Text>
        </View>

        <View className='hm-card staff__filters'>
          <Text className='hm-label'>状态</Text>
          <Chips idPrefix='f-state' items={STATES} value={filters.state} onPick={(v) => setFilters((f) => ({ ...f, state: v }))} />
          <Text className='hm-label'>方案</Text>
          <Chips idPrefix='f-scheme' items={[{ label: '全部方案' }, ...schemes]} value={filters.schemeId} onPick={(v) => setFilters((f) => ({ ...f, schemeId: v }))} />
          <Text className='hm-label'>期限</Text>
          <Chips idPrefix='f-due' items={DUE} value={filters.due} onPick={(v) => setFilters((f) => ({ ...f, due: v }))} />
        </View>

        <Text className='hm-section-title' id='queue-count'>
          待办 {list.data ? list.data.total : '…'} 笔{overdue ? `，其中 ${overdue} 笔已超期（排在最前）` : ''}
        </Text>
        {list.error ? <ApiErrorNotice error={list.error} onRetry={() => void list.reload()} /> : null}
        {!list.data && list.loading ? <Loading /> : null}
        {list.data && !items.length ? <Notice kind='info' title='没有符合条件的理赔' /> : null}
        {items.map((c) => (
          <ClaimCard
            key={c.id}
            claim={c}
            staff
            fresh={fresh.has(c.id)}
            onOpen={() => {
              setFresh((f) => {
                const n = new Set(f)
                n.delete(c.id)
                return n
              })
              go(route.staffClaim(c.id))
            }}
          />
        ))}
      </View>
    </Page>
  )
}
