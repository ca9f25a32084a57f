/** Pieces several scheme files use: common claim documents and the default payout deadline. */
import type { ClauseRef } from '../core/clause';
import type { DeadlineRule } from '../deadlines/deadline';
import type { DocumentDef, FactDef } from './types';

export const DOC = {
  idCard: { id: 'id_card', name: '被保险人身份证或户口簿' },
  bankAccount: { id: 'bank_account', name: '收款人本人银行卡或存折（首页）' },
  beneficiaryId: { id: 'beneficiary_id', name: '受益人身份证及与被保险人的关系证明（户口簿、亲属关系证明）' },
  deathCertificate: { id: 'death_certificate', name: '死亡医学证明或户籍注销证明' },
  accidentProof: { id: 'accident_proof', name: '意外事故证明（事故认定书、村居委会或单位出具的情况说明）' },
  disabilityAssessment: { id: 'disability_assessment', name: '伤残鉴定书（按《人身保险伤残评定标准》评定）' },
  medicalRecords: { id: 'medical_records', name: '病历（门诊病历或住院病历、出院小结）' },
  invoices: { id: 'invoices', name: '医疗费用发票（医疗电子票据）' },
  feeList: { id: 'fee_list', name: '费用明细清单' },
  settlementSlip: { id: 'settlement_slip', name: '医保结算单（“一站式”结算单）' },
  diagnosis: { id: 'diagnosis', name: '诊断证明书' },
  propertyLossList: { id: 'property_loss_list', name: '财产损失清单及现场照片' },
} as const satisfies Record<string, DocumentDef>;

export const FACT = {
  medicalSelfPay: { name: 'medicalCost', type: 'money', label: '医疗费用（元）', required: true },
  grade: { name: 'grade', type: 'grade', label: '伤残等级（1-10 级）', required: true },
  deathOrDisability: {
    name: 'outcome',
    type: 'enum',
    label: '身故还是伤残',
    required: true,
    options: [
      { value: 'death', label: '身故' },
      { value: 'disability', label: '伤残' },
    ],
  },
  propertyLoss: { name: 'loss', type: 'money', label: '核定的财产损失金额（元）', required: true },
} as const satisfies Record<string, FactDef>;

/** Used where a document sets no payout deadline. */
export const HUIMIN_DEFAULT_CLAUSE: ClauseRef = {
  doc: 'huimin',
  clause: '系统默认赔付时限',
  reading: '文件未规定赔付时限：资料齐全后 10 个工作日内赔付（参照《保险法》第二十三条“达成协议后十日内履行”，按工作日提示）',
};

export const DEFAULT_DEADLINE: DeadlineRule = { kind: 'workingDays', workingDays: 10, clause: HUIMIN_DEFAULT_CLAUSE };

/** General readings of ../shared/POLICY_READINGS.md, cited by rules that apply them. */
export const READING = {
  annualCumulative: '年度限额与起付线按人按保险年度累计：本次赔付 = 累计后应赔 − 此前已应赔，且不超过剩余限额',
  boundInclusive: '“以上/以下/以内”含本数，“超过/低于”不含本数（民法典第一千二百五十九条）',
  disabilityGrades: '伤残按《人身保险伤残评定标准》（JR/T 0083-2013）：1 级 100%，每降一级减 10%，10 级 10%',
  versionByIncidentDate: '按出险日所在的方案版本判定；出险日不在任何版本期间内的，不予保障',
  onceEnrolled: '一人多重身份的，每个方案每年只参保一次、只缴一份保费',
} as const;
