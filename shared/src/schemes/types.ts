/**
 * Schemes as data. A scheme is a versioned definition: each version has effective dates, its
 * insurance years, who is covered, what is paid for, who pays the premium, and how risk is
 * shared. Every parameter carries the clause it comes from. The calculators read these
 * definitions and never name a city: a sixth city is a new data file plus its tests.
 *
 * Amounts and rates are exact decimal strings ("10000", "0.25").
 */
import type { ClauseRef } from '../core/clause';
import type { IsoDate } from '../core/dates';
import type { DeadlineRule } from '../deadlines/deadline';

export interface SourceDoc {
  id: string;
  title: string;
  docNo?: string;
  issuer: string;
  date: IsoDate;
  /** File name in the team folder ../shared/seeds/ */
  seedFile: string;
}

/** A county/district/town the scheme covers, with its routing (insurer) and premium shares. */
export interface AreaDef {
  name: string;
  /** GB/T 2260 code where the unit is an administrative division. */
  code?: string;
  /** For Minhang: 街道 (street), 镇 (town) or 莘庄工业区 (industrial zone). */
  townType?: 'street' | 'town' | 'industrial_zone';
  insurerId?: string;
}

export interface InsurerDef {
  id: string;
  name: string;
  /** Customer-service line; null where no document or public source we hold gives it. */
  hotline: string | null;
  hotlineSource: string;
}

// ---------------------------------------------------------------- coverage (eligibility)

export interface QualifyingCategory {
  code: string;
  clause: ClauseRef;
  /** The category does not qualify a person who also holds one of these (e.g. 伤残人民警察). */
  unless?: string[];
  /** Extra facts the person must have for this category to count. */
  requires?: ('monitoringSystem' | 'validDisabilityCard')[];
}

export interface CoverageRule {
  /** 'categories': a person qualifies through an identity on a roster; 'registered_residents': everyone registered in a covered area. */
  basis: 'categories' | 'registered_residents';
  qualifying: QualifyingCategory[];
  /** Areas the scheme covers (a person's area must be one of them). */
  areas: AreaDef[];
  excludedAreas?: { name: string; code?: string; clause: ClauseRef }[];
  /**
   * When a person's cover starts:
   * - 'rosterMonthStart': the 1st of the month in which the roster confirming them was confirmed;
   * - 'periodStart': from the start of the insurance year (or the qualifying date, if later);
   * - 'policyIssued': on the date the person's own policy is issued (purchase subsidies).
   */
  coverStart: 'rosterMonthStart' | 'periodStart' | 'policyIssued';
  coverStartClause: ClauseRef;
  clause: ClauseRef;
}

// ---------------------------------------------------------------- benefits

export type FactType = 'money' | 'grade' | 'enum' | 'boolean' | 'date' | 'text';

export interface FactDef {
  name: string;
  type: FactType;
  /** Plain Chinese label shown on forms and in errors. */
  label: string;
  required: boolean;
  /** For 'enum'. */
  options?: { value: string; label: string }[];
  help?: string;
}

export interface DocumentDef {
  id: string;
  name: string;
  note?: string;
  /** Needed only when a fact has this value (e.g. the referral letter when treated outside the county). */
  when?: { fact: string; equals: string | boolean };
}

/** Conditions a claim must meet, each a small named test the engine knows. */
export type ConditionDef =
  | { test: 'ageRange'; min?: number; max?: number; clause: ClauseRef }
  | { test: 'inSchool'; clause: ClauseRef }
  | { test: 'hasCategory'; anyOf: string[]; clause: ClauseRef }
  | { test: 'medicalInsuranceThisYear'; clause: ClauseRef }
  | { test: 'factTrue'; fact: string; message: string; clause: ClauseRef }
  | { test: 'factFalse'; fact: string; message: string; clause: ClauseRef }
  | { test: 'factIn'; fact: string; values: string[]; message: string; clause: ClauseRef }
  | { test: 'dateWithin'; fact: string; monthDayFrom: string; monthDayTo: string; message: string; clause: ClauseRef }
  | { test: 'referral'; withinDays: number; clause: ClauseRef };

/** A rate band over the amount above the deductible: (previous upTo, upTo] at `rate`; the last band has no upTo. */
export interface Band {
  upTo?: string;
  rate: string;
}

export interface BandVariant {
  /** Applies when the person holds one of these categories; a variant without `categoryAnyOf` is the default. */
  categoryAnyOf?: string[];
  label: string;
  bands: Band[];
  clause: ClauseRef;
}

export interface Cap {
  amount: string;
  clause: ClauseRef;
}

export type BenefitFormula =
  /** A fixed sum per claim. */
  | { kind: 'fixed'; amount: string; clause: ClauseRef }
  /** A fixed sum chosen by an enum fact (e.g. admission level). */
  | { kind: 'fixedByOption'; fact: string; amounts: Record<string, string>; clause: ClauseRef }
  /** Disability grade × sum (JR/T 0083-2013: grade 1 = 100% … grade 10 = 10%); optionally death pays `deathAmount`. */
  | { kind: 'disability'; sum: string; deathAmount?: string; clause: ClauseRef }
  /**
   * Reimbursement of an amount (the `base` fact): minus a deductible, times a rate or rate bands.
   * accumulation 'year': deductible and bands apply to the year's cumulative base (general reading);
   * 'claim': to each claim alone.
   */
  | {
      kind: 'reimbursement';
      base: string;
      accumulation: 'year' | 'claim';
      deductible?: { amount: string; clause: ClauseRef };
      rate?: string;
      variants?: BandVariant[];
      clause: ClauseRef;
    }
  /** Pays whatever brings the in-policy personal burden down to `burdenLine` × in-policy total (Liaocheng supplement). */
  | { kind: 'burdenCap'; totalFact: string; burdenFact: string; burdenLine: string; clause: ClauseRef };

export interface BenefitDef {
  id: string;
  name: string;
  /** The liability it belongs to, e.g. 小额意外. */
  group: string;
  /** One plain sentence for beneficiaries. */
  summary: string;
  unit: 'person' | 'household';
  formula: BenefitFormula;
  annualCap?: Cap;
  perClaimCap?: Cap;
  /** 'person': once per person ever (e.g. 学生重大疾病); 'option': once per person per option of the formula's fact (升学补助金 per level); 'year': once per person per insurance year. */
  oncePer?: 'person' | 'option' | 'year';
  oncePerClause?: ClauseRef;
  conditions: ConditionDef[];
  facts: FactDef[];
  /** 一次性告知: the complete list of documents a claim needs. */
  documents: DocumentDef[];
  deadline?: DeadlineRule;
  clause: ClauseRef;
}

// ---------------------------------------------------------------- money flows

export type PayerSplit =
  | { kind: 'single'; payer: string; clause: ClauseRef }
  /** The government of the person's own area (Zhumadian: each county pays for its residents). */
  | { kind: 'areaGovernment'; payerSuffix: string; clause: ClauseRef }
  /** Fixed amounts per unit from named payers, the remainder from `remainder`. */
  | { kind: 'fixedAmounts'; parts: { payer: string; amount: string }[]; remainder: string; clause: ClauseRef }
  /** Shares by area (e.g. city:county 3:7), with a default. */
  | { kind: 'sharesByArea'; byArea: Record<string, { payer: string; share: string }[]>; clause: ClauseRef }
  /** Shares by the kind of town the person lives in (Minhang: street vs town). */
  | { kind: 'sharesByTownType'; byTownType: Record<'street' | 'town' | 'industrial_zone', { payer: string; share: string }[]>; clause: ClauseRef };

export interface FundingItem {
  id: string;
  name: string;
  unit: 'person' | 'household';
  /** 'perYear': `amount` a unit a year; 'perCoveredMonth': `amount` a unit a covered month; 'perSubsidy': per subsidised person. */
  basis: 'perYear' | 'perCoveredMonth' | 'perSubsidy';
  amount: string;
  /** Benefits this premium buys (for loss ratios per line). */
  benefitIds?: string[];
  payers: PayerSplit;
  clause: ClauseRef;
}

export type RiskSharingRule =
  /** Zhumadian: claims below `breakEven`×P → the rest of breakEven×P goes back; above, the insurer bears up to `insurerMaxShare`×P and the government tops up C − P. */
  | { kind: 'refundAndShare'; breakEven: string; insurerMaxShare: string; refundTo: string; topUpBy: string; clause: ClauseRef }
  /** Jincheng: loss ratio below `carryForwardBelow` → (line − ratio)×P carried to next year; above `governmentAbove` → claims beyond it borne by government by the premium shares. */
  | { kind: 'corridor'; carryForwardBelow: string; governmentAbove: string; clause: ClauseRef };

export interface WarningLevel {
  /** Strictly above this loss ratio (超过 … 不含). */
  above: string;
  level: string;
  label: string;
  notify: ('county' | 'city' | 'insurer')[];
  clause: ClauseRef;
}

// ---------------------------------------------------------------- the scheme

export interface InsuranceYear {
  id: string;
  from: IsoDate;
  to: IsoDate;
}

export interface SchemeVersion {
  id: string;
  effective: { from: IsoDate; to: IsoDate };
  /** Periods over which annual caps and deductibles accumulate. */
  insuranceYears: InsuranceYear[];
  /** Free-text note on how the period was set, shown to staff. */
  periodNote?: string;
  periodClause: ClauseRef;
  coverage: CoverageRule;
  insurers: InsurerDef[];
  funding: FundingItem[];
  benefits: BenefitDef[];
  /** Purchase subsidies: the window in which a policy must be bought, per year (month-day). */
  purchaseWindow?: { from: string; to: string; clause: ClauseRef };
  riskSharing?: RiskSharingRule;
  lossRatioWarnings?: WarningLevel[];
  /** Payout deadline for benefits that set none. */
  defaultDeadline: DeadlineRule;
}

export interface SchemeDefinition {
  id: string;
  name: string;
  shortName: string;
  kind: 'insurance' | 'purchase_subsidy';
  region: { province: string; city: string; district?: string };
  sources: SourceDoc[];
  versions: SchemeVersion[];
}
