import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { ConsentCard } from '@/components/ConsentCard'
import { EstimateView } from '@/components/EstimateView'
import { FieldInput } from '@/components/FieldInput'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { PhotoChecklist } from '@/components/PhotoChecklist'
import { SignInPrompt } from '@/components/SignInPrompt'
import { useApi } from '@/hooks/useApi'
import { useParams } from '@/hooks/useParams'
import { useSession } from '@/hooks/useSession'
import { useToday } from '@/hooks/useToday'
import { useUploadQueue } from '@/hooks/useUploadQueue'
import { claims, coverage, estimates } from '@/services/api'
import { isApiError } from '@/services/api/errors'
import type { EstimateResponse } from '@/services/api/types'
import { giveConsent, hasConsent } from '@/services/consent'
import { deleteDraft, hasContent, loadDraft, type ReportDraft, saveDraft } from '@/services/draft-store'
import { type FieldErrors, type FormValue, type FormValues, initialValues } from '@/services/estimate-form'
import { keyFor } from '@/services/idempotency'
import { back, go } from '@/services/navigate'
import { releasePhoto } from '@/services/photos'
import {
  checklist,
  DESCRIPTION_KEY,
  estimateBody,
  PLACE_KEY,
  reportBody,
  reportFields,
  reportMissing,
  reportTarget,
  serverErrorsOnForm,
} from '@/services/report-form'
import { route } from '@/services/routes'
import type { UploadItem } from '@/services/upload-queue'
import { Button } from '@/ui/nutui'
import './index.scss'

/** 报案: choose what to report (from my cover), fill the benefit's form, see the estimate, add photos, submit. */
export default function Report() {
  const params = useParams()
  const s = useSession()
  const [choice, setChoice] = useState<{ scheme?: string; benefit?: string }>({ scheme: params.scheme, benefit: params.benefit })
  const alertId = params.alert && /^\d+$/.test(params.alert) ? Number(params.alert) : undefined
  const here = route.report({ scheme: choice.scheme, benefit: choice.benefit, alert: alertId })

  if (!s || s.user.role !== 'beneficiary' || !s.user.bound || !s.user.person) {
    return (
      <Page className='report'>
        <SignInPrompt why='报案要先登录，这样保险公司和民政部门才知道是谁的理赔。' redirect={here} />
      </Page>
    )
  }
  const personId = s.user.person.personId
  return (
    <Page className='report'>
      <MedicalConsent personId={personId}>
        {!choice.scheme || !choice.benefit ? (
          <ChooseBenefit onChoose={(scheme, benefit) => setChoice({ scheme, benefit })} />
        ) : (
          <ReportForm
            key={`${choice.scheme}/${choice.benefit}`}
            personId={personId}
            schemeId={choice.scheme}
            benefitId={choice.benefit}
            alertId={alertId}
            onChangeBenefit={() => setChoice({})}
          />
        )}
      </MedicalConsent>
    </Page>
  )
}

function MedicalConsent({ personId, children }: { personId: number; children: React.ReactNode }) {
  const key = `person-${personId}`
  const [ok, setOk] = useState(() => hasConsent('medical', key))
  if (ok) return <>{children}</>
  return (
    <ConsentCard
      kind='medical'
      onAgree={() => {
        giveConsent('medical', key)
        setOk(true)
      }}
      onDecline={() => back()}
    />
  )
}

function Step({ n, title }: { n: number; title: string }) {
  return (
    <View className='report-step'>
      <Text className='report-step__n'>第 {n} 步</Text>
      <Text className='report-step__title'>{title}</Text>
    </View>
  )
}

function ChooseBenefit({ onChoose }: { onChoose: (scheme: string, benefit: string) => void }) {
  const mine = useApi('cover', () => coverage.mine())
  return (
    <View>
      <Step n={1} title='选择要报案的保障' />
      {mine.error ? <ApiErrorNotice error={mine.error} onRetry={() => void mine.reload()} /> : null}
      {!mine.data && mine.loading ? <Loading /> : null}
      {mine.data && !mine.data.enrolments.length ? <Notice kind='info' title='没有查到您参加的保险，暂时不能报案' /> : null}
      {mine.data?.enrolments.map((e) => (
        <View key={e.enrolmentId}>
          <Text className='hm-section-title'>{e.schemeName}</Text>
          {e.benefits.map((b) => (
            <View key={b.id} className='hm-card report-choice hm-tap' hoverClass='hm-pressed' onClick={() => onChoose(e.schemeId, b.id)}>
              <View className='report-choice__body'>
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

interface FormProps {
  personId: number
  schemeId: string
  benefitId: string
  alertId?: number
  onChangeBenefit: () => void
}

function ReportForm({ personId, schemeId, benefitId, alertId, onChangeBenefit }: FormProps) {
  const today = useToday()
  const target = useMemo(() => reportTarget(schemeId, benefitId, today), [schemeId, benefitId, today])
  const fields = useMemo(() => (target ? reportFields(target, today) : []), [target, today])
  const ref = { personId, schemeId, benefitId }
  const start = useMemo<FormValues>(() => (target ? initialValues(target.scheme, fields, today) : {}), [target, fields, today])

  // The draft: restored from storage, saved on every change once there is something in it.
  const [draft, setDraft] = useState<ReportDraft>(() => {
    const saved = loadDraft(ref)
    return saved ?? { ...ref, ...(alertId ? { alertId } : {}), values: { ...start, [PLACE_KEY]: '', [DESCRIPTION_KEY]: '' }, uploads: [], updatedAt: '' }
  })
  const restored = useRef(!!loadDraft(ref))
  const draftRef = useRef(draft)
  const persist = useCallback(
    (d: ReportDraft) => {
      draftRef.current = d
      setDraft(d)
      if (hasContent(d, start) || d.submit) saveDraft(d)
    },
    [start],
  )

  const queue = useUploadQueue({
    ready: true,
    initial: draft.uploads,
    onItems: (items: UploadItem[]) => persist({ ...draftRef.current, uploads: items }),
  })

  // From a reminder: the event date is the incident date, unless the person already chose one.
  const alerts = useApi(alertId && !restored.current ? 'alerts' : null, () => coverage.alerts())
  useEffect(() => {
    const a = alerts.data?.find((x) => x.id === alertId)
    if (a && draftRef.current.values.incidentDate === start.incidentDate) {
      persist({ ...draftRef.current, values: { ...draftRef.current.values, incidentDate: a.eventDate } })
    }
  }, [alerts.data, alertId, persist, start])

  const [errors, setErrors] = useState<FieldErrors>({})
  const [general, setGeneral] = useState<string[]>([])
  const [estimate, setEstimate] = useState<EstimateResponse | undefined>()
  const [estimating, setEstimating] = useState(false)
  const [estimateError, setEstimateError] = useState<unknown>()
  const [submitting, setSubmitting] = useState(false)
  const [submitProblem, setSubmitProblem] = useState<string | undefined>()
  const [submitError, setSubmitError] = useState<unknown>()

  if (!target) {
    return (
      <Notice kind='error' title='没有找到这项保障'>
        <View className='hm-tap' onClick={onChangeBenefit}>
          <Text className='hm-link'>重新选择 ›</Text>
        </View>
      </Notice>
    )
  }
  const { scheme, benefit } = target
  const values = draft.values
  const lines = checklist(benefit, values)

  const setValue = (key: string, v: FormValue) => {
    persist({ ...draftRef.current, values: { ...draftRef.current.values, [key]: v } })
    setErrors((e) => {
      if (!(key in e)) return e
      const { [key]: _gone, ...rest } = e
      return rest
    })
    setGeneral([])
    setSubmitProblem(undefined)
    setEstimate(undefined) // an estimate for other inputs would mislead
  }

  const scrollTo = (selector: string) => setTimeout(() => Taro.pageScrollTo({ selector, duration: 200 }), 60)

  const runEstimate = async () => {
    const needed = fields.filter((f) => f.key !== DESCRIPTION_KEY && f.key !== PLACE_KEY)
    const missing = reportMissing(needed, values)
    setErrors(missing)
    setGeneral([])
    setEstimateError(undefined)
    if (Object.keys(missing).length) {
      scrollTo('#form-errors')
      return
    }
    setEstimating(true)
    try {
      setEstimate(await estimates.create(estimateBody(target, fields, values)))
      scrollTo('#estimate')
    } catch (e) {
      if (isApiError(e) && (Object.keys(e.fields).length || e.details.length)) {
        const r = serverErrorsOnForm(e, fields)
        setErrors(r.errors)
        setGeneral(r.general)
        scrollTo('#form-errors')
      } else setEstimateError(e)
    } finally {
      setEstimating(false)
    }
  }

  const submit = async () => {
    setSubmitProblem(undefined)
    setSubmitError(undefined)
    const missing = reportMissing(fields, values)
    setErrors(missing)
    setGeneral([])
    if (Object.keys(missing).length) {
      scrollTo('#form-errors')
      return
    }
    if (queue.busy) {
      setSubmitProblem('还有照片正在上传，请等上传完再提交。')
      return
    }
    if (queue.failed.length) {
      setSubmitProblem(`有 ${queue.failed.length} 张照片没有传上去：请点“重新上传”，或者把它删掉再提交。`)
      scrollTo('#photos')
      return
    }
    const body = reportBody(target, fields, values, queue.items, alertId ?? draft.alertId)
    // The key is kept with the draft before sending: trying again after a lost answer sends the same key.
    const submission = keyFor(draftRef.current.submit, body, 'claim')
    persist({ ...draftRef.current, submit: submission })
    setSubmitting(true)
    try {
      const claim = await claims.report(body, submission.key)
      deleteDraft(ref)
      for (const u of queue.items) releasePhoto(u.filePath)
      go(route.claim(claim.id) + '&new=1', { replace: true })
    } catch (e) {
      if (isApiError(e) && e.isNetwork) {
        setSubmitProblem('网络不好，没有收到回复。请再点一次“提交报案”，不会重复报案。')
      } else if (isApiError(e) && (Object.keys(e.fields).length || e.details.length || e.code === 'CLAIM_NOT_COVERED')) {
        const r = serverErrorsOnForm(e, fields)
        setErrors(r.errors)
        setGeneral(r.general)
        scrollTo('#form-errors')
      } else {
        setSubmitError(e)
      }
    } finally {
      setSubmitting(false)
    }
  }

  const errorCount = Object.keys(errors).length
  const facts = fields.filter((f) => f.key !== DESCRIPTION_KEY && f.key !== PLACE_KEY)
  const story = fields.filter((f) => f.key === DESCRIPTION_KEY || f.key === PLACE_KEY)
  return (
    <View>
      <View className='report-chosen hm-tap' onClick={onChangeBenefit}>
        <Text className='report-chosen__text'>
          {scheme.shortName ?? scheme.name} · {benefit.name}
        </Text>
        <Text className='hm-link'>换一个</Text>
      </View>
      {restored.current ? (
        <Notice kind='info' title='已恢复您上次没填完的内容'>
          <Text className='hm-text'>填的内容和照片都保存在手机上，关掉小程序也不会丢。</Text>
        </Notice>
      ) : null}
      {alertId ? <Notice kind='info' title='根据提醒报案'><Text className='hm-text'>日期已按提醒填好，请核对。</Text></Notice> : null}

      <Step n={1} title='填写情况' />
      <View className='hm-card'>
        {facts.map((f) => (
          <FieldInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => setValue(f.key, v)} />
        ))}
        {story.map((f) => (
          <FieldInput key={f.key} field={f} value={values[f.key]} error={errors[f.key]} onChange={(v) => setValue(f.key, v)} />
        ))}
      </View>
      <View id='form-errors'>
        {errorCount ? (
          <Notice kind='error' title={`还有 ${errorCount} 处要填写或修改`}>
            <Text className='hm-text'>请看上面标红的地方。</Text>
          </Notice>
        ) : null}
        {general.map((g, i) => (
          <Notice key={i} kind='error' title={g} />
        ))}
      </View>

      <Step n={2} title='看看能赔多少' />
      <Button type='primary' size='large' block loading={estimating} disabled={estimating} onClick={runEstimate}>
        算一算能赔多少
      </Button>
      {estimateError ? <ApiErrorNotice error={estimateError} onRetry={runEstimate} /> : null}
      {estimate ? <EstimateView estimate={estimate} /> : null}

      <Step n={3} title='拍照上传材料' />
      <View className='hm-card' id='photos'>
        <Text className='hm-secondary'>下面是这项理赔要交的全部材料。现在没有的，可以以后在“我的理赔”里补交。</Text>
        <PhotoChecklist lines={lines} items={queue.items} onAdd={queue.add} onRetry={queue.retry} onRemove={queue.remove} />
      </View>

      <Step n={4} title='提交' />
      {submitProblem ? <Notice kind='warn' title={submitProblem} /> : null}
      {submitError ? <ApiErrorNotice error={submitError} onRetry={submit} /> : null}
      <Button className='report-submit' type='primary' size='xlarge' block loading={submitting} disabled={submitting} onClick={submit}>
        提交报案
      </Button>
      <Text className='hm-small report-saved'>{draft.updatedAt ? '已自动保存，关掉小程序也不会丢' : '填写的内容会自动保存'}</Text>
    </View>
  )
}
