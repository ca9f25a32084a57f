import { rng } from '../common/rng';
import { ProxyGrant } from '../auth/entities/proxy-grant.entity';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { computePremium, coveredMonths, makeIdNumber } from '@huimin/shared';
import Decimal from 'decimal.js';
import { DataSource, EntityManager } from 'typeorm';
import { hashPassword } from '../common/crypto/password';
import { PiiCryptoService } from '../common/crypto/pii-crypto.service';
import { APP_CONFIG, AppConfig } from '../config/config';
import { Enrolment } from '../enrolment/enrolment.entity';
import { District } from '../geo/district.entity';
import { Insurer } from '../geo/insurer.entity';
import { Household } from '../people/household.entity';
import { Identity } from '../people/identity.entity';
import { Person, type PersonFlags, type Sex } from '../people/person.entity';
import { loadSubsidyDemo } from '../subsidy/demo';
import { AnnualUsage } from '../usage/annual-usage.entity';
import { AppUser, type Role } from '../users/app-user.entity';
import { UserDistrict } from '../users/user-district.entity';

/** Every demo staff login uses this password. Demo data is refused in production (see config). */
export const DEMO_PASSWORD = 'Huimin-demo-2026';

/** WeChat openids of the showcase beneficiaries (the dev login signs in with these). */
export const DEMO_OPENIDS = {
  student: 'demo-openid-student',
  tekun: 'demo-openid-tekun',
  elderly: 'demo-openid-elderly',
  minhang: 'demo-openid-minhang',
  jincheng: 'demo-openid-jincheng',
} as const;

/** Staff logins: username → role and the scheme whose districts they serve (adjuster: one insurer's districts). */
export const DEMO_STAFF: { username: string; role: Role; schemeId?: string; insurerCode?: string; label: string }[] = [
  { username: 'cw-chongqing', role: 'caseworker', schemeId: 'cq-hmjkb', label: '重庆 区县民政经办人员' },
  { username: 'cw-zhumadian', role: 'caseworker', schemeId: 'zmd-yymsh', label: '驻马店 县区民政经办人员' },
  { username: 'cw-liaocheng', role: 'caseworker', schemeId: 'lc-fpthb', label: '聊城 县级经办人员' },
  { username: 'cw-jincheng', role: 'caseworker', schemeId: 'jc-fpzhbx', label: '晋城 县级经办人员' },
  { username: 'cw-minhang', role: 'caseworker', schemeId: 'mh-huhuibao', label: '闵行 区民政经办人员' },
  { username: 'adjuster-chinalife', role: 'adjuster', insurerCode: 'cq-chinalife', label: '中国人寿重庆分公司 理赔员' },
  { username: 'finance', role: 'finance', label: '财政/民政 财务人员' },
  { username: 'admin', role: 'admin', label: '系统管理员' },
];

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢'.split('');
const GIVEN = '秀英桂兰玉珍凤华建国明德志强红梅丽娟春生永福海燕淑芬文军小平国庆金花长林建华光荣秋菊学军思远子涵雨轩浩然欣怡'.split('');


interface PlannedPerson {
  key?: keyof typeof DEMO_OPENIDS;
  name: string;
  birthDate: string;
  schemeId: string;
  area: string;
  regionCode: string;
  householdTag: string;
  identities: { code: string; validFrom: string; validTo?: string; confirmedOn?: string }[];
  flags: PersonFlags;
  enrolments: { year: number; coverStart: string; coverEnd: string }[];
  usage?: { benefit: string; year: number; baseUsed: string; paid: string; household?: boolean }[];
  phone?: string;
}

const REGION: Record<string, string> = { 'cq-hmjkb': '500103', 'zmd-yymsh': '411702', 'lc-fpthb': '371502', 'jc-fpzhbx': '140525', 'mh-huhuibao': '310112' };

/**
 * Demo people for the embedded default: a few hundred people across the five schemes, households,
 * identities, enrolments with the engine's premiums, some yearly ledger rows, staff and beneficiary logins.
 * Idempotent (skipped when the showcase student's login exists), one transaction.
 */
@Injectable()
export class DemoSeedService {
  private readonly logger = new Logger('DemoSeed');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly pii: PiiCryptoService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async run(): Promise<{ skipped: boolean; people: number; users: number }> {
    if (this.config.isProduction) throw new Error('demo data is never loaded in production');
    const exists = await this.ds.getRepository(AppUser).exists({ where: { wechatOpenid: DEMO_OPENIDS.student } });
    if (exists) return { skipped: true, people: 0, users: 0 };
    const passwordHash = await hashPassword(DEMO_PASSWORD);
    const report = await this.ds.transaction((m) => this.load(m, passwordHash));
    this.logger.log(`demo data: ${report.people} people, ${report.users} logins (password for staff: see server/README.md)`);
    return { skipped: false, ...report };
  }

  private async load(m: EntityManager, passwordHash: string): Promise<{ people: number; users: number }> {
    const districts = await m.getRepository(District).find();
    const byArea = new Map(districts.filter((d) => d.schemeId).map((d) => [`${d.schemeId}/${d.name}`, d]));
    const plan = planPeople(districts);

    // Households: one row per household tag, in the first member's district.
    const householdIds = new Map<string, number>();
    let hhNo = 1;
    for (const p of plan) {
      if (householdIds.has(p.householdTag)) continue;
      const d = byArea.get(`${p.schemeId}/${p.area}`)!;
      const r = await m.getRepository(Household).insert({ householdNo: `DEMO-${String(hhNo++).padStart(5, '0')}`, districtId: d.id });
      householdIds.set(p.householdTag, r.identifiers[0].id as number);
    }

    const usedIds = new Set<string>();
    let seq = 1;
    const premiumCache = new Map<string, Decimal>();
    const personIdByKey = new Map<string, number>();
    const identityRows: QueryDeepPartialEntity<Identity>[] = [];
    const enrolmentRows: QueryDeepPartialEntity<Enrolment>[] = [];
    for (const p of plan) {
      const d = byArea.get(`${p.schemeId}/${p.area}`)!;
      let idNumber = '';
      do {
        idNumber = makeIdNumber(p.regionCode, p.birthDate, seq++ % 1000);
      } while (usedIds.has(idNumber));
      usedIds.add(idNumber);
      const sex: Sex = Number(idNumber[16]) % 2 === 1 ? 'M' : 'F';
      const id = this.pii.protectIdNumber(idNumber);
      const phone = p.phone ? this.pii.protectPhone(p.phone) : null;
      const r = await m.getRepository(Person).insert({
        name: p.name,
        idNumberEnc: id.enc,
        idNumberHash: id.hash,
        idNumberMasked: id.masked,
        birthDate: p.birthDate,
        sex,
        districtId: d.id,
        householdId: householdIds.get(p.householdTag)!,
        phoneEnc: phone?.enc ?? null,
        phoneMasked: phone?.masked ?? null,
        flags: p.flags,
      });
      const personId = r.identifiers[0].id as number;
      if (p.key) personIdByKey.set(p.key, personId);
      identityRows.push(
        ...p.identities.map((i) => ({ personId, categoryCode: i.code, validFrom: i.validFrom, validTo: i.validTo ?? null, confirmedOn: i.confirmedOn ?? null })),
      );
      for (const e of p.enrolments) {
        const key = `${p.schemeId}/${e.year}/${p.area}/${coveredMonths(e.coverStart, e.coverEnd)}`;
        let premium = premiumCache.get(key);
        if (!premium) {
          const res = computePremium({
            schemeId: p.schemeId,
            year: String(e.year),
            area: p.area,
            persons: 1,
            personMonths: coveredMonths(e.coverStart, e.coverEnd),
            subsidies: 1,
          });
          premium = new Decimal(res.total);
          premiumCache.set(key, premium);
        }
        enrolmentRows.push({
          personId,
          schemeId: p.schemeId,
          insuranceYear: e.year,
          coverStart: e.coverStart,
          coverEnd: e.coverEnd,
          insurerId: d.insurerId!,
          premium,
        });
      }
      for (const u of p.usage ?? []) {
        const subject = u.household ? { householdId: householdIds.get(p.householdTag)!, personId: null } : { personId, householdId: null };
        const repo = m.getRepository(AnnualUsage);
        await repo.save(
          repo.create({ ...subject, schemeId: p.schemeId, benefitCode: u.benefit, year: u.year, baseUsed: new Decimal(u.baseUsed), paid: new Decimal(u.paid) }),
        );
      }
    }

    // Identities and enrolments in multi-row inserts (people one by one: their ids are needed).
    for (let i = 0; i < identityRows.length; i += 200) await m.getRepository(Identity).insert(identityRows.slice(i, i + 200));
    for (let i = 0; i < enrolmentRows.length; i += 200) await m.getRepository(Enrolment).insert(enrolmentRows.slice(i, i + 200));

    // Staff, with their districts (an adjuster: the districts their insurer serves).
    const insurerIdByCode = new Map((await m.getRepository(Insurer).find()).map((i) => [i.code, i.id]));
    let users = 0;
    const users$ = m.getRepository(AppUser);
    for (const s of DEMO_STAFF) {
      const r = await users$.insert({ role: s.role, username: s.username, passwordHash, active: true });
      users++;
      const userId = r.identifiers[0].id as number;
      const ds = s.schemeId
        ? districts.filter((d) => d.schemeId === s.schemeId)
        : s.insurerCode
          ? districts.filter((d) => d.insurerId != null && d.insurerId === insurerIdByCode.get(s.insurerCode!))
          : [];
      if (ds.length) await m.getRepository(UserDistrict).insert(ds.map((d) => ({ userId, districtId: d.id })));
    }
    // Beneficiaries bound to the showcase people (the dev login signs in by openid).
    for (const [key, openid] of Object.entries(DEMO_OPENIDS)) {
      await users$.insert({ role: 'beneficiary', wechatOpenid: openid, personId: personIdByKey.get(key)!, active: true });
      users++;
    }
    // The elderly person (李秀英, 85, 泽州县) consented on paper that her caseworker cw-jincheng acts for her.
    const caseworker = await users$.findOneByOrFail({ username: 'cw-jincheng' });
    await m.getRepository(ProxyGrant).insert({
      personId: personIdByKey.get('elderly')!,
      granteeUserId: caseworker.id,
      relation: 'caseworker',
      consentMethod: 'paper',
      consentedAt: new Date('2026-01-05T10:00:00+08:00'),
      createdByUserId: caseworker.id,
    });
    await loadSubsidyDemo(m, this.pii, personIdByKey.get('minhang')!); // 周建华's 2024 沪惠保 subsidy, paid
    return { people: plan.length, users };
  }
}

/** The demo population, deterministic. Exported for tests. */
export function planPeople(districts: Pick<District, 'name' | 'schemeId' | 'insurerId'>[]): PlannedPerson[] {
  const rand = rng(20261122);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
  const areasOf = (schemeId: string) => districts.filter((d) => d.schemeId === schemeId && d.insurerId != null).map((d) => d.name);
  const name = (surname = pick(SURNAMES)) => surname + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : '');
  const birth = (minAge: number, maxAge: number, on = 2026) => {
    const y = on - minAge - Math.floor(rand() * (maxAge - minAge + 1));
    const mth = 1 + Math.floor(rand() * 12);
    const day = 1 + Math.floor(rand() * 28);
    return `${y}-${String(mth).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };
  const phone = () => `1${pick(['3', '5', '8'])}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
  const people: PlannedPerson[] = [];
  let hh = 0;

  /** A household of 1–4 people sharing a surname and area. */
  const household = (schemeId: string, area: string, size: number, make: (surname: string, i: number) => Omit<PlannedPerson, 'householdTag' | 'schemeId' | 'area' | 'regionCode'>) => {
    const tag = `hh-${++hh}`;
    const surname = pick(SURNAMES);
    for (let i = 0; i < size; i++) people.push({ schemeId, area, regionCode: REGION[schemeId], householdTag: tag, ...make(surname, i) });
  };

  // ---- showcase people (fixed)
  people.push({
    key: 'student', name: '陈思远', birthDate: '2008-03-15', schemeId: 'cq-hmjkb', area: '渝中区', regionCode: '500103', householdTag: 'hh-student',
    identities: [{ code: 'dibao', validFrom: '2023-06-01', confirmedOn: '2024-01-10' }],
    flags: { in_school: true }, phone: '13800000001',
    enrolments: [
      { year: 2024, coverStart: '2024-01-01', coverEnd: '2024-12-31' },
      { year: 2025, coverStart: '2025-01-01', coverEnd: '2025-12-31' },
    ],
    usage: [{ benefit: 'accident_medical', year: 2025, baseUsed: '800.00', paid: '800.00' }],
  });
  people.push({
    key: 'tekun', name: '王德明', birthDate: '1962-09-03', schemeId: 'cq-hmjkb', area: '渝北区', regionCode: '500112', householdTag: 'hh-tekun',
    identities: [{ code: 'tekun', validFrom: '2020-01-01', confirmedOn: '2024-01-10' }],
    flags: {}, phone: '13800000002',
    enrolments: [
      { year: 2024, coverStart: '2024-01-01', coverEnd: '2024-12-31' },
      { year: 2025, coverStart: '2025-01-01', coverEnd: '2025-12-31' },
    ],
    usage: [{ benefit: 'critical_supplement', year: 2025, baseUsed: '9000.00', paid: '1800.00' }],
  });
  people.push({
    key: 'elderly', name: '李秀英', birthDate: '1941-05-20', schemeId: 'jc-fpzhbx', area: '泽州县', regionCode: '140525', householdTag: 'hh-elderly',
    identities: [{ code: 'tuopin', validFrom: '2020-12-31' }],
    flags: { medical_insurance_years: [2025, 2026], monitoring_system: true, monitoring_system_since: '2021-03-01' },
    enrolments: [{ year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31' }],
    usage: [{ benefit: 'outpatient', year: 2026, baseUsed: '650.00', paid: '0.00' }],
  });
  people.push({
    key: 'minhang', name: '周建华', birthDate: '1970-11-08', schemeId: 'mh-huhuibao', area: '七宝镇', regionCode: '310112', householdTag: 'hh-minhang',
    identities: [{ code: 'disability_card', validFrom: '2019-04-01', validTo: '2028-12-31' }],
    flags: { disability_card_valid_until: '2028-12-31' }, phone: '13800000004',
    enrolments: [{ year: 2024, coverStart: '2024-06-18', coverEnd: '2024-12-31' }],
    usage: [{ benefit: 'huhuibao_subsidy', year: 2024, baseUsed: '0.00', paid: '129.00' }],
  });
  const jcFlags: PersonFlags = { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' };
  const jcIdentity = [{ code: 'edge_at_risk', validFrom: '2025-06-20' }];
  people.push({
    key: 'jincheng', name: '赵桂兰', birthDate: '1968-02-11', schemeId: 'jc-fpzhbx', area: '高平市', regionCode: '140581', householdTag: 'hh-jincheng',
    identities: jcIdentity, flags: jcFlags, phone: '13800000005',
    enrolments: [{ year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31' }],
    usage: [
      { benefit: 'inpatient', year: 2026, baseUsed: '1200.00', paid: '0.00' },
      { benefit: 'property', year: 2026, baseUsed: '3000.00', paid: '3000.00', household: true },
    ],
  });
  people.push({
    name: '张永福', birthDate: '1965-07-30', schemeId: 'jc-fpzhbx', area: '高平市', regionCode: '140581', householdTag: 'hh-jincheng',
    identities: jcIdentity, flags: jcFlags, enrolments: [{ year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31' }],
  });

  // ---- Chongqing: 低保, 特困, 孤儿, 事实无人抚养儿童, 优抚; confirmed in January 2024 or a later month
  const cqAreas = areasOf('cq-hmjkb');
  for (let n = 0; n < 30; n++) {
    const area = pick(cqAreas);
    household('cq-hmjkb', area, 1 + Math.floor(rand() * 4), (surname) => {
      const r = rand();
      const code = r < 0.6 ? 'dibao' : r < 0.75 ? 'tekun' : r < 0.8 ? 'orphan' : r < 0.85 ? 'de_facto_orphan' : 'youfu_regular';
      const child = code === 'orphan' || code === 'de_facto_orphan';
      const month = rand() < 0.7 ? 1 : 2 + Math.floor(rand() * 10);
      const confirmed = `2024-${String(month).padStart(2, '0')}-${String(5 + Math.floor(rand() * 20)).padStart(2, '0')}`;
      return {
        name: name(surname),
        birthDate: child ? birth(3, 16) : birth(20, 90),
        identities: [{ code, validFrom: `${confirmed.slice(0, 7)}-01`, confirmedOn: confirmed }],
        flags: child ? { in_school: true } : {},
        phone: rand() < 0.7 ? phone() : undefined,
        enrolments: [
          { year: 2024, coverStart: `${confirmed.slice(0, 7)}-01`, coverEnd: '2024-12-31' },
          { year: 2025, coverStart: '2025-01-01', coverEnd: '2025-12-31' },
        ],
      };
    });
  }
  // ---- Zhumadian: every registered resident (not 新蔡县), one-year contract from 2019-07-01
  const zmdAreas = areasOf('zmd-yymsh');
  for (let n = 0; n < 22; n++) {
    const area = pick(zmdAreas);
    household('zmd-yymsh', area, 1 + Math.floor(rand() * 4), (surname) => {
      const r = rand();
      const ids = r < 0.15 ? [{ code: 'dibao', validFrom: '2017-01-01' }] : r < 0.25 ? [{ code: 'rural_poverty_registered', validFrom: '2016-01-01' }] : r < 0.3 ? [{ code: 'severe_disability', validFrom: '2015-01-01' }] : [];
      return {
        name: name(surname), birthDate: birth(1, 90, 2019), identities: ids, flags: { registered_resident: true },
        phone: rand() < 0.5 ? phone() : undefined,
        enrolments: [{ year: 2019, coverStart: '2019-07-01', coverEnd: '2020-06-30' }],
      };
    });
  }
  // 新蔡县 residents exist but are not covered (no enrolment)
  household('zmd-yymsh', '新蔡县', 2, (surname) => ({ name: name(surname), birthDate: birth(20, 70, 2019), identities: [], flags: { registered_resident: true }, enrolments: [] }));
  // ---- Liaocheng: people enjoying poverty-alleviation policy after the end-2018 adjustment
  const lcAreas = areasOf('lc-fpthb');
  for (let n = 0; n < 22; n++) {
    household('lc-fpthb', pick(lcAreas), 1 + Math.floor(rand() * 4), (surname) => ({
      name: name(surname), birthDate: birth(5, 90, 2019), identities: [{ code: 'poverty_policy', validFrom: '2018-12-31' }], flags: {},
      enrolments: [{ year: 2019, coverStart: '2019-01-01', coverEnd: '2019-12-31' }],
    }));
  }
  // ---- Jincheng: 脱贫户, 边缘易致贫户 and 严重困难人口 (the latter two in the monitoring system), 2026 contract
  const jcAreas = areasOf('jc-fpzhbx');
  for (let n = 0; n < 30; n++) {
    household('jc-fpzhbx', pick(jcAreas), 1 + Math.floor(rand() * 4), (surname) => {
      const r = rand();
      const code = r < 0.6 ? 'tuopin' : r < 0.85 ? 'edge_at_risk' : 'severe_hardship';
      const since = code === 'tuopin' ? '2021-01-01' : `2025-${String(1 + Math.floor(rand() * 12)).padStart(2, '0')}-15`;
      return {
        name: name(surname), birthDate: birth(1, 90), identities: [{ code, validFrom: code === 'tuopin' ? '2020-12-31' : since }],
        flags: { medical_insurance_years: rand() < 0.95 ? [2026] : [], monitoring_system: true, monitoring_system_since: since },
        phone: rand() < 0.6 ? phone() : undefined,
        enrolments: [{ year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31' }],
      };
    });
  }
  // ---- Minhang: buyers of 沪惠保 who qualify for the 129 yuan subsidy (bought June–July)
  const mhAreas = areasOf('mh-huhuibao');
  for (let n = 0; n < 25; n++) {
    household('mh-huhuibao', pick(mhAreas), 1 + Math.floor(rand() * 2), (surname) => {
      const r = rand();
      const code = r < 0.35 ? 'dibao' : r < 0.55 ? 'low_income' : r < 0.8 ? 'disability_card' : r < 0.9 ? 'youfu_key' : 'youfu_district';
      const year = rand() < 0.5 ? 2023 : 2024;
      const bought = `${year}-0${6 + Math.floor(rand() * 2)}-${String(1 + Math.floor(rand() * 28)).padStart(2, '0')}`;
      return {
        name: name(surname), birthDate: birth(18, 85), identities: [{ code, validFrom: '2020-01-01', ...(code === 'disability_card' ? { validTo: '2029-12-31' } : {}) }],
        flags: code === 'disability_card' ? { disability_card_valid_until: '2029-12-31' } : {},
        phone: phone(),
        enrolments: [{ year, coverStart: bought, coverEnd: `${year}-12-31` }],
      };
    });
  }
  return people;
}

