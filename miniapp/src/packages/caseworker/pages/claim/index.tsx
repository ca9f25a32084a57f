import { Input, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { AuthedImage } from '@/components/AuthedImage'
import { EstimateView } from '@/components/EstimateView'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useApi } from '@/hooks/useApi'
import { useParams } from '@/hooks/useParams'
import { useSession } from '@/hooks/useSession'
import { useToday } from '@/hooks/useToday'
import { claims } from '@/services/api'
import { isApiError } from '@/services/api/errors'
import { isStaff } from '@/services/api/session'
import type { ClaimAction, ClaimAttachment, ClaimDetail, ClaimDocument, TransitionBody } from '@/services/api/types'
import { dueWords, stateTone, timeWords } from '@/services/claim-view'
import { calculatorTarget, normaliseAmount } from '@/services/estimate-form'
import { dateWords, groupDigits } from '@/services/format'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { go } from '@/services/navigate'
import { authedImage } from '@/services/photos'
import { currentPlatform } from '@/services/platform'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import '../staff.scss'
import { StaffSignInNotice } from '@/components/SignInPrompt'

const SOURCE_TEXT: Record<string, string> = { beneficiary: '本人报案', proxy: '代办人报案', staff: '工作人员代报', proactive: '主动理赔（提醒后报案）' }

/** 审核理赔: the facts, photos (zoomable), checklist review, the engine's estimate, and the next steps. */
export default function StaffClaim() {
  const params = useParams()
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : undefined
  const s = useSession()
  const staff = !!s && isStaff(s.user)
  const detail = useApi(staff && id ? `staff-claim-${id}` : null, () => claims.detail(id!))
  if (!staff) {
    return (
      <Page className='staff'>
        <StaffSignInNotice />
      </Page>
    )
  }
  const c = detail.data
  return (
    <Page className='staff'>
      <View className='hm-desk'>
        <View className='hm-tap' onClick={() => go(route.staffQueue(), { replace: true })}>
          <Text className='hm-link'>‹ 回到待办列表</Text>
        </View>
        {detail.error ? <ApiErrorNotice error={detail.error} onRetry={() => void detail.reload()} /> : null}
        {!c && detail.loading ? <Loading /> : null}
        {c ? <Review c={c} setC={detail.setData} reload={() => void detail.reload()} /> : null}
      </View>
    </Page>
  )
}

function Review({ c, setC, reload }: { c: ClaimDetail; setC: (d: ClaimDetail) => void; reload: () => void }) {
  const today = useToday()
  const target = calculatorTarget(c.schemeId, c.benefitId, today)
  const factLabel = (name: string) => target?.benefit.facts.find((f) => f.name === name)?.label ?? name
  const factValue = (name: string, v: unknown) => {
    const def = target?.benefit.facts.find((f) => f.name === name)
    if (typeof v === 'boolean') return v ? '是' : '否'
    if (def?.type === 'money' && typeof v === 'string') return `${groupDigits(v)} 元`
    if (def?.options) return def.options.find((o) => o.value === v)?.label ?? String(v)
    return String(v)
  }
  const due = dueWords(c.deadline.dueDate, c.deadline.dueStatus)
  return (
    <View>
      <View className='hm-card staff__section' id='staff-claim-head'>
        <View className='staff__doc-head'>
          <Text className='hm-title'>
            {c.personName ?? ''} · {c.benefitName}
          </Text>
          <Text className={`hm-badge hm-badge--${stateTone(c.state)}`} id='staff-claim-state'>
            {c.stateLabel}
          </Text>
        </View>
        <Text className='hm-secondary'>
          {c.schemeName} · {c.districtName} · 编号 {c.claimNo} · {SOURCE_TEXT[c.source] ?? c.source}
        </Text>
        {due ? <Text className={`hm-text${c.deadline.dueStatus === 'overdue' ? ' claim__overdue' : ''}`}>{due}</Text> : null}
        {c.deadline.explanation.map((l, i) => (
          <Text key={i} className='hm-small'>
            {l}
          </Text>
        ))}
      </View>

      <View className='hm-card staff__section staff__facts'>
        <Text className='hm-heading'>报案内容</Text>
        <View className='hm-row'>
          <Text className='hm-row__label'>出事日期</Text>
          <Text className='hm-row__value'>{dateWords(c.incidentDate)}</Text>
        </View>
        {Object.entries(c.facts).map(([k, v]) => (
          <View key={k} className='hm-row'>
            <Text className='hm-row__label'>{factLabel(k)}</Text>
            <Text className='hm-row__value'>{factValue(k, v)}</Text>
          </View>
        ))}
        {c.place ? (
          <View className='hm-row'>
            <Text className='hm-row__label'>地点</Text>
            <Text className='hm-row__value'>{c.place}</Text>
          </View>
        ) : null}
        <Text className='hm-label'>情况说明</Text>
        <Text className='hm-text'>{c.description}</Text>
      </View>

      {c.approvedAmount ? (
        <Notice kind='info' title={`核定金额 ${groupDigits(c.approvedAmount)} 元`}>
          {c.amountChangeReason ? <Text className='hm-text'>与估算不同的原因：{c.amountChangeReason}</Text> : null}
          {c.paymentRef ? <Text className='hm-text'>转账流水号：{c.paymentRef}</Text> : null}
        </Notice>
      ) : null}
      {c.decisionReason ? <Notice kind='warn' title={`原因：${c.decisionReason}`} /> : null}

      {c.estimate ? (
        <View className='staff__section'>
          <Text className='hm-section-title'>系统估算（规则引擎）</Text>
          <EstimateView estimate={c.estimate} amountTitle='按规则算出的金额' caption='审核时可改核定金额，改了要写原因。' muted={!!c.approvedAmount} />
        </View>
      ) : null}

      <Documents c={c} setC={setC} />
      <Actions c={c} setC={setC} reload={reload} />
      <Disputes c={c} reload={reload} />

      <View className='hm-card staff__section'>
        <Text className='hm-heading'>办理经过</Text>
        {[...c.timeline].reverse().map((t) => (
          <View key={t.id} className='staff__event'>
            <Text className='staff__event-label'>{t.label}</Text>
            <Text className='hm-small'>
              {timeWords(t.at)} · {t.actor}
              {t.onBehalf ? '（代办）' : ''}
            </Text>
            {t.amount ? <Text className='hm-text'>金额：{groupDigits(t.amount)} 元</Text> : null}
            {t.reason ? <Text className='hm-text'>说明：{t.reason}</Text> : null}
          </View>
        ))}
      </View>
    </View>
  )
}

/** A photo at full size, zoomable: WeChat's own viewer (pinch), or in the browser a frame with 放大/缩小. */
function Viewer({ a, onClose }: { a: ClaimAttachment; onClose: () => void }) {
  const [scale, setScale] = useState(1)
  return (
    <View className='staff__viewer' id='photo-viewer'>
      <View className='staff__viewer-frame'>
        <View style={{ width: `${scale * 100}%` }}>
          <AuthedImage className='staff__viewer-img' path={a.contentUrl} mode='widthFix' />
        </View>
      </View>
      <View className='staff__viewer-tools'>
        <View className='hm-plain-button' id='zoom-in' onClick={() => setScale((x) => Math.min(4, x * 1.5))}>
          <Text>放大</Text>
        </View>
        <View className='hm-plain-button' id='zoom-out' onClick={() => setScale((x) => Math.max(1, x / 1.5))}>
          <Text>缩小</Text>
        </View>
        <View className='hm-plain-button' onClick={onClose}>
          <Text>关闭</Text>
        </View>
      </View>
      <Text className='hm-small' style={{ color: '#ffffff', padding: '4px 8px', display: 'block' }}>
        {Math.round(scale * 100)}%
      </Text>
    </View>
  )
}

function Documents({ c, setC }: { c: ClaimDetail; setC: (d: ClaimDetail) => void }) {
  const [viewing, setViewing] = useState<ClaimAttachment | null>(null)
  const [noteFor, setNoteFor] = useState<string | null>(null)
  const [note, setNote] = useState('')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState<string | null>(null)
  const canReview = c.actions.length > 0 || ['accepted', 'waiting_documents', 'under_review', 'reported'].includes(c.state)
  const open = async (a: ClaimAttachment) => {
    if (currentPlatform() === 'weapp' && a.mime.startsWith('image/')) {
      try {
        const path = await authedImage(a.contentUrl)
        await Taro.previewImage({ urls: [path], current: path })
        return
      } catch {
        // fall back to the inline viewer
      }
    }
    setViewing(a)
  }
  const review = async (d: ClaimDocument, status: 'received' | 'accepted' | 'rejected', n?: string) => {
    setBusy(`${d.documentId}:${status}`)
    setError(undefined)
    try {
      setC(await claims.review(c.id, d.documentId, status, n))
      setNoteFor(null)
      setNote('')
    } catch (e) {
      setError(e)
    } finally {
      setBusy(null)
    }
  }
  return (
    <View className='hm-card staff__section' id='staff-documents'>
      <Text className='hm-heading'>材料清单</Text>
      {error ? <ApiErrorNotice error={error} /> : null}
      {c.documents.map((d) => (
        <View key={d.documentId} className='staff__doc' id={`staffdoc-${d.documentId}`}>
          <View className='staff__doc-head'>
            <Text className='staff__doc-name'>{d.name}</Text>
            <Text className={`hm-badge hm-badge--${d.status === 'accepted' ? 'ok' : d.status === 'rejected' ? 'error' : d.status === 'received' ? 'info' : 'warn'}`}>{d.statusLabel}</Text>
          </View>
          {d.reviewNote ? <Text className='hm-small'>说明：{d.reviewNote}</Text> : null}
          {d.attachments.length ? (
            <View className='staff__thumbs'>
              {d.attachments.map((a) => (
                <AuthedImage key={a.id} className='staff__thumb' path={a.thumbnailUrl ?? undefined} onClick={() => void open(a)} alt={`${d.name} 照片`} />
              ))}
            </View>
          ) : null}
          {viewing && d.attachments.some((a) => a.id === viewing.id) ? <Viewer a={viewing} onClose={() => setViewing(null)} /> : null}
          {canReview ? (
            <View className='staff__chips'>
              {d.status !== 'received' && d.status !== 'accepted' ? (
                <View className='staff__chip' onClick={() => void review(d, 'received')}>
                  <Text>{busy === `${d.documentId}:received` ? '…' : '已收到（纸质）'}</Text>
                </View>
              ) : null}
              {d.status !== 'accepted' ? (
                <View className='staff__chip' id={`accept-${d.documentId}`} onClick={() => void review(d, 'accepted')}>
                  <Text>{busy === `${d.documentId}:accepted` ? '…' : '核验通过'}</Text>
                </View>
              ) : null}
              {d.status !== 'rejected' ? (
                <View className='staff__chip' onClick={() => setNoteFor(d.documentId)}>
                  <Text>需要重交</Text>
                </View>
              ) : null}
            </View>
          ) : null}
          {noteFor === d.documentId ? (
            <View className='staff__action-form'>
              <Text className='hm-label'>请写明哪里不行（参保人会看到）</Text>
              <Textarea className='est-textarea' value={note} placeholder='例如：照片模糊，请重拍' onInput={(e) => setNote(e.detail.value)} />
              <View className='hm-buttons'>
                <Button type='default' size='large' onClick={() => setNoteFor(null)}>
                  取消
                </Button>
                <Button type='primary' size='large' onClick={() => void review(d, 'rejected', note.trim() || undefined)}>
                  退回重交
                </Button>
              </View>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}

/** The next steps the server allows me, each with its own small form (reason, amount, documents, payment). */
function Actions({ c, setC, reload }: { c: ClaimDetail; setC: (d: ClaimDetail) => void; reload: () => void }) {
  const [open, setOpen] = useState<ClaimAction | null>(null)
  if (!c.actions.length) {
    return (
      <View className='hm-card staff__section'>
        <Text className='hm-heading'>下一步</Text>
        <Text className='hm-secondary'>这笔理赔现在没有您能办的事。</Text>
      </View>
    )
  }
  return (
    <View className='hm-card staff__section' id='staff-actions'>
      <Text className='hm-heading'>下一步</Text>
      <View className='staff__chips'>
        {c.actions.map((a) => (
          <View key={a.to} id={`action-${a.to}`} className={`staff__chip${open?.to === a.to ? ' staff__chip--on' : ''}`} onClick={() => setOpen(open?.to === a.to ? null : a)}>
            <Text>{a.label}</Text>
          </View>
        ))}
      </View>
      {open ? <ActionForm key={open.to} c={c} action={open} onDone={(d) => { setC(d); setOpen(null) }} reload={reload} /> : null}
    </View>
  )
}

function ActionForm({ c, action, onDone, reload }: { c: ClaimDetail; action: ClaimAction; onDone: (d: ClaimDetail) => void; reload: () => void }) {
  const estimated = c.estimate?.payout ?? c.estimatedPayout ?? ''
  const [amount, setAmount] = useState(action.recordsAmount ? estimated : '')
  const [reason, setReason] = useState('')
  const [paymentRef, setPaymentRef] = useState('')
  const [docs, setDocs] = useState<Set<string>>(() => new Set(c.documents.filter((d) => d.status === 'missing' || d.status === 'rejected').map((d) => d.documentId)))
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const kept = useRef<KeyedSubmission | undefined>()
  const asksDocuments = action.to === 'waiting_documents'
  const paying = action.to === 'paid'
  const amountChanged = action.recordsAmount && normaliseAmount(amount) !== '' && !sameAmount(normaliseAmount(amount), estimated)
  const reasonNeeded = action.reasonRequired || (action.reasonIfAmountChanged && amountChanged)

  const submit = async () => {
    const local: Record<string, string> = {}
    const amt = normaliseAmount(amount)
    if (action.recordsAmount && !/^\d{1,12}(\.\d{1,2})?$/.test(amt)) local.amount = '金额应写成 1500.00 这样的数字（最多两位小数）'
    if (reasonNeeded && !reason.trim()) local.reason = action.reasonHint ?? '请写明原因'
    if (asksDocuments && !docs.size) local.documentIds = '请选择缺哪些材料'
    setErrors(local)
    if (Object.keys(local).length) return
    const body: TransitionBody = {
      to: action.to,
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(action.recordsAmount ? { amount: amt } : {}),
      ...(paying && paymentRef.trim() ? { paymentRef: paymentRef.trim() } : {}),
      ...(asksDocuments ? { documentIds: [...docs] } : {}),
    }
    kept.current = keyFor(kept.current, { claim: c.id, ...body }, 'tr')
    setBusy(true)
    setError(undefined)
    try {
      onDone(await claims.transition(c.id, body, kept.current.key))
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setErrors(e.fields)
      setError(e)
      if (isApiError(e) && e.status === 409) reload()
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='staff__action-form' id='action-form'>
      <Text className='hm-heading'>{action.label}</Text>
      {action.recordsAmount ? (
        <View>
          <Text className='hm-label'>核定赔付金额（元）</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' id='action-amount' type='digit' value={amount} onInput={(e) => setAmount(e.detail.value)} />
          </View>
          <Text className='hm-small'>系统估算 {estimated ? `${groupDigits(estimated)} 元` : '无'}。{amountChanged ? '金额和估算不同，要写原因。' : ''}</Text>
          {errors.amount ? <Text className='hm-error-text'>{errors.amount}</Text> : null}
        </View>
      ) : null}
      {asksDocuments ? (
        <View>
          <Text className='hm-label'>缺哪些材料</Text>
          {c.documents.map((d) => (
            <View
              key={d.documentId}
              className='staff__check'
              onClick={() =>
                setDocs((s) => {
                  const n = new Set(s)
                  if (n.has(d.documentId)) n.delete(d.documentId)
                  else n.add(d.documentId)
                  return n
                })
              }
            >
              <Text className='staff__check-box'>{docs.has(d.documentId) ? '✓' : ''}</Text>
              <Text>
                {d.name}（{d.statusLabel}）
              </Text>
            </View>
          ))}
          {errors.documentIds ? <Text className='hm-error-text'>{errors.documentIds}</Text> : null}
        </View>
      ) : null}
      {paying ? (
        <View>
          <Text className='hm-label'>转账流水号（选填）</Text>
          <View className='hm-input'>
            <Input className='hm-input__box' id='action-payment-ref' value={paymentRef} placeholder='例如 BANK-20261122-0001' onInput={(e) => setPaymentRef(e.detail.value)} />
          </View>
          {errors.paymentRef ? <Text className='hm-error-text'>{errors.paymentRef}</Text> : null}
        </View>
      ) : null}
      {action.reasonRequired || action.reasonIfAmountChanged || !paying ? (
        <View>
          <Text className='hm-label'>{reasonNeeded ? '原因（必填）' : '说明（选填）'}</Text>
          <Textarea className='est-textarea' id='action-reason' value={reason} placeholder={action.reasonHint ?? '会写进办理经过'} onInput={(e) => setReason(e.detail.value)} />
          {errors.reason ? <Text className='hm-error-text'>{errors.reason}</Text> : null}
        </View>
      ) : null}
      {error && !(isApiError(error) && Object.keys(error.fields).length) ? <ApiErrorNotice error={error} /> : null}
      <Button className='staff__submit' id='action-submit' type='primary' size='large' block loading={busy} disabled={busy} onClick={submit}>
        确认{action.label}
      </Button>
    </View>
  )
}

/** "1500" and "1500.00" are the same amount; compared as text (no floats). */
function sameAmount(a: string, b: string): boolean {
  const norm = (x: string) => {
    const [i, f = ''] = x.split('.')
    return `${(i || '0').replace(/^0+(?=\d)/, '')}.${(f + '00').slice(0, 2)}`
  }
  return norm(a) === norm(b)
}

function Disputes({ c, reload }: { c: ClaimDetail; reload: () => void }) {
  const [answer, setAnswer] = useState('')
  const [outcome, setOutcome] = useState<'maintained' | 'revised'>('maintained')
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  if (!c.disputes.length) return null
  const submit = async (id: number) => {
    setBusy(true)
    setError(undefined)
    try {
      await claims.answerDispute(id, outcome, answer.trim())
      setAnswer('')
      reload()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card staff__section'>
      <Text className='hm-heading'>异议</Text>
      {c.disputes.map((d) => (
        <View key={d.id} className='staff__event'>
          <Text className={`hm-badge hm-badge--${d.state === 'answered' ? 'ok' : 'warn'}`}>{d.stateLabel}</Text>
          <Text className='hm-text'>参保人：{d.reason}</Text>
          <Text className={`hm-small${d.overdue ? ' claim__overdue' : ''}`}>{d.deadlineNote}</Text>
          {d.answer ? <Text className='hm-text'>答复（{d.outcomeLabel}）：{d.answer}</Text> : null}
          {d.state === 'open' ? (
            <View className='staff__action-form'>
              <View className='staff__chips'>
                <View className={`staff__chip${outcome === 'maintained' ? ' staff__chip--on' : ''}`} onClick={() => setOutcome('maintained')}>
                  <Text>维持原决定</Text>
                </View>
                <View className={`staff__chip${outcome === 'revised' ? ' staff__chip--on' : ''}`} onClick={() => setOutcome('revised')}>
                  <Text>予以纠正</Text>
                </View>
              </View>
              <Textarea className='est-textarea' value={answer} placeholder='写明答复内容' onInput={(e) => setAnswer(e.detail.value)} />
              {error ? <ApiErrorNotice error={error} /> : null}
              <Button type='primary' size='large' block loading={busy} disabled={busy || !answer.trim()} onClick={() => void submit(d.id)}>
                提交答复
              </Button>
            </View>
          ) : null}
        </View>
      ))}
    </View>
  )
}
