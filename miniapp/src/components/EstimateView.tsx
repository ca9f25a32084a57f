import { Text, View } from '@tarojs/components'
import type { BreakdownLine, EstimateResponse, Reason } from '@/services/api/types'
import { groupDigits, signedYuan } from '@/services/format'
import './EstimateView.scss'

/** What an estimate shows: the server's EstimateResponse or the engine's own EstimateResult (calculator). */
interface Shown<R> {
  covered: boolean
  payout: string
  breakdown: readonly Pick<BreakdownLine, 'kind' | 'text' | 'amount' | 'source'>[]
  reasons: readonly R[]
}

type ReasonLike = { ok: boolean; message: string }

/**
 * An estimate: the payout with its arithmetic line by line (each line's clause), or “not covered” with the
 * reasons. `amountTitle` replaces the heading; `muted` when the decided amount is shown elsewhere;
 * `reasonSource` names a reason's clause (default: the server's `source`); `note` goes under the total.
 */
export function EstimateView<R extends ReasonLike = Reason>({
  estimate,
  caption,
  amountTitle,
  amount,
  muted,
  reasonSource = (r) => (r as Partial<Reason>).source,
  note,
}: {
  estimate: Shown<R> | EstimateResponse
  caption?: string
  amountTitle?: string
  amount?: string
  muted?: boolean
  reasonSource?: (r: R) => string | undefined
  note?: string
}) {
  const failed = (estimate.reasons as readonly R[]).filter((r) => !r.ok)
  return (
    <View className='hm-estimate' id='estimate'>
      {estimate.covered ? (
        <View className={`hm-estimate__head ${muted ? 'hm-estimate__head--muted' : 'hm-estimate__head--ok'}`}>
          <Text className='hm-estimate__caption'>{amountTitle ?? '按您填的情况，预计能赔'}</Text>
          <Text className='hm-estimate__money'>{groupDigits(amount ?? estimate.payout)} 元</Text>
          <Text className='hm-estimate__caption'>{caption ?? '这是估算，实际以审核结果为准。'}</Text>
        </View>
      ) : (
        <View className='hm-estimate__head hm-estimate__head--no'>
          <Text className='hm-estimate__title'>按您填的情况，这项保障不赔</Text>
          <Text className='hm-estimate__caption'>原因如下。如果情况填错了，改一下再算。</Text>
        </View>
      )}
      {!estimate.covered && failed.length ? (
        <View className='hm-card'>
          {failed.map((r, i) => (
            <View key={i} className='hm-estimate__line'>
              <Text className='hm-estimate__text'>{r.message}</Text>
              {reasonSource(r) ? <Text className='hm-estimate__source'>依据：{reasonSource(r)}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}
      {estimate.covered ? (
        <View className='hm-card'>
          <Text className='hm-heading'>怎么算的</Text>
          {estimate.breakdown.map((l, i) => (
            <View key={i} className={`hm-estimate__line hm-estimate__line--${l.kind}`}>
              <View className='hm-estimate__main'>
                <Text className='hm-estimate__text'>{l.text}</Text>
                {l.amount !== undefined ? <Text className='hm-estimate__amount'>{signedYuan(l.amount)}</Text> : null}
              </View>
              {l.source ? <Text className='hm-estimate__source'>依据：{l.source}</Text> : null}
            </View>
          ))}
          <View className='hm-estimate__line hm-estimate__line--total'>
            <View className='hm-estimate__main'>
              <Text className='hm-estimate__text'>合计</Text>
              <Text className='hm-estimate__amount'>{groupDigits(estimate.payout)} 元</Text>
            </View>
          </View>
          {note ? <Text className='hm-small'>{note}</Text> : null}
        </View>
      ) : null}
    </View>
  )
}
