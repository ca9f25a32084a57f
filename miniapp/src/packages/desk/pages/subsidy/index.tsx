import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { useApi } from '@/hooks/useApi'
import { useSession } from '@/hooks/useSession'
import { oversight } from '@/services/api'
import { type Batch, type MatchResult, type PolicyImport, people, type ResultsReport, type StaffDistrict, subsidyDesk } from '@/services/api/desk'
import { isApiError } from '@/services/api/errors'
import { groupDigits } from '@/services/format'
import { keyFor, type KeyedSubmission } from '@/services/idempotency'
import { Button } from '@/ui/nutui'
import { downloadFile, pickFile, releaseFile } from '../../lib/files'
import { usePickedFile } from '../../lib/usePickedFile'
import { policyYearError } from '../../lib/forms'
import { defaultYear, schemeChoices } from '@/services/oversight'
import { todayIso } from '@/services/format'
import { Chips, DeskPage, Field, Figures, SUBSIDY_ROLES, TextBox } from '../../lib/ui'

const ACTION_TEXT: Record<string, string> = { add: '新增', change: '变更', unchanged: '不变', error: '错误' }

const MINHANG = 'mh-huhuibao'

/**
 * Minhang's 街镇 for finance (the city level, all of them): GET /api/people/districts is for caseworkers and
 * admins, so they come from the oversight scope finance may read (the premiums figure lists its districts).
 */
async function minhangDistrictsForFinance(): Promise<StaffDistrict[]> {
  const mh = schemeChoices().find((c) => c.id === MINHANG)
  if (!mh) return []
  const p = await oversight.premiums({ schemeId: MINHANG, year: defaultYear(mh, todayIso()) })
  return p.districts.map((d) => ({ id: d.districtId, name: d.name, city: '', county: '', schemeId: MINHANG, type: null }))
}

/** 沪惠保 subsidy: the insurer's policy list → match → batch per 街镇 → export for the bank → the bank's results; with the targets. */
export default function DeskSubsidy() {
  const s = useSession()
  const finance = s?.user.role === 'finance'
  const [yearText, setYearText] = useState(String(new Date().getFullYear()))
  const yearError = policyYearError(yearText)
  const year = yearError ? undefined : Number(yearText.trim())
  const districts = useApi(s ? (finance ? 'desk-districts-finance' : 'desk-districts') : null, () => (finance ? minhangDistrictsForFinance() : people.districts()))
  const minhang = (districts.data ?? []).filter((d) => d.schemeId === MINHANG)
  const [districtId, setDistrictId] = useState<number | undefined>()
  const [refresh, setRefresh] = useState(0)
  const bump = () => setRefresh((n) => n + 1)
  return (
    <DeskPage title='沪惠保补贴发放' roles={SUBSIDY_ROLES}>
      <View className='hm-card'>
        <Field label='保单年度' error={yearError}>
          <TextBox id='s-year' value={yearText} placeholder='例如 2024' onInput={setYearText} />
        </Field>
        <Field label='街镇'>
          {districts.error ? <ApiErrorNotice error={districts.error} onRetry={() => void districts.reload()} /> : null}
          {districts.data && !minhang.length ? <Text className='hm-secondary'>您不负责闵行的街镇：沪惠保补贴由闵行区经办人员办理。</Text> : null}
          <Chips idPrefix='s-district' items={minhang.map((d) => ({ value: d.id, label: d.name }))} value={districtId} onPick={setDistrictId} />
        </Field>
      </View>
      {year ? (
        <>
          <Kpis year={year} districtId={districtId} refresh={refresh} all={finance} />
          <PolicyList year={year} onApplied={bump} />
          <Match year={year} onMatched={bump} />
          <Batches year={year} districtId={districtId} refresh={refresh} onChanged={bump} />
        </>
      ) : null}
    </DeskPage>
  )
}

function Kpis({ year, districtId, refresh, all }: { year: number; districtId?: number; refresh: number; all?: boolean }) {
  const k = useApi(`kpis-${year}-${districtId ?? 'all'}-${refresh}`, () => subsidyDesk.kpis(year, districtId))
  return (
    <View className='hm-card' id='s-kpis'>
      <Text className='hm-section-title'>{year} 年度目标完成情况{districtId ? '' : all ? '（全部街镇）' : '（我负责的全部街镇）'}</Text>
      {k.error ? <ApiErrorNotice error={k.error} onRetry={() => void k.reload()} /> : null}
      {!k.data && k.loading ? <Loading /> : null}
      {k.data ? (
        <>
          <Figures
            items={k.data.targets.map((t) => ({
              label: `${t.name}（目标 ${t.target}）：${t.numerator}/${t.denominator}`,
              value: t.percent === null ? '暂无' : `${t.percent}%`,
              tone: t.met === null ? undefined : t.met ? 'ok' : 'warn',
            }))}
          />
          <Figures
            items={[
              { label: '应发金额（元）', value: groupDigits(k.data.money.eligibleTotal) },
              { label: '已发金额（元）', value: groupDigits(k.data.money.paidTotal) },
              ...k.data.money.paidByPayer.map((p) => ({ label: `其中 ${p.payer}（元）`, value: groupDigits(p.amount) })),
            ]}
          />
          <Text className='hm-secondary'>{k.data.deadlineNote}</Text>
        </>
      ) : null}
    </View>
  )
}

function PolicyList({ year, onApplied }: { year: number; onApplied: () => void }) {
  const [imp, setImp] = useState<PolicyImport | undefined>()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const { file, choose, done } = usePickedFile(['xlsx', 'csv'], () => setError(undefined))
  const upload = async () => {
    setFailure(undefined)
    if (!file) return setError('请选择保险公司提供的保单清单（.xlsx 或 .csv）')
    const sub = keyFor(kept, { file: file.filePath, year }, 'policies')
    setKept(sub)
    setBusy(true)
    try {
      setImp(await subsidyDesk.uploadPolicies(file, year, sub.key).promise)
      done()
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) setError(Object.values(e.fields).join('；'))
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  const apply = async () => {
    if (!imp) return
    const sub = keyFor(kept, { apply: imp.id }, 'policies-apply')
    setKept(sub)
    setBusy(true)
    setFailure(undefined)
    try {
      setImp(await subsidyDesk.applyPolicies(imp.id, sub.key))
      onApplied()
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='s-policies'>
      <Text className='hm-section-title'>第 1 步：导入保险公司的出单清单</Text>
      <Field label='保单清单（.xlsx 或 .csv）' error={error}>
        <View className='desk__file hm-tap' id='s-policy-file' onClick={choose}>
          <Text>{file ? file.fileName : '点这里选择文件'}</Text>
          <Text className='hm-link'>{file ? '换一个' : '选择'}</Text>
        </View>
      </Field>
      {failure ? <ApiErrorNotice error={failure} /> : null}
      <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={upload}>
        上传并校验
      </Button>
      {imp ? (
        <View id='s-policy-report'>
          <Text className='hm-heading'>
            {imp.fileName}：{imp.statusText}
          </Text>
          {imp.sameFileAs ? <Notice kind='warn' title={`与第 ${imp.sameFileAs.id} 号清单内容相同，应用也不会有变化`} /> : null}
          <Figures
            items={[
              { label: '行数', value: imp.rowCount },
              { label: '错误', value: imp.errorCount, tone: imp.errorCount ? 'error' : 'ok' },
              ...Object.entries(imp.counts ?? {})
                .filter(([k]) => k !== 'error') // already shown as 错误
                .map(([k, n]) => ({ label: ACTION_TEXT[k] ?? k, value: n })),
            ]}
          />
          {imp.problems.map((r) => (
            <View key={r.rowNo} className={`desk__row desk__row--${r.status}`}>
              <Text className='hm-text'>
                第 {r.rowNo} 行 {r.name ?? ''} {r.idNumberMasked ?? ''}：{r.messages.map((m) => m.message).join('；')}
              </Text>
            </View>
          ))}
          {!imp.appliedAt ? (
            <Button className='staff__submit' type='primary' size='large' loading={busy} disabled={busy} onClick={apply}>
              {imp.errorCount ? `确认应用（${imp.errorCount} 行错误不导入）` : '确认应用'}
            </Button>
          ) : (
            <Notice kind='info' title='已应用。下一步：比对。' />
          )}
        </View>
      ) : null}
    </View>
  )
}

function Match({ year, onMatched }: { year: number; onMatched: () => void }) {
  const [r, setR] = useState<MatchResult | undefined>()
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<unknown>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const run = async () => {
    const sub = keyFor(kept, { match: year, at: r ? Date.now() : 0 }, 'match')
    setKept(sub)
    setBusy(true)
    setFailure(undefined)
    try {
      setR(await subsidyDesk.match(year, sub.key))
      onMatched()
    } catch (e) {
      setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='s-match'>
      <Text className='hm-section-title'>第 2 步：比对（按补贴规则逐单核对）</Text>
      <Text className='hm-secondary'>可以反复比对：只改变有变化的结果，已交银行的不会改动。</Text>
      {failure ? <ApiErrorNotice error={failure} onRetry={run} /> : null}
      <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={run}>
        开始比对 {year} 年度保单
      </Button>
      {r ? (
        <Figures
          id='s-match-result'
          items={[
            { label: '保单', value: r.policies },
            { label: '符合补贴', value: r.eligible, tone: 'ok' },
            { label: '不予补贴', value: r.refused },
            { label: '已交银行不改动', value: r.frozen },
            { label: '本次新增', value: r.added },
            { label: '本次变更', value: r.changed },
          ]}
        />
      ) : null}
    </View>
  )
}

function Batches({ year, districtId, refresh, onChanged }: { year: number; districtId?: number; refresh: number; onChanged: () => void }) {
  const list = useApi(`batches-${year}-${districtId ?? 'all'}-${refresh}`, () => subsidyDesk.batches({ policyYear: year, districtId }))
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>()
  const [failure, setFailure] = useState<unknown>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const create = async () => {
    setFailure(undefined)
    if (!districtId) return setError('请先在上面选择街镇：每个街镇一个批次')
    setError(undefined)
    const sub = keyFor(kept, { districtId, year, n: list.data?.length ?? 0 }, 'batch')
    setKept(sub)
    setBusy(true)
    try {
      await subsidyDesk.createBatch(districtId, year, sub.key)
      onChanged()
    } catch (e) {
      if (isApiError(e) && e.status === 422) setError(e.message)
      else setFailure(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='hm-card' id='s-batches'>
      <Text className='hm-section-title'>第 3 步：生成发放批次，导出交银行，导入银行回盘</Text>
      {error ? <Notice kind='warn' title={error} /> : null}
      {failure ? <ApiErrorNotice error={failure} onRetry={create} /> : null}
      <Button type='primary' size='large' block loading={busy} disabled={busy} onClick={create}>
        生成发放批次
      </Button>
      {list.error ? <ApiErrorNotice error={list.error} onRetry={() => void list.reload()} /> : null}
      {list.data && !list.data.length ? <Notice kind='info' title='还没有发放批次' /> : null}
      {list.data?.map((b) => (
        <BatchLine key={b.id} batch={b} onChanged={onChanged} />
      ))}
    </View>
  )
}

function BatchLine({ batch: b, onChanged }: { batch: Batch; onChanged: () => void }) {
  const [failure, setFailure] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const [report, setReport] = useState<ResultsReport | undefined>()
  const [kept, setKept] = useState<KeyedSubmission | undefined>()
  const exportIt = async () => {
    setFailure(undefined)
    try {
      await downloadFile(subsidyDesk.exportPath(b.id), `沪惠保补贴发放-${b.districtName}-${b.policyYear}-${b.id}.xlsx`)
      onChanged()
    } catch (e) {
      setFailure(e)
    }
  }
  const results = async () => {
    setFailure(undefined)
    const f = await pickFile(['xlsx', 'csv'])
    if (!f) return
    const sub = keyFor(kept, { file: f.filePath, batch: b.id }, 'bank')
    setKept(sub)
    setBusy(true)
    try {
      setReport(await subsidyDesk.results(b.id, f, false, sub.key).promise)
      onChanged()
    } catch (e) {
      setFailure(e)
    } finally {
      releaseFile(f)
      setBusy(false)
    }
  }
  return (
    <View className='desk__row' id={`batch-${b.id}`}>
      <View className='desk__row-head'>
        <Text className='hm-heading'>
          第 {b.id} 批 · {b.districtName} · {b.policyYear} 年度
        </Text>
        <Text>{b.statusText}</Text>
      </View>
      <Figures
        items={[
          { label: '笔数', value: b.itemCount },
          { label: '金额（元）', value: groupDigits(b.totalAmount) },
          { label: '已到账', value: b.paid, tone: 'ok' },
          { label: '失败', value: b.failed, tone: b.failed ? 'error' : undefined },
          { label: '待回盘', value: b.pending },
        ]}
      />
      <View className='desk__actions'>
        <Button size='large' onClick={exportIt}>
          导出交银行（Excel）
        </Button>
        {b.status !== 'created' ? (
          <Button size='large' loading={busy} disabled={busy} onClick={results}>
            导入银行回盘
          </Button>
        ) : null}
      </View>
      {failure ? <ApiErrorNotice error={failure} /> : null}
      {report ? (
        <Notice kind={report.counts.error ? 'error' : 'info'} title={`回盘：到账 ${report.counts.paid} 笔，失败 ${report.counts.failed} 笔，无变化 ${report.counts.unchanged} 笔，有错误 ${report.counts.error} 行`}>
          {report.rows
            .filter((r) => r.messages.length)
            .map((r) => (
              <Text key={r.rowNo} className='hm-text'>
                第 {r.rowNo} 行：{r.messages.map((m) => m.message).join('；')}
              </Text>
            ))}
        </Notice>
      ) : null}
    </View>
  )
}
