import type { BenefitDef, EstimateResult, SchemeDefinition } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import { EstimateView } from '@/components/EstimateView'
import { clauseText } from '@/services/catalogue'

/** The engine's answer (EstimateView), then the documents a claim needs and whom to call. */
export function ResultView({ result, scheme, benefit }: { result: EstimateResult; scheme: SchemeDefinition; benefit: BenefitDef }) {
  const yearly = benefit.formula.kind === 'reimbursement' && benefit.formula.accumulation === 'year'
  return (
    <View id='result' className='est-result'>
      <EstimateView
        estimate={result}
        caption='这是估算，实际以保险公司核定为准。'
        reasonSource={(r) => (r.clause ? clauseText(scheme, r.clause) : undefined)}
        note={yearly ? '按本年第一次申请估算。今年已经赔过的，这次可能赔得少一些。' : undefined}
      />

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
