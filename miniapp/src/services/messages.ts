/**
 * 消息: the server's notifications (GET /api/me/notifications) when it has them; otherwise derived from my
 * claims (each claim's latest state, newest first), and the page says that these are claim states, not
 * messages the server sent.
 */
import type { ClaimSummary, NotificationItem } from './api/types'
import { amountLine } from './claim-view'

export interface MessageItem {
  key: string
  claimId: number
  title: string
  body: string
  at: string
  unread: boolean
}

export function fromNotifications(items: NotificationItem[]): MessageItem[] {
  return items.map((n) => ({ key: `n${n.id}`, claimId: n.claimId, title: n.title, body: n.body, at: n.at, unread: !n.read }))
}

export function fromClaims(items: ClaimSummary[]): MessageItem[] {
  return [...items]
    .sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : -1))
    .map((c) => {
      const amount = amountLine(c)
      const missing = c.documentsMissing > 0 && (c.state === 'waiting_documents' || c.state === 'accepted' || c.state === 'reported') ? `还差 ${c.documentsMissing} 项材料。` : ''
      return {
        key: `c${c.id}-${c.state}`,
        claimId: c.id,
        title: c.plainLabel,
        body: `${c.schemeName} · ${c.benefitName}（编号 ${c.claimNo}）${amount ? `：${amount}` : ''}。${missing}`,
        at: c.updatedAt,
        unread: false,
      }
    })
}
