import { Text, View } from '@tarojs/components'
import { CONSENT_TEXTS, type ConsentKind } from '@/services/consent'
import { Button } from '@/ui/nutui'

/** Asks once, inline, before sensitive information is first used: what, why, who sees it; agree or go back. */
export function ConsentCard({ kind, onAgree, onDecline }: { kind: ConsentKind; onAgree: () => void; onDecline?: () => void }) {
  const t = CONSENT_TEXTS[kind]
  return (
    <View className='hm-card hm-consent' id={`consent-${kind}`}>
      <Text className='hm-heading'>{t.title}</Text>
      {t.lines.map((l, i) => (
        <View key={i} className='hm-list-item'>
          <Text className='hm-list-bullet'>·</Text>
          <Text className='hm-list-text'>{l}</Text>
        </View>
      ))}
      <Button className='hm-consent__agree' type='primary' size='large' block onClick={onAgree}>
        {t.agree}
      </Button>
      {onDecline ? (
        <View className='hm-tap hm-consent__decline' onClick={onDecline}>
          <Text className='hm-link'>不同意，返回</Text>
        </View>
      ) : null}
    </View>
  )
}
