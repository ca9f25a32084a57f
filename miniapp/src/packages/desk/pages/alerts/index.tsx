import { Text, Textarea, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { useApi } from '@/hooks/useApi'
import { type AlertImportReport, alertDesk } from '@/services/api/desk'
import { isApiError } from '@/services/api/errors'
import type { ClaimAlert } from '@/services/api/types'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { go } from '@/services/navigate'
import { route } from '@/services/routes'
import { Button } from '@/ui/nutui'
import { usePickedFile } from '../../lib/usePickedFile'
import { dismissError } from '../../lib/forms'
import { Chips, DeskPage, Field, Figures } from '../../lib/ui'

const STATES: { value: 'open' | 'reported' | 'dismissed'; label: string }[] = [
  { value: 'open', label: '待报案' },
  { value: 'reported', label: '已报案' },
  { value: 'dismissed', label: '已关闭' },
]

/** 主动理赔: import the monitoring system's CSV, see what it created, and the reminders of my districts. */
export default function DeskAlerts() {
  const [state, setState] = useState<'open' | 'reported' | 'dismissed'>('open')
  const list = useApi(`alerts-${state}`, () => alertDesk.list(state))
  return (
    <DeskPage title='监测提醒导入'>
      <ImportCard onImported={() => void list.reload()} />
      <Text className='hm-section-title'>我负责区县的提醒</Text>
      <Chips idPrefix='a-state' items={STATES} value={state} onPick={setState} />
      {list.error ? <ApiErrorNotice error={list.error} onRetry={() => void list.reload()} /> : null}
      {!list.data && list.loading ? <Loading /> : null}
      {list.data && !list.data.length ? <Notice kind='info' title='没有这类提醒' /> : null}
      <View id='alert-list'>
        {list.data?.map((a) => (
          <AlertLine key={a.id} alert={a} onChanged={() => void list.reload()} />
        ))}
      </View>
    </DeskPage>
  )
}

function ImportCard({ onImported }: { onImported: () => void }) {
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<AlertImportReport | undefined>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const { file, choose, done } = usePickedFile(['csv'], () => setError(undefined))
  const upload = async () => {
    setFailure(undefined)
    if (!file) return setError('请选择监测系统导出的 CSV 文件')
    if (!/\.csv$/i.test(file.fileName)) return setError('只能导入 .csv 文件')
    const sub = keyFor(kept, { file: file.filePath }, 'alerts')
    setKept(sub)
    setBusy(true)
    try {
      setReport(await alertDesk.import(file, sub.key).promise)
      done()
      onImported()
    } catch (e) {
      if (isApiError(e) && (e.fields.file || e.status === 415 || e.status === 400)) setError(e.fields.file ?? e.message)
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='alert-import'>
      <Text className='hm-secondary'>CSV 的列：身份证号, 类型, 日期, 方案, 保障项目, 说明, 来源编号。同一条提醒导入两次只算一次。</Text>
      <Field label='提醒文件（.csv）' error={error}>
        <View className='desk__file hm-tap' id='a-file' onClick={choose}>
          <Text>{file ? file.fileName : '点这里选择文件'}</Text>
          <Text className='hm-link'>{file ? '换一个' : '选择'}</Text>
        </View>
      </Field>
      {failure ? <ApiErrorNotice error={failure} onRetry={upload} /> : null}
      <Button className='staff__submit' type='primary' size='large' block loading={busy} disabled={busy} onClick={upload}>
        导入
      </Button>
      {report ? (
        <View id='alert-report'>
          <Figures
            items={[
              { label: '行数', value: report.rows },
              { label: '新建提醒', value: report.created, tone: 'ok' },
              { label: '重复（已有）', value: report.duplicates },
              { label: '有错误', value: report.errors.length, tone: report.errors.length ? 'error' : undefined },
            ]}
          />
          {report.errors.map((e, i) => (
            <View key={i} className='desk__row desk__row--error'>
              <Text className='hm-text'>
                第 {e.row} 行 · {e.field}：{e.message}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
    </View>
  )
}

function AlertLine({ alert: a, onChanged }: { alert: ClaimAlert; onChanged: () => void }) {
  const [closing, setClosing] = useState(false)
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const dismiss = async () => {
    const local = dismissError(note)
    setError(local)
    setFailure(undefined)
    if (local) return
    setBusy(true)
    try {
      await alertDesk.dismiss(a.id, note.trim())
      onChanged()
    } catch (e) {
      if (isApiError(e) && e.fields.note) setError(e.fields.note)
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id={`alert-${a.id}`}>
      <View className='desk__row-head'>
        <Text className='hm-heading'>
          {a.personName ?? ''} · {a.kindLabel} · {a.eventDate}
        </Text>
        <Text>{a.state === 'open' ? '待报案' : a.state === 'reported' ? '已报案' : '已关闭'}</Text>
      </View>
      <Text className='hm-text'>
        {a.schemeName} · {a.benefitName}
        {a.detail ? `：${a.detail}` : ''}
      </Text>
      <Text className='hm-secondary'>{a.message}</Text>
      {a.claimId ? (
        <View className='hm-tap' onClick={() => go(route.staffClaim(a.claimId!))}>
          <Text className='hm-link'>查看理赔 ›</Text>
        </View>
      ) : null}
      {a.state === 'open' && !closing ? (
        <View className='desk__actions'>
          <Button size='large' onClick={() => setClosing(true)}>
            不需要报案，关闭提醒
          </Button>
        </View>
      ) : null}
      {a.state === 'open' && closing ? (
        <View>
          <Field label='关闭原因' error={error}>
            <Textarea className='est-textarea' value={note} placeholder='例如：已核实为门诊，不属于住院' onInput={(e) => setNote(e.detail.value)} />
          </Field>
          {failure ? <ApiErrorNotice error={failure} onRetry={dismiss} /> : null}
          <View className='desk__actions'>
            <Button type='primary' size='large' loading={busy} disabled={busy} onClick={dismiss}>
              确认关闭
            </Button>
            <Button size='large' onClick={() => setClosing(false)}>
              取消
            </Button>
          </View>
        </View>
      ) : null}
    </View>
  )
}
