/**
 * 聊城市 2019 年度扶贫特惠保险 (seed 002): cases computed by hand.
 *
 * 三、(二) 意外伤害: death 30000; disability grade × 30000; medical ≤ 5000 a year.
 * 三、(三) 家庭财产: natural disaster / fire / explosion ≤ 50000; theft ≤ 5000 (a household a year).
 * 三、(一) 医疗商业补充: pays burden − 10% × in-policy total (the personal in-policy burden is then at
 *   most 10% of the in-policy total), never below 0; ≤ 300000 a year.
 * 五、(三) referral: outside the home county only with a referral; in an emergency within 3 days of
 *   admission (day count from the day after admission, 民法典第二百零一条: admission 05-10 → day 3 = 05-13).
 * Covered: 2018 年底动态调整后享受脱贫攻坚政策的人口; period 2019-01-01 .. 2019-12-31.
 */
import type { PersonFacts } from '../../person';
import type { EstimateCase } from './case';

const S = 'lc-fpthb';
const DATE = '2019-05-10';
const POOR: PersonFacts = { birthDate: '1960-03-03', area: '东昌府区', identities: [{ code: 'poverty_policy' }] };

type Used = EstimateCase['request']['used'];
const c = (name: string, benefitId: string, facts: Record<string, unknown> | undefined, expect: EstimateCase['expect'], opts: { person?: PersonFacts; used?: Used; date?: string } = {}): EstimateCase => ({
  name,
  request: { schemeId: S, benefitId, incidentDate: opts.date ?? DATE, person: opts.person ?? POOR, ...(facts ? { facts } : {}), ...(opts.used ? { used: opts.used } : {}) },
  expect,
});
const pay = (payout: string) => ({ covered: true, payout });
const no = (reasonCode: string) => ({ covered: false, reasonCode });

const sup = (total: string, burden: string, more: Record<string, unknown> = {}) => ({ inPolicyTotal: total, inPolicyBurden: burden, outsideHomeCounty: false, ...more });
const outside = (more: Record<string, unknown>) => sup('10000', '3000', { outsideHomeCounty: true, ...more });

export const LIAOCHENG_CASES: EstimateCase[] = [
  // ---------------------------------------------------------------- 意外伤害
  c('意外身故 → 30000', 'accident_death', undefined, pay('30000.00')),
  c('意外身故已赔过 → 不再赔', 'accident_death', undefined, no('ALREADY_PAID'), { used: { claimsEver: 1 } }),
  c('意外伤残 1 级 = 30000 × 100%', 'accident_disability', { grade: 1 }, pay('30000.00')),
  c('意外伤残 5 级 = 30000 × 60% = 18000', 'accident_disability', { grade: 5 }, pay('18000.00')),
  c('意外伤残 10 级 = 30000 × 10% = 3000', 'accident_disability', { grade: 10 }, pay('3000.00')),
  c('意外伤残 5 级 18000，本年已赔 27000 → 剩 3000', 'accident_disability', { grade: 5 }, pay('3000.00'), { used: { paid: '27000' } }),
  c('意外医疗 4999.99 → 4999.99', 'accident_medical', { medicalCost: '4999.99' }, pay('4999.99')),
  c('意外医疗 5000.00 → 5000', 'accident_medical', { medicalCost: '5000.00' }, pay('5000.00')),
  c('意外医疗 5000.01 → 5000', 'accident_medical', { medicalCost: '5000.01' }, pay('5000.00')),
  c('意外医疗第二次：此前 3500（已赔 3500），本次 2000 → 1500', 'accident_medical', { medicalCost: '2000' }, pay('1500.00'), { used: { base: '3500', paid: '3500' } }),

  // ---------------------------------------------------------------- 家庭财产
  c('火灾损失 49999.99 → 49999.99', 'property_disaster', { cause: 'fire', loss: '49999.99' }, pay('49999.99')),
  c('火灾损失 50000.00 → 50000', 'property_disaster', { cause: 'fire', loss: '50000.00' }, pay('50000.00')),
  c('爆炸损失 50000.01 → 每户 50000', 'property_disaster', { cause: 'explosion', loss: '50000.01' }, pay('50000.00')),
  c('自然灾害损失 12000 → 12000', 'property_disaster', { cause: 'natural_disaster', loss: '12000' }, pay('12000.00')),
  c('灾害第二次：此前 30000（已赔 30000），本次 25000 → 20000', 'property_disaster', { cause: 'natural_disaster', loss: '25000' }, pay('20000.00'), { used: { base: '30000', paid: '30000' } }),
  c('盗抢损失 4999.99 → 4999.99', 'property_theft', { loss: '4999.99' }, pay('4999.99')),
  c('盗抢损失 5000.00 → 5000', 'property_theft', { loss: '5000.00' }, pay('5000.00')),
  c('盗抢损失 5000.01 → 每户 5000', 'property_theft', { loss: '5000.01' }, pay('5000.00')),
  c('盗抢第二次：此前 4000（已赔 4000），本次 3000 → 1000', 'property_theft', { loss: '3000' }, pay('1000.00'), { used: { base: '4000', paid: '4000' } }),

  // ---------------------------------------------------------------- 医疗商业补充 (burden line 10%)
  c('补充：总费用 10000，个人负担 1000 = 10% 线 → 0', 'medical_supplement', sup('10000', '1000'), pay('0.00')),
  c('补充：总费用 10000，个人负担 999.99 低于线 → 0', 'medical_supplement', sup('10000', '999.99'), pay('0.00')),
  c('补充：总费用 10000，个人负担 1000.01 → 0.01', 'medical_supplement', sup('10000', '1000.01'), pay('0.01')),
  c('补充：总费用 10000，个人负担 3000 → 3000 − 1000 = 2000', 'medical_supplement', sup('10000', '3000'), pay('2000.00')),
  c('补充：总费用 12345.67，负担 5000 → 5000 − 1234.567 = 3765.433 → 3765.43', 'medical_supplement', sup('12345.67', '5000'), pay('3765.43')),
  c('补充：总费用 12345.65，负担 5000 → 5000 − 1234.565 = 3765.435 → 3765.44（半分进位）', 'medical_supplement', sup('12345.65', '5000'), pay('3765.44')),
  c('补充：总费用 1000000，负担 400000 → 400000 − 100000 = 300000 正好封顶', 'medical_supplement', sup('1000000', '400000'), pay('300000.00')),
  c('补充：总费用 1000000，负担 400000.01 → 300000.01 超封顶 → 300000', 'medical_supplement', sup('1000000', '400000.01'), pay('300000.00')),
  c('补充：本年已赔 299000，本次应补 20000 − 10000 = 10000 → 只剩 1000', 'medical_supplement', sup('100000', '20000'), pay('1000.00'), { used: { paid: '299000' } }),

  // ---------------------------------------------------------------- referral (五、(三))
  c('县域外住院，住院前已转诊 → 2000', 'medical_supplement', outside({ referral: 'before' }), pay('2000.00')),
  c('县域外住院，没有转诊 → 不享受', 'medical_supplement', outside({ referral: 'none' }), no('NO_REFERRAL')),
  c('县域外住院，未填转诊 → 不享受', 'medical_supplement', outside({}), no('NO_REFERRAL')),
  c('急诊，入院 05-10，05-13（第 3 日）补办 → 2000', 'medical_supplement', outside({ referral: 'emergency_after', admissionDate: '2019-05-10', referralDate: '2019-05-13' }), pay('2000.00')),
  c('急诊，入院 05-10，05-14（第 4 日）补办 → 不享受', 'medical_supplement', outside({ referral: 'emergency_after', admissionDate: '2019-05-10', referralDate: '2019-05-14' }), no('REFERRAL_TOO_LATE')),
  c('急诊，入院当日补办 → 2000', 'medical_supplement', outside({ referral: 'emergency_after', admissionDate: '2019-05-10', referralDate: '2019-05-10' }), pay('2000.00')),
  c('急诊，月末跨月：入院 05-30，06-02（第 3 日）→ 2000', 'medical_supplement', outside({ referral: 'emergency_after', admissionDate: '2019-05-30', referralDate: '2019-06-02' }), pay('2000.00')),
  c('急诊补办但没填日期 → 不享受', 'medical_supplement', outside({ referral: 'emergency_after' }), no('REFERRAL_DATES_MISSING')),

  // ---------------------------------------------------------------- who and when
  c('不是享受脱贫攻坚政策人口 → 不在保', 'accident_death', undefined, no('NO_QUALIFYING_CATEGORY'), { person: { ...POOR, identities: [{ code: 'dibao' }] } }),
  c('临清市 → 在保', 'accident_death', undefined, pay('30000.00'), { person: { ...POOR, area: '临清市' } }),
  c('不在聊城（济南市）→ 不在保', 'accident_death', undefined, no('AREA_NOT_COVERED'), { person: { ...POOR, area: '济南市' } }),
  c('2019-12-31 保险期末日', 'accident_death', undefined, pay('30000.00'), { date: '2019-12-31' }),
  c('2020-01-01 保险期后', 'accident_death', undefined, no('NO_VERSION_IN_FORCE'), { date: '2020-01-01' }),
  c('2018-12-31 保险期前', 'accident_death', undefined, no('NO_VERSION_IN_FORCE'), { date: '2018-12-31' }),
];
