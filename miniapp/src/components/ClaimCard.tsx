import { Text, View } from '@tarojs/components'
import type { ClaimSummary } from '@/services/api/types'
import { amountLine, dueWords, stateTone } from '@/services/claim-view'
import { dateWords } from '@/services/format'
import './ClaimCard.scss'

/** One claim in a list: what, state in plain words, amount, missing documents, due date. */
export function ClaimCard({ claim, staff, onOpen, fresh }: { claim: ClaimSummary; staff?: boolean; onOpen: () => void; fresh?: boolean }) {
  const amount = amountLine(claim)
  const due = dueWords(claim.dueDate, claim.dueStatus)
  return (
    <View className={`hm-card hm-claim-card${fresh ? ' hm-claim-card--fresh' : ''}${claim.dueStatus === 'overdue' ? ' hm-claim-card--overdue' : ''}`} hoverClass='hm-pressed' onClick={onOpen} id={`claim-${claim.id}`}>
      <View className='hm-claim-card__head'>
        <Text className='hm-claim-card__title'>
          {staff && claim.personName ? `${claim.personName} · ` : ''}
          {claim.benefitName}
        </Text>
        <Text className={`hm-badge hm-badge--${stateTone(claim.state)}`}>{staff ? claim.stateLabel : claim.plainLabel}</Text>
      </View>
      <Text className='hm-secondary'>
        {claim.schemeName} · 出事日期 {dateWords(claim.incidentDate)}
        {staff ? ` · ${claim.districtName}` : ''}
      </Text>
      {amount ? <Text className='hm-claim-card__amount'>{amount}</Text> : null}
      {claim.documentsMissing > 0 && claim.state !== 'paid' && claim.state !== 'rejected' && claim.state !== 'withdrawn' ? (
        <Text className='hm-claim-card__missing'>还差 {claim.documentsMissing} 项材料</Text>
      ) : null}
      {due && claim.state !== 'paid' && claim.state !== 'rejected' && claim.state !== 'withdrawn' ? (
        <Text className={`hm-small${claim.dueStatus === 'overdue' ? ' hm-claim-card__overdue' : ''}`}>{due}</Text>
      ) : null}
      <View className='hm-claim-card__foot'>
        <Text className='hm-small'>编号 {claim.claimNo}</Text>
        <Text className='hm-link'>{fresh ? '新 · ' : ''}查看 ›</Text>
      </View>
    </View>
  )
}
