import { Text, View } from '@tarojs/components'
import { route } from '@/services/routes'
import { go } from '@/services/navigate'
import { Button } from '@/ui/nutui'

/** Shown where a page needs the person signed in: why, and one big button. */
export function SignInPrompt({ why, redirect }: { why: string; redirect?: string }) {
  return (
    <View className='hm-card hm-signin'>
      <Text className='hm-heading'>请先登录</Text>
      <Text className='hm-text'>{why}</Text>
      <Button className='hm-signin__button' type='primary' size='large' block onClick={() => go(route.login(redirect))}>
        去登录
      </Button>
    </View>
  )
}
