import {
  D,
  fmt,
  formatClause,
  type BenefitDef,
  type ClauseRef,
  type ConditionDef,
  type DeadlineRule,
  type FundingItem,
  type PayerSplit,
  type SchemeDefinition,
} from '@huimin/shared';

/**
 * The engine's scheme data in plain Chinese for beneficiaries and caseworkers: formulas, limits,
 * conditions, premiums and deadlines as sentences, each with the clause it comes from.
 */

type Dec = InstanceType<typeof D>;

/** A parameter amount, no fen shown when whole: '10,000' / '0.5'. */
export function fmtParam(d: Dec): string {
  const [i, f] = d.toFixed().split('.');
  const grouped = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f ? `${grouped}.${f}` : grouped;
}

/** '25%' from 0.25 */
export function fmtRate(d: Dec): string {
  return `${d.times(100).toFixed()}%`;
}

const yuan = (amount: string) => `${fmtParam(new D(amount))} 元`;
const rate = (r: string) => fmtRate(new D(r));

/** 《title》clause（口径：reading） */
export function sourceOf(scheme: SchemeDefinition, clause: ClauseRef): string {
  const title = scheme.sources.find((s) => s.id === clause.doc)?.title ?? (clause.doc === 'huimin' ? '惠民系统口径' : undefined);
  return formatClause(clause, title);
}

/** Money parameter of the scheme data as an API amount: '2000' → '2000.00'. */
export const money = (amount: string): string => fmt(new D(amount));

function factLabel(b: BenefitDef, name: string): string {
  return b.facts.find((f) => f.name === name)?.label.replace(/（元）$/, '') ?? name;
}

/** The payout formula in words, one sentence a step. */
export function formulaInWords(b: BenefitDef): string[] {
  const f = b.formula;
  switch (f.kind) {
    case 'fixed':
      return [`符合条件的，每次给付 ${yuan(f.amount)}。`];
    case 'fixedByOption': {
      const options = b.facts.find((x) => x.name === f.fact)?.options ?? [];
      const parts = Object.entries(f.amounts).map(([k, v]) => `${options.find((o) => o.value === k)?.label ?? k} ${yuan(v)}`);
      return [`按${factLabel(b, f.fact)}给付：${parts.join('，')}。`];
    }
    case 'disability': {
      const lines = [`伤残按等级给付：${yuan(f.sum)} × 伤残比例（1 级 100%，每降一级减 10%，10 级 10%）。`];
      if (f.deathAmount) lines.push(`身故给付 ${yuan(f.deathAmount)}。`);
      return lines;
    }
    case 'reimbursement': {
      const base = factLabel(b, f.base);
      const lines = [f.accumulation === 'year' ? `以本保险年度累计的“${base}”计算。` : `以每次的“${base}”计算。`];
      if (f.deductible) lines.push(`先扣除起付线 ${yuan(f.deductible.amount)}${f.accumulation === 'year' ? '（一年扣一次）' : ''}。`);
      if (f.rate) lines.push(`${f.deductible ? '超过部分' : '金额'}按 ${rate(f.rate)} 赔付。`);
      for (const v of f.variants ?? []) lines.push(`${v.label}：${bandsInWords(v.bands)}。`);
      if (f.accumulation === 'year') lines.push('同一年多次申请的，合计计算，已赔的部分不重复赔。');
      return lines;
    }
    case 'burdenCap':
      return [
        `经基本医保、大病保险、医院减免、医疗救助之后，补足到政策范围内个人负担不超过政策范围内总费用的 ${rate(f.burdenLine)}。`,
      ];
  }
}

export function bandsInWords(bands: { upTo?: string; rate: string }[]): string {
  let from = '0';
  return bands
    .map((band) => {
      const text = band.upTo ? `${fmtParam(new D(from))}–${fmtParam(new D(band.upTo))} 元（含）部分 ${rate(band.rate)}` : `${fmtParam(new D(from))} 元以上部分 ${rate(band.rate)}`;
      if (band.upTo) from = band.upTo;
      return text;
    })
    .join('，');
}

export function conditionInWords(c: ConditionDef): string {
  switch (c.test) {
    case 'ageRange':
      return c.min !== undefined && c.max !== undefined
        ? `出险时年龄 ${c.min} 至 ${c.max} 周岁（含）`
        : c.min !== undefined
          ? `出险时年龄不小于 ${c.min} 周岁`
          : `出险时年龄不超过 ${c.max} 周岁`;
    case 'inSchool':
      return '须为在校学生';
    case 'hasCategory':
      return `须具有以下身份之一：${c.anyOf.join('、')}`;
    case 'medicalInsuranceThisYear':
      return '须参加当年城乡居民医保或职工医保';
    case 'factTrue':
    case 'factFalse':
    case 'factIn':
    case 'dateWithin':
      return c.message;
    case 'referral':
      return `在县外就医须办理转诊；急诊的可在入院后 ${c.withinDays} 日内补办`;
  }
}

export function deadlineInWords(d: DeadlineRule): string {
  switch (d.kind) {
    case 'workingDays':
      return `资料齐全后 ${d.workingDays} 个工作日内赔付`;
    case 'nextWorkingDay':
      return `资料齐全${d.sameDayFiling ? '当日受理，' : '后'}下一个工作日赔付`;
    case 'amountBands':
      return `资料齐全后按赔付金额：${d.bands.map((b) => `${b.label} ${b.workingDays} 个工作日`).join('；')}`;
  }
}

const BASIS_WORDS: Record<FundingItem['basis'], (unit: string) => string> = {
  perYear: (u) => `每${u}每年`,
  perCoveredMonth: (u) => `每${u}每参保月`,
  perSubsidy: (u) => `每补贴一${u}`,
};

export function premiumInWords(item: FundingItem): string {
  return `${item.name}：${BASIS_WORDS[item.basis](item.unit === 'person' ? '人' : '户')} ${yuan(item.amount)}`;
}

export function payersInWords(p: PayerSplit): string[] {
  switch (p.kind) {
    case 'single':
      return [`由${p.payer}全额承担`];
    case 'areaGovernment':
      return [`由参保人所在县区的财政（“县区名+${p.payerSuffix}”）全额承担`];
    case 'fixedAmounts':
      return [`${p.parts.map((x) => `${x.payer}每份 ${yuan(x.amount)}`).join('，')}，其余由${p.remainder}承担`];
    case 'sharesByArea': {
      const groups = new Map<string, string[]>();
      for (const [area, shares] of Object.entries(p.byArea)) {
        const key = shares.map((s) => `${s.payer} ${rate(s.share)}`).join('、');
        groups.set(key, [...(groups.get(key) ?? []), area]);
      }
      return [...groups].map(([key, areas]) => `${areas.join('、')}：${key}`);
    }
    case 'sharesByTownType': {
      const names = { street: '街道', town: '镇', industrial_zone: '莘庄工业区' } as const;
      return (Object.keys(p.byTownType) as (keyof typeof names)[]).map(
        (t) => `${names[t]}：${p.byTownType[t].map((s) => `${s.payer} ${rate(s.share)}`).join('、')}`,
      );
    }
  }
}

/** 'tel:95519' for a hotline a phone can dial, else null. */
export function telLink(hotline: string | null | undefined): string | null {
  if (!hotline) return null;
  const digits = hotline.replace(/[\s-]/g, '');
  return /^\+?\d{3,15}$/.test(digits) ? `tel:${digits}` : null;
}
