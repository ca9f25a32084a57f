/**
 * 重庆市 民政惠民济困保 (渝民发〔2024〕3号, seed 000): cases computed by hand.
 *
 * 附件2: 小额意外 — death 2000; disability "按比例 … 最高 30000" = grade × 30000 (JR/T 0083-2013:
 * grade 1 100% … grade 10 10%); medical: in-scope self-pay, 零免赔, 100%, ≤ 5000/person/year.
 * 大病补充 — year's cumulative 目录外自费; ≤ 3000 nothing; above: deduct 3000, bands on the rest
 * (0,10000] 25% / (10000,50000] 30% / >50000 35%; 特困 30% / 35% / 40%; ≤ 150000/year.
 *   non-特困 F(o) = 0.25·o (o ≤ 10000); 2500 + 0.30·(o−10000) (o ≤ 50000); 14500 + 0.35·(o−50000)
 *   特困     F(o) = 0.30·o;              3000 + 0.35·(o−10000);              17000 + 0.40·(o−50000)
 * 疾病身故 2000; 学生重大疾病 50000 once, age 3..22 inclusive, in school; 升学补助金 2000/3000/5000.
 * Cumulative reading: payout = round(min(F(after), cap)) − round(min(F(before), cap)), ≤ cap − paid.
 */
import type { PersonFacts } from '../../person';
import type { EstimateCase } from './case';

const S = 'cq-hmjkb';
const DATE = '2024-06-15';

const person = (identities: PersonFacts['identities'] = [{ code: 'dibao' }], extra: Partial<PersonFacts> = {}): PersonFacts => ({
  birthDate: '1975-06-01',
  area: '渝中区',
  identities,
  ...extra,
});
const DIBAO = person();
const TEKUN = person([{ code: 'tekun' }]);

const cs = (name: string, amount: string, payout: string, p: PersonFacts = DIBAO, used?: EstimateCase['request']['used'], extra: Partial<EstimateCase> = {}): EstimateCase => ({
  name: `大病补充 ${name}`,
  request: { schemeId: S, benefitId: 'critical_supplement', incidentDate: DATE, person: p, facts: { outOfCatalogueSelfPay: amount }, ...(used ? { used } : {}) },
  expect: { covered: true, payout },
  ...extra,
});

const med = (name: string, amount: string, payout: string, used?: EstimateCase['request']['used']): EstimateCase => ({
  name: `意外医疗 ${name}`,
  request: { schemeId: S, benefitId: 'accident_medical', incidentDate: DATE, person: DIBAO, facts: { selfPayInScope: amount }, ...(used ? { used } : {}) },
  expect: { covered: true, payout },
});

const dis = (name: string, grade: number, payout: string, used?: EstimateCase['request']['used']): EstimateCase => ({
  name: `意外伤残 ${name}`,
  request: { schemeId: S, benefitId: 'accident_disability', incidentDate: DATE, person: DIBAO, facts: { grade }, ...(used ? { used } : {}) },
  expect: { covered: true, payout },
});

const death = (name: string, p: PersonFacts, date: string, expect: EstimateCase['expect']): EstimateCase => ({
  name,
  request: { schemeId: S, benefitId: 'accident_death', incidentDate: date, person: p },
  expect,
});

const STUDENT_FACTS = { disease: '恶性肿瘤', firstDiagnosis: true };
const student = (name: string, birthDate: string, expect: EstimateCase['expect'], extra: Partial<PersonFacts> = { inSchool: true }, facts: Record<string, unknown> = STUDENT_FACTS, used?: EstimateCase['request']['used']): EstimateCase => ({
  name: `学生重大疾病 ${name}`,
  request: { schemeId: S, benefitId: 'student_critical_illness', incidentDate: DATE, person: person([{ code: 'dibao' }], { birthDate, ...extra }), facts, ...(used ? { used } : {}) },
  expect,
});

const grant = (name: string, facts: Record<string, unknown>, expect: EstimateCase['expect'], used?: EstimateCase['request']['used'], date = '2024-09-05', p: PersonFacts = DIBAO): EstimateCase => ({
  name: `升学补助金 ${name}`,
  request: { schemeId: S, benefitId: 'admission_grant', incidentDate: date, person: p, facts, ...(used ? { used } : {}) },
  expect,
});
const GAOKAO = { exam: 'gaokao_summer', fullTime: true };

export const CHONGQING_CASES: EstimateCase[] = [
  // ---------------------------------------------------------------- 小额意外
  death('意外身故 2000', DIBAO, DATE, { covered: true, payout: '2000.00' }),
  { name: '疾病身故 2000', request: { schemeId: S, benefitId: 'illness_death', incidentDate: DATE, person: DIBAO }, expect: { covered: true, payout: '2000.00' } },
  dis('1 级 = 30000 × 100% = 30000', 1, '30000.00'),
  dis('2 级 = 30000 × 90% = 27000', 2, '27000.00'),
  dis('5 级 = 30000 × 60% = 18000', 5, '18000.00'),
  dis('10 级 = 30000 × 10% = 3000', 10, '3000.00'),
  dis('本年已赔 27000，5 级 18000 只剩 30000 − 27000 = 3000', 5, '3000.00', { paid: '27000' }),
  dis('本年已赔 30000，10 级 3000 → 限额用完 0', 10, '0.00', { paid: '30000' }),
  med('0.01 零免赔 100% → 0.01', '0.01', '0.01'),
  med('4999.99 → 4999.99', '4999.99', '4999.99'),
  med('5000.00 → 年度最高 5000', '5000.00', '5000.00'),
  med('5000.01 → 封顶 5000.00', '5000.01', '5000.00'),
  med('第二次：此前 3000（已赔 3000），本次 2500 → min(5500,5000) − 3000 = 2000', '2500', '2000.00', { base: '3000', paid: '3000' }),
  med('第二次：此前 1000（已赔 1000），本次 1000 → 2000 − 1000 = 1000', '1000', '1000.00', { base: '1000', paid: '1000' }),
  med('第二次：此前 4999.99，本次 0.02 → 5000 − 4999.99 = 0.01', '0.02', '0.01', { base: '4999.99', paid: '4999.99' }),
  med('此前已赔满 5000，本次 800 → 0', '800', '0.00', { base: '5000', paid: '5000' }),

  // ---------------------------------------------------------------- 大病补充, non-特困 (低保)
  cs('2999.99 未达 3000 → 0', '2999.99', '0.00'),
  cs('3000.00 扣除 3000 后为 0 → 0', '3000.00', '0.00'),
  cs('3000.01 → 0.01 × 25% = 0.0025 → 0.00', '3000.01', '0.00'),
  cs('3000.02 → 0.02 × 25% = 0.005 → 0.01（半分进位）', '3000.02', '0.01', DIBAO, undefined),
  cs('3000.03 → 0.03 × 25% = 0.0075 → 0.01', '3000.03', '0.01'),
  cs('3000.04 → 0.04 × 25% = 0.01', '3000.04', '0.01'),
  cs('13000.00 → 10000 × 25% = 2500', '13000.00', '2500.00'),
  cs('13000.01 → 2500 + 0.01 × 30% = 2500.003 → 2500.00', '13000.01', '2500.00'),
  cs('13000.04 → 2500 + 0.04 × 30% = 2500.012 → 2500.01', '13000.04', '2500.01'),
  cs('53000.00 → 2500 + 40000 × 30% = 14500', '53000.00', '14500.00'),
  cs('53000.01 → 14500 + 0.01 × 35% = 14500.0035 → 14500.00', '53000.01', '14500.00'),
  cs('53000.02 → 14500 + 0.02 × 35% = 14500.007 → 14500.01', '53000.02', '14500.01'),
  cs('100000 → 14500 + 47000 × 35% = 14500 + 16450 = 30950', '100000', '30950.00'),
  cs('440142.84 → 14500 + 387142.84 × 35% = 149999.994 → 149999.99', '440142.84', '149999.99'),
  cs('440142.85 → 14500 + 387142.85 × 35% = 149999.9975 → 150000.00（到顶）', '440142.85', '150000.00'),
  cs('440142.86 → 150000.001 超过年度限额 → 150000.00', '440142.86', '150000.00'),
  cs('1000000 → 远超限额 → 150000.00', '1000000', '150000.00'),
  // cumulative: a second claim in the same year
  cs('第二次：此前 2000（未赔），本次 1500 → 累计 3500 → 500 × 25% = 125', '1500', '125.00', DIBAO, { base: '2000', paid: '0' }),
  cs('第二次：此前 10000（已赔 7000×25% = 1750），本次 5000 → 累计 15000 → 2500 + 2000×30% = 3100 − 1750 = 1350', '5000', '1350.00', DIBAO, { base: '10000', paid: '1750' }),
  cs('第二次跨第三段：此前 50000（已赔 2500 + 37000×30% = 13600），本次 10000 → 累计 60000 → 14500 + 7000×35% = 16950 − 13600 = 3350', '10000', '3350.00', DIBAO, { base: '50000', paid: '13600' }),
  cs('第二次分币：此前 3000.01（应赔 0.0025 → 0），本次 0.03 → 累计 3000.04 → 0.01 − 0 = 0.01', '0.03', '0.01', DIBAO, { base: '3000.01', paid: '0.00' }),
  cs('第二次分币：此前 3000.02（已赔 0.01），本次 0.01 → 累计 3000.03 → 0.0075 → 0.01 − 0.01 = 0', '0.01', '0.00', DIBAO, { base: '3000.02', paid: '0.01' }),
  cs('接近封顶：此前 437000（已赔 14500 + 384000×35% = 148900），本次 5000 → 封顶 150000 − 148900 = 1100', '5000', '1100.00', DIBAO, { base: '437000', paid: '148900' }),
  cs('年度限额部分已用：此前 400000（已赔 14500 + 347000×35% = 135950），本次 100000 → 150000 − 135950 = 14050', '100000', '14050.00', DIBAO, { base: '400000', paid: '135950' }),
  cs('台账已赔 149500：此前 13000，本次 40000 → 累计应赔 14500 − 2500 = 12000，但剩余限额 150000 − 149500 = 500', '40000', '500.00', DIBAO, { base: '13000', paid: '149500' }),
  cs('已赔满 150000：此前 500000，本次 10000 → 0', '10000', '0.00', DIBAO, { base: '500000', paid: '150000' }),

  // ---------------------------------------------------------------- 大病补充, 特困 bands
  cs('特困 3000.00 → 0', '3000.00', '0.00', TEKUN),
  cs('特困 3000.01 → 0.01 × 30% = 0.003 → 0.00', '3000.01', '0.00', TEKUN),
  cs('特困 3000.02 → 0.02 × 30% = 0.006 → 0.01', '3000.02', '0.01', TEKUN),
  cs('特困 3000.04 → 0.04 × 30% = 0.012 → 0.01', '3000.04', '0.01', TEKUN),
  cs('特困 13000.00 → 10000 × 30% = 3000', '13000.00', '3000.00', TEKUN),
  cs('特困 13000.01 → 3000 + 0.01 × 35% = 3000.0035 → 3000.00', '13000.01', '3000.00', TEKUN),
  cs('特困 13000.02 → 3000 + 0.02 × 35% = 3000.007 → 3000.01', '13000.02', '3000.01', TEKUN),
  cs('特困 53000.00 → 3000 + 40000 × 35% = 17000', '53000.00', '17000.00', TEKUN),
  cs('特困 53000.01 → 17000 + 0.01 × 40% = 17000.004 → 17000.00', '53000.01', '17000.00', TEKUN),
  cs('特困 53000.02 → 17000 + 0.02 × 40% = 17000.008 → 17000.01', '53000.02', '17000.01', TEKUN),
  cs('特困 385499.98 → 17000 + 332499.98 × 40% = 149999.992 → 149999.99', '385499.98', '149999.99', TEKUN),
  cs('特困 385500.00 → 17000 + 332500 × 40% = 150000 正好到顶', '385500.00', '150000.00', TEKUN),
  cs('特困 385500.01 → 150000.004 超过限额 → 150000.00', '385500.01', '150000.00', TEKUN),
  cs('特困第二次：此前 13000（已赔 3000），本次 40000 → 累计 53000 → 17000 − 3000 = 14000', '40000', '14000.00', TEKUN, { base: '13000', paid: '3000' }),
  cs('特困兼低保按特困分段：13000 → 3000', '13000', '3000.00', person([{ code: 'dibao' }, { code: 'tekun' }])),
  cs('特困身份已于 2024-05-31 终止、现为低保：按一般分段 13000 → 2500', '13000', '2500.00',
    person([{ code: 'tekun', validTo: '2024-05-31' }, { code: 'dibao' }])),

  // ---------------------------------------------------------------- 学生重大疾病 (age 3..22 inclusive)
  student('3 周岁（2021-06-15 生，2024-06-15 确诊）→ 50000', '2021-06-15', { covered: true, payout: '50000.00' }),
  student('2 周岁（2021-06-16 生，差一天满 3 岁）→ 不赔', '2021-06-16', { covered: false, reasonCode: 'AGE_OUT_OF_RANGE' }),
  student('22 周岁（2001-06-16 生，差一天满 23 岁）→ 50000', '2001-06-16', { covered: true, payout: '50000.00' }),
  student('23 周岁（2001-06-15 生）→ 不赔', '2001-06-15', { covered: false, reasonCode: 'AGE_OUT_OF_RANGE' }),
  student('不是在校学生 → 不赔', '2010-01-01', { covered: false, reasonCode: 'NOT_IN_SCHOOL' }, { inSchool: false }),
  student('不是首次确诊 → 不赔', '2010-01-01', { covered: false, reasonCode: 'CONDITION_NOT_MET' }, { inSchool: true }, { disease: '恶性肿瘤', firstDiagnosis: false }),
  student('第 20 种 严重 III 度烧伤 → 50000', '2010-01-01', { covered: true, payout: '50000.00' }, { inSchool: true }, { disease: '严重 III 度烧伤', firstDiagnosis: true }),
  student('已赔过一次 → 一次性补偿不再赔', '2010-01-01', { covered: false, reasonCode: 'ALREADY_PAID' }, { inSchool: true }, STUDENT_FACTS, { claimsEver: 1 }),

  // ---------------------------------------------------------------- 升学补助金
  grant('大专 2000', { level: 'zhuanke', ...GAOKAO }, { covered: true, payout: '2000.00' }),
  grant('本科 3000', { level: 'benke', ...GAOKAO }, { covered: true, payout: '3000.00' }),
  grant('研究生 5000', { level: 'yanjiusheng', exam: 'postgraduate', fullTime: true }, { covered: true, payout: '5000.00' }),
  grant('本科已补助过，再报本科 → 每个层次一次', { level: 'benke', ...GAOKAO }, { covered: false, reasonCode: 'ALREADY_PAID' }, { optionsGranted: ['benke'] }),
  grant('本科已补助过，考上研究生 → 5000', { level: 'yanjiusheng', exam: 'postgraduate', fullTime: true }, { covered: true, payout: '5000.00' }, { optionsGranted: ['benke'] }),
  grant('非夏季高考/考研（其他考试）→ 不补', { level: 'benke', exam: 'other', fullTime: true }, { covered: false, reasonCode: 'CONDITION_NOT_MET' }),
  grant('非全日制 → 不补', { level: 'benke', exam: 'gaokao_summer', fullTime: false }, { covered: false, reasonCode: 'CONDITION_NOT_MET' }),
  grant('报到截止日 2025-09-05 仍在保 → 3000', { level: 'benke', ...GAOKAO }, { covered: true, payout: '3000.00' }, undefined, '2025-09-05'),
  grant('低保身份 2025-08-31 终止，报到截止日 2025-09-05 不在保 → 不补', { level: 'benke', ...GAOKAO }, { covered: false, reasonCode: 'NO_QUALIFYING_CATEGORY' }, undefined, '2025-09-05',
    person([{ code: 'dibao', validTo: '2025-08-31' }])),
  grant('报到截止日 2026-09-05 已过保险周期 → 不补', { level: 'benke', ...GAOKAO }, { covered: false, reasonCode: 'NO_VERSION_IN_FORCE' }, undefined, '2026-09-05'),

  // ---------------------------------------------------------------- cover start (当月 1 日生效)
  death('2024-03-15 审核确认 → 2024-03-01 出险已在保', person([{ code: 'dibao', confirmedOn: '2024-03-15' }]), '2024-03-01', { covered: true, payout: '2000.00' }),
  death('2024-03-15 审核确认 → 2024-02-29 出险尚未生效', person([{ code: 'dibao', confirmedOn: '2024-03-15' }]), '2024-02-29', { covered: false, reasonCode: 'COVER_NOT_STARTED' }),
  death('身份 2024-03-10 起、2024-03-15 确认 → 当月 1 日起在保，2024-03-05 出险 → 2000', person([{ code: 'dibao', validFrom: '2024-03-10', confirmedOn: '2024-03-15' }]), '2024-03-05', { covered: true, payout: '2000.00' }),
  death('首批：1 月在册（2024-01-20 确认）→ 2024-01-01 起在保', person([{ code: 'dibao', confirmedOn: '2024-01-20' }]), '2024-01-01', { covered: true, payout: '2000.00' }),
  death('2024-03-15 确认的对象，第二个保险年度 2025-01-10 出险 → 在保', person([{ code: 'dibao', confirmedOn: '2024-03-15' }]), '2025-01-10', { covered: true, payout: '2000.00' }),

  // ---------------------------------------------------------------- who is covered
  death('特困人员', TEKUN, DATE, { covered: true, payout: '2000.00' }),
  death('孤儿', person([{ code: 'orphan' }]), DATE, { covered: true, payout: '2000.00' }),
  death('事实无人抚养儿童', person([{ code: 'de_facto_orphan' }]), DATE, { covered: true, payout: '2000.00' }),
  death('享受定期抚恤补助的优抚对象', person([{ code: 'youfu_regular' }]), DATE, { covered: true, payout: '2000.00' }),
  death('优抚对象兼伤残人民警察 → 不含', person([{ code: 'youfu_regular' }, { code: 'disabled_police' }]), DATE, { covered: false, reasonCode: 'CATEGORY_EXCLUDED' }),
  death('优抚对象兼伤残国家机关工作人员 → 不含', person([{ code: 'youfu_regular' }, { code: 'disabled_civil_servant' }]), DATE, { covered: false, reasonCode: 'CATEGORY_EXCLUDED' }),
  death('优抚对象兼伤残人民警察，又是低保 → 以低保身份参保', person([{ code: 'youfu_regular' }, { code: 'disabled_police' }, { code: 'dibao' }]), DATE, { covered: true, payout: '2000.00' }),
  death('低保 + 特困 + 孤儿多重身份 → 只参保一次，身故仍只赔 2000', person([{ code: 'dibao' }, { code: 'tekun' }, { code: 'orphan' }]), DATE, { covered: true, payout: '2000.00' }),
  death('没有参保身份', person([]), DATE, { covered: false, reasonCode: 'NO_QUALIFYING_CATEGORY' }),
  death('只是伤残人民警察（不是参保身份）', person([{ code: 'disabled_police' }]), DATE, { covered: false, reasonCode: 'NO_QUALIFYING_CATEGORY' }),
  death('不在服务区域（成都市）', person([{ code: 'dibao' }], { area: '成都市' }), DATE, { covered: false, reasonCode: 'AREA_NOT_COVERED' }),
  death('巫山县（阳光财险服务区）', person([{ code: 'dibao' }], { area: '巫山县' }), DATE, { covered: true, payout: '2000.00' }),

  // ---------------------------------------------------------------- period 2024-01-01 .. 2025-12-31
  death('2024-01-01 保险期间首日', DIBAO, '2024-01-01', { covered: true, payout: '2000.00' }),
  death('2025-12-31 保险期间末日', DIBAO, '2025-12-31', { covered: true, payout: '2000.00' }),
  death('2023-12-31 保险期间前', DIBAO, '2023-12-31', { covered: false, reasonCode: 'NO_VERSION_IN_FORCE' }),
  death('2026-01-01 保险期间后', DIBAO, '2026-01-01', { covered: false, reasonCode: 'NO_VERSION_IN_FORCE' }),
];
