import { getScheme } from '@huimin/shared'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { ProgressBar } from '@/components/ProgressBar'
import { useApi } from '@/hooks/useApi'
import { useParams } from '@/hooks/useParams'
import { type RosterImport, people, rosters } from '@/services/api/desk'
import { isApiError } from '@/services/api/errors'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { Button } from '@/ui/nutui'
import { downloadFile } from '../../lib/files'
import { usePickedFile } from '../../lib/usePickedFile'
import { type Errors, fieldErrors, percentOf, rateText, rosterFormErrors } from '../../lib/forms'
import { usePoll } from '../../lib/usePoll'
import { Chips, DeskPage, Field, Figures, GeneralErrors, TextBox } from '../../lib/ui'

const ACTION_TEXT: Record<string, string> = { add: '新增', change: '变更', unchanged: '不变', remove: '移出', refuse: '不予导入' }
const ROW_STATUS: Record<string, string> = { ok: '通过', warning: '提醒', error: '错误' }

function thisMonth(): string {
  const d = new Date()
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

/** 名单导入: upload (a dry run: every row checked), read the row report, download it, then apply with progress. */
export default function DeskRoster() {
  const params = useParams()
  const fromUrl = params.id && /^\d+$/.test(params.id) ? Number(params.id) : undefined
  const [current, setCurrent] = useState<RosterImport | undefined>()
  const loaded = useApi(fromUrl && !current ? `roster-${fromUrl}` : null, () => rosters.get(fromUrl!))
  const imp = current ?? loaded.data
  return (
    <DeskPage title='名单导入'>
      {loaded.error ? <ApiErrorNotice error={loaded.error} onRetry={() => void loaded.reload()} /> : null}
      {fromUrl && !imp && loaded.loading ? <Loading /> : null}
      {imp ? <RosterStatus key={imp.id} initial={imp} onAnother={() => setCurrent(undefined)} /> : fromUrl ? null : <UploadForm onUploaded={setCurrent} />}
    </DeskPage>
  )
}

function UploadForm({ onUploaded }: { onUploaded: (r: RosterImport) => void }) {
  const districts = useApi('desk-districts', () => people.districts())
  const [schemeId, setSchemeId] = useState<string | undefined>()
  const [districtId, setDistrictId] = useState<number | undefined>()
  const [month, setMonth] = useState(thisMonth())
  const [mode, setMode] = useState<'full' | 'delta'>('full')
  const [errors, setErrors] = useState<Errors>({})
  const [general, setGeneral] = useState<string[]>([])
  const [failure, setFailure] = useState<unknown>()
  const [progress, setProgress] = useState<number | undefined>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const { file, choose, done } = usePickedFile(['xlsx', 'csv'], () => setErrors(({ file: _gone, ...rest }) => rest))
  const list = districts.data ?? []
  const schemeIds = [...new Set(list.map((d) => d.schemeId).filter((x): x is string => !!x))]
  const schemeItems = schemeIds.map((id) => {
    try {
      return { value: id, label: getScheme(id).shortName ?? getScheme(id).name }
    } catch {
      return { value: id, label: id }
    }
  })
  const districtItems = list.filter((d) => !schemeId || d.schemeId === schemeId).map((d) => ({ value: d.id, label: `${d.city}${d.name}` }))

  const upload = async () => {
    const local = rosterFormErrors({ schemeId, districtId, month, mode, fileName: file?.fileName })
    setErrors(local)
    setGeneral([])
    setFailure(undefined)
    if (Object.keys(local).length || !file) return
    const fields = { schemeId: schemeId!, districtId: districtId!, month: month.trim(), mode }
    const sub = keyFor(kept, { ...fields, file: file.filePath }, 'roster')
    setKept(sub)
    setProgress(0)
    try {
      const r = await rosters.upload(file, fields, sub.key, setProgress).promise
      done()
      onUploaded(r)
    } catch (e) {
      if (isApiError(e) && (Object.keys(e.fields).length || e.details.length)) {
        const r = fieldErrors(e, ['schemeId', 'districtId', 'month', 'mode', 'file'])
        setErrors(r.errors)
        setGeneral(r.general)
      } else setFailure(e)
    } finally {
      setProgress(undefined)
    }
  }
  return (
    <View className='hm-card' id='roster-form'>
      <Text className='hm-secondary'>上传后系统先逐行校验，不会改动任何数据；看过校验结果，再点“确认应用”。</Text>
      {districts.error ? <ApiErrorNotice error={districts.error} onRetry={() => void districts.reload()} /> : null}
      <Field label='保险方案' error={errors.schemeId}>
        <Chips idPrefix='r-scheme' items={schemeItems} value={schemeId} onPick={(v) => (setSchemeId(v), setDistrictId(undefined))} />
      </Field>
      <Field label='区县（街镇）' error={errors.districtId}>
        {districtItems.length ? <Chips idPrefix='r-district' items={districtItems} value={districtId} onPick={setDistrictId} /> : <Text className='hm-secondary'>请先选择保险方案</Text>}
      </Field>
      <Field label='名单月份' error={errors.month}>
        <TextBox id='r-month' value={month} placeholder='例如 2026-01' onInput={setMonth} />
      </Field>
      <Field label='导入方式' error={errors.mode}>
        <Chips
          idPrefix='r-mode'
          items={[
            { value: 'full', label: '完整名单（名单上没有的人视为移出）' },
            { value: 'delta', label: '增减名单（只处理文件里的人）' },
          ]}
          value={mode}
          onPick={setMode}
        />
      </Field>
      <Field label='名单文件（.xlsx 或 .csv）' error={errors.file}>
        <View className='desk__file hm-tap' id='r-file' onClick={choose}>
          <Text>{file ? file.fileName : '点这里选择文件'}</Text>
          <Text className='hm-link'>{file ? '换一个' : '选择'}</Text>
        </View>
      </Field>
      <GeneralErrors items={general} />
      {failure ? <ApiErrorNotice error={failure} onRetry={upload} /> : null}
      {progress !== undefined ? <ProgressBar percent={progress} label={`正在上传 ${progress}%`} /> : null}
      <Button className='staff__submit' type='primary' size='large' block loading={progress !== undefined} disabled={progress !== undefined} onClick={upload}>
        上传并校验
      </Button>
    </View>
  )
}

const busy = (r: RosterImport) => r.status === 'pending' || r.status === 'validating' || r.status === 'applying'

function RosterStatus({ initial, onAnother }: { initial: RosterImport; onAnother: () => void }) {
  const poll = usePoll(initial, () => rosters.get(initial.id), busy)
  const imp = poll.data ?? initial
  const checked = imp.status !== 'pending' && imp.status !== 'validating' && imp.status !== 'failed'
  const problems = useApi(checked ? `roster-rows-${imp.id}-${imp.errorCount}-${imp.warningCount}` : null, async () => {
    const [errors, warnings] = await Promise.all([
      imp.errorCount ? rosters.rows(imp.id, { status: 'error', pageSize: 100 }) : null,
      imp.warningCount ? rosters.rows(imp.id, { status: 'warning', pageSize: 50 }) : null,
    ])
    return { errors, warnings }
  })
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const [applying, setApplying] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const [dl, setDl] = useState<unknown>()

  const apply = async () => {
    const sub = keyFor(kept, { apply: imp.id }, 'roster-apply')
    setKept(sub)
    setApplying(true)
    setFailure(undefined)
    try {
      poll.set(await rosters.apply(imp.id, sub.key))
    } catch (e) {
      setFailure(e)
    } finally {
      setApplying(false)
    }
  }
  const download = async () => {
    setDl(undefined)
    try {
      await downloadFile(rosters.reportPath(imp.id), `名单校验结果-${imp.id}.xlsx`)
    } catch (e) {
      setDl(e)
    }
  }
  const counts = imp.counts ?? {}
  const p = imp.progress
  const applied = imp.applyResult as { changes?: number; premiumDelta?: string } | null
  return (
    <View id='roster-status'>
      <View className='hm-card'>
        <Text className='hm-heading' id='roster-status-text'>
          {imp.fileName}：{imp.statusText}
        </Text>
        {busy(imp) && p ? (
          <ProgressBar percent={percentOf(p.rowsRead, imp.rowCount || p.rowsRead)} label={`${p.phase === 'applying' ? '正在应用' : '正在校验'}：已处理 ${p.rowsRead} 行 ${rateText(p.rowsPerSecond)}`} />
        ) : busy(imp) ? (
          <Loading />
        ) : null}
        {imp.failure ? <Notice kind='error' title={imp.failure} /> : null}
        {poll.error ? <ApiErrorNotice error={poll.error} /> : null}
        {imp.sameFileAs ? <Notice kind='warn' title={`这个文件和第 ${imp.sameFileAs.id} 号导入完全相同${imp.sameFileAs.appliedAt ? '，已经应用过' : ''}。`} /> : null}
        <Figures
          id='roster-figures'
          items={[
            { label: '行数', value: imp.rowCount },
            { label: '错误', value: imp.errorCount, tone: imp.errorCount ? 'error' : 'ok' },
            { label: '提醒', value: imp.warningCount, tone: imp.warningCount ? 'warn' : undefined },
            ...Object.entries(counts)
              .filter(([, n]) => n)
              .map(([k, n]) => ({ label: ACTION_TEXT[k] ?? k, value: n })),
          ]}
        />
        {imp.status === 'applied' && applied ? (
          <Notice kind='info' title={`已应用：共 ${applied.changes ?? 0} 处变化${applied.premiumDelta && applied.premiumDelta !== '0.00' ? `，保费变化 ${applied.premiumDelta} 元` : ''}`} />
        ) : null}
        <View className='desk__actions'>
          {checked ? (
            <Button size='large' id='roster-download' onClick={download}>
              下载校验结果（Excel）
            </Button>
          ) : null}
          {imp.status === 'validated' ? (
            <Button type='primary' size='large' id='roster-apply' loading={applying} disabled={applying} onClick={apply}>
              {imp.errorCount ? `确认应用（${imp.errorCount} 行错误不导入）` : '确认应用'}
            </Button>
          ) : null}
          <Button size='large' onClick={onAnother}>
            再导入一份
          </Button>
        </View>
        {dl ? <ApiErrorNotice error={dl} onRetry={download} /> : null}
        {failure ? <ApiErrorNotice error={failure} onRetry={apply} /> : null}
      </View>
      {problems.error ? <ApiErrorNotice error={problems.error} onRetry={() => void problems.reload()} /> : null}
      {problems.data?.errors?.rows.length ? (
        <View className='hm-card' id='roster-errors'>
          <Text className='hm-section-title'>
            有错误的行（{problems.data.errors.total} 行{problems.data.errors.total > problems.data.errors.rows.length ? `，这里列出前 ${problems.data.errors.rows.length} 行，全部见 Excel` : ''}）
          </Text>
          {problems.data.errors.rows.map((r) => (
            <RowLine key={r.rowNo} row={r} />
          ))}
        </View>
      ) : null}
      {problems.data?.warnings?.rows.length ? (
        <View className='hm-card' id='roster-warnings'>
          <Text className='hm-section-title'>需要留意的行（{problems.data.warnings.total} 行）</Text>
          {problems.data.warnings.rows.map((r) => (
            <RowLine key={r.rowNo} row={r} />
          ))}
        </View>
      ) : null}
    </View>
  )
}

function RowLine({ row }: { row: { rowNo: number; inFile: boolean; status: string; action: string | null; name: string | null; idNumberMasked: string | null; categoryLabel: string | null; messages: { field: string; message: string }[] } }) {
  return (
    <View className={`desk__row desk__row--${row.status}`} id={`row-${row.rowNo}`}>
      <View className='desk__row-head'>
        <Text>
          {row.inFile ? `第 ${row.rowNo} 行` : '名单外'} · {ROW_STATUS[row.status] ?? row.status}
          {row.action ? ` · ${ACTION_TEXT[row.action] ?? row.action}` : ''}
        </Text>
        <Text>
          {row.name ?? ''} {row.idNumberMasked ?? ''} {row.categoryLabel ?? ''}
        </Text>
      </View>
      {row.messages.map((m, i) => (
        <Text key={i} className='hm-text'>
          {m.field ? `${m.field}：` : ''}
          {m.message}
        </Text>
      ))}
    </View>
  )
}
