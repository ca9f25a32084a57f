/**
 * 驻马店市 “一元民生”救助保险 (驻政办〔2019〕66号, seed 001): cases computed by hand.
 *
 * 三、(一) 见义勇为: 30000 per recognised act; death/disability ≤ 200000 (death 200000, disability
 *   grade × 200000); medical ≤ 50000.
 * 三、(二)(四)(五)(六) 群体性意外 / 自然灾害 / 交通事故 / 救助人员: death/disability ≤ 50000
 *   (grade × 50000); medical ≤ 5000; 自然灾害 also property ≤ 2000 a household.
 * 三、(三) 未成年人溺水死亡 (under 18): 50000.
 * 三、(七) 特困群众重病 (reading): 50% of the compliant cost left after medical insurance, ≤ 800 per
 *   hospitalisation; the 50% reaches 800 at 1600. Only 建档立卡贫困户/低保/特困/重度残疾/城镇困难职工.
 * Covered: registered residents of the city except 新蔡县. Contract year as set in the data: 2019-07-01 .. 2020-06-30.
 */
import type { PersonFacts } from '../../person';
import type { EstimateCase } from './case';

const S = 'zmd-yymsh';
const DATE = '2019-09-10';
const RESIDENT: PersonFacts = { birthDate: '1980-05-05', area: '驿城区', identities: [], registeredResident: true };
const withIds = (codes: string[], extra: Partial<PersonFacts> = {}): PersonFacts => ({ ...RESIDENT, identities: codes.map((code) => ({ code })), ...extra });

type Used = EstimateCase['request']['used'];
const c = (name: string, benefitId: string, facts: Record<string, unknown>, expect: EstimateCase['expect'], opts: { person?: PersonFacts; used?: Used; date?: string } = {}): EstimateCase => ({
  name,
  request: { schemeId: S, benefitId, incidentDate: opts.date ?? DATE, person: opts.person ?? RESIDENT, facts, ...(opts.used ? { used: opts.used } : {}) },
  expect,
});
const pay = (payout: string) => ({ covered: true, payout });
const no = (reasonCode: string) => ({ covered: false, reasonCode });

const HERO = { inCity: true, recognised: true };
const CITY = { inCity: true };
const TRAFFIC = { inCity: true, liableUnableOrFled: true, reliefFundProcessed: true };
const RESCUE = { inCity: true, onSiteRescue: true };
const FLOOD = { disasterType: '水灾' };
const HARDSHIP = withIds(['dibao']);
const ill = (cost: string) => ({ compliantCostAfterInsurance: cost, disease: '急性心肌梗塞', majorDiseaseConfirmed: true });

export const ZHUMADIAN_CASES: EstimateCase[] = [
  // ---------------------------------------------------------------- 见义勇为
  c('见义勇为认定 → 3 万元/次', 'heroic_act', HERO, pay('30000.00')),
  c('见义勇为又一次认定（每次都赔）→ 30000', 'heroic_act', HERO, pay('30000.00'), { used: { claimsThisYear: 1, claimsEver: 1, paid: '30000' } }),
  c('见义勇为未经县级以上认定 → 不赔', 'heroic_act', { inCity: true, recognised: false }, no('CONDITION_NOT_MET')),
  c('见义勇为不在驻马店境内 → 不赔', 'heroic_act', { inCity: false, recognised: true }, no('CONDITION_NOT_MET')),
  c('见义勇为身故 → 200000', 'heroic_death_disability', { ...HERO, outcome: 'death' }, pay('200000.00')),
  c('见义勇为伤残 1 级 = 200000 × 100%', 'heroic_death_disability', { ...HERO, outcome: 'disability', grade: 1 }, pay('200000.00')),
  c('见义勇为伤残 5 级 = 200000 × 60% = 120000', 'heroic_death_disability', { ...HERO, outcome: 'disability', grade: 5 }, pay('120000.00')),
  c('见义勇为伤残 10 级 = 200000 × 10% = 20000', 'heroic_death_disability', { ...HERO, outcome: 'disability', grade: 10 }, pay('20000.00')),
  c('见义勇为伤残 3 级 160000，本年已赔 100000 → 限额剩 100000', 'heroic_death_disability', { ...HERO, outcome: 'disability', grade: 3 }, pay('100000.00'), { used: { paid: '100000' } }),
  c('见义勇为医疗 49999.99 → 49999.99', 'heroic_medical', { ...HERO, medicalCost: '49999.99' }, pay('49999.99')),
  c('见义勇为医疗 50000.00 → 50000', 'heroic_medical', { ...HERO, medicalCost: '50000.00' }, pay('50000.00')),
  c('见义勇为医疗 50000.01 → 封顶 50000', 'heroic_medical', { ...HERO, medicalCost: '50000.01' }, pay('50000.00')),
  c('见义勇为医疗第二次：此前 30000（已赔 30000），本次 30000 → 50000 − 30000 = 20000', 'heroic_medical', { ...HERO, medicalCost: '30000' }, pay('20000.00'), { used: { base: '30000', paid: '30000' } }),

  // ---------------------------------------------------------------- 群体性意外事故
  c('群体性意外身故 → 50000', 'mass_accident_death_disability', { ...CITY, outcome: 'death' }, pay('50000.00')),
  c('群体性意外伤残 1 级 → 50000', 'mass_accident_death_disability', { ...CITY, outcome: 'disability', grade: 1 }, pay('50000.00')),
  c('群体性意外伤残 10 级 = 50000 × 10% = 5000', 'mass_accident_death_disability', { ...CITY, outcome: 'disability', grade: 10 }, pay('5000.00')),
  c('群体性意外伤残 4 级 35000，已赔 20000 → 剩 30000', 'mass_accident_death_disability', { ...CITY, outcome: 'disability', grade: 4 }, pay('30000.00'), { used: { paid: '20000' } }),
  c('群体性意外医疗 5000 → 5000', 'mass_accident_medical', { ...CITY, medicalCost: '5000' }, pay('5000.00')),
  c('群体性意外医疗 5000.01 → 5000', 'mass_accident_medical', { ...CITY, medicalCost: '5000.01' }, pay('5000.00')),
  c('群体性意外医疗第二次：此前 4000（已赔 4000），本次 1500 → 1000', 'mass_accident_medical', { ...CITY, medicalCost: '1500' }, pay('1000.00'), { used: { base: '4000', paid: '4000' } }),

  // ---------------------------------------------------------------- 未成年人溺水 (under 18)
  c('溺水 17 周岁（2001-09-11 生，差一天满 18）→ 50000', 'minor_drowning', { ...CITY, recognised: true }, pay('50000.00'), { person: { ...RESIDENT, birthDate: '2001-09-11' } }),
  c('溺水 18 周岁（2001-09-10 生）→ 不是未成年人', 'minor_drowning', { ...CITY, recognised: true }, no('AGE_OUT_OF_RANGE'), { person: { ...RESIDENT, birthDate: '2001-09-10' } }),
  c('溺水 6 周岁 → 50000', 'minor_drowning', { ...CITY, recognised: true }, pay('50000.00'), { person: { ...RESIDENT, birthDate: '2013-01-01' } }),
  c('溺水未经政府认定 → 不赔', 'minor_drowning', { ...CITY, recognised: false }, no('CONDITION_NOT_MET'), { person: { ...RESIDENT, birthDate: '2013-01-01' } }),

  // ---------------------------------------------------------------- 自然灾害
  c('水灾身故 → 50000', 'disaster_death_disability', { ...FLOOD, outcome: 'death' }, pay('50000.00')),
  c('雷击伤残 5 级 = 50000 × 60% = 30000', 'disaster_death_disability', { disasterType: '雷击', outcome: 'disability', grade: 5 }, pay('30000.00')),
  c('水灾伤残 9 级 10000，本年已赔 45000 → 剩 5000', 'disaster_death_disability', { ...FLOOD, outcome: 'disability', grade: 9 }, pay('5000.00'), { used: { paid: '45000' } }),
  c('风灾医疗 5000.00 → 5000', 'disaster_medical', { disasterType: '风灾', medicalCost: '5000.00' }, pay('5000.00')),
  c('雪灾医疗 6000 → 5000', 'disaster_medical', { disasterType: '雪灾', medicalCost: '6000' }, pay('5000.00')),
  c('雹灾医疗第二次：此前 3000（已赔 3000），本次 3000 → 2000', 'disaster_medical', { disasterType: '雹灾', medicalCost: '3000' }, pay('2000.00'), { used: { base: '3000', paid: '3000' } }),
  c('地面塌陷财产损失 1999.99 → 1999.99', 'disaster_property', { disasterType: '地面塌陷', loss: '1999.99' }, pay('1999.99')),
  c('突发性滑坡财产损失 2000.00 → 2000', 'disaster_property', { disasterType: '突发性滑坡', loss: '2000.00' }, pay('2000.00')),
  c('森林火灾财产损失 2000.01 → 每户 2000', 'disaster_property', { disasterType: '森林火灾', loss: '2000.01' }, pay('2000.00')),
  c('水灾财产第二次：此前 1500（已赔 1500），本次 1000 → 500', 'disaster_property', { ...FLOOD, loss: '1000' }, pay('500.00'), { used: { base: '1500', paid: '1500' } }),

  // ---------------------------------------------------------------- 道路交通事故
  c('交通事故（肇事逃逸，救助基金已处理）身故 → 50000', 'traffic_death_disability', { ...TRAFFIC, outcome: 'death' }, pay('50000.00')),
  c('交通事故伤残 8 级 = 50000 × 30% = 15000', 'traffic_death_disability', { ...TRAFFIC, outcome: 'disability', grade: 8 }, pay('15000.00')),
  c('交通事故未经救助基金处理 → 不赔', 'traffic_death_disability', { ...TRAFFIC, reliefFundProcessed: false, outcome: 'death' }, no('CONDITION_NOT_MET')),
  c('交通事故责任人有能力赔偿 → 不赔', 'traffic_death_disability', { ...TRAFFIC, liableUnableOrFled: false, outcome: 'death' }, no('CONDITION_NOT_MET')),
  c('交通事故伤残 2 级 45000，本年已赔 10000 → 剩 40000', 'traffic_death_disability', { ...TRAFFIC, outcome: 'disability', grade: 2 }, pay('40000.00'), { used: { paid: '10000' } }),
  c('交通事故医疗 5000.01 → 5000', 'traffic_medical', { ...TRAFFIC, medicalCost: '5000.01' }, pay('5000.00')),
  c('交通事故医疗第二次：此前 2500.50（已赔 2500.50），本次 2499.49 → 累计 4999.99 − 2500.50 = 2499.49', 'traffic_medical', { ...TRAFFIC, medicalCost: '2499.49' }, pay('2499.49'), { used: { base: '2500.50', paid: '2500.50' } }),
  c('交通事故医疗第二次：此前 2500.50（已赔 2500.50），本次 2500.49 → 累计 5000.99 封顶 5000 − 2500.50 = 2499.50', 'traffic_medical', { ...TRAFFIC, medicalCost: '2500.49' }, pay('2499.50'), { used: { base: '2500.50', paid: '2500.50' } }),
  c('交通事故医疗第三次：此前 4999.99（已赔 4999.99），本次 100 → 0.01', 'traffic_medical', { ...TRAFFIC, medicalCost: '100' }, pay('0.01'), { used: { base: '4999.99', paid: '4999.99' } }),

  // ---------------------------------------------------------------- 救助人员
  c('救助人员身故 → 50000', 'rescuer_death_disability', { ...RESCUE, outcome: 'death' }, pay('50000.00')),
  c('救助人员伤残 6 级 = 50000 × 50% = 25000', 'rescuer_death_disability', { ...RESCUE, outcome: 'disability', grade: 6 }, pay('25000.00')),
  c('救助人员伤残后身故：已赔伤残 25000，身故 50000 → 剩 25000', 'rescuer_death_disability', { ...RESCUE, outcome: 'death' }, pay('25000.00'), { used: { paid: '25000' } }),
  c('救助人员医疗 4321.09 → 4321.09', 'rescuer_medical', { ...RESCUE, medicalCost: '4321.09' }, pay('4321.09')),
  c('救助人员医疗第二次：此前 4321.09（已赔 4321.09），本次 1000 → 678.91', 'rescuer_medical', { ...RESCUE, medicalCost: '1000' }, pay('678.91'), { used: { base: '4321.09', paid: '4321.09' } }),
  c('非现场参与救助 → 不赔', 'rescuer_medical', { inCity: true, onSiteRescue: false, medicalCost: '100' }, no('CONDITION_NOT_MET')),

  // ---------------------------------------------------------------- 特困群众重病 (50%, ≤ 800 a hospitalisation)
  c('重病 1000 × 50% = 500', 'hardship_major_illness', ill('1000'), pay('500.00'), { person: HARDSHIP }),
  c('重病 0.02 × 50% = 0.01', 'hardship_major_illness', ill('0.02'), pay('0.01'), { person: HARDSHIP }),
  c('重病 1599.98 × 50% = 799.99', 'hardship_major_illness', ill('1599.98'), pay('799.99'), { person: HARDSHIP }),
  c('重病 1599.99 × 50% = 799.995 → 800.00', 'hardship_major_illness', ill('1599.99'), pay('800.00'), { person: HARDSHIP }),
  c('重病 1600.00 × 50% = 800 正好到顶', 'hardship_major_illness', ill('1600.00'), pay('800.00'), { person: HARDSHIP }),
  c('重病 1600.01 × 50% = 800.005 → 每次 800', 'hardship_major_illness', ill('1600.01'), pay('800.00'), { person: HARDSHIP }),
  c('重病 1600.02 × 50% = 800.01 → 每次 800', 'hardship_major_illness', ill('1600.02'), pay('800.00'), { person: HARDSHIP }),
  c('重病 100000 → 每次 800', 'hardship_major_illness', ill('100000'), pay('800.00'), { person: HARDSHIP }),
  c('重病第二次住院（本年已赔 800）→ 每次住院另计 800', 'hardship_major_illness', ill('5000'), pay('800.00'), { person: HARDSHIP, used: { paid: '800', base: '5000', claimsThisYear: 1, claimsEver: 1 } }),
  c('重病 农村建档立卡贫困户', 'hardship_major_illness', ill('600'), pay('300.00'), { person: withIds(['rural_poverty_registered']) }),
  c('重病 特困供养人员', 'hardship_major_illness', ill('600'), pay('300.00'), { person: withIds(['tekun']) }),
  c('重病 重度残疾人', 'hardship_major_illness', ill('600'), pay('300.00'), { person: withIds(['severe_disability']) }),
  c('重病 城镇建档立卡困难职工', 'hardship_major_illness', ill('600'), pay('300.00'), { person: withIds(['urban_hardship_worker']) }),
  c('重病 非特困群众（普通户籍居民）→ 不赔', 'hardship_major_illness', ill('1000'), no('CATEGORY_MISSING')),
  c('重病 孤儿（不在五类特殊困难群体之列）→ 不赔', 'hardship_major_illness', ill('1000'), no('CATEGORY_MISSING'), { person: withIds(['orphan']) }),
  c('重病 未核实属于 33 类疾病 → 不赔', 'hardship_major_illness', { ...ill('1000'), majorDiseaseConfirmed: false }, no('CONDITION_NOT_MET'), { person: HARDSHIP }),

  // ---------------------------------------------------------------- who and when
  c('新蔡县户籍 → 不在保障范围', 'heroic_act', HERO, no('AREA_EXCLUDED'), { person: { ...RESIDENT, area: '新蔡县' } }),
  c('新蔡县的低保户重病 → 不在保障范围', 'hardship_major_illness', ill('1000'), no('AREA_EXCLUDED'), { person: withIds(['dibao'], { area: '新蔡县' }) }),
  c('非本地户籍 → 不赔', 'heroic_act', HERO, no('NOT_REGISTERED_RESIDENT'), { person: { ...RESIDENT, registeredResident: false } }),
  c('泌阳县户籍 → 在保', 'heroic_act', HERO, pay('30000.00'), { person: { ...RESIDENT, area: '泌阳县' } }),
  c('合同年度首日 2019-07-01', 'heroic_act', HERO, pay('30000.00'), { date: '2019-07-01' }),
  c('合同年度末日 2020-06-30', 'heroic_act', HERO, pay('30000.00'), { date: '2020-06-30' }),
  c('合同年度后 2020-07-01 → 不在保险期间', 'heroic_act', HERO, no('NO_VERSION_IN_FORCE'), { date: '2020-07-01' }),
];
