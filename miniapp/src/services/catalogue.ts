/**
 * The scheme catalogue in plain words, from the rules engine's data: what each scheme covers, for whom,
 * where and when, each benefit's limits, who pays the premium, and the documents a claim needs.
 */
import {
  type BenefitDef,
  categoryLabel,
  type ClauseRef,
  type ConditionDef,
  type DocumentDef,
  findVersion,
  formatClause,
  type FundingItem,
  getScheme,
  listSchemes,
  type PayerSplit,
  type SchemeDefinition,
  type SchemeVersion,
  sourceTitle,
} from '@huimin/shared'
import { dateWords, groupDigits, percentWords, yuanWords } from './format'

export interface SchemeCard {
  id: string
  name: string
  region: string
  period: string
  periodFrom: string
  periodTo: string
  who: string
  kind: string
  benefitCount: number
}

/** The version shown in the catalogue: the one in force today, else the latest that started, else the first. */
export function displayVersion(scheme: SchemeDefinition, today: string): SchemeVersion {
  const inForce = findVersion(scheme, today)
  if (inForce) return inForce
  const started = scheme.versions.filter((v) => v.effective.from <= today)
  return started.length ? started[started.length - 1] : scheme.versions[0]
}

export function regionText(s: SchemeDefinition): string {
  const { province, city, district } = s.region
  const parts = province === city ? [city] : [province, city]
  if (district) parts.push(district)
  return parts.join('')
}

export function periodText(s: SchemeDefinition): string {
  const first = s.versions[0].effective.from
  const last = s.versions[s.versions.length - 1].effective.to
  return `${dateWords(first)} 至 ${dateWords(last)}`
}

export function whoText(s: SchemeDefinition, v: SchemeVersion): string {
  const cov = v.coverage
  if (cov.basis === 'registered_residents') {
    const excluded = cov.excludedAreas?.length ? `（不含${cov.excludedAreas.map((a) => a.name).join('、')}）` : ''
    return `${s.region.city}户籍居民${excluded}`
  }
  return cov.qualifying.map((q) => categoryLabel(q.code)).join('、')
}

export function schemeCards(today: string): SchemeCard[] {
  return listSchemes().map((s) => {
    const v = displayVersion(s, today)
    return {
      id: s.id,
      name: s.name,
      region: regionText(s),
      period: periodText(s),
      periodFrom: dateWords(s.versions[0].effective.from),
      periodTo: dateWords(s.versions[s.versions.length - 1].effective.to),
      who: whoText(s, v),
      kind: s.kind === 'purchase_subsidy' ? '购买补贴' : '政府出钱投保',
      benefitCount: v.benefits.length,
    }
  })
}

export function clauseText(s: SchemeDefinition, c: ClauseRef | undefined): string {
  if (!c) return ''
  return formatClause(c, sourceTitle(s, c.doc) ?? (c.doc === 'huimin' ? '惠民系统口径' : undefined))
}

// ---------------------------------------------------------------- premiums

function payersText(p: PayerSplit, unitAmount: string): string {
  switch (p.kind) {
    case 'single':
      return `由${p.payer}支付`
    case 'areaGovernment':
      return `由参保人所在县（区）${p.payerSuffix}支付`
    case 'fixedAmounts':
      return `${p.parts.map((x) => `${x.payer} ${yuanWords(x.amount)}`).join('，')}，其余由${p.remainder}支付`
    case 'sharesByArea': {
      // Group areas that share the same split.
      const groups = new Map<string, string[]>()
      for (const [area, shares] of Object.entries(p.byArea)) {
        const key = shares.map((x) => `${x.payer} ${percentWords(x.share)}`).join('、')
        groups.set(key, [...(groups.get(key) ?? []), area])
      }
      if (groups.size === 1) return `${[...groups.keys()][0]}`
      return [...groups.entries()].map(([k, areas]) => `${areas.join('、')}：${k}`).join('；')
    }
    case 'sharesByTownType': {
      const label = { street: '街道', town: '镇', industrial_zone: '莘庄工业区' } as const
      return (Object.keys(p.byTownType) as (keyof typeof label)[])
        .map((t) => `${label[t]}：${p.byTownType[t].map((x) => `${x.payer} ${percentWords(x.share)}`).join('、')}`)
        .join('；')
    }
  }
  return unitAmount
}

export interface PremiumLine {
  name: string
  amount: string
  payers: string
  source: string
}

export function premiumLines(s: SchemeDefinition, v: SchemeVersion): PremiumLine[] {
  return v.funding.map((f: FundingItem) => {
    const unit = f.unit === 'household' ? '每户' : '每人'
    const basis = f.basis === 'perCoveredMonth' ? `${unit}每月` : f.basis === 'perSubsidy' ? '每补贴一人' : `${unit}每年`
    return {
      name: f.name,
      amount: `${basis} ${yuanWords(f.amount)}`,
      payers: s.kind === 'purchase_subsidy' ? payersText(f.payers, f.amount) : `${payersText(f.payers, f.amount)}，参保人自己不用交钱`,
      source: clauseText(s, f.payers.clause),
    }
  })
}

// ---------------------------------------------------------------- benefits

export interface BenefitSummary {
  id: string
  name: string
  group: string
  summary: string
  limits: string[]
}

function conditionText(c: ConditionDef): string | undefined {
  switch (c.test) {
    case 'ageRange':
      if (c.min !== undefined && c.max !== undefined) return `出险时 ${c.min} 到 ${c.max} 周岁`
      if (c.max !== undefined) return `出险时不满 ${c.max + 1} 周岁`
      return `出险时满 ${c.min} 周岁`
    case 'inSchool':
      return '须是在校学生'
    case 'hasCategory':
      return `须是：${c.anyOf.map(categoryLabel).join('、')}`
    case 'medicalInsuranceThisYear':
      return '须参加当年的居民医保或职工医保'
    case 'factTrue':
    case 'factFalse':
    case 'factIn':
    case 'dateWithin':
      return c.message
    case 'referral':
      return `在县外看病须有转诊证明；急诊的，入院 ${c.withinDays} 天内补办`
  }
  return undefined
}

/** Limits and conditions in plain words, one short line each. */
export function benefitLimits(b: BenefitDef): string[] {
  const out: string[] = []
  const f = b.formula
  if (f.kind === 'reimbursement') {
    if (f.deductible) out.push(`起付线 ${yuanWords(f.deductible.amount)}${f.accumulation === 'year' ? '（一年累计计算）' : ''}，超过的部分才赔`)
    if (f.rate) out.push(f.rate === '1' ? '符合规定的部分全额赔' : `按 ${percentWords(f.rate)} 赔`)
    for (const variant of f.variants ?? []) {
      let from = '0'
      const bands = variant.bands.map((band) => {
        const range = band.upTo ? `${groupDigits(from)}–${groupDigits(band.upTo)} 元` : `${groupDigits(from)} 元以上`
        from = band.upTo ?? from
        return `${range} 赔 ${percentWords(band.rate)}`
      })
      out.push(`${variant.label}：${bands.join('，')}`)
    }
  } else if (f.kind === 'fixed') {
    out.push(`一次给 ${yuanWords(f.amount)}`)
  } else if (f.kind === 'fixedByOption') {
    const fact = b.facts.find((x) => x.name === f.fact)
    out.push(
      Object.entries(f.amounts)
        .map(([k, a]) => `${fact?.options?.find((o) => o.value === k)?.label ?? k} ${yuanWords(a)}`)
        .join('，'),
    )
  } else if (f.kind === 'disability') {
    out.push(`按伤残等级赔：1 级赔 ${yuanWords(f.sum)}，每低一级少赔 10%`)
    if (f.deathAmount) out.push(`身故赔 ${yuanWords(f.deathAmount)}`)
  } else if (f.kind === 'burdenCap') {
    out.push(`把医保范围内自己负担的部分降到总费用的 ${percentWords(f.burdenLine)} 以内`)
  }
  if (b.perClaimCap) out.push(`每次最多 ${yuanWords(b.perClaimCap.amount)}`)
  if (b.annualCap) out.push(`${b.unit === 'household' ? '每户' : '每人'}每年最多 ${yuanWords(b.annualCap.amount)}`)
  if (b.oncePer === 'person') out.push('每人只赔一次')
  if (b.oncePer === 'year') out.push('每年只赔一次')
  if (b.oncePer === 'option') out.push('每个层次只补一次')
  for (const c of b.conditions) {
    const t = conditionText(c)
    if (t && !out.includes(t)) out.push(t)
  }
  return out
}

export function benefitSummaries(v: SchemeVersion): BenefitSummary[] {
  return v.benefits.map((b) => ({ id: b.id, name: b.name, group: b.group, summary: b.summary, limits: benefitLimits(b) }))
}

export interface DocumentLine {
  name: string
  note?: string
  /** "only when …", in plain words */
  when?: string
}

export function documentLines(b: BenefitDef): DocumentLine[] {
  return b.documents.map((d: DocumentDef) => {
    let when: string | undefined
    if (d.when) {
      const fact = b.facts.find((f) => f.name === d.when!.fact)
      const value =
        typeof d.when.equals === 'boolean'
          ? d.when.equals
            ? '是'
            : '否'
          : (fact?.options?.find((o) => o.value === d.when!.equals)?.label ?? String(d.when.equals))
      when = `${fact?.label ?? d.when.fact}为“${value}”时需要`
    }
    return { name: d.name, ...(d.note ? { note: d.note } : {}), ...(when ? { when } : {}) }
  })
}

export interface SchemeView {
  scheme: SchemeDefinition
  version: SchemeVersion
  card: SchemeCard
}

/** A scheme and the version shown for it, or undefined for an unknown id (the page then says so). */
export function schemeView(id: string | undefined, today: string): SchemeView | undefined {
  if (!id) return undefined
  try {
    const scheme = getScheme(id)
    const version = displayVersion(scheme, today)
    const card = schemeCards(today).find((c) => c.id === id)!
    return { scheme, version, card }
  } catch {
    return undefined
  }
}

export function insurerText(v: SchemeVersion): string {
  const names = v.insurers.map((i) => i.name)
  return names.length > 3 ? `${names.slice(0, 3).join('、')} 等 ${names.length} 家（按地区分）` : names.join('、')
}
