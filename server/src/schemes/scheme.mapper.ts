import { categoryLabel, D, fmt, type BenefitDef, type SchemeDefinition, type SchemeVersion } from '@huimin/shared';
import { districtCode } from '../seed/reference';
import {
  BenefitDto,
  DocumentDto,
  FundingDto,
  InsurerDto,
  LimitsDto,
  SchemeDetailDto,
  SchemeSummaryDto,
  VersionDetailDto,
  VersionSummaryDto,
} from './dto/scheme.dto';
import {
  bandsInWords,
  conditionInWords,
  deadlineInWords,
  fmtParam,
  fmtRate,
  formulaInWords,
  money,
  payersInWords,
  premiumInWords,
  sourceOf,
  telLink,
} from './plain-words';

const KIND_LABEL = { insurance: '保险', purchase_subsidy: '购买补贴' } as const;
const UNIT_LABEL = { person: '按人', household: '按户' } as const;
const COVER_START: Record<SchemeVersion['coverage']['coverStart'], string> = {
  rosterMonthStart: '区县审核确认（名册报送）当月的 1 日起保障',
  periodStart: '自保险年度开始起保障（身份在年中取得的，自取得之日起）',
  policyIssued: '个人购买、保险公司出单后享受补贴',
};
const REQUIRES: Record<string, string> = {
  monitoringSystem: '须先纳入全国防返贫监测信息系统',
  validDisabilityCard: '须持有有效期内的残疾证',
};

/** The version in force on `date`, or null. */
export function versionIdOn(scheme: SchemeDefinition, date: string): string | null {
  return scheme.versions.find((v) => date >= v.effective.from && date <= v.effective.to)?.id ?? null;
}

function versionSummary(scheme: SchemeDefinition, v: SchemeVersion): VersionSummaryDto {
  return {
    id: v.id,
    from: v.effective.from,
    to: v.effective.to,
    insuranceYears: v.insuranceYears.map((y) => ({ id: y.id, from: y.from, to: y.to })),
    ...(v.periodNote ? { periodNote: v.periodNote } : {}),
    periodSource: sourceOf(scheme, v.periodClause),
  };
}

export function toSchemeSummary(scheme: SchemeDefinition, today: string): SchemeSummaryDto {
  return {
    id: scheme.id,
    name: scheme.name,
    shortName: scheme.shortName,
    kind: scheme.kind,
    kindLabel: KIND_LABEL[scheme.kind],
    region: { ...scheme.region },
    currentVersionId: versionIdOn(scheme, today),
    versions: scheme.versions.map((v) => versionSummary(scheme, v)),
  };
}

export function toSchemeDetail(scheme: SchemeDefinition, today: string): SchemeDetailDto {
  return {
    id: scheme.id,
    name: scheme.name,
    shortName: scheme.shortName,
    kind: scheme.kind,
    kindLabel: KIND_LABEL[scheme.kind],
    region: { ...scheme.region },
    currentVersionId: versionIdOn(scheme, today),
    sources: scheme.sources.map((s) => ({ id: s.id, title: s.title, ...(s.docNo ? { docNo: s.docNo } : {}), issuer: s.issuer, date: s.date })),
    versions: scheme.versions.map((v) => toVersionDetail(scheme, v)),
  };
}

export function toInsurer(i: { id: string; name: string; hotline: string | null; hotlineSource: string }): InsurerDto {
  return { id: i.id, name: i.name, hotline: i.hotline, telLink: telLink(i.hotline), hotlineNote: i.hotlineSource };
}

function toVersionDetail(scheme: SchemeDefinition, v: SchemeVersion): VersionDetailDto {
  const cov = v.coverage;
  return {
    ...versionSummary(scheme, v),
    coverage: {
      basis: cov.basis,
      who: cov.basis === 'registered_residents' ? '保障地区内的全体户籍人口' : '按身份参保：名册上具有以下身份之一的人员（一人多重身份只参保一次）',
      qualifying: cov.qualifying.map((q) => ({
        code: q.code,
        label: categoryLabel(q.code),
        excludes: (q.unless ?? []).map(categoryLabel),
        requires: (q.requires ?? []).map((r) => REQUIRES[r] ?? r),
        source: sourceOf(scheme, q.clause),
      })),
      areas: cov.areas.map((a) => ({
        name: a.name,
        code: districtCode(scheme, a),
        ...(a.townType ? { townType: a.townType } : {}),
        insurerId: a.insurerId ?? (v.insurers.length === 1 ? v.insurers[0].id : null),
      })),
      exclusions: (cov.excludedAreas ?? []).map((a) => ({ name: a.name, source: sourceOf(scheme, a.clause) })),
      coverStart: COVER_START[cov.coverStart],
      coverStartSource: sourceOf(scheme, cov.coverStartClause),
      source: sourceOf(scheme, cov.clause),
    },
    insurers: v.insurers.map(toInsurer),
    benefits: v.benefits.map((b) => toBenefit(scheme, v, b)),
    funding: v.funding.map(
      (f): FundingDto => ({
        id: f.id,
        name: f.name,
        unit: f.unit,
        basis: f.basis,
        amount: money(f.amount),
        text: premiumInWords(f),
        payers: payersInWords(f.payers),
        source: sourceOf(scheme, f.clause),
      }),
    ),
    ...(v.purchaseWindow ? { purchaseWindow: { from: v.purchaseWindow.from, to: v.purchaseWindow.to, source: sourceOf(scheme, v.purchaseWindow.clause) } } : {}),
  };
}

export function toLimits(scheme: SchemeDefinition, b: BenefitDef): LimitsDto {
  const limits: LimitsDto = {};
  const perWhat = b.unit === 'household' ? '每户每年' : '每人每年';
  if (b.annualCap) {
    limits.annualCap = { amount: money(b.annualCap.amount), text: `${perWhat}最高 ${fmtParam(new D(b.annualCap.amount))} 元`, source: sourceOf(scheme, b.annualCap.clause) };
  }
  if (b.perClaimCap) {
    limits.perClaimCap = { amount: money(b.perClaimCap.amount), text: `每次最高 ${fmtParam(new D(b.perClaimCap.amount))} 元`, source: sourceOf(scheme, b.perClaimCap.clause) };
  }
  const f = b.formula;
  if (f.kind === 'reimbursement') {
    if (f.deductible) {
      const perYear = f.accumulation === 'year';
      limits.deductible = {
        amount: money(f.deductible.amount),
        perYear,
        text: `起付线 ${fmtParam(new D(f.deductible.amount))} 元${perYear ? '（按年累计，一年扣一次）' : '（每次）'}`,
        source: sourceOf(scheme, f.deductible.clause),
      };
    }
    if (f.variants?.length) {
      limits.bands = f.variants.map((variant) => {
        let from = '0';
        return {
          label: variant.label,
          appliesTo: (variant.categoryAnyOf ?? []).map(categoryLabel),
          bands: variant.bands.map((band) => {
            const row = { from: fmt(new D(from)), upTo: band.upTo ? fmt(new D(band.upTo)) : null, rate: band.rate, ratePercent: fmtRate(new D(band.rate)) };
            if (band.upTo) from = band.upTo;
            return row;
          }),
          text: bandsInWords(variant.bands),
          source: sourceOf(scheme, variant.clause),
        };
      });
    }
  }
  return limits;
}

export function toDocuments(b: BenefitDef): DocumentDto[] {
  return b.documents.map((d) => {
    const fact = d.when ? b.facts.find((x) => x.name === d.when!.fact) : undefined;
    const value = d.when ? (fact?.options?.find((o) => o.value === d.when!.equals)?.label ?? (d.when.equals === true ? '是' : d.when.equals === false ? '否' : String(d.when.equals))) : '';
    return {
      id: d.id,
      name: d.name,
      ...(d.note ? { note: d.note } : {}),
      ...(d.when ? { onlyWhen: `仅当“${fact?.label ?? d.when.fact}”为“${value}”时需要` } : {}),
    };
  });
}

const ONCE: Record<NonNullable<BenefitDef['oncePer']>, string> = {
  person: '每人只赔一次',
  option: '每个层次只补助一次',
  year: '每个保险年度只赔一次',
};

export function toBenefit(scheme: SchemeDefinition, v: SchemeVersion, b: BenefitDef): BenefitDto {
  return {
    id: b.id,
    name: b.name,
    group: b.group,
    summary: b.summary,
    unit: b.unit,
    unitLabel: UNIT_LABEL[b.unit],
    formula: formulaInWords(b),
    limits: toLimits(scheme, b),
    ...(b.oncePer ? { once: { text: ONCE[b.oncePer], source: sourceOf(scheme, b.oncePerClause ?? b.clause) } } : {}),
    conditions: b.conditions.map((c) => ({ text: conditionInWords(c), source: sourceOf(scheme, c.clause) })),
    facts: b.facts.map((f) => ({
      name: f.name,
      type: f.type,
      label: f.label,
      required: f.required,
      ...(f.options ? { options: f.options.map((o) => ({ value: o.value, label: o.label })) } : {}),
      ...(f.help ? { help: f.help } : {}),
    })),
    documents: toDocuments(b),
    deadline: (() => {
      const d = b.deadline ?? v.defaultDeadline;
      return { text: deadlineInWords(d), source: sourceOf(scheme, d.clause) };
    })(),
    source: sourceOf(scheme, b.clause),
  };
}
