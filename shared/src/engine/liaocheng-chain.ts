/**
 * Liaocheng's settlement chain as a calculator of its own: from a hospital bill to what each payer
 * pays and what the patient bears, ending with the 医疗商业补充保险 estimate (which keeps the in-policy
 * personal burden at or below 10% of the in-policy total).
 */
import { assertIsoDate, type IsoDate } from '../core/dates';
import { formatClause } from '../core/clause';
import { EngineError } from '../core/errors';
import { D, type Dec, fmt, fmtParam, fmtRate, fmtYuan, max, min, parseMoney, roundYuan, ZERO } from '../core/money';
import { LIAOCHENG_CHAIN as P } from '../schemes/data/liaocheng-chain';
import { getScheme } from '../schemes/registry';
import { estimate, type EstimateResult } from './estimate';
import type { PersonFacts } from './person';

export interface LiaochengChainRequest {
  incidentDate: IsoDate;
  person: PersonFacts;
  hospitalLevel: 1 | 2 | 3;
  /** 政策范围内医疗总费用 */
  inPolicyTotal: string;
  /** Of which national essential drugs (counts only in level-1 hospitals). */
  essentialDrugs?: string;
  /** 医保目录外全额自费费用 */
  outOfCatalogue?: string;
  /** 大病保险 payment, from the settlement slip. */
  criticalIllnessPaid?: string;
  /** Deductible override for a later hospitalisation (the document gives the first one's). */
  basicDeductible?: string;
  medicalAssistanceUsedThisYear?: string;
  supplementUsed?: { base?: string; paid?: string };
  outsideHomeCounty: boolean;
  referral?: 'before' | 'emergency_after' | 'none';
  admissionDate?: IsoDate;
  referralDate?: IsoDate;
}

export interface ChainStep {
  payer: string;
  amount: string;
  lines: string[];
  source: string;
}

export interface LiaochengChainResult {
  steps: ChainStep[];
  /** In-policy cost the patient still bears after every payer. */
  inPolicyBurden: string;
  /** Out-of-catalogue cost the patient bears after the hospital reduction. */
  outOfCatalogueBurden: string;
  patientPays: string;
  /** Patient's in-policy burden ÷ in-policy total, percent. */
  burdenPercent: string;
  supplement: EstimateResult;
}

export function settleLiaocheng(req: LiaochengChainRequest): LiaochengChainResult {
  if (!req || typeof req !== 'object') throw new EngineError('MISSING_FIELD', '请求为空', 'request');
  const date = assertIsoDate(req.incidentDate, 'incidentDate');
  const level = req.hospitalLevel;
  if (level !== 1 && level !== 2 && level !== 3) throw new EngineError('INVALID_FIELD', '医院等级应为 1、2 或 3', 'hospitalLevel');
  const T = parseMoney(req.inPolicyTotal, 'inPolicyTotal');
  const E = req.essentialDrugs === undefined ? ZERO : parseMoney(req.essentialDrugs, 'essentialDrugs');
  if (E.greaterThan(T)) throw new EngineError('INVALID_FIELD', '基本药物费用不能大于政策范围内总费用', 'essentialDrugs');
  const O = req.outOfCatalogue === undefined ? ZERO : parseMoney(req.outOfCatalogue, 'outOfCatalogue');
  const CI = req.criticalIllnessPaid === undefined ? ZERO : parseMoney(req.criticalIllnessPaid, 'criticalIllnessPaid');
  const maUsed = req.medicalAssistanceUsedThisYear === undefined ? ZERO : parseMoney(req.medicalAssistanceUsedThisYear, 'medicalAssistanceUsedThisYear');
  const scheme = getScheme(P.schemeId);
  const src = (cl: typeof P.basic.clause) => formatClause(cl, scheme.sources.find((s) => s.id === cl.doc)?.title);
  const steps: ChainStep[] = [];

  // 1. Basic medical insurance.
  const band = P.basic[String(level) as '1' | '2' | '3'];
  const ded = req.basicDeductible === undefined ? new D(band.deductible) : parseMoney(req.basicDeductible, 'basicDeductible');
  const rate = new D(band.rate);
  let basic: Dec;
  const bl: string[] = [];
  if (level === 1 && !E.isZero()) {
    const other = T.minus(E);
    const otherAfter = max(ZERO, other.minus(ded));
    const essAfter = max(ZERO, E.minus(max(ZERO, ded.minus(other))));
    const r1 = new D(P.basic.level1EssentialDrugRate);
    basic = roundYuan(otherAfter.times(rate).plus(essAfter.times(r1)));
    bl.push(`起付线 ${fmtParam(ded)} 元（${P.deductibleOrderReading}）`);
    bl.push(`其他费用 ${fmtYuan(otherAfter)} × ${fmtRate(rate)} + 基本药物 ${fmtYuan(essAfter)} × ${fmtRate(r1)} = ${fmtYuan(basic)}`);
  } else {
    const over = max(ZERO, T.minus(ded));
    basic = roundYuan(over.times(rate));
    bl.push(`(${fmtYuan(T)} − 起付线 ${fmtParam(ded)}) × ${fmtRate(rate)} = ${fmtYuan(basic)}`);
  }
  steps.push({ payer: `基本医疗保险（${level} 级医院）`, amount: fmt(basic), lines: bl, source: src(P.basic.clause) });
  let selfPay = T.minus(basic);

  // 2. Critical-illness insurance (amount from the settlement slip).
  const ci = min(CI, selfPay);
  selfPay = selfPay.minus(ci);
  steps.push({ payer: '居民大病保险', amount: fmt(ci), lines: [`按结算单：${fmtYuan(ci)}`], source: src(P.criticalIllnessClause) });

  // 3. Hospital reduction of out-of-catalogue self-pay.
  const redRate = new D(P.hospitalReduction.rate);
  const reduction = roundYuan(O.times(redRate));
  steps.push({
    payer: '医疗机构减免',
    amount: fmt(reduction),
    lines: [`目录外全额自费 ${fmtYuan(O)} × ${fmtRate(redRate)} = ${fmtYuan(reduction)}`],
    source: src(P.hospitalReduction.clause),
  });

  // 4. Medical assistance, 70% of in-policy self-pay, annual cap.
  const maRate = new D(P.medicalAssistance.rate);
  const maCap = new D(P.medicalAssistance.annualCap);
  const maLeft = max(ZERO, maCap.minus(maUsed));
  const maRaw = selfPay.times(maRate);
  const ma = roundYuan(min(maRaw, maLeft));
  const ml = [`政策范围内自负 ${fmtYuan(selfPay)} × ${fmtRate(maRate)} = ${fmtYuan(maRaw)}`];
  if (maRaw.greaterThan(maLeft)) ml.push(`年度累计不超过 ${fmtParam(maCap)} 元，本年已救助 ${fmtYuan(maUsed)} 元，只剩 ${fmtYuan(maLeft)} 元`);
  steps.push({ payer: '医疗救助', amount: fmt(ma), lines: ml, source: src(P.medicalAssistance.clause) });
  selfPay = selfPay.minus(ma);

  // 5. The supplement, by the engine's own benefit definition.
  const supplement = estimate({
    schemeId: P.schemeId,
    benefitId: P.supplementBenefitId,
    incidentDate: date,
    person: req.person,
    facts: {
      inPolicyTotal: fmt(T),
      inPolicyBurden: fmt(selfPay),
      outsideHomeCounty: req.outsideHomeCounty,
      ...(req.referral ? { referral: req.referral } : {}),
      ...(req.admissionDate ? { admissionDate: req.admissionDate } : {}),
      ...(req.referralDate ? { referralDate: req.referralDate } : {}),
    },
    used: req.supplementUsed,
  });
  const sup = new D(supplement.payout);
  steps.push({
    payer: '医疗商业补充保险',
    amount: supplement.payout,
    lines: supplement.covered ? supplement.breakdown.filter((l) => l.amount !== undefined || l.kind === 'info').map((l) => l.text) : supplement.reasons.filter((r) => !r.ok).map((r) => r.message),
    source: src(scheme.versions[0].benefits.find((b) => b.id === P.supplementBenefitId)!.clause),
  });
  const inPolicyBurden = selfPay.minus(sup);
  const outBurden = O.minus(reduction);
  return {
    steps,
    inPolicyBurden: fmt(inPolicyBurden),
    outOfCatalogueBurden: fmt(outBurden),
    patientPays: fmt(inPolicyBurden.plus(outBurden)),
    burdenPercent: T.isZero() ? '0.00' : fmt(inPolicyBurden.dividedBy(T).times(100).toDecimalPlaces(2)),
    supplement,
  };
}
