import { getScheme } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { EstimateView } from '@/components/EstimateView'
import { FieldInput } from '@/components/FieldInput'
import { Notice } from '@/components/Notice'
import { useToday } from '@/hooks/useToday'
import { type PersonMatch, people, reportFor } from '@/services/api/desk'
import { isApiError } from '@/services/api/errors'
import type { ClaimDetail } from '@/services/api/types'
import { displayVersion } from '@/services/catalogue'
import { type FieldErrors, type FormValue, type FormValues, initialValues } from '@/services/estimate-form'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { go } from '@/services/navigate'
import { DESCRIPTION_KEY, PLACE_KEY, reportBody, reportFields, reportMissing, reportTarget, serverErrorsOnForm } from '@/services/report-form'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import { searchError } from '../../lib/forms'
import { DeskPage, Field, GeneralErrors, TextBox } from '../../lib/ui'

const SEX: Record<string, string> = { M: '男', F: '女' }

/** 代为报案: find the person (ID number or name, my districts), choose the benefit, fill the 报案 form, submit for them. */
export default function DeskReport() {
  const [person, setPerson] = useState<PersonMatch | undefined>()
  const [choice, setChoice] = useState<{ schemeId: string; benefitId: string } | undefined>()
  const [done, setDone] = useState<ClaimDetail | undefined>()
  const restart = () => {
    setPerson(undefined)
    setChoice(undefined)
    setDone(undefined)
  }
  return (
    <DeskPage title='代为报案'>
      {done ? (
        <Reported claim={done} onAgain={restart} />
      ) : !person ? (
        <FindPerson onPick={setPerson} />
      ) : (
        <View>
          <View className='hm-card desk__person' id='chosen-person'>
            <Text className='hm-heading'>
              为 {person.name}（{SEX[person.sex] ?? ''}，{person.age} 岁，{person.idNumberMasked}，{person.district.name}）报案
            </Text>
            <View className='hm-tap' onClick={restart}>
              <Text className='hm-link'>换一个人</Text>
            </View>
          </View>
          {!choice ? (
            <ChooseBenefit person={person} onChoose={(schemeId, benefitId) => setChoice({ schemeId, benefitId })} />
          ) : (
            <ProxyForm key={`${person.id}/${choice.schemeId}/${choice.benefitId}`} person={person} {...choice} onChangeBenefit={() => setChoice(undefined)} onDone={setDone} />
          )}
        </View>
      )}
    </DeskPage>
  )
}

function FindPerson({ onPick }: { onPick: (p: PersonMatch) => void }) {
  const [q, setQ] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<{ items: PersonMatch[]; more: boolean } | undefined>()
  const search = async () => {
    const local = searchError(q)
    setError(local)
    setFailure(undefined)
    if (local) return
    setBusy(true)
    try {
      setFound(await people.search(q.trim()))
    } catch (e) {
      if (isApiError(e) && e.fields.q) setError(e.fields.q)
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='person-search'>
      <Text className='hm-secondary'>输入参保人的身份证号（18 位），或姓名（至少两个字）。只能查到您负责的区县的人；每次查询都会留痕。</Text>
      <Field label='身份证号或姓名' error={error}>
        <TextBox id='person-q' value={q} placeholder='例如 赵桂兰' onInput={setQ} onConfirm={search} />
      </Field>
      <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={search}>
        查找
      </Button>
      {failure ? <ApiErrorNotice error={failure} onRetry={search} /> : null}
      {found && !found.items.length ? <Notice kind='info' title='没有找到：请核对身份证号或姓名（只查您负责的区县）' /> : null}
      {found?.more ? <Notice kind='info' title='符合的人太多，只列出前 20 位：请输入完整姓名或身份证号' /> : null}
      {found?.items.map((p) => (
        <View key={p.id} id={`person-${p.id}`} className='desk__row hm-tap desk__person' onClick={() => onPick(p)}>
          <View className='desk__menu-body'>
            <Text className='hm-heading'>
              {p.name} · {SEX[p.sex] ?? ''} · {p.age} 岁
            </Text>
            <Text className='hm-secondary'>
              {p.idNumberMasked} · {p.district.city}
              {p.district.name} {p.identities.length ? `· ${p.identities.join('、')}` : ''}
            </Text>
          </View>
          <Text className='hm-link'>为此人报案 ›</Text>
        </View>
      ))}
    </View>
  )
}

function ChooseBenefit({ person, onChoose }: { person: PersonMatch; onChoose: (schemeId: string, benefitId: string) => void }) {
  const today = useToday()
  const schemes = useMemo(() => {
    const ids = [...new Set(person.enrolments.filter((e) => e.coverEnd >= `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`).map((e) => e.schemeId))]
    return ids.flatMap((id) => {
      try {
        const s = getScheme(id)
        if (s.kind === 'purchase_subsidy') return []
        return [{ scheme: s, version: displayVersion(s, today) }]
      } catch {
        return []
      }
    })
  }, [person, today])
  if (!schemes.length) return <Notice kind='info' title='没有查到此人参加的保险（或只有沪惠保补贴，不用报案），暂时不能报案' />
  return (
    <View id='benefits'>
      <Text className='hm-section-title'>选择要报案的保障</Text>
      {schemes.map(({ scheme, version }) => (
        <View key={scheme.id}>
          <Text className='hm-label'>{scheme.name}</Text>
          {version.benefits.map((b) => (
            <View key={b.id} id={`benefit-${scheme.id}-${b.id}`} className='hm-card hm-tap desk__menu' hoverClass='hm-pressed' onClick={() => onChoose(scheme.id, b.id)}>
              <View className='desk__menu-body'>
                <Text className='hm-heading'>{b.name}</Text>
                <Text className='hm-secondary'>{b.summary}</Text>
              </View>
              <Text className='hm-link'>›</Text>
            </View>
          ))}
        </View>
      ))}
    </View>
  )
}

function ProxyForm({ person, schemeId, benefitId, onChangeBenefit, onDone }: { person: PersonMatch; schemeId: string; benefitId: string; onChangeBenefit: () => void; onDone: (c: ClaimDetail) => void }) {
  const today = useToday()
  const target = useMemo(() => reportTarget(schemeId, benefitId, today), [schemeId, benefitId, today])
  const fields = useMemo(() => (target ? reportFields(target, today) : []), [target, today])
  const [values, setValues] = useState<FormValues>(() => (target ? { ...initialValues(target.scheme, fields, today), [PLACE_KEY]: '', [DESCRIPTION_KEY]: '' } : {}))
  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string[]>([])
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const [retryNote, setRetryNote] = useState<string | undefined>()
  if (!target) return <Notice kind='error' title='没有找到这项保障' />
  const set = (key: string, v: FormValue) => {
    setValues((x) => ({ ...x, [key]: v }))
    setErrors(({ [key]: _gone, ...rest }) => rest)
    setGeneral([])
  }
  const submit = async () => {
    const missing = reportMissing(fields, values)
    setErrors(missing)
    setGeneral([])
    setFailure(undefined)
    setRetryNote(undefined)
    if (Object.keys(missing).length) return
    const body = reportBody(target, fields, values, [])
    // One key per submission: a retry after a lost answer sends the same key and creates nothing twice.
    const sub = keyFor(kept, { ...body, personId: person.id }, 'desk-claim')
    setKept(sub)
    setBusy(true)
    try {
      onDone(await reportFor(person.id, body, sub.key))
    } catch (e) {
      if (isApiError(e) && e.isNetwork) setRetryNote('网络不好，没有收到回复。请再点一次“提交报案”，不会重复报案。')
      else if (isApiError(e) && (Object.keys(e.fields).length || e.details.length || e.code === 'CLAIM_NOT_COVERED')) {
        const r = serverErrorsOnForm(e, fields)
        setErrors(r.errors)
        setGeneral(r.general)
      } else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  const errorCount = Object.keys(errors).length
  return (
    <View id='proxy-form'>
      <View className='hm-card desk__person'>
        <Text className='hm-heading'>
          {target.scheme.shortName ?? target.scheme.name} · {target.benefit.name}
        </Text>
        <View className='hm-tap' onClick={onChangeBenefit}>
          <Text className='hm-link'>换一项保障</Text>
        </View>
      </View>
      <View className='hm-card'>
        {fields.map((f) => (
          <FieldInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => set(f.key, v)} />
        ))}
      </View>
      <View id='form-errors'>
        {errorCount ? <Notice kind='error' title={`还有 ${errorCount} 处要填写或修改`} /> : null}
        <GeneralErrors items={general} />
      </View>
      <Notice kind='info' title='材料：提交后，在理赔详情里逐项勾选“已收到（纸质）”，或由参保人在小程序里拍照补交。' />
      {retryNote ? <Notice kind='warn' title={retryNote} /> : null}
      {failure ? <ApiErrorNotice error={failure} onRetry={submit} /> : null}
      <Button className='staff__submit' type='primary' size='large' block loading={busy} disabled={busy} onClick={submit}>
        提交报案
      </Button>
    </View>
  )
}

function Reported({ claim, onAgain }: { claim: ClaimDetail; onAgain: () => void }) {
  return (
    <View id='proxy-done'>
      <Notice kind='info' title={`已为 ${claim.personName ?? '参保人'} 报案，理赔编号 ${claim.claimNo}`}>
        <Text className='hm-text'>
          {claim.schemeName} · {claim.benefitName}。参保人在小程序“我的理赔”里能看到这笔理赔；记录里写明由您代为报案。
        </Text>
      </Notice>
      {claim.estimate ? <EstimateView estimate={claim.estimate} /> : null}
      <View className='desk__actions'>
        <Button type='primary' size='large' onClick={() => go(route.staffClaim(claim.id))}>
          打开理赔详情
        </Button>
        <Button size='large' onClick={onAgain}>
          再为别人报案
        </Button>
      </View>
    </View>
  )
}
