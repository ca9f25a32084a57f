import type { BenefitDef, EstimateResult, SchemeDefinition } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import { clauseText } from '@/services/catalogue'
import { groupDigits, signedYuan } from '@/services/format'

/** The engine's answer: the payout with its arithmetic line by line, or "not covered" with the reasons. */
export function ResultView({ result, scheme, benefit }: { result: EstimateResult; scheme: SchemeDefinition; benefit: BenefitDef }) {
  const failed = result.reasons.filter((r) => !r.ok)
  const yearly = benefit.formula.kind === 'reimbursement' && benefit.formula.accumulation === 'year'
  return (
    <View id='result' className='est-result'>
      {result.covered ? (
        <View className='est-result__head est-result__head--ok'>
          <Text className='est-result__caption'>按您填的情况，预计能赔</Text>
          <Text className='est-result__money'>{groupDigits(result.payout)} 元</Text>
          <Text className='est-result__caption'>这是估算，实际以保险公司核定为准。</Text>
        </View>
      ) : (
        <View className='est-result__head est-result__head--no'>
          <Text className='est-result__title'>按您填的情况，这项保障不赔</Text>
          <Text className='est-result__caption'>原因如下。如果情况填错了，改一下再算。</Text>
        </View>
      )}

      {!result.covered && failed.length ? (
        <View className='hm-card'>
          {failed.map((r, i) => (
            <View key={i} className='est-line'>
              <Text className='est-line__text'>{r.message}</Text>
              {r.clause ? <Text className='est-line__source'>依据：{clauseText(scheme, r.clause)}</Text> : null}
            </View>
          ))}
        </View>
      ) : null}

      {result.covered ? (
        <View className='hm-card'>
          <Text className='hm-heading'>怎么算的</Text>
          {result.breakdown.map((l, i) => (
            <View key={i} className={`est-line est-line--${l.kind}`}>
              <View className='est-line__main'>
                <Text className='est-line__text'>{l.text}</Text>
                {l.amount !== undefined ? <Text className='est-line__amount'>{signedYuan(l.amount)}</Text> : null}
              </View>
              {l.source ? <Text className='est-line__source'>依据：{l.source}</Text> : null}
            </View>
          ))}
          <View className='est-line est-line--total'>
            <View className='est-line__main'>
              <Text className='est-line__text'>合计</Text>
              <Text className='est-line__amount'>{groupDigits(result.payout)} 元</Text>
            </View>
          </View>
          {yearly ? <Text className='hm-small'>按本年第一次申请估算。今年已经赔过的，这次可能赔得少一些。</Text> : null}
        </View>
      ) : null}

      {result.covered && result.documents.length ? (
        <View className='hm-card'>
          <Text className='hm-heading'>要准备的材料（一次告诉您全部）</Text>
          {result.documents.map((d, i) => (
            <View key={d.id} className='est-doc'>
              <Text className='est-doc__no'>{i + 1}.</Text>
              <Text className='est-doc__name'>{d.name}</Text>
            </View>
          ))}
        </View>
      ) : null}

      {result.covered && result.insurer ? (
        <View className='hm-card'>
          <Text className='hm-heading'>找谁办</Text>
          <Text className='hm-text'>{result.insurer.name}</Text>
          <Text className='hm-text'>{result.insurer.hotline ? `客服电话：${result.insurer.hotline}` : '客服电话：文件里没有写，请问当地民政部门'}</Text>
        </View>
      ) : null}
    </View>
  )
}
