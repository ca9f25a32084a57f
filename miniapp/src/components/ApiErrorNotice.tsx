import { Text, View } from '@tarojs/components'
import { isApiError, messageOf } from '@/services/api/errors'
import { route } from '@/services/routes'
import { go } from '@/services/navigate'
import { Notice } from './Notice'

/**
 * An API error inline: the server's Chinese message, the field messages under it, and a way out
 * (sign in again, try again). No pop-up.
 */
export function ApiErrorNotice({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: string }) {
  if (!error) return null
  const fields = isApiError(error) ? Object.values(error.fields) : []
  const details = isApiError(error) ? error.details : []
  const signedOut = isApiError(error) && error.status === 401
  return (
    <Notice kind='error' title={title ?? messageOf(error)}>
      {title ? <Text className='hm-text'>{messageOf(error)}</Text> : null}
      {[...fields, ...details].map((m, i) => (
        <Text key={i} className='hm-text'>
          · {m}
        </Text>
      ))}
      {signedOut ? (
        <View className='hm-tap hm-action-link' onClick={() => go(route.login())}>
          <Text className='hm-link'>重新登录 ›</Text>
        </View>
      ) : onRetry ? (
        <View className='hm-tap hm-action-link' onClick={onRetry}>
          <Text className='hm-link'>再试一次 ›</Text>
        </View>
      ) : null}
    </Notice>
  )
}
