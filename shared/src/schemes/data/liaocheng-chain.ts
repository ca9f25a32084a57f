/**
 * 聊城 medical settlement chain for people enjoying poverty-alleviation policy (2019):
 * basic insurance → critical-illness insurance → hospital reduction → medical assistance → the supplement.
 * Source: 聊城市 2019 年度扶贫特惠保险实施方案 五、（一）1–3 and 三、（一）.
 */
import type { ClauseRef } from '../../core/clause';

const c = (clause: string, reading?: string): ClauseRef => ({ doc: 'lc-2019', clause, ...(reading ? { reading } : {}) });

export interface LiaochengChainParams {
  schemeId: string;
  effective: { from: string; to: string };
  basic: Record<'1' | '2' | '3', { deductible: string; rate: string }> & { level1EssentialDrugRate: string; clause: ClauseRef };
  hospitalReduction: { rate: string; clause: ClauseRef };
  medicalAssistance: { rate: string; annualCap: string; clause: ClauseRef };
  supplementBenefitId: string;
  /** Our reading where the document is silent; shown in the breakdown. */
  deductibleOrderReading: string;
  criticalIllnessClause: ClauseRef;
}

export const LIAOCHENG_CHAIN: LiaochengChainParams = {
  schemeId: 'lc-fpthb',
  effective: { from: '2019-01-01', to: '2019-12-31' },
  basic: {
    '1': { deductible: '200', rate: '0.80' },
    '2': { deductible: '500', rate: '0.70' },
    '3': { deductible: '900', rate: '0.60' },
    level1EssentialDrugRate: '0.90',
    clause: c('五、（一）1、提高基本医保和大病保险保障水平', '首次住院起付线一、二、三级 200/500/900 元，报销 80%/70%/60%，一级医疗机构国家基本药物 90%'),
  },
  hospitalReduction: { rate: '0.10', clause: c('五、（一）2、医疗机构减免', '医保目录外全额自费费用由医疗机构减免 10%') },
  medicalAssistance: { rate: '0.70', annualCap: '15000', clause: c('五、（一）3、加大医疗救助力度', '政策范围内住院自负费用救助 70%，每人每年累计不超过 15000 元') },
  supplementBenefitId: 'medical_supplement',
  deductibleOrderReading: '一级医院起付线先由非基本药物费用承担（文件未规定先后，惠民口径）',
  criticalIllnessClause: c('五、（一）1、大病保险', '大病保险补偿金额以结算单为准'),
};
