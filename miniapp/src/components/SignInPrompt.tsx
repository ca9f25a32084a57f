import { Text, View } from '@tarojs/components'
import { route } from '@/services/routes'
import { go } from '@/services/navigate'
import { Button } from '@/ui/nutui'
import { Notice } from './Notice'

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

/** Shown on staff pages (console, review, dashboard, desk) to whoever is not signed in as staff who may use them. */
export function StaffSignInNotice({ title = '请先用工作人员账号登录' }: { title?: string }) {
  return (
    <Notice kind='info' title={title}>
      <View className='hm-tap' onClick={() => go(route.staffLogin())}>
        <Text className='hm-link'>去登录 ›</Text>
      </View>
    </Notice>
  )
}
