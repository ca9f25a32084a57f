import { Text, View } from '@tarojs/components'
import type { ClaimAlert } from '@/services/api/types'
import { dateWords } from '@/services/format'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'

/** 主动理赔 reminder: what happened (from the monitoring lists), and one button to report it. */
export function AlertCard({ alert }: { alert: ClaimAlert }) {
  return (
    <View className='hm-card hm-alert' id={`alert-${alert.id}`}>
      <Text className='hm-badge hm-badge--warn'>提醒 · {alert.kindLabel}</Text>
      <Text className='hm-heading hm-alert__title'>{alert.message}</Text>
      <Text className='hm-secondary'>
        {dateWords(alert.eventDate)} · {alert.schemeName} · {alert.benefitName}
      </Text>
      {alert.detail ? <Text className='hm-small'>{alert.detail}</Text> : null}
      <Button type='primary' size='large' block onClick={() => go(route.report({ scheme: alert.schemeId, benefit: alert.benefitId, alert: alert.id }))}>
        去报案
      </Button>
    </View>
  )
}
