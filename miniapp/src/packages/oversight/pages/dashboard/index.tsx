import { Text, View } from '@tarojs/components'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { useMemo, useState } from 'react'
import { ApiErrorNotice } from '@/components/ApiErrorNotice'
import { Loading } from '@/components/Loading'
import { Notice } from '@/components/Notice'
import { Page } from '@/components/Page'
import { useApi } from '@/hooks/useApi'
import { useLiveWarnings } from '@/hooks/useLiveWarnings'
import { useParams } from '@/hooks/useParams'
import { useSession } from '@/hooks/useSession'
import { useToday } from '@/hooks/useToday'
import { oversight } from '@/services/api'
import { messageOf } from '@/services/api/errors'
import type { ClaimsMoneyView, KpisView, LossRatioWarning, OversightQuery, PremiumsView, SettlementsView, WarningsView } from '@/services/api/oversight-types'
import { isStaff } from '@/services/api/session'
import { downloadXlsx } from '@/services/files'
import { groupDigits } from '@/services/format'
import type { FeedMode } from '@/services/live-feed'
import { go } from '@/services/navigate'
import { aboveLevel, barLengths, barScale, defaultYear, levelPercent, notifyText, schemeChoices } from '@/services/oversight'
import { currentPlatform } from '@/services/platform'
import { route } from '@/services/routes'
import '../../../caseworker/pages/staff.scss'
import './index.scss'
import { StaffSignInNotice } from '@/components/SignInPrompt'

type Tab = 'premiums' | 'money' | 'settlements' | 'kpis'
const TABS: { value: Tab; label: string }[] = [
  { value: 'premiums', label: '保费' },
  { value: 'money', label: '赔付与赔付率' },
  { value: 'settlements', label: '年终结算' },
  { value: 'kpis', label: '绩效指标' },
]

const yuan = (a: string | null | undefined) => (a === null || a === undefined ? '—' : `${groupDigits(a)} 元`)
const pct = (p: string | null | undefined) => (p === null || p === undefined ? '—' : `${p}%`)
const monthLabel = (m: string) => `${Number(m.slice(5, 7))}月`

function Chips<T extends string | number>({ items, value, onPick, idPrefix }: { items: { value?: T; label: string }[]; value?: T; onPick: (v?: T) => void; idPrefix: string }) {
  return (
    <View className='staff__chips'>
      {items.map((it) => (
        <View key={`${String(it.value)}-${it.label}`} id={`${idPrefix}-${String(it.value ?? 'all')}`} className={`staff__chip${it.value === value ? ' staff__chip--on' : ''}`} onClick={() => onPick(it.value)}>
          <Text>{it.value === value ? `✓ ${it.label}` : it.label}</Text>
        </View>
      ))}
    </View>
  )
}

function modeText(m: FeedMode): string {
  switch (m) {
    case 'live':
      return '● 实时更新中：赔付率预警和理赔变化会自动出现'
    case 'polling':
      return '每 10 秒自动刷新一次（实时推送暂不可用）'
    case 'connecting':
      return '正在连接实时更新…'
    default:
      return '自动刷新已停止'
  }
}

/** Horizontal bars (plain CSS): one row per item, the length from decimal.js, the figure as the server wrote it. */
/** `cap`: the least full length of the scale (a larger value stretches it). */
function Bars({ rows, id, cap, marks }: { rows: { label: string; value: string | null; text: string; tone?: 'warn' | 'bad' }[]; id: string; cap?: string; marks?: { at: string; label: string }[] }) {
  const scale = barScale(rows.map((r) => r.value), cap)
  const lengths = barLengths(rows.map((r) => r.value), scale)
  const markAt = marks ? barLengths(marks.map((m) => m.at), scale) : []
  return (
    <View className='ov-bars' id={id}>
      {rows.map((r, i) => (
        <View key={r.label} className='ov-bars__row'>
          <Text className='ov-bars__label'>{r.label}</Text>
          <View className='ov-bars__track'>
            <View className={`ov-bars__fill${r.tone ? ` ov-bars__fill--${r.tone}` : ''}`} style={{ width: `${lengths[i]}%` }} />
            {marks?.map((m, k) => <View key={m.label} className='ov-bars__mark' style={{ left: `${markAt[k]}%` }} />)}
          </View>
          <Text className='ov-bars__value'>{r.text}</Text>
        </View>
      ))}
      {marks?.length ? <Text className='hm-small hm-secondary'>竖线是预警线：{marks.map((m) => m.label).join('、')}</Text> : null}
    </View>
  )
}

function Download({ path, name, id, label }: { path: string; name: string; id: string; label: string }) {
  const [state, setState] = useState<{ busy: boolean; error?: string; done?: string }>({ busy: false })
  return (
    <View className='ov-download'>
      <View
        id={id}
        className='hm-plain-button hm-tap'
        onClick={() => {
          if (state.busy) return
          setState({ busy: true })
          downloadXlsx(path, name).then(
            (f) => setState({ busy: false, done: f ? `已下载：${f.name}` : '已打开表格' }),
            (e) => setState({ busy: false, error: messageOf(e) }),
          )
        }}
      >
        <Text>{state.busy ? '正在下载…' : label}</Text>
      </View>
      {state.done ? <Text className='hm-small hm-secondary'>{state.done}</Text> : null}
      {state.error ? <Text className='hm-error-text'>{state.error}</Text> : null}
    </View>
  )
}

function WarningsPanel({ view, warnings, fresh, error }: { view?: WarningsView; warnings: LossRatioWarning[]; fresh: Set<number>; error?: unknown }) {
  if (error) return <ApiErrorNotice error={error} />
  if (!view) return <Loading />
  if (!view.levels.length) return <Notice kind='info' title='本方案没有赔付率预警机制' />
  const levels = [...view.levels].sort((a, b) => a.above.localeCompare(b.above))
  return (
    <View id='ov-warnings'>
      <View className='hm-card'>
        {levels.map((l) => (
          <Text key={l.level} className='hm-text ov-level'>
            {l.label}（告知{notifyText(l.notify)}）
          </Text>
        ))}
      </View>
      <Text className='hm-section-title' id='ov-warning-count'>
        已记录的预警 {warnings.length} 条
      </Text>
      {!warnings.length ? <Notice kind='info' title='目前没有区县超过预警线' /> : null}
      {warnings.map((w) => (
        <View key={w.id} id={`ov-warning-${w.id}`} className={`hm-card ov-warning${fresh.has(w.id) ? ' ov-warning--new' : ''}`}>
          <Text className='ov-warning__title'>
            {fresh.has(w.id) ? '【新】' : ''}
            {w.districtName}：赔付率 {pct(w.ratioPercent)}
          </Text>
          <Text className='hm-text'>{w.label}</Text>
          <Text className='hm-small hm-secondary'>
            赔款 {yuan(w.claims)} ÷ 净保费 {yuan(w.premium)}；告知{notifyText(w.notify)}；{w.at.slice(0, 10)} 记录{w.claimId ? `（理赔 #${w.claimId} 引起）` : ''}
          </Text>
          <Text className='hm-small hm-secondary'>依据：{w.source}</Text>
        </View>
      ))}
      <Text className='hm-section-title'>各区县赔付率（现在）</Text>
      <Bars
        id='ov-county-ratios'
        cap='120'
        marks={levels.map((l) => ({ at: levelPercent(l.above), label: `${levelPercent(l.above)}%` }))}
        rows={view.counties.map((c) => ({
          label: c.name,
          value: c.lossRatioPercent,
          text: pct(c.lossRatioPercent),
          tone: levels.some((l) => l.level === 'county_investigates' && aboveLevel(c.lossRatioPercent, l.above)) ? 'bad' : c.levels.length ? 'warn' : undefined,
        }))}
      />
    </View>
  )
}

function PremiumsPanel({ p }: { p: PremiumsView }) {
  return (
    <View id='ov-premiums'>
      {p.counted.stale ? <Notice kind='warn' title='参保名单刚更新，正在重新统计；下面是上一次的统计数'/> : null}
      {[...p.districts, { districtId: 0, name: p.level === 'city' ? '全市合计' : '合计', ...p.total, items: [] }].map((d) => (
        <View key={d.districtId} className='hm-card ov-block' id={`ov-premium-${d.districtId}`}>
          <Text className='hm-heading'>{d.name}</Text>
          <View className='hm-row'><Text className='hm-row__label'>参保人数</Text><Text className='hm-row__value'>{d.persons} 人</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>户数</Text><Text className='hm-row__value'>{d.households} 户</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>参保人·月</Text><Text className='hm-row__value'>{d.personMonths}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>应缴保费</Text><Text className='hm-row__value ov-money'>{yuan(d.premiumDue)}</Text></View>
          {d.byPayer.map((b) => (
            <View key={b.payer} className='hm-row'>
              <Text className='hm-row__label'>其中 {b.payer}{b.share ? `（${b.share}）` : ''}</Text>
              <Text className='hm-row__value'>{yuan(b.amount)}</Text>
            </View>
          ))}
          {d.difference !== '0.00' ? (
            <Text className='hm-small hm-secondary'>参保记录上的保费合计 {yuan(d.recordedPremium)}，相差 {yuan(d.difference)}</Text>
          ) : null}
          {d.personsByMonth.some((n) => n !== d.persons) ? (
            <View className='ov-months'>
              <Text className='hm-small hm-secondary'>每月在保人数（年中起保的按月计）：</Text>
              <Text className='hm-small'>{p.months.map((m, i) => `${monthLabel(m)} ${d.personsByMonth[i]}`).join('，')}</Text>
            </View>
          ) : null}
          {d.items.flatMap((it) => it.explanation).map((l, i) => (
            <Text key={i} className='hm-small hm-secondary ov-line'>{l}</Text>
          ))}
        </View>
      ))}
      {p.notes.map((n, i) => <Text key={i} className='hm-small hm-secondary'>{n}</Text>)}
    </View>
  )
}

function MoneyPanel({ m }: { m: ClaimsMoneyView }) {
  const rows = [...m.districts, { districtId: 0, name: m.level === 'city' ? '全市合计' : '合计', ...m.total }]
  return (
    <View id='ov-money'>
      {rows.map((d) => (
        <View key={d.districtId} className='hm-card ov-block' id={`ov-money-${d.districtId}`}>
          <Text className='hm-heading'>{d.name}</Text>
          <View className='hm-row'><Text className='hm-row__label'>已报案估损（{d.reported.count} 笔）</Text><Text className='hm-row__value'>{yuan(d.reported.amount)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>已核定（{d.approved.count} 笔）</Text><Text className='hm-row__value'>{yuan(d.approved.amount)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>已赔付（{d.paid.count} 笔）</Text><Text className='hm-row__value'>{yuan(d.paid.amount)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>净保费</Text><Text className='hm-row__value'>{yuan(d.premium)}</Text></View>
          <View className='hm-row'>
            <Text className='hm-row__label'>赔付率</Text>
            <Text className='hm-row__value ov-money' id={`ov-ratio-${d.districtId}`}>{pct(d.lossRatioPercent)}</Text>
          </View>
          <Text className='hm-small hm-secondary'>
            （已赔付 {yuan(d.paid.amount)} + 未付 {yuan(d.outstanding)}）÷ 净保费 {yuan(d.premium)}
          </Text>
        </View>
      ))}
      <Text className='hm-section-title'>本保险年度逐月赔付率（累计）</Text>
      <Bars
        id='ov-monthly'
        rows={m.monthly.map((p) => ({ label: p.month, value: p.lossRatioPercent, text: pct(p.lossRatioPercent) }))}
      />
      <Text className='hm-section-title'>逐月金额</Text>
      <View className='hm-card ov-table'>
        <View className='ov-table__row ov-table__head'>
          <Text>月份</Text><Text>报案估损</Text><Text>核定</Text><Text>赔付</Text><Text>累计赔付</Text>
        </View>
        {m.monthly.map((p) => (
          <View key={p.month} className='ov-table__row'>
            <Text>{p.month}</Text><Text>{groupDigits(p.reportedAmount)}</Text><Text>{groupDigits(p.approvedAmount)}</Text><Text>{groupDigits(p.paidAmount)}</Text><Text>{groupDigits(p.paidCumulative)}</Text>
          </View>
        ))}
      </View>
      {Object.entries(m.definitions).map(([k, v]) => <Text key={k} className='hm-small hm-secondary ov-line'>{v}</Text>)}
    </View>
  )
}

function SettlementsPanel({ s, q }: { s: SettlementsView; q: OversightQuery }) {
  const h5 = currentPlatform() === 'h5'
  const t = s.total
  return (
    <View id='ov-settlements' className='ov-print'>
      <Text className='hm-title ov-print__title'>
        {s.schemeName} {s.year} 保险年度 年终风险分担结算单
      </Text>
      <Text className='hm-small hm-secondary'>
        保险期间 {s.period.from} 至 {s.period.to}；截至 {s.asOf}
        {s.final ? '' : '（保险年度未结束，为预结算）'}
      </Text>
      <Text className='hm-small hm-secondary'>依据：{s.source}</Text>
      <View className='ov-noprint ov-actions'>
        <Download id='ov-settlements-xlsx' path={oversight.xlsxPath('settlements', q)} name={`结算单-${s.schemeId}-${s.year}.xlsx`} label='下载结算单（Excel）' />
        {h5 ? (
          <View id='ov-print' className='hm-plain-button hm-tap' onClick={() => window.print()}>
            <Text>打印结算单</Text>
          </View>
        ) : (
          <Text className='hm-small hm-secondary'>打印：下载后在表格里打印，或在电脑浏览器打开本页打印。</Text>
        )}
      </View>
      {s.statements.map((st) => (
        <View key={st.districtId} className='hm-card ov-block' id={`ov-statement-${st.districtId}`}>
          <Text className='hm-heading'>{st.name}</Text>
          <View className='hm-row'><Text className='hm-row__label'>净保费</Text><Text className='hm-row__value ov-premium'>{yuan(st.premium)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>已赔付</Text><Text className='hm-row__value'>{yuan(st.paid)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>已报案估损及已核定未付</Text><Text className='hm-row__value'>{yuan(st.reported)}</Text></View>
          {st.result ? (
            <>
              <View className='hm-row'><Text className='hm-row__label'>赔付率</Text><Text className='hm-row__value ov-money'>{pct(st.result.lossRatioPercent)}</Text></View>
              {st.result.refundToGovernment ? <View className='hm-row'><Text className='hm-row__label'>结余退回县区财政</Text><Text className='hm-row__value'>{yuan(st.result.refundToGovernment)}</Text></View> : null}
              {st.result.insurerBears ? <View className='hm-row'><Text className='hm-row__label'>保险机构承担</Text><Text className='hm-row__value'>{yuan(st.result.insurerBears)}</Text></View> : null}
              {st.result.governmentTopUp ? <View className='hm-row'><Text className='hm-row__label'>县区财政补充</Text><Text className='hm-row__value'>{yuan(st.result.governmentTopUp)}</Text></View> : null}
              {st.result.carryForward ? <View className='hm-row'><Text className='hm-row__label'>结转下一年度</Text><Text className='hm-row__value'>{yuan(st.result.carryForward)}</Text></View> : null}
              {st.result.governmentBears ? <View className='hm-row'><Text className='hm-row__label'>政府承担</Text><Text className='hm-row__value'>{yuan(st.result.governmentBears)}</Text></View> : null}
              {(st.result.governmentSplit ?? []).map((g) => (
                <View key={g.payer} className='hm-row'><Text className='hm-row__label'>其中 {g.payer}</Text><Text className='hm-row__value'>{yuan(g.amount)}</Text></View>
              ))}
            </>
          ) : (
            <Text className='hm-error-text'>{st.error}</Text>
          )}
          <Text className='hm-label'>计算过程</Text>
          {st.premiumLines.map((l, i) => <Text key={`p${i}`} className='hm-small ov-line'>保费：{l}</Text>)}
          {(st.result?.lines ?? []).map((l, i) => <Text key={`r${i}`} className='hm-small ov-line'>{l}</Text>)}
        </View>
      ))}
      <View className='hm-card ov-block' id='ov-statement-total'>
        <Text className='hm-heading'>{s.level === 'city' ? '全市合计' : '所辖区县合计'}</Text>
        <View className='hm-row'><Text className='hm-row__label'>净保费</Text><Text className='hm-row__value'>{yuan(t.premium)}</Text></View>
        <View className='hm-row'><Text className='hm-row__label'>已赔付</Text><Text className='hm-row__value'>{yuan(t.paid)}</Text></View>
        <View className='hm-row'><Text className='hm-row__label'>已报案估损及已核定未付</Text><Text className='hm-row__value'>{yuan(t.reported)}</Text></View>
        {s.kind === 'refundAndShare' ? (
          <>
            <View className='hm-row'><Text className='hm-row__label'>结余退回县区财政</Text><Text className='hm-row__value'>{yuan(t.refundToGovernment)}</Text></View>
            <View className='hm-row'><Text className='hm-row__label'>保险机构承担</Text><Text className='hm-row__value'>{yuan(t.insurerBears)}</Text></View>
            <View className='hm-row'><Text className='hm-row__label'>县区财政补充</Text><Text className='hm-row__value'>{yuan(t.governmentTopUp)}</Text></View>
          </>
        ) : (
          <>
            <View className='hm-row'><Text className='hm-row__label'>结转下一年度</Text><Text className='hm-row__value'>{yuan(t.carryForward)}</Text></View>
            <View className='hm-row'><Text className='hm-row__label'>政府承担</Text><Text className='hm-row__value'>{yuan(t.governmentBears)}</Text></View>
            {t.governmentSplit.map((g) => (
              <View key={g.payer} className='hm-row'><Text className='hm-row__label'>其中 {g.payer}</Text><Text className='hm-row__value'>{yuan(g.amount)}</Text></View>
            ))}
          </>
        )}
      </View>
    </View>
  )
}

function KpisPanel({ k, q }: { k: KpisView; q: OversightQuery }) {
  return (
    <View id='ov-kpis'>
      <View className='ov-actions'>
        <Download id='ov-kpis-xlsx' path={oversight.xlsxPath('kpis', q)} name={`绩效指标-${k.schemeId}-${k.year}.xlsx`} label='下载绩效指标（Excel）' />
      </View>
      {k.kpis.map((x) => (
        <View key={x.id} className='hm-card ov-block' id={`ov-kpi-${x.id}`}>
          <Text className='hm-heading'>{x.name}</Text>
          <Text className='ov-figure'>{pct(x.percent)}</Text>
          <Text className='hm-text'>
            {x.numerator} ÷ {x.denominator}
            {x.target ? `；目标 ${x.target}` : ''}
            {x.met === true ? '（已达到）' : x.met === false ? '（未达到）' : ''}
          </Text>
          <Text className='hm-small hm-secondary'>{x.definition}</Text>
          <Bars id={`ov-kpi-trend-${x.id}`} cap='100' rows={x.trend.map((p) => ({ label: p.month, value: p.percent, text: p.percent === null ? '—' : `${p.percent}%（${p.numerator}/${p.denominator}）` }))} />
          <Text className='hm-small hm-secondary'>依据：{x.source}</Text>
        </View>
      ))}
      {k.onTime ? (
        <View className='hm-card ov-block' id='ov-kpi-bands'>
          <Text className='hm-heading'>按时赔付（按金额分档）</Text>
          {k.onTime.bands.map((b) => (
            <View key={b.id} className='hm-row'>
              <Text className='hm-row__label'>{b.label}（{b.workingDays} 个工作日）</Text>
              <Text className='hm-row__value'>
                {pct(b.percent)}（{b.numerator}/{b.denominator}）{b.unmeasured ? `，${b.unmeasured} 笔未到期` : ''}
              </Text>
            </View>
          ))}
          <Text className='hm-small hm-secondary'>依据：{k.onTime.source}</Text>
        </View>
      ) : null}
      {k.byBenefitInsurer?.rows.length ? (
        <View className='hm-card ov-block' id='ov-kpi-benefit-insurer'>
          <Text className='hm-heading'>按保险责任和保险机构</Text>
          {k.byBenefitInsurer.rows.map((r) => (
            <Text key={`${r.benefitName}-${r.insurerName}`} className='hm-text ov-line'>
              {r.benefitName} · {r.insurerName}：{r.claims} 笔，核定 {yuan(r.approvedAmount)}，已赔付 {yuan(r.paidAmount)}
            </Text>
          ))}
          <Text className='hm-label'>每月报案（笔）</Text>
          <Bars id='ov-kpi-trend-reported' rows={k.byBenefitInsurer.trend.map((p) => ({ label: p.month, value: String(p.reported), text: `${p.reported} 笔` }))} />
          <Text className='hm-label'>其中已赔付的金额（按报案月份）</Text>
          <Bars id='ov-kpi-trend-paid' rows={k.byBenefitInsurer.trend.map((p) => ({ label: p.month, value: p.paidAmount, text: yuan(p.paidAmount) }))} />
        </View>
      ) : null}
      {k.subsidy ? (
        <View className='hm-card ov-block' id='ov-kpi-subsidy'>
          <Text className='hm-heading'>沪惠保补贴</Text>
          <View className='hm-row'><Text className='hm-row__label'>符合条件应发</Text><Text className='hm-row__value'>{yuan(k.subsidy.kpis.money.eligibleTotal)}</Text></View>
          <View className='hm-row'><Text className='hm-row__label'>已发放</Text><Text className='hm-row__value ov-money'>{yuan(k.subsidy.kpis.money.paidTotal)}</Text></View>
          {k.subsidy.kpis.money.paidByPayer.map((b) => (
            <View key={b.payer} className='hm-row'><Text className='hm-row__label'>其中 {b.payer}</Text><Text className='hm-row__value'>{yuan(b.amount)}</Text></View>
          ))}
          <Text className='hm-small hm-secondary'>及时的口径：{k.subsidy.kpis.deadlineNote}</Text>
        </View>
      ) : null}
    </View>
  )
}

/** 监管看板: premiums, claims money and loss ratios, live loss-ratio warnings, year-end statements and KPIs. */
export default function OversightDashboard() {
  const s = useSession()
  const staff = !!s && isStaff(s.user)
  const params = useParams()
  const today = useToday()
  const choices = useMemo(() => schemeChoices(), [])
  const [schemeId, setSchemeId] = useState<string>(() => (params.scheme && choices.some((c) => c.id === params.scheme) ? params.scheme : choices[0].id))
  const scheme = choices.find((c) => c.id === schemeId) ?? choices[0]
  const [yearPick, setYear] = useState<string | undefined>(params.year)
  const year = yearPick && scheme.years.some((y) => y.id === yearPick) ? yearPick : defaultYear(scheme, today)
  const [districtId, setDistrictId] = useState<number | undefined>()
  const [tab, setTab] = useState<Tab>(params.tab === 'settlements' || params.tab === 'kpis' || params.tab === 'money' ? params.tab : 'premiums')
  // The purchase subsidy has only KPIs (no premiums, claims or statements of its own).
  const shown: Tab = scheme.subsidy ? 'kpis' : tab
  const tabs = scheme.subsidy ? TABS.filter((t) => t.value === 'kpis') : TABS
  const q: OversightQuery = { schemeId, year, districtId }
  const qKey = `${schemeId}|${year}|${districtId ?? ''}`

  // The staff feed for every scheme: claim events move the figures; Jincheng's also brings warnings.
  const live = useLiveWarnings(staff ? q : null)
  // The whole scope's premiums (also the district picker), and one district's when one is picked.
  const districtsAll = useApi(staff ? `ov-d-${schemeId}|${year}` : null, () => oversight.premiums({ schemeId, year }))
  const premiumsOne = useApi(staff && districtId !== undefined ? `ov-p-${qKey}` : null, () => oversight.premiums(q))
  const premiums = districtId === undefined ? districtsAll : premiumsOne
  const money = useApi(staff && shown === 'money' ? `ov-m-${qKey}-${live.claimTick}` : null, () => oversight.claimsMoney(q))
  const hasSettlement = scheme.settlementYears.includes(year)
  const settlements = useApi(staff && shown === 'settlements' && hasSettlement ? `ov-s-${qKey}-${live.claimTick}` : null, () => oversight.settlements(q))
  const kpis = useApi(staff && shown === 'kpis' ? `ov-k-${qKey}-${live.claimTick}` : null, () => oversight.kpis(q))

  usePullDownRefresh(() => {
    void Promise.all([premiums.reload(), money.reload(), settlements.reload(), kpis.reload(), live.reload()]).finally(() => Taro.stopPullDownRefresh())
  })

  if (!staff) {
    return (
      <Page className='staff'>
        <View className='hm-desk'>
          <StaffSignInNotice />
        </View>
      </Page>
    )
  }
  const districts = districtsAll.data?.districts ?? []
  const noDistricts = districtsAll.data && !districts.length
  return (
    <Page className='staff ov'>
      <View className='hm-desk'>
        <View className='staff__bar ov-noprint'>
          <Text className='staff__who'>监管看板 · {districtsAll.data?.level === 'city' ? '全市' : '所辖区县'}</Text>
          <View className='hm-tap' onClick={() => go(route.staffQueue())}>
            <Text className='hm-link'>‹ 理赔工作台</Text>
          </View>
        </View>

        <View className='hm-card staff__filters ov-noprint'>
          <Text className='hm-label'>方案</Text>
          <Chips idPrefix='ov-scheme' items={choices.map((c) => ({ value: c.id, label: c.label }))} value={schemeId} onPick={(v) => { if (v) { setSchemeId(v); setYear(undefined); setDistrictId(undefined) } }} />
          <Text className='hm-label'>保险年度</Text>
          <Chips idPrefix='ov-year' items={scheme.years.map((y) => ({ value: y.id, label: y.from.slice(0, 4) === y.to.slice(0, 4) ? `${y.id} 年` : `${y.from} 至 ${y.to}` }))} value={year} onPick={(v) => { if (v) { setYear(v); setDistrictId(undefined) } }} />
          {districts.length > 1 || districtId !== undefined ? (
            <>
              <Text className='hm-label'>区县</Text>
              <Chips idPrefix='ov-district' items={[{ label: districtsAll.data?.level === 'city' ? '全市' : '全部所辖' }, ...districts.map((d) => ({ value: d.districtId, label: d.name }))]} value={districtId} onPick={(v) => setDistrictId(v)} />
            </>
          ) : null}
        </View>
        {noDistricts ? <Notice kind='info' title='您负责的区县不在这个方案里，请换一个方案' /> : null}

        {scheme.warningYears.includes(year) ? (
          <View className='ov-noprint'>
            <View className={`staff__live staff__live--${live.mode}`} id='ov-live-status'>
              <Text>{modeText(live.mode)}</Text>
            </View>
            <Text className='hm-title'>赔付率预警</Text>
            <WarningsPanel view={live.view} warnings={live.warnings} fresh={live.fresh} error={live.error} />
          </View>
        ) : null}

        <View className='ov-noprint'>
          <Chips idPrefix='ov-tab' items={tabs} value={shown} onPick={(v) => v && setTab(v)} />
        </View>

        {shown === 'premiums' ? (
          <>
            {premiums.error ? <ApiErrorNotice error={premiums.error} onRetry={() => void premiums.reload()} /> : null}
            {!premiums.data && premiums.loading ? <Loading /> : null}
            {premiums.data ? <PremiumsPanel p={premiums.data} /> : null}
          </>
        ) : null}
        {shown === 'money' ? (
          <>
            {money.error ? <ApiErrorNotice error={money.error} onRetry={() => void money.reload()} /> : null}
            {!money.data && money.loading ? <Loading /> : null}
            {money.data ? <MoneyPanel m={money.data} /> : null}
          </>
        ) : null}
        {shown === 'settlements' ? (
          !hasSettlement ? (
            <Notice kind='info' title='本方案这个年度没有年终风险分担结算（只有驻马店、晋城的方案有）' />
          ) : (
            <>
              {settlements.error ? <ApiErrorNotice error={settlements.error} onRetry={() => void settlements.reload()} /> : null}
              {!settlements.data && settlements.loading ? <Loading /> : null}
              {settlements.data ? <SettlementsPanel s={settlements.data} q={q} /> : null}
            </>
          )
        ) : null}
        {shown === 'kpis' ? (
          <>
            {kpis.error ? <ApiErrorNotice error={kpis.error} onRetry={() => void kpis.reload()} /> : null}
            {!kpis.data && kpis.loading ? <Loading /> : null}
            {kpis.data ? <KpisPanel k={kpis.data} q={q} /> : null}
          </>
        ) : null}
      </View>
    </Page>
  )
}
