/**
 * 晋城市 防贫综合保险, 2026–2028, one contract a year.
 * Source: 晋市乡振中心〔2025〕6号 (seed 003_2739911234fe6c2c.txt).
 */
import type { ClauseRef } from '../../core/clause';
import { DEFAULT_DEADLINE, DOC, FACT, READING } from '../common';
import type { SchemeDefinition, SchemeVersion } from '../types';

const c = (clause: string, reading?: string): ClauseRef => ({ doc: 'jc-2025', clause, ...(reading ? { reading } : {}) });

const SHARES = (city: string, county: string, countyPayer: string) => [
  { payer: '市级财政', share: city },
  { payer: countyPayer, share: county },
];

const COUNTIES = [
  { name: '泽州县', code: '140525', shares: SHARES('0.3', '0.7', '县级财政') },
  { name: '高平市', code: '140581', shares: SHARES('0.3', '0.7', '县级财政') },
  { name: '阳城县', code: '140522', shares: SHARES('0.3', '0.7', '县级财政') },
  { name: '沁水县', code: '140521', shares: SHARES('0.3', '0.7', '县级财政') },
  { name: '陵川县', code: '140524', shares: SHARES('0.5', '0.5', '县级财政') },
  { name: '城区', code: '140502', shares: SHARES('0.5', '0.5', '区级财政') },
];

const SHARE_CLAUSE = c('五、资金补贴方式', '泽州县、高平市、阳城县、沁水县市县比例 3:7；陵川县、城区 5:5');
const byArea = Object.fromEntries(COUNTIES.map((a) => [a.name, a.shares]));

function contractYear(year: number): SchemeVersion {
  const y = String(year);
  return {
    id: `jc-${y}`,
    effective: { from: `${y}-01-01`, to: `${y}-12-31` },
    insuranceYears: [{ id: y, from: `${y}-01-01`, to: `${y}-12-31` }],
    periodNote: `${y} 年度保险协议（方案期 2026—2028 年，每年签订保险协议）`,
    periodClause: c('四、保险期间；九、附则（二）', '每年签订保险协议，保险周期为当年 1 月 1 日至 12 月 31 日'),
    coverage: {
      basis: 'categories',
      qualifying: [
        { code: 'tuopin', clause: c('二、保障对象', '建档立卡脱贫户，以全国防返贫监测信息系统数据为依据') },
        { code: 'edge_at_risk', requires: ['monitoringSystem'], clause: c('二、保障对象', '边缘易致贫户先纳入防返贫监测系统后享受保险政策') },
        { code: 'severe_hardship', requires: ['monitoringSystem'], clause: c('二、保障对象', '严重困难人口先纳入防返贫监测系统后享受保险政策') },
      ],
      areas: COUNTIES.map(({ name, code }) => ({ name, code, insurerId: 'jc-insurer' })),
      coverStart: 'periodStart',
      coverStartClause: c('四、保险期间'),
      clause: c('二、保障对象'),
    },
    insurers: [{ id: 'jc-insurer', name: '市级统一招标确定的承保机构', hotline: null, hotlineSource: '文件未载明：以中标承保机构公布的电话为准' }],
    funding: [
      {
        id: 'medical',
        name: '补充医疗救助保险保费',
        unit: 'person',
        basis: 'perYear',
        amount: '100',
        benefitIds: ['inpatient', 'outpatient'],
        payers: { kind: 'sharesByArea', byArea, clause: SHARE_CLAUSE },
        clause: c('三、（一）补充医疗救助保险', '每人保费 100 元/年'),
      },
      {
        id: 'property',
        name: '家庭财产保险保费',
        unit: 'household',
        basis: 'perYear',
        amount: '30',
        benefitIds: ['property'],
        payers: { kind: 'sharesByArea', byArea, clause: SHARE_CLAUSE },
        clause: c('三、（二）家庭财产保险', '每户保费 30 元/年'),
      },
    ],
    benefits: [
      {
        id: 'inpatient',
        name: '住院医疗补偿',
        group: '补充医疗救助保险',
        summary: '住院费用经医保、商保报销后，自己付的一年累计超过 2000 元的部分报 50%，每年最多 2 万元。',
        unit: 'person',
        formula: {
          kind: 'reimbursement',
          base: 'selfPayAfterOthers',
          accumulation: 'year',
          deductible: { amount: '2000', clause: c('三、（一）1、住院费用', '自付金额超 2000 元的部分（年度累计）') },
          rate: '0.5',
          clause: c('三、（一）1、住院费用', READING.annualCumulative),
        },
        annualCap: { amount: '20000', clause: c('三、（一）1、住院费用', '年度最高支付限额 20000 元') },
        conditions: [{ test: 'medicalInsuranceThisYear', clause: c('三、（一）补充医疗救助保险', '须参加当年城乡居民医保或职工医保') }],
        facts: [
          {
            name: 'selfPayAfterOthers',
            type: 'money',
            label: '经医保、大病保险、医疗救助、商保报销后个人自付金额（元）',
            required: true,
            help: '含合规项目和自费项目',
          },
        ],
        documents: [DOC.settlementSlip, DOC.medicalRecords, DOC.invoices, DOC.feeList, { id: 'other_insurance_proof', name: '其他商业保险理赔结算单（如有）' }, DOC.idCard, DOC.bankAccount],
        clause: c('三、（一）1、住院费用'),
      },
      {
        id: 'outpatient',
        name: '门诊医疗补偿',
        group: '补充医疗救助保险',
        summary: '门诊费用经医保、商保报销后，自己付的一年累计超过 1000 元的部分报 50%，每年最多 1 万元。',
        unit: 'person',
        formula: {
          kind: 'reimbursement',
          base: 'selfPayAfterOthers',
          accumulation: 'year',
          deductible: { amount: '1000', clause: c('三、（一）2、门诊费用', '自付金额超过 1000 元的部分（年度累计）') },
          rate: '0.5',
          clause: c('三、（一）2、门诊费用', READING.annualCumulative),
        },
        annualCap: { amount: '10000', clause: c('三、（一）2、门诊费用', '年度最高支付限额 10000 元') },
        conditions: [{ test: 'medicalInsuranceThisYear', clause: c('三、（一）补充医疗救助保险', '须参加当年城乡居民医保或职工医保') }],
        facts: [{ name: 'selfPayAfterOthers', type: 'money', label: '经医保、商保报销后门诊个人自付金额（元）', required: true }],
        documents: [DOC.settlementSlip, DOC.invoices, DOC.feeList, DOC.idCard, DOC.bankAccount],
        clause: c('三、（一）2、门诊费用'),
      },
      {
        id: 'property',
        name: '家庭财产保险',
        group: '家庭财产保险',
        summary: '房屋和家里财产因自然灾害、被盗（找不到责任人）受损，三方评估后赔，每户每年最多 2 万元。',
        unit: 'household',
        formula: { kind: 'reimbursement', base: 'loss', accumulation: 'year', rate: '1', clause: c('三、（二）家庭财产保险') },
        annualCap: { amount: '20000', clause: c('三、（二）家庭财产保险', '每户保额 20000 元，按户按年累计') },
        conditions: [
          {
            test: 'factIn',
            fact: 'cause',
            values: ['natural_disaster', 'theft'],
            message: '损失原因须为自然灾害，或被盗且找不到责任人、责任人无力赔偿',
            clause: c('三、（二）家庭财产保险'),
          },
          {
            test: 'factTrue',
            fact: 'jointlyAssessed',
            message: '损失须由村民委员会、被保险人和保险人共同评估',
            clause: c('三、（二）家庭财产保险', '由村民委员会、被保险人和保险人共同评估'),
          },
        ],
        facts: [
          {
            name: 'cause',
            type: 'enum',
            label: '损失原因',
            required: true,
            options: [
              { value: 'natural_disaster', label: '自然灾害' },
              { value: 'theft', label: '被盗且找不到责任人或责任人无力赔偿' },
            ],
          },
          { ...FACT.propertyLoss, label: '三方共同评估的损失金额（元）' },
          { name: 'jointlyAssessed', type: 'boolean', label: '村委会、本人、保险公司已共同评估', required: true },
        ],
        documents: [DOC.propertyLossList, { id: 'joint_assessment', name: '村民委员会、被保险人、保险人三方评估书' }, DOC.idCard, DOC.bankAccount],
        clause: c('三、（二）家庭财产保险'),
      },
    ],
    riskSharing: {
      kind: 'corridor',
      carryForwardBelow: '0.80',
      governmentAbove: '1.20',
      clause: c('七、建立风险共担机制及赔付预警机制', '简单赔付率低于 80%（不含）的，实际赔付率至 80% 的保费结转下一年度；超过 120%（不含）的赔付金额由政府承担，市、县按比例负担'),
    },
    lossRatioWarnings: [
      {
        above: '0.80',
        level: 'insurer_reports_to_county',
        label: '赔付率超过 80%：承保机构应向县级乡村振兴和财政部门专题报告',
        notify: ['county', 'insurer'],
        clause: c('七、建立风险共担机制及赔付预警机制'),
      },
      {
        above: '1.00',
        level: 'county_investigates',
        label: '赔付率超过 100%：县级乡村振兴、财政部门调查了解情况，并向市级专题报告',
        notify: ['county', 'city', 'insurer'],
        clause: c('七、建立风险共担机制及赔付预警机制'),
      },
    ],
    defaultDeadline: DEFAULT_DEADLINE,
  };
}

export const JINCHENG: SchemeDefinition = {
  id: 'jc-fpzhbx',
  name: '防贫综合保险',
  shortName: '防贫保',
  kind: 'insurance',
  region: { province: '山西省', city: '晋城市' },
  sources: [
    {
      id: 'jc-2025',
      title: '晋城市防贫综合保险实施方案',
      docNo: '晋市乡振中心〔2025〕6号',
      issuer: '晋城市乡村振兴中心',
      date: '2025-09-29',
      seedFile: '003_2739911234fe6c2c.txt',
    },
  ],
  versions: [contractYear(2026), contractYear(2027), contractYear(2028)],
};
