/**
 * Identity categories: who a person is on civil affairs' (and others') rosters.
 * One vocabulary for all schemes, so a person with several identities is one person with several codes.
 */
export interface CategoryDef {
  code: string;
  label: string;
  /** Which roster this comes from. */
  roster: string;
}

export const CATEGORIES: readonly CategoryDef[] = [
  { code: 'dibao', label: '低保对象', roster: '民政·低保' },
  { code: 'tekun', label: '特困人员', roster: '民政·特困供养' },
  { code: 'orphan', label: '孤儿', roster: '民政·儿童福利' },
  { code: 'de_facto_orphan', label: '事实无人抚养儿童', roster: '民政·儿童福利' },
  { code: 'youfu_regular', label: '享受国家定期抚恤补助的优抚对象', roster: '退役军人事务' },
  { code: 'disabled_police', label: '伤残人民警察', roster: '退役军人事务' },
  { code: 'disabled_civil_servant', label: '伤残国家机关工作人员', roster: '退役军人事务' },
  { code: 'rural_poverty_registered', label: '农村建档立卡贫困户', roster: '乡村振兴·建档立卡' },
  { code: 'severe_disability', label: '重度残疾人', roster: '残联' },
  { code: 'urban_hardship_worker', label: '城镇建档立卡困难职工', roster: '总工会' },
  { code: 'poverty_policy', label: '享受脱贫攻坚政策人口', roster: '扶贫·2018年底动态调整' },
  { code: 'tuopin', label: '脱贫户', roster: '全国防返贫监测信息系统' },
  { code: 'edge_at_risk', label: '边缘易致贫户', roster: '全国防返贫监测信息系统' },
  { code: 'severe_hardship', label: '严重困难人口', roster: '全国防返贫监测信息系统' },
  { code: 'low_income', label: '低收入困难家庭成员', roster: '民政·低收入' },
  { code: 'illness_poverty', label: '因病支出型贫困家庭成员', roster: '民政·医疗救助' },
  { code: 'nonlocal_family', label: '与本区户籍居民共同生活的非本市户籍家属', roster: '民政·医疗救助' },
  { code: 'disability_card', label: '持证残疾人', roster: '残联' },
  { code: 'hardship_farmer', label: '生活困难农户', roster: '农业农村' },
  { code: 'youfu_key', label: '退役军人重点优抚对象', roster: '退役军人事务' },
  { code: 'youfu_district', label: '区级在册优抚对象', roster: '退役军人事务' },
];

const BY_CODE = new Map(CATEGORIES.map((c) => [c.code, c]));

export function categoryLabel(code: string): string {
  return BY_CODE.get(code)?.label ?? code;
}

export function isKnownCategory(code: string): boolean {
  return BY_CODE.has(code);
}
