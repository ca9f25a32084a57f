import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { ConsentCard } from '@/components/ConsentCard'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useParams } from '@/hooks/useParams'
import { useSession } from '@/hooks/useSession'
import { auth, session } from '@/services/api'
import { isApiError } from '@/services/api/errors'
import { giveConsent, hasConsent } from '@/services/consent'
import { go } from '@/services/navigate'
import { currentPlatform } from '@/services/platform'
import { TAB } from '@/services/routes'
import { Button } from '@/ui/nutui'
import './index.scss'

/** The demo beneficiaries of the development login (server/README.md, SEED_DEMO). */
export const DEMO_PEOPLE = [
  { openid: 'demo-openid-jincheng', name: '赵桂兰', about: '晋城 高平市 · 边缘易致贫户（防贫保 住院、财产）' },
  { openid: 'demo-openid-elderly', name: '李秀英', about: '晋城 泽州县 · 85 岁 · 脱贫户' },
  { openid: 'demo-openid-student', name: '陈思远', about: '重庆 渝中区 · 18 岁在校学生 · 低保（学生重大疾病、升学补助金）' },
  { openid: 'demo-openid-tekun', name: '王德明', about: '重庆 渝北区 · 特困人员（大病补充）' },
  { openid: 'demo-openid-minhang', name: '周建华', about: '上海 闵行区 七宝镇 · 持证残疾人（沪惠保补贴）' },
]

function finish(redirect: string | undefined): void {
  go(redirect || TAB.home, { replace: true })
}

/** 登录: WeChat login (+ binding name and ID number) in WeChat; the demo login picker in the browser. */
export default function Login() {
  const { redirect } = useParams()
  const s = useSession()
  const needsBind = !!s && s.user.role === 'beneficiary' && !s.user.bound
  return (
    <Page className='login'>
      {needsBind ? (
        <BindForm userId={s!.user.userId} onDone={() => finish(redirect)} />
      ) : currentPlatform() === 'h5' ? (
        <DemoLogin onDone={() => finish(redirect)} />
      ) : (
        <WechatLogin onDone={(bound) => bound && finish(redirect)} />
      )}
      {s && !needsBind ? (
        <Notice kind='info' title={`已登录：${s.user.person?.name ?? s.user.username ?? ''}`}>
          <View className='hm-tap' onClick={() => finish(redirect)}>
            <Text className='hm-link'>继续 ›</Text>
          </View>
        </Notice>
      ) : null}
    </Page>
  )
}

function WechatLogin({ onDone }: { onDone: (bound: boolean) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const login = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const { code } = await Taro.login()
      const r = await auth.wechatLogin(code)
      session.signIn(r)
      onDone(r.user.role !== 'beneficiary' || r.user.bound)
    } catch (e) {
      setError(isApiError(e) ? e : new Error('微信登录没有成功，请稍后再试'))
    } finally {
      setBusy(false)
    }
  }
  return (
    <View>
      <View className='hm-card'>
        <Text className='hm-title'>用微信登录</Text>
        <Text className='hm-text login__intro'>登录后可以查看您参加的保险、报案、查看理赔进度。</Text>
        <Button type='primary' size='xlarge' block loading={busy} disabled={busy} onClick={login}>
          微信一键登录
        </Button>
      </View>
      {error ? isApiError(error) ? <ApiErrorNotice error={error} onRetry={login} /> : <Notice kind='error' title='微信登录没有成功，请稍后再试' /> : null}
    </View>
  )
}

function DemoLogin({ onDone }: { onDone: () => void }) {
  const [busy, setBusy] = useState<string | null>(null)
  const [error, setError] = useState<unknown>()
  const [unavailable, setUnavailable] = useState(false)
  const [personId, setPersonId] = useState('')
  const login = async (by: { openid: string } | { personId: number }, tag: string) => {
    setBusy(tag)
    setError(undefined)
    try {
      session.signIn(await auth.devLogin(by))
      onDone()
    } catch (e) {
      // The route answers a bare 404 when the development login is off; an unknown person says so.
      if (isApiError(e) && e.status === 404 && !/演示用户|人员/.test(e.message)) setUnavailable(true)
      else setError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View>
      <View className='hm-card'>
        <Text className='hm-title'>演示登录</Text>
        <Text className='hm-text login__intro'>在浏览器里打开时没有微信登录。本机演示可以选一位演示用户登录（数据都是编造的）。</Text>
      </View>
      {unavailable ? (
        <Notice kind='warn' title='这个服务器没有打开演示登录'>
          <Text className='hm-text'>演示登录只在本机演示（npm start）时可用。请在微信里打开“惠民保障”小程序登录。</Text>
        </Notice>
      ) : null}
      {error ? <ApiErrorNotice error={error} /> : null}
      {DEMO_PEOPLE.map((p) => (
        <View
          key={p.openid}
          className='hm-card login__person hm-tap'
          hoverClass='hm-pressed'
          id={`demo-${p.openid}`}
          onClick={() => !busy && login({ openid: p.openid }, p.openid)}
        >
          <View className='login__person-body'>
            <Text className='hm-heading'>{p.name}</Text>
            <Text className='hm-secondary'>{p.about}</Text>
          </View>
          <Text className='login__arrow'>{busy === p.openid ? '登录中…' : '登录 ›'}</Text>
        </View>
      ))}
      <View className='hm-card'>
        <Text className='hm-label'>或者填人员编号</Text>
        <View className='hm-input'>
          <Input className='hm-input__box' type='number' value={personId} placeholder='例如 12' onInput={(e) => setPersonId(e.detail.value)} />
        </View>
        <View className='hm-plain-button' onClick={() => /^\d+$/.test(personId) && login({ personId: Number(personId) }, 'id')}>
          <Text>{busy === 'id' ? '登录中…' : '用这个编号登录'}</Text>
        </View>
      </View>
    </View>
  )
}

function BindForm({ userId, onDone }: { userId: number; onDone: () => void }) {
  const consentKey = `user-${userId}`
  const [agreed, setAgreed] = useState(() => hasConsent('identity', consentKey))
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [phone, setPhone] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  useEffect(() => setErrors({}), [name, idNumber, phone])

  if (!agreed) {
    return (
      <View>
        <Notice kind='info' title='第一次使用，请绑定身份'>
          <Text className='hm-text'>填写姓名和身份证号，我们在民政部门的名单里找到您。</Text>
        </Notice>
        <ConsentCard
          kind='identity'
          onAgree={() => {
            giveConsent('identity', consentKey)
            setAgreed(true)
          }}
          onDecline={() => go(TAB.home, { replace: true })}
        />
      </View>
    )
  }

  const submit = async () => {
    const local: Record<string, string> = {}
    if (!name.trim()) local.name = '请填写姓名'
    const id = idNumber.trim().toUpperCase()
    if (!id) local.idNumber = '请填写身份证号'
    else if (!/^\d{17}[\dX]$/.test(id)) local.idNumber = '身份证号应为 18 位，最后一位可以是 X'
    const ph = phone.replace(/[\s-]/g, '')
    if (ph && !/^1\d{10}$/.test(ph)) local.phone = '手机号应为 11 位数字'
    setErrors(local)
    if (Object.keys(local).length) return
    setBusy(true)
    setError(undefined)
    try {
      const r = await auth.bind({ name: name.trim(), idNumber: id, ...(ph ? { phone: ph } : {}) })
      session.signIn(r)
      onDone()
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields)
      setError(e)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='hm-card' id='bind'>
      <Text className='hm-title'>绑定身份</Text>
      <Text className='hm-secondary'>和民政部门名单上的一致。</Text>
      <Text className='hm-label'>姓名</Text>
      <View className='hm-input'>
        <Input className='hm-input__box' value={name} placeholder='例如 张三' onInput={(e) => setName(e.detail.value)} />
      </View>
      {errors.name ? <Text className='hm-error-text'>{errors.name}</Text> : null}
      <Text className='hm-label'>身份证号</Text>
      <View className='hm-input'>
        <Input className='hm-input__box' type='idcard' value={idNumber} maxlength={18} placeholder='18 位' onInput={(e) => setIdNumber(e.detail.value)} />
      </View>
      {errors.idNumber ? <Text className='hm-error-text'>{errors.idNumber}</Text> : null}
      <Text className='hm-label'>手机号（登记过手机号的要填）</Text>
      <View className='hm-input'>
        <Input className='hm-input__box' type='number' value={phone} maxlength={11} placeholder='选填' onInput={(e) => setPhone(e.detail.value)} />
      </View>
      {errors.phone ? <Text className='hm-error-text'>{errors.phone}</Text> : null}
      {error && !(isApiError(error) && Object.keys(error.fields).length) ? <ApiErrorNotice error={error} /> : null}
      <Button className='login__submit' type='primary' size='xlarge' block loading={busy} disabled={busy} onClick={submit}>
        绑定
      </Button>
    </View>
  )
}
