/**
 * 重庆市 民政惠民济困保, 2024–2025.
 * Source: 渝民发〔2024〕3号 (seed 000_f0914d22219d799d.txt) and its attachments 1 (insurers) and 2 (benefits).
 */
import type { ClauseRef } from '../../core/clause';
import { DEFAULT_DEADLINE, DOC, FACT, READING } from '../common';
import type { AreaDef, InsurerDef, SchemeDefinition } from '../types';

const c = (clause: string, reading?: string): ClauseRef => ({ doc: 'cq-2024', clause, ...(reading ? { reading } : {}) });

const INSURERS: InsurerDef[] = [
  { id: 'cq-ancheng', name: '安诚财产保险股份有限公司重庆分公司', hotline: null, hotlineSource: '文件未载明，待承保公司提供' },
  { id: 'cq-cpic', name: '中国太平洋财产保险股份有限公司重庆分公司', hotline: '95500', hotlineSource: '公司全国客服电话（非文件内容）' },
  { id: 'cq-chinalife', name: '中国人寿保险股份有限公司重庆市分公司', hotline: '95519', hotlineSource: '公司全国客服电话（非文件内容）' },
  { id: 'cq-tianan', name: '天安财产保险股份有限公司重庆分公司', hotline: '95505', hotlineSource: '公司全国客服电话（非文件内容）' },
  { id: 'cq-sinosig', name: '阳光财产保险股份有限公司重庆市分公司', hotline: '95510', hotlineSource: '公司全国客服电话（非文件内容）' },
];

const SERVICE_AREAS: Record<string, string[]> = {
  'cq-ancheng': ['万州区', '渝中区', '永川区', '南川区', '石柱县', '酉阳县', '江北区', '潼南区', '梁平区', '合川区', '万盛经开区',
    '市退役军人事务局直属单位（市革命伤残军人康复医院）', '市民政局直属单位（市儿童爱心庄园）'],
  'cq-cpic': ['两江新区', '江津区', '丰都县', '云阳县', '秀山县', '大渡口区', '北碚区', '南岸区', '西部科学城重庆高新区', '开州区', '奉节县'],
  'cq-chinalife': ['渝北区', '涪陵区', '綦江区', '铜梁区', '黔江区', '忠县', '城口县'],
  'cq-tianan': ['九龙坡区', '大足区', '长寿区', '武隆区', '巫溪县', '彭水县'],
  'cq-sinosig': ['巴南区', '璧山区', '沙坪坝区', '荣昌区', '垫江县', '巫山县',
    '市民政局直属单位（市儿童福利院，市第一、第二、第三社会福利院）'],
};

const AREAS: AreaDef[] = Object.entries(SERVICE_AREAS).flatMap(([insurerId, names]) => names.map((name) => ({ name, insurerId })));

const SICK_STUDENT_DISEASES = [
  '恶性肿瘤', '重大器官移植术或造血干细胞移植术', '急性肾功能衰竭或终末期肾病（慢性肾功能衰竭尿毒症期）', '急性或亚急性重症肝炎',
  '良性脑肿瘤', '脑炎后遗症或脑膜炎后遗症', '重型再生障碍性贫血', '脊髓灰质炎症', '严重幼年型类风湿性关节炎', '严重川崎氏病',
  '重症肌无力', '胰岛素依赖型糖尿病', '双目失明', '瘫痪', '重症心肌炎伴充血性心力衰竭', '慢性肝功能衰竭失代偿期', '心脏瓣膜手术',
  '主动脉手术', '严重脑损伤', '严重 III 度烧伤',
];

export const CHONGQING: SchemeDefinition = {
  id: 'cq-hmjkb',
  name: '民政惠民济困保',
  shortName: '惠民济困保',
  kind: 'insurance',
  region: { province: '重庆市', city: '重庆市' },
  sources: [
    {
      id: 'cq-2024',
      title: '关于做好民政惠民济困保项目实施有关工作的通知',
      docNo: '渝民发〔2024〕3号',
      issuer: '重庆市民政局 重庆市退役军人事务局 国家金融监督管理总局重庆监管局',
      date: '2024-02-07',
      seedFile: '000_f0914d22219d799d.txt',
    },
  ],
  versions: [
    {
      id: 'cq-2024',
      effective: { from: '2024-01-01', to: '2025-12-31' },
      insuranceYears: [
        { id: '2024', from: '2024-01-01', to: '2024-12-31' },
        { id: '2025', from: '2025-01-01', to: '2025-12-31' },
      ],
      periodClause: c('一、认真做好精准参保', '保险周期 2024 年 1 月至 2025 年 12 月，每年 1 月 1 日至 12 月 31 日为一个保险年度'),
      coverage: {
        basis: 'categories',
        qualifying: [
          { code: 'dibao', clause: c('一、认真做好精准参保') },
          { code: 'tekun', clause: c('一、认真做好精准参保') },
          { code: 'orphan', clause: c('一、认真做好精准参保') },
          { code: 'de_facto_orphan', clause: c('一、认真做好精准参保') },
          {
            code: 'youfu_regular',
            unless: ['disabled_police', 'disabled_civil_servant'],
            clause: c('一、认真做好精准参保', '享受国家定期抚恤补助的优抚对象，不含伤残人民警察、伤残国家机关工作人员'),
          },
        ],
        areas: AREAS,
        coverStart: 'rosterMonthStart',
        coverStartClause: c('一、认真做好精准参保', '保险自区县审核确认并提供给承保公司的当月 1 日起生效'),
        clause: c('一、认真做好精准参保'),
      },
      insurers: INSURERS,
      funding: [
        {
          id: 'premium',
          name: '保费',
          unit: 'person',
          basis: 'perCoveredMonth',
          amount: '10',
          payers: { kind: 'single', payer: '重庆市民政局', clause: c('一、认真做好精准参保', '保费 120 元/人·年，即每人每月 10 元，由市民政局统一支付') },
          clause: c('一、认真做好精准参保', '保费按参保月数计：每人每月 10 元'),
        },
      ],
      benefits: [
        {
          id: 'accident_death',
          name: '意外身故',
          group: '小额意外',
          summary: '因意外去世，给家属 2000 元。',
          unit: 'person',
          formula: { kind: 'fixed', amount: '2000', clause: c('附件2 第1项 小额意外') },
          conditions: [],
          facts: [],
          documents: [DOC.deathCertificate, DOC.accidentProof, DOC.idCard, DOC.beneficiaryId, DOC.bankAccount],
          clause: c('附件2 第1项 小额意外'),
        },
        {
          id: 'accident_disability',
          name: '意外伤残',
          group: '小额意外',
          summary: '因意外伤残，按伤残等级赔，最多 30000 元。',
          unit: 'person',
          formula: { kind: 'disability', sum: '30000', clause: c('附件2 第1项 小额意外', READING.disabilityGrades) },
          annualCap: { amount: '30000', clause: c('附件2 第1项 小额意外', '伤残补偿金最高 30000 元，按人按年累计') },
          conditions: [],
          facts: [FACT.grade],
          documents: [DOC.disabilityAssessment, DOC.accidentProof, DOC.medicalRecords, DOC.idCard, DOC.bankAccount],
          clause: c('附件2 第1项 小额意外'),
        },
        {
          id: 'accident_medical',
          name: '意外医疗',
          group: '小额意外',
          summary: '因意外看病，医保范围内自己付的钱全额赔，每年最多 5000 元。',
          unit: 'person',
          formula: {
            kind: 'reimbursement',
            base: 'selfPayInScope',
            accumulation: 'year',
            rate: '1',
            clause: c('附件2 第1项 小额意外', '符合基本医保支付范围的自付部分，零免赔、100% 给付'),
          },
          annualCap: { amount: '5000', clause: c('附件2 第1项 小额意外', '每人每年最高 5000 元') },
          conditions: [],
          facts: [{ name: 'selfPayInScope', type: 'money', label: '医保范围内个人自付金额（元）', required: true, help: '看医保结算单上的“个人自付”' }],
          documents: [DOC.accidentProof, DOC.medicalRecords, DOC.invoices, DOC.feeList, DOC.settlementSlip, DOC.idCard, DOC.bankAccount],
          clause: c('附件2 第1项 小额意外'),
        },
        {
          id: 'critical_supplement',
          name: '大病补充',
          group: '大病补充',
          summary: '生病住院，医保目录外自费一年累计超过 3000 元的部分，分段报销，每年最多 15 万元。',
          unit: 'person',
          formula: {
            kind: 'reimbursement',
            base: 'outOfCatalogueSelfPay',
            accumulation: 'year',
            deductible: { amount: '3000', clause: c('附件2 第2项 大病补充', '全年累计 3000 元及以下不赔；超过部分扣除 3000 元后分段补偿') },
            variants: [
              {
                categoryAnyOf: ['tekun'],
                label: '特困人员',
                bands: [
                  { upTo: '10000', rate: '0.30' },
                  { upTo: '50000', rate: '0.35' },
                  { rate: '0.40' },
                ],
                clause: c('附件2 第2项 大病补充（特困人员）', '0-10000 元（含）30%；10000-50000 元（含）35%；50000 元以上 40%'),
              },
              {
                label: '其他参保对象',
                bands: [
                  { upTo: '10000', rate: '0.25' },
                  { upTo: '50000', rate: '0.30' },
                  { rate: '0.35' },
                ],
                clause: c('附件2 第2项 大病补充', '0-10000 元（含）25%；10000-50000 元（含）30%；50000 元以上 35%'),
              },
            ],
            clause: c('附件2 第2项 大病补充', READING.annualCumulative),
          },
          annualCap: { amount: '150000', clause: c('附件2 第2项 大病补充', '每人每年最高补偿 15 万元') },
          conditions: [],
          facts: [
            {
              name: 'outOfCatalogueSelfPay',
              type: 'money',
              label: '本次住院医保目录外自费金额（元）',
              required: true,
              help: '看“一站式”结算单上的“目录外自费”或“全自费”',
            },
          ],
          documents: [DOC.settlementSlip, DOC.medicalRecords, DOC.invoices, DOC.feeList, DOC.idCard, DOC.bankAccount],
          clause: c('附件2 第2项 大病补充'),
        },
        {
          id: 'illness_death',
          name: '疾病身故',
          group: '疾病身故',
          summary: '因病去世（含猝死），给家属 2000 元。',
          unit: 'person',
          formula: { kind: 'fixed', amount: '2000', clause: c('附件2 第3项 疾病身故') },
          conditions: [],
          facts: [],
          documents: [DOC.deathCertificate, DOC.idCard, DOC.beneficiaryId, DOC.bankAccount],
          clause: c('附件2 第3项 疾病身故'),
        },
        {
          id: 'student_critical_illness',
          name: '学生重大疾病',
          group: '学生重大疾病',
          summary: '3 到 22 周岁的在校学生第一次确诊 20 种重大疾病之一，一次性给 50000 元。',
          unit: 'person',
          formula: { kind: 'fixed', amount: '50000', clause: c('附件2 第4项 学生重大疾病') },
          oncePer: 'person',
          oncePerClause: c('附件2 第4项 学生重大疾病', '首次确诊，一次性补偿'),
          conditions: [
            { test: 'ageRange', min: 3, max: 22, clause: c('附件2 第4项 学生重大疾病', '确诊时年龄 3 至 22 周岁（含）') },
            { test: 'inSchool', clause: c('附件2 第4项 学生重大疾病', '在校学生') },
            { test: 'factTrue', fact: 'firstDiagnosis', message: '须为首次确诊', clause: c('附件2 第4项 学生重大疾病') },
            { test: 'factIn', fact: 'disease', values: SICK_STUDENT_DISEASES, message: '所患疾病不在 20 种重大疾病之列', clause: c('附件2 第4项 学生重大疾病（20 种）') },
          ],
          facts: [
            { name: 'disease', type: 'enum', label: '确诊的疾病', required: true, options: SICK_STUDENT_DISEASES.map((d) => ({ value: d, label: d })) },
            { name: 'firstDiagnosis', type: 'boolean', label: '是否首次确诊', required: true },
          ],
          documents: [
            DOC.diagnosis,
            { id: 'pathology', name: '病理、检查报告等确诊依据' },
            { id: 'school_certificate', name: '在校证明（学籍证明或学生证）' },
            DOC.medicalRecords,
            DOC.idCard,
            DOC.bankAccount,
          ],
          clause: c('附件2 第4项 学生重大疾病'),
        },
        {
          id: 'admission_grant',
          name: '升学补助金',
          group: '困难人群升学补助金',
          summary: '参加高考或考研被全日制高校录取，一次性补助：大专 2000 元，本科 3000 元，研究生 5000 元。',
          unit: 'person',
          formula: {
            kind: 'fixedByOption',
            fact: 'level',
            amounts: { zhuanke: '2000', benke: '3000', yanjiusheng: '5000' },
            clause: c('附件2 第5项 困难人群升学补助金'),
          },
          oncePer: 'option',
          oncePerClause: c('附件2 第5项 困难人群升学补助金', '录取当年一次性补助，每人每个录取层次一次'),
          conditions: [
            {
              test: 'factIn',
              fact: 'exam',
              values: ['gaokao_summer', 'postgraduate'],
              message: '须为参加夏季高考或研究生考试后被录取',
              clause: c('附件2 第5项 困难人群升学补助金'),
            },
            { test: 'factTrue', fact: 'fullTime', message: '须被全日制高等院校录取', clause: c('附件2 第5项 困难人群升学补助金') },
          ],
          facts: [
            {
              name: 'level',
              type: 'enum',
              label: '录取层次',
              required: true,
              options: [
                { value: 'zhuanke', label: '大专' },
                { value: 'benke', label: '本科' },
                { value: 'yanjiusheng', label: '研究生' },
              ],
            },
            {
              name: 'exam',
              type: 'enum',
              label: '参加的考试',
              required: true,
              options: [
                { value: 'gaokao_summer', label: '夏季高考' },
                { value: 'postgraduate', label: '研究生考试' },
                { value: 'other', label: '其他' },
              ],
            },
            { name: 'fullTime', type: 'boolean', label: '是否全日制', required: true },
          ],
          documents: [
            { id: 'admission_letter', name: '录取通知书（含报到截止日期）', note: '出险日期以通知书上载明的报到截止时间为准' },
            DOC.idCard,
            DOC.bankAccount,
          ],
          clause: c('附件2 第5项 困难人群升学补助金', '出险时间以录取通知书上载明的报到截止时间为准；该日须在保'),
        },
      ],
      defaultDeadline: DEFAULT_DEADLINE,
    },
  ],
};
