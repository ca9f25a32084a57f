/**
 * 上海市闵行区 民生保险“沪惠保”补贴: 129 yuan to each eligible resident who buys 沪惠保 personally.
 * Source: 民生保险“沪惠保”补贴项目描述 (seed 004_58f246fb74234791.txt), dated 2023-11-27 for the 2024 budget.
 */
import type { ClauseRef } from '../../core/clause';
import { DEFAULT_DEADLINE, DOC } from '../common';
import type { AreaDef, SchemeDefinition, SchemeVersion } from '../types';

const c = (clause: string, reading?: string): ClauseRef => ({ doc: 'mh-2024', clause, ...(reading ? { reading } : {}) });

const STREETS = ['江川路街道', '古美路街道', '新虹街道', '浦锦街道'];
const TOWNS = ['莘庄镇', '七宝镇', '颛桥镇', '华漕镇', '虹桥镇', '梅陇镇', '吴泾镇', '马桥镇', '浦江镇'];

const AREAS: AreaDef[] = [
  ...STREETS.map((name) => ({ name, townType: 'street' as const, insurerId: 'mh-huhuibao' })),
  ...TOWNS.map((name) => ({ name, townType: 'town' as const, insurerId: 'mh-huhuibao' })),
  { name: '莘庄工业区', townType: 'industrial_zone', insurerId: 'mh-huhuibao' },
];

const CAT = '一、4、成本管理情况（四类对象）';

function policyYear(year: number): SchemeVersion {
  const y = String(year);
  return {
    id: `mh-${y}`,
    effective: { from: `${y}-01-01`, to: `${y}-12-31` },
    insuranceYears: [{ id: y, from: `${y}-01-01`, to: `${y}-12-31` }],
    periodNote: `${y} 年度补贴：每年 6 月至 7 月底个人购买，出单后补贴`,
    periodClause: c('二、3、阶段性工作目标', '补贴工作每年 6 月开始至 7 月底结束'),
    coverage: {
      basis: 'categories',
      qualifying: [
        { code: 'dibao', clause: c(CAT, '一是医疗救助对象：本区城乡居民最低生活保障家庭') },
        { code: 'low_income', clause: c(CAT, '一是医疗救助对象：本区低收入困难家庭成员') },
        { code: 'illness_poverty', clause: c(CAT, '一是医疗救助对象：本区因病支出型贫困家庭') },
        { code: 'nonlocal_family', clause: c(CAT, '一是医疗救助对象：与本区户籍居民在本区共同生活的非本市户籍家属') },
        { code: 'disability_card', requires: ['validDisabilityCard'], clause: c(CAT, '二是持证残疾人：持有有效期内残疾证') },
        { code: 'hardship_farmer', clause: c(CAT, '三是生活困难农户') },
        { code: 'youfu_key', clause: c(CAT, '四是退役军人重点优抚对象') },
        { code: 'youfu_district', clause: c(CAT, '其他区级在册优抚对象') },
      ],
      areas: AREAS,
      coverStart: 'policyIssued',
      coverStartClause: c('一、1、项目背景', '先由个人购买，保险公司出单后由政府补贴'),
      clause: c(CAT),
    },
    insurers: [{ id: 'mh-huhuibao', name: '“沪惠保”承保保险公司（共保体）', hotline: null, hotlineSource: '文件未载明：以“沪惠保”官方渠道公布的客服电话为准' }],
    funding: [
      {
        id: 'subsidy',
        name: '“沪惠保”补贴',
        unit: 'person',
        basis: 'perSubsidy',
        amount: '129',
        benefitIds: ['huhuibao_subsidy'],
        payers: {
          kind: 'sharesByTownType',
          byTownType: {
            street: [{ payer: '区级财政', share: '1' }],
            town: [
              { payer: '区级财政', share: '0.35' },
              { payer: '镇级财政', share: '0.65' },
            ],
            industrial_zone: [
              { payer: '区级财政', share: '0.35' },
              { payer: '莘庄工业区', share: '0.65' },
            ],
          },
          clause: c('三、3、资金来源情况', '街道：区级财政 100%；镇、莘庄工业区：区、镇两级 35:65'),
        },
        clause: c('三、1、项目总投入和构成情况', '补贴 129 元/人'),
      },
    ],
    benefits: [
      {
        id: 'huhuibao_subsidy',
        name: '“沪惠保”购买补贴',
        group: '沪惠保补贴',
        summary: '通过闵行专用二维码自己买了“沪惠保”，出单后补贴 129 元到本人银行卡，每年一次。团体投保的不补贴。',
        unit: 'person',
        formula: { kind: 'fixed', amount: '129', clause: c(CAT, '补贴金额为 129 元/人') },
        oncePer: 'year',
        oncePerClause: c('一、1、项目背景', '每个保单年度补贴一次'),
        conditions: [
          { test: 'factTrue', fact: 'policyIssued', message: '保险公司尚未出单', clause: c('一、1、项目背景', '保险公司出单后补贴') },
          { test: 'factFalse', fact: 'groupPolicy', message: '通过团单投保购买的不予补贴', clause: c(CAT, '团单投保购买的人员不予补贴') },
          { test: 'factTrue', fact: 'viaMinhangLink', message: '须通过闵行“沪惠保”专用销售二维码个人购买', clause: c('一、1、项目背景') },
          {
            test: 'dateWithin',
            fact: 'purchaseDate',
            monthDayFrom: '06-01',
            monthDayTo: '07-31',
            message: '购买日期不在当年 6 月 1 日至 7 月 31 日的补贴期内',
            clause: c('二、3、阶段性工作目标', '补贴工作每年 6 月开始至 7 月底结束'),
          },
        ],
        facts: [
          { name: 'policyNo', type: 'text', label: '“沪惠保”保单号', required: true },
          { name: 'purchaseDate', type: 'date', label: '购买日期', required: true },
          { name: 'policyIssued', type: 'boolean', label: '保险公司是否已出单', required: true },
          { name: 'groupPolicy', type: 'boolean', label: '是否为团体投保（团单）', required: true },
          { name: 'viaMinhangLink', type: 'boolean', label: '是否通过闵行专用二维码购买', required: true },
        ],
        documents: [{ id: 'policy', name: '“沪惠保”电子保单' }, DOC.idCard, DOC.bankAccount],
        clause: c('一、1、项目背景'),
      },
    ],
    purchaseWindow: { from: '06-01', to: '07-31', clause: c('二、3、阶段性工作目标') },
    defaultDeadline: DEFAULT_DEADLINE,
  };
}

export const MINHANG: SchemeDefinition = {
  id: 'mh-huhuibao',
  name: '民生保险“沪惠保”补贴',
  shortName: '沪惠保补贴',
  kind: 'purchase_subsidy',
  region: { province: '上海市', city: '上海市', district: '闵行区' },
  sources: [
    {
      id: 'mh-2024',
      title: '民生保险“沪惠保”补贴项目描述',
      issuer: '闵行区民政局 社会救助和慈善科',
      date: '2023-11-27',
      seedFile: '004_58f246fb74234791.txt',
    },
  ],
  versions: [policyYear(2023), policyYear(2024)],
};
