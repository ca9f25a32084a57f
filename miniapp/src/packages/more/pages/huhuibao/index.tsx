import { Input, Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { ConsentCard } from '@/components/ConsentCard'
import { Loading } from '@/components/Loading'
import { Page } from '@/components/Page'
import { SignInPrompt } from '@/components/SignInPrompt'
import { useApi } from '@/hooks/useApi'
import { useSession } from '@/hooks/useSession'
import { subsidy } from '@/services/api'
import { isApiError } from '@/services/api/errors'
import type { MySubsidy } from '@/services/api/types'
import { giveConsent, hasConsent } from '@/services/consent'
import { dateWords, groupDigits } from '@/services/format'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import '../more.scss'

interface HowToBuy {
  text?: string
  link?: string | null
  linkNote?: string
  window?: { from: string; to: string } | null
}

/** 沪惠保补贴 (闵行): do I qualify, how to buy, my policies and the subsidy's status, the bank account (masked). */
export default function Huhuibao() {
  const s = useSession()
  const beneficiary = !!s && s.user.role === 'beneficiary' && s.user.bound
  const mine = useApi(beneficiary ? 'subsidy' : null, () => subsidy.mine())
  if (!beneficiary) {
    return (
      <Page className='more'>
        <SignInPrompt why='登录后可以看到您能不能领沪惠保补贴、补贴办到哪一步了。' redirect={route.huhuibao()} />
      </Page>
    )
  }
  const d = mine.data
  const how = (d?.howToBuy ?? {}) as HowToBuy
  return (
    <Page className='more'>
      {mine.error ? <ApiErrorNotice error={mine.error} onRetry={() => void mine.reload()} /> : null}
      {!d && mine.loading ? <Loading /> : null}
      {d ? (
        <View>
          <View className={`hm-card more__qualify more__qualify--${d.qualify.eligible ? 'yes' : 'no'}`} id='hhb-qualify'>
            <Text className='hm-title'>{d.qualify.eligible ? '您可以领沪惠保补贴' : '您现在不在补贴范围内'}</Text>
            <Text className='hm-text'>{d.qualify.summary}</Text>
          </View>
          <View className='hm-card'>
            <Text className='hm-heading'>怎么买</Text>
            <Text className='hm-text'>{how.text}</Text>
            {how.window ? (
              <Text className='hm-text more__window'>
                今年购买时间：{dateWords(how.window.from)} 至 {dateWords(how.window.to)}
              </Text>
            ) : null}
            <Text className='hm-small'>{how.link ? `购买链接：${how.link}` : how.linkNote}</Text>
          </View>
          <View className='hm-card' id='hhb-policies'>
            <Text className='hm-heading'>我的保单和补贴</Text>
            {!d.policies.length ? <Text className='hm-secondary'>还没有查到您的沪惠保保单。买了以后，保险公司出单，区民政局比对名单后会显示在这里。</Text> : null}
            {d.policies.map((p) => (
              <View key={p.policyNo} className='more__policy'>
                <Text className='more__policy-title'>
                  {p.policyYear} 年 · 保单 {p.policyNo}
                </Text>
                <Text className='hm-secondary'>
                  {dateWords(p.purchaseDate)} 购买 · 保费 {groupDigits(p.premium)} 元{p.groupPolicy ? ' · 团体保单（不补贴）' : ''}
                </Text>
                <Text className={`hm-badge hm-badge--${p.subsidy.status === 'paid' ? 'ok' : p.subsidy.decision === 'refused' ? 'error' : 'warn'}`}>{p.subsidy.statusText}</Text>
                {p.subsidy.amount !== '0.00' ? <Text className='hm-text'>补贴 {groupDigits(p.subsidy.amount)} 元{p.subsidy.paidOn ? `，${dateWords(p.subsidy.paidOn)} 已打到您的账户` : ''}</Text> : null}
                <Text className='hm-text'>{p.subsidy.nextStep}</Text>
                {p.subsidy.failureReason ? <Text className='hm-error-text'>{p.subsidy.failureReason}</Text> : null}
                {p.subsidy.reasons.filter((r) => !r.ok).map((r, i) => (
                  <Text key={i} className='hm-small'>
                    · {r.message}
                  </Text>
                ))}
              </View>
            ))}
          </View>
          <BankAccount d={d} personId={s!.user.person!.personId} onSaved={() => void mine.reload()} />
        </View>
      ) : null}
    </Page>
  )
}

function BankAccount({ d, personId, onSaved }: { d: MySubsidy; personId: number; onSaved: () => void }) {
  const consentKey = `person-${personId}`
  const [editing, setEditing] = useState(false)
  const [agreed, setAgreed] = useState(() => hasConsent('bank', consentKey))
  const [accountNumber, setAccountNumber] = useState('')
  const [bankName, setBankName] = useState('')
  const [holderName, setHolderName] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const kept = useRef<KeyedSubmission | undefined>()
  const a = d.bankAccount
  const submit = async () => {
    const local: Record<string, string> = {}
    if (!accountNumber.trim()) local.accountNumber = '请填写银行卡号或存折账号'
    if (bankName.trim().length < 2) local.bankName = '请填写开户银行，如 上海农商银行'
    if (!holderName.trim()) local.holderName = '请填写账户名（须为本人姓名）'
    setErrors(local)
    if (Object.keys(local).length) return
    const body = { accountNumber: accountNumber.replace(/\s/g, ''), bankName: bankName.trim(), holderName: holderName.trim() }
    kept.current = keyFor(kept.current, body, 'bank')
    setBusy(true)
    setError(undefined)
    try {
      await subsidy.setBankAccount(body, kept.current.key)
      setEditing(false)
      setAccountNumber('')
      onSaved()
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields)
      else setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='hhb-bank'>
      <Text className='hm-heading'>补贴打到哪个账户</Text>
      {a ? (
        <View>
          <View className='hm-row'>
            <Text className='hm-row__label'>开户银行</Text>
            <Text className='hm-row__value'>{a.bankName}</Text>
          </View>
          <View className='hm-row'>
            <Text className='hm-row__label'>账号</Text>
            <Text className='hm-row__value'>{a.accountMasked}</Text>
          </View>
          <View className='hm-row'>
            <Text className='hm-row__label'>户名</Text>
            <Text className='hm-row__value'>{a.holderName}</Text>
          </View>
        </View>
      ) : (
        <Text className='hm-secondary'>还没有登记银行账户。</Text>
      )}
      {!editing ? (
        <View className='hm-plain-button' onClick={() => setEditing(true)}>
          <Text>{a ? '换一个账户' : '登记银行账户'}</Text>
        </View>
      ) : !agreed ? (
        <ConsentCard
          kind='bank'
          onAgree={() => {
            giveConsent('bank', consentKey)
            setAgreed(true)
          }}
          onDecline={() => setEditing(false)}
        />
      ) : (
        <View>
          <Text className='hm-label'>银行卡号或存折账号</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' type='number' value={accountNumber} maxlength={30} onInput={(e) => setAccountNumber(e.detail.value)} />
          </View>
          {errors.accountNumber ? <Text className='hm-error-text'>{errors.accountNumber}</Text> : null}
          <Text className='hm-label'>开户银行</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' value={bankName} placeholder='例如 上海农商银行' onInput={(e) => setBankName(e.detail.value)} />
          </View>
          {errors.bankName ? <Text className='hm-error-text'>{errors.bankName}</Text> : null}
          <Text className='hm-label'>户名（须为本人）</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' value={holderName} onInput={(e) => setHolderName(e.detail.value)} />
          </View>
          {errors.holderName ? <Text className='hm-error-text'>{errors.holderName}</Text> : null}
          {error ? <ApiErrorNotice error={error} /> : null}
          <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={submit}>
            保存
          </Button>
          <View className='hm-tap' onClick={() => setEditing(false)}>
            <Text className='hm-link'>取消</Text>
          </View>
        </View>
      )}
    </View>
  )
}
