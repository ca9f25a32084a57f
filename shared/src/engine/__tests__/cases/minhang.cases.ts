/**
 * 上海市闵行区 民生保险“沪惠保”补贴 (seed 004): cases computed by hand.
 *
 * 129 元/人 to the insured person's bank account once the policy is issued, once per policy year,
 * for policies bought personally through Minhang's dedicated link in the June–July window;
 * 团单 get nothing. Four categories: (1) 医疗救助对象 (低保, 低收入, 因病支出型贫困, 共同生活的非本市户籍家属);
 * (2) 持有有效期内残疾证; (3) 生活困难农户; (4) 重点优抚对象 and 区级在册优抚对象.
 */
import type { PersonFacts } from '../../person';
import type { EstimateCase } from './case';

const S = 'mh-huhuibao';
const B = 'huhuibao_subsidy';
const DATE = '2024-06-15';
const base = (codes: string[], extra: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: '1960-01-01',
  area: '古美路街道',
  identities: codes.map((code) => ({ code })),
  ...extra,
});
const FACTS = { policyNo: 'HHB-2024-000123', purchaseDate: '2024-06-10', policyIssued: true, groupPolicy: false, viaMinhangLink: true };

type Used = EstimateCase['request']['used'];
const c = (name: string, expect: EstimateCase['expect'], opts: { person?: PersonFacts; facts?: Record<string, unknown>; used?: Used; date?: string } = {}): EstimateCase => ({
  name,
  request: { schemeId: S, benefitId: B, incidentDate: opts.date ?? DATE, person: opts.person ?? base(['dibao']), facts: { ...FACTS, ...opts.facts }, ...(opts.used ? { used: opts.used } : {}) },
  expect,
});
const PAY = { covered: true, payout: '129.00' };
const no = (reasonCode: string) => ({ covered: false, reasonCode });

export const MINHANG_CASES: EstimateCase[] = [
  // four categories
  c('(1) 低保家庭 → 129', PAY),
  c('(1) 低收入困难家庭成员 → 129', PAY, { person: base(['low_income']) }),
  c('(1) 因病支出型贫困家庭 → 129', PAY, { person: base(['illness_poverty']) }),
  c('(1) 共同生活的非本市户籍家属 → 129', PAY, { person: base(['nonlocal_family']) }),
  c('(2) 持证残疾人，残疾证 2027-12-31 到期 → 129', PAY, { person: base(['disability_card'], { disabilityCardValidUntil: '2027-12-31' }) }),
  c('(2) 残疾证有效期至出险当日 2024-06-15 → 129', PAY, { person: base(['disability_card'], { disabilityCardValidUntil: '2024-06-15' }) }),
  c('(2) 残疾证 2024-06-14 已过期 → 不补', no('DISABILITY_CARD_INVALID'), { person: base(['disability_card'], { disabilityCardValidUntil: '2024-06-14' }) }),
  c('(2) 残疾证没有有效期信息 → 不补', no('DISABILITY_CARD_INVALID'), { person: base(['disability_card']) }),
  c('(2) 残疾证过期但同时是低保 → 129（只补一次）', PAY, { person: base(['disability_card', 'dibao'], { disabilityCardValidUntil: '2020-01-01' }) }),
  c('(3) 生活困难农户 → 129', PAY, { person: base(['hardship_farmer']) }),
  c('(4) 退役军人重点优抚对象 → 129', PAY, { person: base(['youfu_key']) }),
  c('(4) 区级在册优抚对象 → 129', PAY, { person: base(['youfu_district']) }),
  c('多重身份（低保 + 持证残疾 + 重点优抚）→ 129 只补一次', PAY, { person: base(['dibao', 'disability_card', 'youfu_key'], { disabilityCardValidUntil: '2030-01-01' }) }),
  c('不属于四类对象（特困人员不在本方案名单）→ 不补', no('NO_QUALIFYING_CATEGORY'), { person: base(['tekun']) }),
  c('没有身份 → 不补', no('NO_QUALIFYING_CATEGORY'), { person: base([]) }),

  // how the policy was bought
  c('团单投保 → 不补', no('CONDITION_NOT_MET'), { facts: { groupPolicy: true } }),
  c('未通过闵行专用二维码购买 → 不补', no('CONDITION_NOT_MET'), { facts: { viaMinhangLink: false } }),
  c('保险公司尚未出单 → 不补', no('CONDITION_NOT_MET'), { facts: { policyIssued: false } }),
  c('6 月 1 日购买（补贴期首日）→ 129', PAY, { facts: { purchaseDate: '2024-06-01' } }),
  c('7 月 31 日购买（补贴期末日）→ 129', PAY, { facts: { purchaseDate: '2024-07-31' }, date: '2024-08-02' }),
  c('2023-06-10 购买，2024 年度申请 → 不是本年度补贴期', no('DATE_OUT_OF_WINDOW'), { facts: { purchaseDate: '2023-06-10' } }),
  c('5 月 31 日购买 → 不在补贴期', no('DATE_OUT_OF_WINDOW'), { facts: { purchaseDate: '2024-05-31' } }),
  c('8 月 1 日购买 → 不在补贴期', no('DATE_OUT_OF_WINDOW'), { facts: { purchaseDate: '2024-08-01' }, date: '2024-08-02' }),

  // once per year
  c('本保单年度已补贴过 → 不再补', no('ALREADY_PAID'), { used: { claimsThisYear: 1, claimsEver: 1, paid: '129' } }),
  c('上一年补过（今年第一次）→ 129', PAY, { used: { claimsThisYear: 0, claimsEver: 1 } }),

  // where and when
  c('镇（七宝镇，区镇 35:65 分担）→ 仍是 129', PAY, { person: base(['dibao'], { area: '七宝镇' }) }),
  c('莘庄工业区 → 129', PAY, { person: base(['dibao'], { area: '莘庄工业区' }) }),
  c('不在闵行（徐汇区）→ 不补', no('AREA_NOT_COVERED'), { person: base(['dibao'], { area: '徐汇区' }) }),
  c('2023 年度（2023-07-01 出单）→ 129', PAY, { date: '2023-07-01', facts: { purchaseDate: '2023-06-20' } }),
  c('2025 年没有方案版本 → 不补', no('NO_VERSION_IN_FORCE'), { date: '2025-06-15', facts: { purchaseDate: '2025-06-10' } }),
];
