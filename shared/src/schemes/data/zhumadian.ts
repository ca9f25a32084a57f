/**
 * 驻马店市 “一元民生”救助保险, 2019 contract year.
 * Source: 驻政办〔2019〕66号 实施方案 (seed 001_c8752df9721306a4.txt).
 */
import type { ClauseRef } from '../../core/clause';
import { DOC, FACT, READING } from '../common';
import type { BenefitDef, ConditionDef, DocumentDef } from '../types';
import type { SchemeDefinition } from '../types';

const c = (clause: string, reading?: string): ClauseRef => ({ doc: 'zmd-2019', clause, ...(reading ? { reading } : {}) });

const IN_CITY: ConditionDef = {
  test: 'factTrue',
  fact: 'inCity',
  message: '事故须发生在驻马店市境内',
  clause: c('二、（二）救助保障的对象', '在驻马店境内发生'),
};
const IN_CITY_FACT = { name: 'inCity', type: 'boolean', label: '是否发生在驻马店市境内', required: true } as const;

const DISASTERS = ['风灾', '水灾', '雪灾', '雹灾', '雷击', '地面塌陷', '突发性滑坡', '森林火灾'];

const SPECIAL_HARDSHIP = ['rural_poverty_registered', 'dibao', 'tekun', 'severe_disability', 'urban_hardship_worker'];

/** The three payouts of a liability that pays death/disability, medical and (for disasters) property. */
function liability(opts: {
  key: string;
  group: string;
  section: string;
  deathDisability: string;
  medical?: string;
  property?: string;
  conditions: ConditionDef[];
  facts: BenefitDef['facts'];
  proof: DocumentDef[];
}): BenefitDef[] {
  const clause = c(opts.section);
  const out: BenefitDef[] = [
    {
      id: `${opts.key}_death_disability`,
      name: `${opts.group}·身故伤残`,
      group: opts.group,
      summary: `身故赔 ${opts.deathDisability} 元；伤残按等级赔，最多 ${opts.deathDisability} 元。`,
      unit: 'person',
      formula: {
        kind: 'disability',
        sum: opts.deathDisability,
        deathAmount: opts.deathDisability,
        clause: c(opts.section, READING.disabilityGrades),
      },
      annualCap: { amount: opts.deathDisability, clause: c(opts.section, '死亡（残疾）赔付限额按人按年累计') },
      conditions: opts.conditions,
      facts: [...opts.facts, FACT.deathOrDisability, { ...FACT.grade, required: false, help: '伤残时填写' }],
      documents: [...opts.proof, DOC.deathCertificate, DOC.disabilityAssessment, DOC.idCard, DOC.beneficiaryId, DOC.bankAccount],
      clause,
    },
  ];
  if (opts.medical) {
    out.push({
      id: `${opts.key}_medical`,
      name: `${opts.group}·医疗`,
      group: opts.group,
      summary: `看病花的钱按实际赔，每人每年最多 ${opts.medical} 元。`,
      unit: 'person',
      formula: { kind: 'reimbursement', base: 'medicalCost', accumulation: 'year', rate: '1', clause },
      annualCap: { amount: opts.medical, clause: c(opts.section, '医疗赔付限额按人按年累计') },
      conditions: opts.conditions,
      facts: [...opts.facts, FACT.medicalSelfPay],
      documents: [...opts.proof, DOC.medicalRecords, DOC.invoices, DOC.feeList, DOC.idCard, DOC.bankAccount],
      clause,
    });
  }
  if (opts.property) {
    out.push({
      id: `${opts.key}_property`,
      name: `${opts.group}·财产损失`,
      group: opts.group,
      summary: `家里财产受损，每户每年最多赔 ${opts.property} 元。`,
      unit: 'household',
      formula: { kind: 'reimbursement', base: 'loss', accumulation: 'year', rate: '1', clause },
      annualCap: { amount: opts.property, clause: c(opts.section, '财产损失赔付限额按户按年累计') },
      conditions: opts.conditions,
      facts: [...opts.facts, FACT.propertyLoss],
      documents: [...opts.proof, DOC.propertyLossList, DOC.idCard, DOC.bankAccount],
      clause,
    });
  }
  return out;
}

const DISASTER_FACT = { name: 'disasterType', type: 'enum', label: '灾害类型', required: true, options: DISASTERS.map((d) => ({ value: d, label: d })) } as const;

export const ZHUMADIAN: SchemeDefinition = {
  id: 'zmd-yymsh',
  name: '“一元民生”救助保险',
  shortName: '一元民生',
  kind: 'insurance',
  region: { province: '河南省', city: '驻马店市' },
  sources: [
    {
      id: 'zmd-2019',
      title: '驻马店市“一元民生”救助保险项目实施方案',
      docNo: '驻政办〔2019〕66号',
      issuer: '驻马店市人民政府办公室',
      date: '2019-05-29',
      seedFile: '001_c8752df9721306a4.txt',
    },
  ],
  versions: [
    {
      id: 'zmd-2019',
      effective: { from: '2019-07-01', to: '2020-06-30' },
      insuranceYears: [{ id: '2019', from: '2019-07-01', to: '2020-06-30' }],
      periodNote: '保险期限一年，以签订合作协议时间为准；文件未载明签约日，按实施方案的工作安排（2019 年 7 月至 2020 年 6 月）设定，签约后由管理员按合同修改。',
      periodClause: c('二、（一）1. 范围；六、重点工作任务安排', '保险期限一年，以启动签订合作协议时间为准'),
      coverage: {
        basis: 'registered_residents',
        qualifying: [],
        areas: [
          { name: '驿城区', code: '411702' },
          { name: '西平县', code: '411721' },
          { name: '上蔡县', code: '411722' },
          { name: '平舆县', code: '411723' },
          { name: '正阳县', code: '411724' },
          { name: '确山县', code: '411725' },
          { name: '泌阳县', code: '411726' },
          { name: '汝南县', code: '411727' },
          { name: '遂平县', code: '411728' },
          { name: '市城乡一体化示范区' },
          { name: '经济开发区' },
          { name: '高新技术产业开发区' },
        ],
        excludedAreas: [{ name: '新蔡县', code: '411729', clause: c('一、（一）工作思路', '全市（不含新蔡，下同）户籍人口') }],
        coverStart: 'periodStart',
        coverStartClause: c('二、（一）1. 范围', '全市户籍人口全覆盖，自保险期间开始'),
        clause: c('一、（一）工作思路；二、（一）', '全市（不含新蔡县）户籍人口全覆盖'),
      },
      insurers: [{ id: 'zmd-insurer', name: '承保保险机构（公开招标确定）', hotline: null, hotlineSource: '文件未载明：以中标保险机构设立的理赔专线为准' }],
      funding: [
        {
          id: 'premium',
          name: '保费',
          unit: 'person',
          basis: 'perYear',
          amount: '1',
          payers: { kind: 'areaGovernment', payerSuffix: '财政', clause: c('二、（一）2. 保费', '各县区政府（管委会）按辖区户籍人口数每人每年 1 元列入财政预算') },
          clause: c('二、（一）2. 保费'),
        },
      ],
      benefits: [
        {
          id: 'heroic_act',
          name: '见义勇为·一次性救助',
          group: '见义勇为',
          summary: '经县级以上认定的见义勇为，每次给 3 万元。',
          unit: 'person',
          formula: { kind: 'fixed', amount: '30000', clause: c('三、（一）', '经县级以上政府部门认定为见义勇为行为的，按 3 万元/次赔付') },
          conditions: [
            IN_CITY,
            { test: 'factTrue', fact: 'recognised', message: '须经县级以上管辖部门认定为见义勇为', clause: c('二、（二）1.；三、（一）') },
          ],
          facts: [IN_CITY_FACT, { name: 'recognised', type: 'boolean', label: '是否经县级以上部门认定为见义勇为', required: true }],
          documents: [{ id: 'heroic_recognition', name: '县级以上部门出具的见义勇为认定文件' }, DOC.idCard, DOC.bankAccount],
          clause: c('三、（一）'),
        },
        ...liability({
          key: 'heroic',
          group: '见义勇为',
          section: '三、（一）',
          deathDisability: '200000',
          medical: '50000',
          conditions: [
            IN_CITY,
            { test: 'factTrue', fact: 'recognised', message: '须经县级以上管辖部门认定为见义勇为', clause: c('二、（二）1.；三、（一）') },
          ],
          facts: [IN_CITY_FACT, { name: 'recognised', type: 'boolean', label: '是否经县级以上部门认定为见义勇为', required: true }],
          proof: [{ id: 'heroic_recognition', name: '县级以上部门出具的见义勇为认定文件' }],
        }),
        ...liability({
          key: 'mass_accident',
          group: '群体性意外事故',
          section: '三、（二）',
          deathDisability: '50000',
          medical: '5000',
          conditions: [IN_CITY],
          facts: [IN_CITY_FACT],
          proof: [{ id: 'mass_accident_proof', name: '政府或有关部门出具的群体性意外事故证明' }],
        }),
        {
          id: 'minor_drowning',
          name: '未成年人溺水身故',
          group: '未成年人溺水死亡',
          summary: '未满 18 周岁的孩子溺水去世，经政府认定，给家属 5 万元。',
          unit: 'person',
          formula: { kind: 'fixed', amount: '50000', clause: c('三、（三）') },
          oncePer: 'person',
          oncePerClause: c('三、（三）', '死亡救助限额 5 万元/人'),
          conditions: [
            IN_CITY,
            { test: 'ageRange', max: 17, clause: c('二、（二）3.', '未成年人：出险日未满 18 周岁') },
            { test: 'factTrue', fact: 'recognised', message: '须经政府及相关部门认定为溺水死亡', clause: c('二、（二）3.') },
          ],
          facts: [IN_CITY_FACT, { name: 'recognised', type: 'boolean', label: '是否经政府及相关部门认定', required: true }],
          documents: [{ id: 'drowning_recognition', name: '政府及相关部门出具的溺水死亡认定' }, DOC.deathCertificate, DOC.idCard, DOC.beneficiaryId, DOC.bankAccount],
          clause: c('三、（三）'),
        },
        ...liability({
          key: 'disaster',
          group: '自然灾害',
          section: '三、（四）',
          deathDisability: '50000',
          medical: '5000',
          property: '2000',
          conditions: [
            { test: 'factIn', fact: 'disasterType', values: DISASTERS, message: '灾害类型不在保障范围内（风灾、水灾、雪灾、雹灾、雷击、地面塌陷、突发性滑坡、森林火灾）', clause: c('二、（二）4.') },
          ],
          facts: [DISASTER_FACT],
          proof: [{ id: 'disaster_proof', name: '乡镇政府或气象等部门出具的灾害证明' }],
        }),
        ...liability({
          key: 'traffic',
          group: '道路交通事故',
          section: '三、（五）',
          deathDisability: '50000',
          medical: '5000',
          conditions: [
            IN_CITY,
            { test: 'factTrue', fact: 'liableUnableOrFled', message: '须为责任人无能力赔偿或肇事车辆逃逸', clause: c('二、（二）5.') },
            { test: 'factTrue', fact: 'reliefFundProcessed', message: '须先经道路交通事故社会救助基金处理', clause: c('三、（五）', '按《河南省道路交通事故社会救助基金管理办法》处理后') },
          ],
          facts: [
            IN_CITY_FACT,
            { name: 'liableUnableOrFled', type: 'boolean', label: '责任人无力赔偿或肇事车辆逃逸', required: true },
            { name: 'reliefFundProcessed', type: 'boolean', label: '是否已经道路交通事故社会救助基金处理', required: true },
          ],
          proof: [
            { id: 'traffic_accident_report', name: '交警部门出具的道路交通事故认定书' },
            { id: 'relief_fund_decision', name: '道路交通事故社会救助基金垫付或处理证明' },
          ],
        }),
        ...liability({
          key: 'rescuer',
          group: '救助人员意外事故',
          section: '三、（六）',
          deathDisability: '50000',
          medical: '5000',
          conditions: [IN_CITY, { test: 'factTrue', fact: 'onSiteRescue', message: '须为现场参与灾害事故救助时受伤或身故', clause: c('二、（二）6.') }],
          facts: [IN_CITY_FACT, { name: 'onSiteRescue', type: 'boolean', label: '是否在现场参与灾害事故救助时出险', required: true }],
          proof: [{ id: 'rescue_proof', name: '组织救助的单位出具的参与救助证明' }],
        }),
        {
          id: 'hardship_major_illness',
          name: '特困群众重病医疗救助',
          group: '特困群众重病群体',
          summary: '困难群众因 33 种重大疾病住院，医保报销后剩下的合规费用赔 50%，每次住院最多 800 元。',
          unit: 'person',
          formula: {
            kind: 'reimbursement',
            base: 'compliantCostAfterInsurance',
            accumulation: 'claim',
            rate: '0.5',
            clause: c('三、（七）', '医保报销后剩余的符合医疗报销费用按 50% 赔付，每次住院最高 800 元'),
          },
          perClaimCap: { amount: '800', clause: c('三、（七）', '每次住院最高 800 元') },
          conditions: [
            { test: 'hasCategory', anyOf: SPECIAL_HARDSHIP, clause: c('二、（二）7.', '农村建档立卡贫困户、低保户、特困供养人员、重度残疾人、城镇建档立卡困难职工') },
            {
              test: 'factTrue',
              fact: 'majorDiseaseConfirmed',
              message: '须为豫人社医疗〔2016〕15号界定的 33 类重特大疾病住院（由经办人员核实）',
              clause: c('二、（二）7.', '33 个病种清单不在文件中，由经办人员核实，管理员维护病种清单'),
            },
          ],
          facts: [
            { name: 'compliantCostAfterInsurance', type: 'money', label: '医保报销后剩余的合规医疗费用（元）', required: true },
            { name: 'disease', type: 'text', label: '所患疾病', required: true },
            { name: 'majorDiseaseConfirmed', type: 'boolean', label: '经办人员已核实属于 33 类重特大疾病', required: true },
          ],
          documents: [DOC.settlementSlip, DOC.diagnosis, DOC.medicalRecords, DOC.invoices, DOC.idCard, DOC.bankAccount],
          deadline: {
            kind: 'nextWorkingDay',
            sameDayFiling: true,
            clause: c('一、（二）总体目标', '特殊困难群体医疗救助赔付案，资料齐全的当日立案、次日赔付'),
          },
          clause: c('三、（七）'),
        },
      ],
      riskSharing: {
        kind: 'refundAndShare',
        breakEven: '0.85',
        insurerMaxShare: '0.15',
        refundTo: '县区财政',
        topUpBy: '县区财政',
        clause: c('五、风险分担调节机制', '理赔支出低于 85% 的结余退回县区财政；达到或超过 85% 的，超出部分 15%（含）以内由保险机构承担，其余由县区财政补充'),
      },
      defaultDeadline: {
        kind: 'amountBands',
        bands: [
          { max: '10000', maxInclusive: true, workingDays: 3, label: '1 万元以下' },
          { max: '100000', maxInclusive: false, workingDays: 7, label: '1 万元以上、10 万元以下' },
          { workingDays: 10, label: '10 万元以上' },
        ],
        clause: c('一、（二）总体目标', '资料齐全后自次日起算：1 万元（含）以下 3 个工作日；1 万至 10 万元 7 个工作日；10 万元（含）以上 10 个工作日'),
      },
    },
  ],
};
