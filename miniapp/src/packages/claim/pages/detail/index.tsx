import { Text, Textarea, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { stateInfo, timelineStages } from '@huimin/shared'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { AuthedImage } from '@/components/AuthedImage'
import { EstimateView } from '@/components/EstimateView'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { PhotoChecklist } from '@/components/PhotoChecklist'
import { SignInPrompt } from '@/components/SignInPrompt'
import { useApi } from '@/hooks/useApi'
import { useParams } from '@/hooks/useParams'
import { useSession } from '@/hooks/useSession'
import { useUploadQueue } from '@/hooks/useUploadQueue'
import { claims, decisionLetter } from '@/services/api'
import { isApiError, messageOf } from '@/services/api/errors'
import type { ClaimDetail, ClaimDocument, ClaimState } from '@/services/api/types'
import { dueWords, stateTone, timeWords } from '@/services/claim-view'
import { openDocument } from '@/services/files'
import { dateWords, groupDigits } from '@/services/format'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import './index.scss'

const OPEN_FOR_DOCUMENTS: ClaimState[] = ['reported', 'accepted', 'waiting_documents', 'under_review']

/** 理赔详情 for the beneficiary: where it stands, the amount and its arithmetic, documents to send, history, 异议. */
export default function ClaimDetailPage() {
  const params = useParams()
  const id = params.id && /^\d+$/.test(params.id) ? Number(params.id) : undefined
  const s = useSession()
  const signedIn = !!s && s.user.role === 'beneficiary'
  const detail = useApi(signedIn && id ? `claim-${id}` : null, () => claims.detail(id!))
  useDidShow(() => {
    if (signedIn && id && detail.data) void detail.reload()
  })

  if (!s) {
    return (
      <Page>
        <SignInPrompt why='登录后才能查看理赔。' redirect={id ? route.claim(id) : undefined} />
      </Page>
    )
  }
  if (!id) return <Page><Notice kind='error' title='没有找到这笔理赔' /></Page>
  const c = detail.data
  return (
    <Page className='claim'>
      {params.new === '1' && c ? (
        <Notice kind='info' title={`报案成功！编号 ${c.claimNo}`}>
          <Text className='hm-text'>工作人员会尽快办理。有进展时，“消息”里会告诉您。</Text>
        </Notice>
      ) : null}
      {detail.error ? <ApiErrorNotice error={detail.error} onRetry={() => void detail.reload()} /> : null}
      {!c && detail.loading ? <Loading /> : null}
      {c ? <ClaimBody c={c} onChange={(d) => detail.setData(d)} reload={() => void detail.reload()} /> : null}
    </Page>
  )
}

/** 查看决定书: the decision letter (理赔决定书 / 核定书) of a decided claim, opened to read, keep or print. */
function DecisionLetterAction({ c }: { c: ClaimDetail }) {
  const [state, setState] = useState<{ busy: boolean; error?: string }>({ busy: false })
  return (
    <View className='hm-card' id='claim-decision-letter'>
      <Text className='hm-heading'>理赔决定书</Text>
      <Text className='hm-text'>写明了核定结果、金额怎么算的，以及不同意时怎么办。可以保存或打印。</Text>
      <View
        className='hm-plain-button hm-tap'
        id='open-decision-letter'
        onClick={() => {
          if (state.busy) return
          setState({ busy: true })
          openDocument(decisionLetter.pdfPath(c.id), decisionLetter.htmlPath(c.id), `理赔决定书-${c.claimNo ?? c.id}`).then(
            () => setState({ busy: false }),
            (e) => setState({ busy: false, error: messageOf(e) }),
          )
        }}
      >
        <Text>{state.busy ? '正在打开…' : '查看决定书'}</Text>
      </View>
      {state.error ? <Text className='hm-error-text'>{state.error}</Text> : null}
    </View>
  )
}

function ClaimBody({ c, onChange, reload }: { c: ClaimDetail; onChange: (d: ClaimDetail) => void; reload: () => void }) {
  const decided = stateInfo(c.state as ClaimState).decided
  const due = dueWords(c.deadline.dueDate, c.deadline.dueStatus)
  return (
    <View>
      <View className={`claim__head claim__head--${stateTone(c.state)}`} id='claim-state'>
        <Text className='claim__plain'>{c.plainLabel}</Text>
        <Text className='claim__what'>
          {c.schemeName} · {c.benefitName}
        </Text>
        <Text className='claim__no'>编号 {c.claimNo}</Text>
      </View>
      <Stages state={c.state} />

      {c.state === 'paid' && c.approvedAmount ? (
        <View className='hm-card claim__money' id='claim-paid'>
          <Text className='claim__money-label'>已赔付</Text>
          <Text className='claim__money-value'>{groupDigits(c.approvedAmount)} 元</Text>
          {c.paidAt ? <Text className='hm-secondary'>打款日期：{timeWords(c.paidAt)}</Text> : null}
        </View>
      ) : null}
      {c.state === 'approved' && c.approvedAmount ? (
        <View className='hm-card claim__money'>
          <Text className='claim__money-label'>同意赔付，等待打款</Text>
          <Text className='claim__money-value'>{groupDigits(c.approvedAmount)} 元</Text>
        </View>
      ) : null}
      {c.amountChangeReason ? (
        <Notice kind='info' title='核定金额和估算不同的原因'>
          <Text className='hm-text'>{c.amountChangeReason}</Text>
        </Notice>
      ) : null}
      {c.state === 'rejected' ? (
        <Notice kind='error' title='这次不能赔付'>
          <Text className='hm-text'>{c.decisionReason ?? '原因请问社区工作人员'}</Text>
          <Text className='hm-text'>如果您不同意，可以在下面提出异议。</Text>
        </Notice>
      ) : null}

      {c.state === 'approved' || c.state === 'paid' || c.state === 'rejected' ? <DecisionLetterAction c={c} /> : null}

      {c.estimate && c.state !== 'rejected' && c.state !== 'withdrawn' ? (
        <View>
          <Text className='hm-section-title'>{decided ? '赔付金额怎么算的' : '预计能赔多少'}</Text>
          <EstimateView
            estimate={c.estimate}
            amountTitle={decided ? '系统按规定算出的金额' : '按您报的情况，预计能赔'}
            caption={decided ? '核定金额见上面。' : '这是估算，实际以审核结果为准。'}
            muted={decided}
          />
        </View>
      ) : null}

      {due && OPEN_FOR_DOCUMENTS.concat(['approved']).includes(c.state) ? (
        <View className='hm-card' id='claim-due'>
          <Text className='hm-heading'>什么时候办完</Text>
          <Text className={`hm-text${c.deadline.dueStatus === 'overdue' ? ' claim__overdue' : ''}`}>{due}</Text>
          {c.deadline.explanation.map((l, i) => (
            <Text key={i} className='hm-small'>
              {l}
            </Text>
          ))}
        </View>
      ) : !c.deadline.dueDate && c.deadline.explanation.length && OPEN_FOR_DOCUMENTS.includes(c.state) ? (
        <View className='hm-card'>
          <Text className='hm-heading'>什么时候办完</Text>
          {c.deadline.explanation.map((l, i) => (
            <Text key={i} className='hm-small'>
              {l}
            </Text>
          ))}
        </View>
      ) : null}

      <Documents c={c} onChange={onChange} />
      <Timeline c={c} />
      <Disputes c={c} reload={reload} />
      <Withdraw c={c} onChange={onChange} />
    </View>
  )
}

function Stages({ state }: { state: string }) {
  const stages = timelineStages()
  const at = stages.indexOf(state as ClaimState)
  const off = at < 0
  return (
    <View className='claim__stages'>
      {stages.map((st, i) => (
        <View key={st} className={`claim__stage${!off && i <= at ? ' claim__stage--done' : ''}${!off && i === at ? ' claim__stage--now' : ''}`}>
          <Text className='claim__stage-dot'>{!off && i <= at ? '✓' : i + 1}</Text>
          <Text className='claim__stage-text'>{stateInfo(st).plainLabel.split('，')[0]}</Text>
        </View>
      ))}
    </View>
  )
}

/** The checklist with each line's photos; lines still missing (or to send again) take more photos, handed in as they finish. */
function Documents({ c, onChange }: { c: ClaimDetail; onChange: (d: ClaimDetail) => void }) {
  const open = OPEN_FOR_DOCUMENTS.includes(c.state)
  const attaching = useRef(new Set<string>())
  const [attachError, setAttachError] = useState<unknown>()
  const queue = useUploadQueue({ ready: open })
  // Hand in each finished photo to its line; then it shows under the line as received.
  useEffect(() => {
    const done = queue.items.filter((x) => x.status === 'done' && x.attachmentId && !attaching.current.has(x.id))
    if (!done.length) return
    const byDoc = new Map<string, typeof done>()
    for (const it of done) byDoc.set(it.documentId, [...(byDoc.get(it.documentId) ?? []), it])
    for (const [documentId, its] of byDoc) {
      its.forEach((x) => attaching.current.add(x.id))
      claims.attach(c.id, documentId, its.map((x) => x.attachmentId!)).then(
        (d) => {
          setAttachError(undefined)
          onChange(d)
          its.forEach((x) => queue.remove(x.id))
        },
        (e) => {
          its.forEach((x) => attaching.current.delete(x.id))
          setAttachError(e)
        },
      )
    }
  }, [queue.items, c.id, onChange, queue])

  const needs = (d: ClaimDocument) => d.status === 'missing' || d.status === 'rejected'
  const missing = c.documents.filter(needs)
  return (
    <View className='hm-card' id='claim-documents'>
      <Text className='hm-heading'>材料（{c.documents.length - missing.length}/{c.documents.length} 项已交）</Text>
      {c.documents.map((d) => (
        <View key={d.documentId} className='claim__doc' id={`claimdoc-${d.documentId}`}>
          <View className='claim__doc-head'>
            <Text className='claim__doc-name'>{d.name}</Text>
            <Text className={`hm-badge hm-badge--${d.status === 'accepted' || d.status === 'received' ? 'ok' : d.status === 'rejected' ? 'error' : 'warn'}`}>{d.statusLabel}</Text>
          </View>
          {d.reviewNote ? <Text className='claim__doc-note'>工作人员说：{d.reviewNote}</Text> : null}
          {d.attachments.length ? (
            <View className='claim__thumbs'>
              {d.attachments.map((a) => (
                <AuthedImage key={a.id} className='claim__thumb' path={a.thumbnailUrl} />
              ))}
            </View>
          ) : null}
        </View>
      ))}
      {open && missing.length ? (
        <View className='claim__more' id='claim-upload'>
          <Text className='hm-heading'>补交材料</Text>
          <Text className='hm-secondary'>拍好后会自动交上去。</Text>
          <PhotoChecklist
            lines={missing.map((d) => ({ id: d.documentId, name: d.name, ...(d.note ? { note: d.note } : {}) }))}
            items={queue.items}
            onAdd={queue.add}
            onRetry={queue.retry}
            onRemove={queue.remove}
          />
          {attachError ? <ApiErrorNotice error={attachError} /> : null}
        </View>
      ) : null}
    </View>
  )
}

function Timeline({ c }: { c: ClaimDetail }) {
  return (
    <View className='hm-card' id='claim-timeline'>
      <Text className='hm-heading'>办理经过</Text>
      {[...c.timeline].reverse().map((t) => (
        <View key={t.id} className='claim__event'>
          <Text className='claim__event-label'>{t.label}</Text>
          <Text className='hm-small'>
            {timeWords(t.at)} · {t.actor}
          </Text>
          {t.amount ? <Text className='hm-text'>金额：{groupDigits(t.amount)} 元</Text> : null}
          {t.reason ? <Text className='hm-text'>说明：{t.reason}</Text> : null}
        </View>
      ))}
    </View>
  )
}

function Disputes({ c, reload }: { c: ClaimDetail; reload: () => void }) {
  const [text, setText] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const submit = async () => {
    if (!text.trim()) {
      setError('请写明对哪一点有异议')
      return
    }
    setBusy(true)
    setFailure(undefined)
    try {
      await claims.dispute(c.id, text.trim())
      setText('')
      reload()
    } catch (e) {
      if (isApiError(e) && e.fields.reason) setError(e.fields.reason)
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  if (!c.disputes.length && !c.canDispute) return null
  return (
    <View className='hm-card' id='claim-disputes'>
      <Text className='hm-heading'>异议</Text>
      {c.disputes.map((d) => (
        <View key={d.id} className='claim__dispute'>
          <Text className={`hm-badge hm-badge--${d.state === 'answered' ? 'ok' : 'warn'}`}>{d.stateLabel}</Text>
          <Text className='hm-text'>您说：{d.reason}</Text>
          <Text className='hm-small'>{d.deadlineNote}</Text>
          {d.answer ? (
            <Text className='hm-text'>
              答复（{d.outcomeLabel}）：{d.answer}
            </Text>
          ) : null}
        </View>
      ))}
      {c.canDispute ? (
        <View className='claim__dispute-form'>
          <Text className='hm-label'>对结果有意见？写下来交给工作人员</Text>
          <Textarea className='est-textarea' value={text} maxlength={1000} placeholder='例如：住院发票都交了，为什么少赔了 500 元？' onInput={(e) => { setText(e.detail.value); setError(undefined) }} />
          {error ? <Text className='hm-error-text'>{error}</Text> : null}
          {failure ? <ApiErrorNotice error={failure} /> : null}
          <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={submit}>
            提交异议
          </Button>
        </View>
      ) : null}
    </View>
  )
}

/** 撤回: two taps (no pop-up): the first asks, the second does it. */
function Withdraw({ c, onChange }: { c: ClaimDetail; onChange: (d: ClaimDetail) => void }) {
  const action = c.actions.find((a) => a.to === 'withdrawn')
  const [asking, setAsking] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>()
  const kept = useRef<KeyedSubmission | undefined>()
  if (!action) return null
  const run = async () => {
    const body = { to: 'withdrawn' as const }
    kept.current = keyFor(kept.current, { claim: c.id, ...body }, 'wd')
    setBusy(true)
    try {
      onChange(await claims.transition(c.id, body, kept.current.key))
      setAsking(false)
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='claim__withdraw'>
      {!asking ? (
        <View className='hm-tap claim__withdraw-link' onClick={() => setAsking(true)}>
          <Text className='hm-link'>不想报了？撤回申请</Text>
        </View>
      ) : (
        <View className='hm-card'>
          <Text className='hm-heading'>确定要撤回这次报案吗？</Text>
          <Text className='hm-text'>撤回后这笔理赔就结束了。</Text>
          {error ? <ApiErrorNotice error={error} /> : null}
          <View className='hm-buttons'>
            <Button type='default' size='large' onClick={() => setAsking(false)}>
              不撤回
            </Button>
            <Button type='primary' size='large' loading={busy} disabled={busy} onClick={run}>
              确定撤回
            </Button>
          </View>
        </View>
      )}
      <Text className='hm-small'>报案日期：{dateWords(c.reportedAt.slice(0, 10))}</Text>
    </View>
  )
}
