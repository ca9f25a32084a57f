/**
 * 晋城市 防贫综合保险 (晋市乡振中心〔2025〕6号, seed 003): cases computed by hand.
 *
 * 三、(一)1 住院: year's self-pay "超 2000 元的部分" × 50%, ≤ 20000 a year → F(x) = 0.5·max(0, x − 2000),
 *   reaching the cap at x = 42000.
 * 三、(一)2 门诊: "超过 1000 元的部分" × 50%, ≤ 10000 a year → reaches the cap at x = 21000.
 * Medical cover needs that year's resident or employee medical insurance.
 * 三、(二) 家庭财产: natural disaster, or theft with no liable party; jointly assessed; ≤ 20000 a household a year.
 * 二 保障对象: 脱贫户; 边缘易致贫户 and 严重困难人口 only once in the monitoring system.
 * 四/九 period 2026-01-01 .. 2028-12-31, one contract a year.
 */
import type { PersonFacts } from '../../person';
import type { EstimateCase } from './case';

const S = 'jc-fpzhbx';
const DATE = '2026-05-01';
const TUOPIN: PersonFacts = { birthDate: '1958-08-08', area: '泽州县', identities: [{ code: 'tuopin' }], medicalInsuranceYears: [2026, 2027, 2028] };

type Used = EstimateCase['request']['used'];
const c = (name: string, benefitId: string, facts: Record<string, unknown>, expect: EstimateCase['expect'], opts: { person?: PersonFacts; used?: Used; date?: string } = {}): EstimateCase => ({
  name,
  request: { schemeId: S, benefitId, incidentDate: opts.date ?? DATE, person: opts.person ?? TUOPIN, facts, ...(opts.used ? { used: opts.used } : {}) },
  expect,
});
const pay = (payout: string) => ({ covered: true, payout });
const no = (reasonCode: string) => ({ covered: false, reasonCode });
const sp = (x: string) => ({ selfPayAfterOthers: x });
const prop = (loss: string, cause = 'natural_disaster', jointlyAssessed = true) => ({ cause, loss, jointlyAssessed });

export const JINCHENG_CASES: EstimateCase[] = [
  // ---------------------------------------------------------------- 住院 (deductible 2000, 50%, ≤ 20000)
  c('住院 1999.99 → 0', 'inpatient', sp('1999.99'), pay('0.00')),
  c('住院 2000.00 未超 2000 → 0', 'inpatient', sp('2000.00'), pay('0.00')),
  c('住院 2000.01 → 0.01 × 50% = 0.005 → 0.01（半分进位）', 'inpatient', sp('2000.01'), pay('0.01')),
  c('住院 2000.02 → 0.02 × 50% = 0.01', 'inpatient', sp('2000.02'), pay('0.01')),
  c('住院 2000.04 → 0.04 × 50% = 0.02', 'inpatient', sp('2000.04'), pay('0.02')),
  c('住院 12000 → 10000 × 50% = 5000', 'inpatient', sp('12000'), pay('5000.00')),
  c('住院 41999.98 → 39999.98 × 50% = 19999.99', 'inpatient', sp('41999.98'), pay('19999.99')),
  c('住院 42000.00 → 40000 × 50% = 20000 正好封顶', 'inpatient', sp('42000.00'), pay('20000.00')),
  c('住院 42000.02 → 20000.01 超限额 → 20000', 'inpatient', sp('42000.02'), pay('20000.00')),
  c('住院第二次：此前 1500（未赔），本次 1000 → 累计 2500 → 500 × 50% = 250', 'inpatient', sp('1000'), pay('250.00'), { used: { base: '1500', paid: '0' } }),
  c('住院第二次：此前 2000.02（已赔 0.01），本次 0.02 → 累计 2000.04 → 0.02 − 0.01 = 0.01', 'inpatient', sp('0.02'), pay('0.01'), { used: { base: '2000.02', paid: '0.01' } }),
  c('住院第二次：此前 30000（已赔 14000），本次 20000 → 累计 50000 → 封顶 20000 − 14000 = 6000', 'inpatient', sp('20000'), pay('6000.00'), { used: { base: '30000', paid: '14000' } }),
  c('住院第三次：此前 41998（已赔 19999），本次 10 → 20000 − 19999 = 1', 'inpatient', sp('10'), pay('1.00'), { used: { base: '41998', paid: '19999' } }),
  c('住院：年度限额已用完（已赔 20000）→ 0', 'inpatient', sp('5000'), pay('0.00'), { used: { base: '42000', paid: '20000' } }),

  // ---------------------------------------------------------------- 门诊 (deductible 1000, 50%, ≤ 10000)
  c('门诊 1000.00 未超 1000 → 0', 'outpatient', sp('1000.00'), pay('0.00')),
  c('门诊 1000.02 → 0.01', 'outpatient', sp('1000.02'), pay('0.01')),
  c('门诊 3000 → 2000 × 50% = 1000', 'outpatient', sp('3000'), pay('1000.00')),
  c('门诊 20999.98 → 19999.98 × 50% = 9999.99', 'outpatient', sp('20999.98'), pay('9999.99')),
  c('门诊 21000.00 → 10000 正好封顶', 'outpatient', sp('21000.00'), pay('10000.00')),
  c('门诊 21000.02 → 10000.01 超限额 → 10000', 'outpatient', sp('21000.02'), pay('10000.00')),
  c('门诊第二次：此前 800（未赔），本次 700 → 累计 1500 → 500 × 50% = 250', 'outpatient', sp('700'), pay('250.00'), { used: { base: '800', paid: '0' } }),
  c('门诊第二次：此前 15000（已赔 7000），本次 10000 → 累计 25000 → 10000 − 7000 = 3000', 'outpatient', sp('10000'), pay('3000.00'), { used: { base: '15000', paid: '7000' } }),

  // ---------------------------------------------------------------- 家庭财产 (≤ 20000 a household a year)
  c('家财 自然灾害 19999.99 → 19999.99', 'property', prop('19999.99'), pay('19999.99')),
  c('家财 自然灾害 20000.00 → 20000', 'property', prop('20000.00'), pay('20000.00')),
  c('家财 自然灾害 20000.01 → 每户 20000', 'property', prop('20000.01'), pay('20000.00')),
  c('家财 被盗找不到责任人 3000 → 3000', 'property', prop('3000', 'theft'), pay('3000.00')),
  c('家财第二次：此前 15000（已赔 15000），本次 8000 → 5000', 'property', prop('8000'), pay('5000.00'), { used: { base: '15000', paid: '15000' } }),
  c('家财 未经三方共同评估 → 不赔', 'property', prop('3000', 'natural_disaster', false), no('CONDITION_NOT_MET')),
  c('家财不需要医保：未参加 2026 年医保的脱贫户 → 3000', 'property', prop('3000'), pay('3000.00'), { person: { ...TUOPIN, medicalInsuranceYears: [] } }),

  // ---------------------------------------------------------------- medical insurance that year
  c('住院：未参加当年医保（只有 2025 年）→ 不赔', 'inpatient', sp('12000'), no('NO_MEDICAL_INSURANCE'), { person: { ...TUOPIN, medicalInsuranceYears: [2025] } }),
  c('门诊：没有任何医保记录 → 不赔', 'outpatient', sp('3000'), no('NO_MEDICAL_INSURANCE'), { person: { ...TUOPIN, medicalInsuranceYears: undefined } }),

  // ---------------------------------------------------------------- monitoring system
  c('脱贫户不需先纳入监测系统 → 5000', 'inpatient', sp('12000'), pay('5000.00')),
  c('边缘易致贫户未纳入监测系统 → 不在保', 'inpatient', sp('12000'), no('NOT_IN_MONITORING_SYSTEM'), { person: { ...TUOPIN, identities: [{ code: 'edge_at_risk' }] } }),
  c('边缘易致贫户 2026-03-01 纳入监测系统 → 5000', 'inpatient', sp('12000'), pay('5000.00'), { person: { ...TUOPIN, identities: [{ code: 'edge_at_risk' }], monitoringSystemSince: '2026-03-01' } }),
  c('边缘易致贫户出险当日纳入 → 5000', 'inpatient', sp('12000'), pay('5000.00'), { person: { ...TUOPIN, identities: [{ code: 'edge_at_risk' }], monitoringSystemSince: DATE } }),
  c('边缘易致贫户出险后（2026-06-01）才纳入 → 不在保', 'inpatient', sp('12000'), no('NOT_IN_MONITORING_SYSTEM'), { person: { ...TUOPIN, identities: [{ code: 'edge_at_risk' }], monitoringSystemSince: '2026-06-01' } }),
  c('严重困难人口未纳入监测系统 → 不在保', 'property', prop('3000'), no('NOT_IN_MONITORING_SYSTEM'), { person: { ...TUOPIN, identities: [{ code: 'severe_hardship' }] } }),
  c('严重困难人口已纳入监测系统 → 3000', 'property', prop('3000'), pay('3000.00'), { person: { ...TUOPIN, identities: [{ code: 'severe_hardship' }], monitoringSystemSince: '2025-12-01' } }),
  c('低保户（不是三类人口）→ 不在保', 'inpatient', sp('12000'), no('NO_QUALIFYING_CATEGORY'), { person: { ...TUOPIN, identities: [{ code: 'dibao' }] } }),

  // ---------------------------------------------------------------- areas and versions
  c('陵川县 → 在保', 'inpatient', sp('12000'), pay('5000.00'), { person: { ...TUOPIN, area: '陵川县' } }),
  c('城区 → 在保', 'inpatient', sp('12000'), pay('5000.00'), { person: { ...TUOPIN, area: '城区' } }),
  c('不在晋城（太原市）→ 不在保', 'inpatient', sp('12000'), no('AREA_NOT_COVERED'), { person: { ...TUOPIN, area: '太原市' } }),
  c('2026 年度协议 2026-01-01 → 5000', 'inpatient', sp('12000'), pay('5000.00'), { date: '2026-01-01' }),
  c('2027 年度协议 2027-07-15 → 5000', 'inpatient', sp('12000'), pay('5000.00'), { date: '2027-07-15' }),
  c('2028 年度协议 2028-12-31 → 5000', 'inpatient', sp('12000'), pay('5000.00'), { date: '2028-12-31' }),
  c('2029-01-01 方案已终止 → 不在保', 'inpatient', sp('12000'), no('NO_VERSION_IN_FORCE'), { date: '2029-01-01' }),
  c('2025-12-31 方案尚未实施 → 不在保', 'inpatient', sp('12000'), no('NO_VERSION_IN_FORCE'), { date: '2025-12-31' }),
  c('2027 年只参加了 2026 年医保 → 不赔', 'inpatient', sp('12000'), no('NO_MEDICAL_INSURANCE'), { date: '2027-03-01', person: { ...TUOPIN, medicalInsuranceYears: [2026] } }),
];
