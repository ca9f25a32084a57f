import { Text, View } from '@tarojs/components'
import type { CoveredBenefit, CoverageItem } from '@/services/api/types'
import { dateWords, groupDigits } from '@/services/format'
import { go } from '@/services/navigate'
import { callPhone } from '@/services/platform'
import { route } from '@/services/routes'
import './CoverageCard.scss'

function usageLines(b: CoveredBenefit): string[] {
  const out: string[] = []
  const u = b.usage
  const whose = u.ledger === 'household' ? '全家' : ''
  if (u.deductible) {
    out.push(
      u.deductible.left === '0.00'
        ? `起付线 ${groupDigits(u.deductible.amount)} 元：${whose}今年已经够了`
        : `起付线 ${groupDigits(u.deductible.amount)} 元：${whose}今年已累计 ${groupDigits(u.deductible.met)} 元，还差 ${groupDigits(u.deductible.left)} 元`,
    )
  }
  if (u.annualCap) out.push(`${whose}今年最多赔 ${groupDigits(u.annualCap.amount)} 元：已赔 ${groupDigits(u.annualCap.used)} 元，还能赔 ${groupDigits(u.annualCap.left)} 元`)
  else if (u.paid !== '0.00') out.push(`${whose}今年已赔 ${groupDigits(u.paid)} 元`)
  return out
}

/** One scheme that covers me: period, insurer and hotline (tap to call), what is covered, used and left. */
export function CoverageCard({ item }: { item: CoverageItem }) {
  const active = item.status === 'active'
  return (
    <View className='hm-card hm-cover' id={`cover-${item.schemeId}`}>
      <View className='hm-cover__head'>
        <Text className='hm-cover__name'>{item.schemeName}</Text>
        <Text className={`hm-badge ${active ? 'hm-badge--ok' : 'hm-badge--done'}`}>{item.statusLabel}</Text>
      </View>
      {item.note ? <Text className='hm-small hm-cover__note'>{item.note}</Text> : null}
      <View className='hm-row'>
        <Text className='hm-row__label'>保障期</Text>
        <Text className='hm-row__value'>
          <Text className='hm-nowrap'>{dateWords(item.coverStart)}</Text> 至 <Text className='hm-nowrap'>{dateWords(item.coverEnd)}</Text>
        </Text>
      </View>
      <View className='hm-row'>
        <Text className='hm-row__label'>保险公司</Text>
        <Text className='hm-row__value'>{item.insurer.name}</Text>
      </View>
      {item.insurer.hotline ? (
        <View className='hm-plain-button hm-cover__call' hoverClass='hm-pressed' onClick={() => callPhone(item.insurer.hotline!)}>
          <Text>📞 拨打客服 {item.insurer.hotline}</Text>
        </View>
      ) : (
        <Text className='hm-small'>客服电话：文件里没有写，请问社区工作人员</Text>
      )}
      <Text className='hm-cover__section'>保什么（{item.benefits.length} 项）</Text>
      {item.benefits.map((b) => (
        <View key={b.id} className='hm-cover__benefit' id={`benefit-${item.schemeId}-${b.id}`}>
          <Text className='hm-cover__benefit-name'>{b.name}</Text>
          <Text className='hm-secondary'>{b.summary}</Text>
          {usageLines(b).map((l, i) => (
            <Text key={i} className='hm-cover__usage'>
              {l}
            </Text>
          ))}
          <View className='hm-cover__actions'>
            <View className='hm-plain-button hm-plain-button--small' hoverClass='hm-pressed' onClick={() => go(route.report({ scheme: item.schemeId, benefit: b.id }))}>
              <Text>报案</Text>
            </View>
            <View className='hm-tap hm-cover__more' onClick={() => go(route.benefit(item.schemeId, b.id))}>
              <Text className='hm-link'>要交哪些材料 ›</Text>
            </View>
          </View>
        </View>
      ))}
    </View>
  )
}
