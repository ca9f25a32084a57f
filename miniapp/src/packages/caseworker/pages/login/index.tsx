import { Input, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useSession } from '@/hooks/useSession'
import { auth, session } from '@/services/api'
import { isApiError } from '@/services/api/errors'
import { isStaff } from '@/services/api/session'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import '../staff.scss'

/** Staff sign-in (caseworkers, adjusters, finance): username and password. */
export default function StaffLogin() {
  const s = useSession()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    const local: Record<string, string> = {}
    if (!username.trim()) local.username = '请填写用户名'
    if (!password) local.password = '请填写密码'
    setErrors(local)
    setError(undefined)
    if (Object.keys(local).length) return
    setBusy(true)
    try {
      const r = await auth.staffLogin(username.trim(), password)
      if (r.user.role === 'beneficiary') {
        setError(new Error('这不是工作人员账号'))
        return
      }
      session.signIn(r)
      go(route.staffQueue(), { replace: true })
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields)
      else setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <Page className='staff staff--narrow'>
      <View className='hm-desk'>
        <View className='hm-card' id='staff-login'>
          <Text className='hm-title'>工作人员登录</Text>
          <Text className='hm-secondary'>民政经办人员、保险公司理赔人员、财务人员使用。</Text>
          {s && !isStaff(s.user) ? <Notice kind='warn' title='登录工作人员账号后，本机当前的参保人账号会退出。' /> : null}
          <Text className='hm-label'>用户名</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' id='staff-username' value={username} placeholder='例如 cw-jincheng' onInput={(e) => setUsername(e.detail.value)} />
          </View>
          {errors.username ? <Text className='hm-error-text'>{errors.username}</Text> : null}
          <Text className='hm-label'>密码</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' id='staff-password' password value={password} onInput={(e) => setPassword(e.detail.value)} onConfirm={submit} />
          </View>
          {errors.password ? <Text className='hm-error-text'>{errors.password}</Text> : null}
          {error ? isApiError(error) ? <ApiErrorNotice error={error} /> : <Notice kind='error' title={(error as Error).message} /> : null}
          <Button className='staff__submit' type='primary' size='large' block loading={busy} disabled={busy} onClick={submit}>
            登录
          </Button>
        </View>
      </View>
    </Page>
  )
}
