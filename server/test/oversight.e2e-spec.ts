/**
 * Oversight over real HTTP, figures checked by hand (exact decimal strings):
 * - premiums: Chongqing 2025 with mid-year covers (10 yuan a covered month), Jincheng 2026 by household (3:7, 5:5);
 * - claims money, loss ratios and the monthly series: Zhumadian 2019 (year 2019-07-01 .. 2020-06-30);
 * - Jincheng warnings: an approval pushes 高平市 over 80%, a later one over 100%; each recorded once, published once;
 * - year-end statements (Zhumadian refund / insurer share / county top-up; Jincheng carry-forward / government
 *   share split city:county), JSON = .xlsx;
 * - KPIs (filing, closing, on time by band incl. special hardship) with trends, JSON = .xlsx; Minhang's subsidy
 *   KPIs (应补尽补率, 发放准确率, 发放及时率) with trends from the subsidy rows, JSON = .xlsx;
 * - the decision letter (HTML always; PDF when the machine has a CJK font); scope: another district is 404.
 */
import { randomUUID } from 'node:crypto';
import Decimal from 'decimal.js';
import request from 'supertest';
import { ClaimEventsBus } from '../src/claims/claim-events.bus';
import { Claim } from '../src/claims/claim.entity';
import { Clock } from '../src/common/clock';
import { PiiCryptoService } from '../src/common/crypto/pii-crypto.service';
import { Enrolment } from '../src/enrolment/enrolment.entity';
import { District } from '../src/geo/district.entity';
import { DecisionLetterService } from '../src/oversight/decision-letter.service';
import { OversightEventsBus, type LossRatioWarningMessage } from '../src/oversight/oversight-events.bus';
import { PremiumsService } from '../src/oversight/premiums.service';
import { SubsidyPaymentBatch } from '../src/subsidy/entities/payment-batch.entity';
import { SubsidyPaymentItem } from '../src/subsidy/entities/payment-item.entity';
import { HuhuibaoPolicy } from '../src/subsidy/entities/policy.entity';
import { HuhuibaoSubsidy } from '../src/subsidy/entities/subsidy.entity';
import { WarningsService } from '../src/oversight/warnings.service';
import { readTables } from '../src/oversight/xlsx';
import { AppUser } from '../src/users/app-user.entity';
import { bearer } from './support/auth';
import { district, household, person } from './support/fixtures';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';

jest.setTimeout(180_000);

describe(`oversight (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  const d = {} as Record<'yubei' | 'yuzhong' | 'gaoping' | 'zezhou' | 'lingchuan' | 'yicheng' | 'xiping' | 'shangcai', District>;
  const auth = {} as Record<'finance' | 'admin' | 'cwGaoping' | 'cwZezhou' | 'cwYicheng' | 'adjJc' | 'a1' | 'a2' | 'other', string>;
  const heard: LossRatioWarningMessage[] = [];
  const hc: { claim1: number; claim2: number } = { claim1: 0, claim2: 0 };
  let staffId = 0;
  const gpIds: number[] = [];

  const http = () => request(t.app.getHttpServer());
  const get = (who: string, path: string, query: Record<string, string | number> = {}) => http().get(path).query(query).set('Authorization', who);
  const key = () => `k-${randomUUID()}`;
  const move = (who: string, id: number, body: object) => http().post(`/api/claims/${id}/transitions`).set('Authorization', who).set('Idempotency-Key', key()).send(body);
  const at = (s: string) => new Date(s);

  /** n people of a district, enrolled with the given premium; `households` of equal size (0: none). */
  async function enrolMany(dist: District, n: number, e: { schemeId: string; year: number; coverStart: string; coverEnd: string; premium: string }, households = 0): Promise<number[]> {
    const pii = t.app.get(PiiCryptoService);
    const hh: number[] = [];
    for (let i = 0; i < households; i++) hh.push(await household(t.dataSource, dist.id));
    const ids: number[] = [];
    const rows = [];
    for (let i = 0; i < n; i++) {
      const tag = `${dist.id}-${e.schemeId}-${e.coverStart}-${i}-${randomUUID()}`;
      rows.push({
        name: `测试${i}`, idNumberEnc: pii.encrypt(tag, 'person.id_number'), idNumberHash: tag.slice(0, 64), idNumberMasked: '140***********0000',
        birthDate: '1970-01-01', sex: 'F' as const, districtId: dist.id, householdId: households ? hh[Math.floor((i * households) / n)] : null, phoneEnc: null, phoneMasked: null, flags: null,
      });
    }
    for (let i = 0; i < rows.length; i += 500) {
      const r = await t.dataSource.getRepository('Person').insert(rows.slice(i, i + 500));
      ids.push(...r.identifiers.map((x) => x.id as number));
    }
    const enrolments = ids.map((personId) => ({ personId, schemeId: e.schemeId, insuranceYear: e.year, coverStart: e.coverStart, coverEnd: e.coverEnd, insurerId: dist.insurerId!, premium: new Decimal(e.premium), householdPremium: null }));
    for (let i = 0; i < enrolments.length; i += 500) await t.dataSource.getRepository(Enrolment).insert(enrolments.slice(i, i + 500));
    return ids;
  }

  /** A claim row as the claims module leaves it (dates as they happened). */
  async function claim(c: Partial<Claim> & Pick<Claim, 'personId' | 'districtId' | 'schemeId' | 'versionId' | 'benefitId' | 'insuranceYear' | 'state'>): Promise<number> {
    const r = await t.dataSource.getRepository(Claim).insert({
      claimNo: null, householdId: null, incidentDate: `${c.insuranceYear}-08-01`, place: null, description: '测试', facts: '{}', grantedOption: null, source: 'staff',
      estimatedPayout: null, estimate: null, approvedAmount: null, amountChangeReason: null, ledgerBase: null, ledgerUsageId: null, decisionReason: null,
      documentsCompleteOn: null, dueDate: null, deadline: null, reportedByUserId: staffId, decidedAt: null, paidAt: null, paymentRef: null, ...c,
    } as Partial<Claim>);
    return r.identifiers[0].id as number;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
    const ds = t.dataSource;
    for (const [k, scheme, name] of [
      ['yubei', 'cq-hmjkb', '渝北区'], ['yuzhong', 'cq-hmjkb', '渝中区'], ['gaoping', 'jc-fpzhbx', '高平市'], ['zezhou', 'jc-fpzhbx', '泽州县'],
      ['lingchuan', 'jc-fpzhbx', '陵川县'], ['yicheng', 'zmd-yymsh', '驿城区'], ['xiping', 'zmd-yymsh', '西平县'], ['shangcai', 'zmd-yymsh', '上蔡县'],
    ] as const) d[k] = await district(ds, scheme, name);
    const user = async (u: Partial<AppUser>) => (await ds.getRepository(AppUser).insert({ active: true, ...u })).identifiers[0].id as number;
    staffId = await user({ role: 'caseworker', username: 'ov-cw-gaoping' });
    const cwZezhou = await user({ role: 'caseworker', username: 'ov-cw-zezhou' });
    const cwYicheng = await user({ role: 'caseworker', username: 'ov-cw-yicheng' });
    const fin = await user({ role: 'finance', username: 'ov-finance' });
    const adm = await user({ role: 'admin', username: 'ov-admin' });
    const adj = await user({ role: 'adjuster', username: 'ov-adjuster', insurerId: d.gaoping.insurerId });
    Object.assign(auth, {
      finance: bearer(t.app, { userId: fin, role: 'finance' }),
      admin: bearer(t.app, { userId: adm, role: 'admin' }),
      cwGaoping: bearer(t.app, { userId: staffId, role: 'caseworker', districtIds: [d.gaoping.id] }),
      cwZezhou: bearer(t.app, { userId: cwZezhou, role: 'caseworker', districtIds: [d.zezhou.id] }),
      cwYicheng: bearer(t.app, { userId: cwYicheng, role: 'caseworker', districtIds: [d.yicheng.id] }),
      // The Jincheng insurer serves every Jincheng county: an adjuster sees them all, read-only.
      adjJc: bearer(t.app, { userId: adj, role: 'adjuster', districtIds: [d.gaoping.id, d.zezhou.id, d.lingchuan.id] }),
    });
    t.app.get(OversightEventsBus).events$.subscribe((e) => heard.push(e));

    // ---- Chongqing 2025: 渝北区 3 people all year (H1 holds two of them), 2 from March, 1 from July; 渝中区 1 all year.
    const cq = { schemeId: 'cq-hmjkb', year: 2025, coverEnd: '2025-12-31' };
    const h1 = await household(ds, d.yubei.id);
    const pii = t.app.get(PiiCryptoService);
    for (let i = 0; i < 3; i++) {
      const p = await person(ds, pii, { name: `全年${i}`, birthDate: `1950-0${i + 1}-01`, districtId: d.yubei.id, householdId: i < 2 ? h1 : null, regionCode: '500112' });
      await ds.getRepository(Enrolment).insert({ personId: p.id, ...cq, insuranceYear: 2025, coverStart: '2025-01-01', insurerId: d.yubei.insurerId!, premium: new Decimal('120.00') });
    }
    await enrolMany(d.yubei, 2, { ...cq, coverStart: '2025-03-01', premium: '100.00' });
    await enrolMany(d.yubei, 1, { ...cq, coverStart: '2025-07-01', premium: '60.00' });
    await enrolMany(d.yuzhong, 1, { ...cq, coverStart: '2025-01-01', premium: '120.00' });

    // ---- Zhumadian 2019: 10,000 people in each of 驿城区, 西平县, 上蔡县 (1 yuan each, paid by the county).
    const zmd = { schemeId: 'zmd-yymsh', year: 2019, coverStart: '2019-07-01', coverEnd: '2020-06-30', premium: '1.00' };
    const [yc] = await enrolMany(d.yicheng, 10_000, zmd);
    const [xp] = await enrolMany(d.xiping, 10_000, zmd);
    const [sc] = await enrolMany(d.shangcai, 10_000, zmd);
    const z = { schemeId: 'zmd-yymsh', versionId: 'zmd-2019', insuranceYear: 2019, createdAt: at('2019-08-15T10:00:00+08:00') };
    const yicheng = { ...z, personId: yc, districtId: d.yicheng.id };
    const paid = (amount: string, complete: string, due: string, paidAt: string) => ({
      state: 'paid' as const, estimatedPayout: new Decimal(amount), approvedAmount: new Decimal(amount), documentsCompleteOn: complete, dueDate: due, decidedAt: at(`${complete}T12:00:00+08:00`), paidAt: at(paidAt),
    });
    await claim({ ...yicheng, benefitId: 'heroic_act', ...paid('6000.00', '2019-09-02', '2019-09-05', '2019-09-04T10:00:00+08:00') }); // on time (3 days)
    await claim({ ...yicheng, benefitId: 'heroic_act', ...paid('2500.00', '2019-10-08', '2019-10-14', '2019-10-15T09:00:00+08:00') }); // a day late
    // special hardship: due the next working day; paid at 23:30 in China (15:30 UTC) on the due date: on time
    await claim({ ...yicheng, benefitId: 'hardship_major_illness', ...paid('800.00', '2019-11-04', '2019-11-05', '2019-11-05T23:30:00+08:00') });
    await claim({ ...yicheng, benefitId: 'heroic_act', state: 'approved', estimatedPayout: new Decimal('200.00'), approvedAmount: new Decimal('200.00'), documentsCompleteOn: '2019-11-28', dueDate: '2019-12-03', decidedAt: at('2019-11-29T10:00:00+08:00') });
    await claim({ ...yicheng, benefitId: 'heroic_act', state: 'under_review', estimatedPayout: new Decimal('300.00') });
    await claim({ ...yicheng, benefitId: 'heroic_act', state: 'reported', estimatedPayout: new Decimal('150.00') });
    await claim({ ...yicheng, benefitId: 'heroic_act', state: 'rejected', estimatedPayout: new Decimal('400.00'), decisionReason: '不属于保险责任', decidedAt: at('2019-08-20T10:00:00+08:00') });
    await claim({ ...yicheng, benefitId: 'heroic_act', state: 'withdrawn', estimatedPayout: new Decimal('50.00') });
    await claim({ ...z, personId: xp, districtId: d.xiping.id, benefitId: 'heroic_act', ...paid('5000.00', '2019-08-16', '2019-08-21', '2019-08-20T10:00:00+08:00') });
    await claim({ ...z, personId: sc, districtId: d.shangcai.id, benefitId: 'heroic_act', ...paid('12000.00', '2019-12-31', '2020-01-10', '2020-01-09T10:00:00+08:00') }); // 7 days band, on time

    // ---- Jincheng 2026: 泽州县 10 people in 2 households, 陵川县 4 people in 1 household, with claims entered directly.
    const jc = { schemeId: 'jc-fpzhbx', year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31', premium: '100.00' };
    const [zz] = await enrolMany(d.zezhou, 10, jc, 2);
    const [lc] = await enrolMany(d.lingchuan, 4, jc, 1);
    const j = { schemeId: 'jc-fpzhbx', versionId: 'jc-2026', insuranceYear: 2026, benefitId: 'inpatient', createdAt: at('2026-03-10T10:00:00+08:00') };
    await claim({ ...j, personId: zz, districtId: d.zezhou.id, state: 'paid', estimatedPayout: new Decimal('1400.00'), approvedAmount: new Decimal('1400.00'), decidedAt: at('2026-03-20T10:00:00+08:00'), paidAt: at('2026-03-25T10:00:00+08:00') });
    await claim({ ...j, personId: zz, districtId: d.zezhou.id, state: 'under_review', estimatedPayout: new Decimal('200.00') });
    await claim({ ...j, personId: lc, districtId: d.lingchuan.id, state: 'paid', estimatedPayout: new Decimal('100.00'), approvedAmount: new Decimal('100.00'), decidedAt: at('2026-04-01T10:00:00+08:00'), paidAt: at('2026-04-02T10:00:00+08:00') });

    // ---- 高平市: 10 people in 5 households, claimed through the real claims flow below.
    const monitored = { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' };
    const gp: number[] = [];
    for (let h = 0; h < 5; h++) {
      const hh = await household(ds, d.gaoping.id);
      for (let k = 0; k < 2; k++) {
        const p = await person(ds, pii, { name: `高平${h}${k}`, birthDate: `196${h}-0${k + 1}-1${h}`, districtId: d.gaoping.id, householdId: hh, flags: monitored, identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }] });
        await ds.getRepository(Enrolment).insert({ personId: p.id, schemeId: 'jc-fpzhbx', insuranceYear: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31', insurerId: d.gaoping.insurerId!, premium: new Decimal(k === 0 ? '130.00' : '100.00'), householdPremium: k === 0 ? new Decimal('30.00') : null });
        gp.push(p.id);
      }
    }
    const ben = async (personId: number) => (await ds.getRepository(AppUser).insert({ role: 'beneficiary', personId, wechatOpenid: `ov-${randomUUID()}`, active: true })).identifiers[0].id as number;
    gpIds.push(...gp);
    auth.a1 = bearer(t.app, { userId: await ben(gp[0]), role: 'beneficiary', personId: gp[0] });
    auth.a2 = bearer(t.app, { userId: await ben(gp[2]), role: 'beneficiary', personId: gp[2] });
    auth.other = bearer(t.app, { userId: await ben(gp[4]), role: 'beneficiary', personId: gp[4] });
  }, 240_000);

  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  // ------------------------------------------------------------------ premiums

  it('counts Chongqing 2025 people month by month and prices 10 yuan a covered month', async () => {
    const r = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'cq-hmjkb', year: 2025 }).expect(200);
    expect(r.body.level).toBe('city');
    expect(r.body.months).toHaveLength(12);
    const yb = r.body.districts.find((x: { name: string }) => x.name === '渝北区');
    // 3 × 12 + 2 × 10 + 1 × 6 = 62 covered months × 10 = 620.00
    expect(yb).toMatchObject({ persons: 6, personMonths: 62, households: 5, premiumDue: '620.00', recordedPremium: '620.00', difference: '0.00' });
    expect(yb.personsByMonth).toEqual([3, 3, 5, 5, 5, 5, 6, 6, 6, 6, 6, 6]);
    expect(yb.byPayer).toEqual([{ payer: '重庆市民政局', amount: '620.00' }]);
    expect(yb.items[0].explanation[0]).toBe('保费：62 人·月（参保月数） × 10 元 = 620.00 元');
    const yz = r.body.districts.find((x: { name: string }) => x.name === '渝中区');
    expect(yz).toMatchObject({ persons: 1, personMonths: 12, premiumDue: '120.00' });
    expect(r.body.total).toMatchObject({ persons: 7, personMonths: 74, premiumDue: '740.00', recordedPremium: '740.00' });
    expect(r.body.total.byPayer).toEqual([{ payer: '重庆市民政局', amount: '740.00' }]);
    expect(r.body.total.personsByMonth).toEqual([4, 4, 6, 6, 6, 6, 7, 7, 7, 7, 7, 7]);
    expect(r.body.counted.stale).toBe(false);

    // A person added in November: the next answer is the last count, flagged stale, while the enrolments are grouped
    // again in the background; then the new count (1 × 2 months = 20.00 more).
    await enrolMany(d.yuzhong, 1, { ...{ schemeId: 'cq-hmjkb', year: 2025, coverEnd: '2025-12-31' }, coverStart: '2025-11-01', premium: '20.00' });
    const stale = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'cq-hmjkb', year: 2025 }).expect(200);
    expect(stale.body.counted.stale).toBe(true);
    expect(stale.body.total.premiumDue).toBe('740.00');
    await t.app.get(PremiumsService).idle();
    const fresh = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'cq-hmjkb', year: 2025 }).expect(200);
    expect(fresh.body.counted.stale).toBe(false);
    expect(fresh.body.total).toMatchObject({ persons: 8, personMonths: 76, premiumDue: '760.00' });
    expect(fresh.body.total.personsByMonth.slice(9)).toEqual([7, 8, 8]);
  });

  it('prices Jincheng by person and household, split city:county 3:7 and 5:5', async () => {
    await t.app.get(PremiumsService).snapshot('jc-fpzhbx', 2026);
    await t.app.get(PremiumsService).idle();
    const r = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    const by = (n: string) => r.body.districts.find((x: { name: string }) => x.name === n);
    // 高平市: 10 × 100 + 5 × 30 = 1,150.00; 30% 345.00, 70% 805.00
    expect(by('高平市')).toMatchObject({ persons: 10, households: 5, householdsBilled: 5, premiumDue: '1150.00', recordedPremium: '1150.00' });
    expect(by('高平市').byPayer).toEqual([{ payer: '市级财政', amount: '345.00' }, { payer: '县级财政', amount: '805.00' }]);
    // 泽州县: 10 × 100 + 2 × 30 = 1,060.00 (its rosters recorded no household premium: difference −60.00)
    expect(by('泽州县')).toMatchObject({ persons: 10, households: 2, householdsBilled: 0, premiumDue: '1060.00', recordedPremium: '1000.00', difference: '-60.00' });
    expect(by('泽州县').byPayer).toEqual([{ payer: '市级财政', amount: '318.00' }, { payer: '县级财政', amount: '742.00' }]);
    // 陵川县 5:5: 4 × 100 + 30 = 430.00
    expect(by('陵川县').byPayer).toEqual([{ payer: '市级财政', amount: '215.00' }, { payer: '县级财政', amount: '215.00' }]);
    expect(by('城区')).toMatchObject({ persons: 0, premiumDue: '0.00' });
    expect(r.body.total).toMatchObject({ persons: 24, households: 8, premiumDue: '2640.00' });
    expect(r.body.total.byPayer).toEqual([{ payer: '市级财政', amount: '878.00' }, { payer: '县级财政', amount: '1762.00' }]);
  });

  // ------------------------------------------------------------------ claims money

  it('adds up Zhumadian 2019 claims money per county, with the loss ratio and a monthly series', async () => {
    const r = await get(auth.finance, '/api/oversight/claims-money', { schemeId: 'zmd-yymsh', year: 2019 }).expect(200);
    const yc = r.body.districts.find((x: { name: string }) => x.name === '驿城区');
    expect(yc).toMatchObject({
      reported: { count: 2, amount: '450.00' }, // under review 300 + reported 150
      approvedUnpaid: { count: 1, amount: '200.00' },
      approved: { count: 4, amount: '9500.00' },
      paid: { count: 3, amount: '9300.00' },
      rejected: 1,
      withdrawn: 1,
      outstanding: '650.00',
      premium: '10000.00',
      lossRatio: '0.995000', // (9,300 + 650) ÷ 10,000
      lossRatioPercent: '99.50',
    });
    expect(r.body.total).toMatchObject({ paid: { count: 5, amount: '26300.00' }, outstanding: '650.00', premium: '30000.00', lossRatioPercent: '89.83' });
    const m = (month: string) => r.body.monthly.find((x: { month: string }) => x.month === month);
    expect(r.body.monthly[0].month).toBe('2019-07');
    expect(r.body.monthly.at(-1).month).toBe('2020-06');
    expect(m('2019-08')).toMatchObject({ reportedCount: 10, reportedAmount: '27400.00', paidAmount: '5000.00', paidCumulative: '5000.00' });
    expect(m('2019-09')).toMatchObject({ paidAmount: '6000.00', paidCumulative: '11000.00', approvedAmount: '6000.00' });
    expect(m('2019-11')).toMatchObject({ approvedAmount: '1000.00', paidAmount: '800.00', paidCumulative: '14300.00' });
    // End of January 2020: everything paid (26,300) + outstanding 200 + 300 + 150 = 26,950 ÷ 30,000 = 89.83%
    expect(m('2020-01')).toMatchObject({ paidCumulative: '26300.00', outstandingAtMonthEnd: '650.00', lossRatioPercent: '89.83' });
    // End of August 2019: paid 5,000; outstanding = every claim reported and not yet paid, except the refused and withdrawn
    // (6,000 + 2,500 + 800 + 200 + 300 + 150 + 12,000 = 21,950) → 26,950 ÷ 30,000
    expect(m('2019-08')).toMatchObject({ outstandingAtMonthEnd: '21950.00', lossRatioPercent: '89.83' });
  });

  // ------------------------------------------------------------------ settlements

  it('settles Zhumadian 2019 per county: refund below 85%, insurer up to 15%, county tops up above 100%; .xlsx = JSON', async () => {
    t.app.get(Clock).setToday('2020-08-01');
    const r = await get(auth.finance, '/api/oversight/settlements', { schemeId: 'zmd-yymsh', year: 2019 }).expect(200);
    expect(r.body).toMatchObject({ kind: 'refundAndShare', final: true, asOf: '2020-08-01' });
    const by = (n: string) => r.body.statements.find((x: { name: string }) => x.name === n);
    expect(by('驿城区').result).toMatchObject({ premium: '10000.00', claims: '9300.00', lossRatioPercent: '93.00', insurerBears: '800.00', governmentTopUp: '0.00' });
    expect(by('西平县').result).toMatchObject({ lossRatioPercent: '50.00', refundToGovernment: '3500.00' });
    expect(by('上蔡县').result).toMatchObject({ lossRatioPercent: '120.00', insurerBears: '1500.00', governmentTopUp: '2000.00' });
    expect(by('上蔡县').result.lines).toEqual([
      '理赔支出 12,000.00 ÷ 保费 10,000.00 = 120.00%',
      '达到或超过 85%：保险机构承担 min(12,000.00 − 8,500.00, 10,000.00 × 15%) = 1,500.00 元',
      '超过保费部分 12,000.00 − 10,000.00 = 2,000.00 元由县区财政补充',
    ]);
    expect(by('确山县').error).toBe('净保费为 0，无法计算赔付率');
    expect(r.body.total).toMatchObject({ premium: '30000.00', paid: '26300.00', refundToGovernment: '3500.00', insurerBears: '2300.00', governmentTopUp: '2000.00' });

    const x = await get(auth.finance, '/api/oversight/settlements.xlsx', { schemeId: 'zmd-yymsh', year: 2019 }).buffer(true).parse(binary).expect(200);
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const sheets = await readTables(x.body as Buffer);
    const sheet = sheets['结算单'];
    const cols = sheet.header;
    const cell = (row: (string | number | null)[], h: string) => row[cols.indexOf(h)];
    const money = (v: unknown) => (v === null ? null : new Decimal(v as number).toFixed(2));
    for (const s of r.body.statements) {
      const row = sheet.rows.find((rw) => rw[0] === s.name)!;
      expect(money(cell(row, '净保费（元）'))).toBe(s.premium);
      expect(money(cell(row, '已赔付（元）'))).toBe(s.paid);
      expect(money(cell(row, '结余退回县区财政（元）'))).toBe(s.result?.refundToGovernment ?? null);
      expect(money(cell(row, '保险机构承担（元）'))).toBe(s.result?.insurerBears ?? null);
      expect(money(cell(row, '县区财政补充（元）'))).toBe(s.result?.governmentTopUp ?? null);
      expect(cell(row, '赔付率（%）') === null ? null : new Decimal(cell(row, '赔付率（%）') as number).toFixed(2)).toBe(s.result?.lossRatioPercent ?? null);
    }
    const total = sheet.rows.find((rw) => rw[0] === '合计')!;
    expect(money(cell(total, '保险机构承担（元）'))).toBe('2300.00');
    const lines = sheets['计算过程'].rows.filter((rw) => rw[0] === '上蔡县').map((rw) => rw[2]);
    expect(lines).toEqual([...by('上蔡县').premiumLines.map((l: string) => `保费：${l}`), ...by('上蔡县').result.lines]);
  });

  it('settles Jincheng 2026 per county: carry-forward below 80%, government share above 120% split city:county', async () => {
    t.app.get(Clock).setToday('2026-06-01');
    const r = await get(auth.finance, '/api/oversight/settlements', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    expect(r.body).toMatchObject({ kind: 'corridor', final: false });
    const by = (n: string) => r.body.statements.find((x: { name: string }) => x.name === n);
    // 泽州县: (1,400 + 200) ÷ 1,060 = 150.94% → 1,600 − 1,272 = 328.00, 3:7
    expect(by('泽州县').result).toMatchObject({ premium: '1060.00', claims: '1600.00', lossRatioPercent: '150.94', governmentBears: '328.00' });
    expect(by('泽州县').result.governmentSplit).toEqual([{ payer: '市级财政', share: '0.3', amount: '98.40' }, { payer: '县级财政', share: '0.7', amount: '229.60' }]);
    // 陵川县: 100 ÷ 430 = 23.26% → 430 × 80% − 100 = 244.00 carried forward
    expect(by('陵川县').result).toMatchObject({ lossRatioPercent: '23.26', carryForward: '244.00' });
    // 高平市 has no claims yet (its claims come in the warnings test): 1,150 × 80% = 920.00 carried forward too.
    expect(by('高平市').result).toMatchObject({ lossRatioPercent: '0.00', carryForward: '920.00' });
    expect(r.body.total).toMatchObject({ carryForward: '1164.00', governmentBears: '328.00', governmentSplit: [{ payer: '市级财政', amount: '98.40' }, { payer: '县级财政', amount: '229.60' }] });
    // Chongqing has no risk sharing.
    const cq = await get(auth.finance, '/api/oversight/settlements', { schemeId: 'cq-hmjkb', year: 2025 }).expect(400);
    expect(cq.body.errors[0].field).toBe('schemeId');
  });

  // ------------------------------------------------------------------ warnings

  it('records a Jincheng warning once when an approval pushes 高平市 over 80%, and again over 100%', async () => {
    t.app.get(Clock).setToday('2026-05-20');
    const warnings = t.app.get(WarningsService);
    const inpatient = (personId: number, selfPay: string) => ({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-10', description: '住院', facts: { selfPayAfterOthers: selfPay }, personId });
    const fileAndReview = async (personId: number, selfPay: string): Promise<number> => {
      const r = await http().post('/api/claims').set('Authorization', auth.cwGaoping).set('Idempotency-Key', key()).send(inpatient(personId, selfPay)).expect(201);
      await move(auth.cwGaoping, r.body.id, { to: 'accepted' }).expect(200);
      for (const doc of r.body.documents) await http().post(`/api/claims/${r.body.id}/documents/${doc.documentId}/review`).set('Authorization', auth.cwGaoping).send({ status: 'accepted' }).expect(201);
      // Accepted with every document accepted: the claim moves to under_review by itself (claims module).
      expect((await get(auth.cwGaoping, `/api/claims/${r.body.id}`).expect(200)).body.state).toBe('under_review');
      return r.body.id as number;
    };
    const [p1, p2] = await t.dataSource.getRepository(Enrolment).find({ where: { schemeId: 'jc-fpzhbx', insurerId: d.gaoping.insurerId! }, order: { id: 'ASC' } }).then((es) => es.filter((e) => e.householdPremium !== null).map((e) => e.personId));
    const ratio = async () => (await get(auth.cwGaoping, '/api/oversight/warnings', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200)).body;

    // Claim 1: 2,200 self-pay → engine 100.00 (8.70% of 1,150): nothing.
    hc.claim1 = await fileAndReview(p1, '2200.00');
    await warnings.idle();
    expect((await ratio()).warnings).toEqual([]);
    // Approved at 950.00 (reviewed receipts): 950 ÷ 1,150 = 82.61% → over 80%.
    await move(auth.cwGaoping, hc.claim1, { to: 'approved', amount: '950.00', reason: '复核票据后按实际自付费用核定' }).expect(200);
    await warnings.idle();
    let w = await ratio();
    expect(w.warnings.map((x: { level: string; ratioPercent: string; claimId: number }) => [x.level, x.ratioPercent, x.claimId])).toEqual([['insurer_reports_to_county', '82.61', hc.claim1]]);
    expect(w.warnings[0].notify).toEqual(['county', 'insurer']);
    // Paid: the ratio does not move; claim 2 reported at 2,100 → 50.00 (86.96%): no new level.
    await move(auth.finance, hc.claim1, { to: 'paid', paymentRef: 'BANK-001' }).expect(200);
    hc.claim2 = await fileAndReview(p2, '2100.00');
    await warnings.idle();
    expect((await ratio()).warnings).toHaveLength(1);
    // Approved at 300.00: (950 + 300) ÷ 1,150 = 108.70% → over 100%: the county investigates and reports to the city.
    await move(auth.cwGaoping, hc.claim2, { to: 'approved', amount: '300.00', reason: '按医院结算单核定' }).expect(200);
    await warnings.idle();
    w = await ratio();
    expect(w.warnings.map((x: { level: string; ratioPercent: string }) => [x.level, x.ratioPercent])).toEqual([
      ['insurer_reports_to_county', '82.61'],
      ['county_investigates', '108.70'],
    ]);
    expect(w.warnings[1]).toMatchObject({ notify: ['county', 'city', 'insurer'], premium: '1150.00', claims: '1250.00', claimId: hc.claim2, districtName: '高平市' });
    expect(w.counties).toEqual([expect.objectContaining({ name: '高平市', lossRatioPercent: '108.70', premium: '1150.00', claims: '1250.00' })]);
    // Asking again re-evaluates and records nothing new; each crossing was published once.
    await ratio();
    expect((await ratio()).warnings).toHaveLength(2);
    expect(heard.filter((e) => e.districtId === d.gaoping.id).map((e) => e.level)).toEqual(['insurer_reports_to_county', 'county_investigates']);
    // 泽州县 is above 100% too (entered directly, no claim event): the city sees it recorded at the first look.
    const city = await get(auth.finance, '/api/oversight/warnings', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    expect(city.body.warnings.filter((x: { districtName: string }) => x.districtName === '泽州县').map((x: { level: string; claimId: number | null }) => [x.level, x.claimId])).toEqual([
      ['insurer_reports_to_county', null],
      ['county_investigates', null],
    ]);
    // Scope: 高平市's caseworker sees only 高平市; 泽州县 asked for by name is 404; beneficiaries are refused.
    expect((await ratio()).warnings.every((x: { districtName: string }) => x.districtName === '高平市')).toBe(true);
    await get(auth.cwGaoping, '/api/oversight/warnings', { schemeId: 'jc-fpzhbx', year: 2026, districtId: d.zezhou.id }).expect(404);
    await get(auth.a1, '/api/oversight/warnings', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(403);
    // The settlement counts both: paid 950 + approved 300 = 1,250 → 108.70%: between 80% and 120%, nothing moves.
    const s = await get(auth.cwGaoping, '/api/oversight/settlements', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    expect(s.body.statements).toHaveLength(1);
    expect(s.body.statements[0].result).toMatchObject({ lossRatioPercent: '108.70', claims: '1250.00' });
    expect(s.body.statements[0].result.carryForward).toBeUndefined();
    expect(s.body.statements[0].result.governmentBears).toBeUndefined();
  });

  // ------------------------------------------------------------------ KPIs

  it('measures Zhumadian KPIs with numerators, denominators, bands and trends; .xlsx = JSON', async () => {
    t.app.get(Clock).setToday('2020-08-01');
    const r = await get(auth.cwYicheng, '/api/oversight/kpis', { schemeId: 'zmd-yymsh', year: 2019 }).expect(200);
    expect(r.body.level).toBe('districts');
    const k = (id: string) => r.body.kpis.find((x: { id: string }) => x.id === id);
    expect(k('filing')).toMatchObject({ numerator: 6, denominator: 7, percent: '85.71', met: false });
    expect(k('closing')).toMatchObject({ numerator: 4, denominator: 7, percent: '57.14' });
    expect(k('onTime')).toMatchObject({ numerator: 2, denominator: 4, percent: '50.00' });
    expect(k('filing').trend.find((x: { month: string }) => x.month === '2019-08')).toMatchObject({ numerator: 6, denominator: 7 });
    const band = (label: string) => r.body.onTime.bands.find((b: { label: string }) => b.label.includes(label));
    expect(band('1 万元以下')).toMatchObject({ workingDays: 3, numerator: 1, denominator: 3, percent: '33.33', amountOnTime: '6000.00', amountDue: '8700.00', amountPercent: '68.97', unmeasured: 2 }); // under review and reported: no due date yet
    expect(band('1 万元以上')).toMatchObject({ workingDays: 7, numerator: 0, denominator: 0, percent: null });
    expect(band('次日赔付')).toMatchObject({ workingDays: 1, numerator: 1, denominator: 1, percent: '100.00' });
    expect(band('1 万元以下').trend.filter((x: { denominator: number }) => x.denominator).map((x: { month: string; numerator: number; denominator: number }) => [x.month, x.numerator, x.denominator])).toEqual([
      ['2019-09', 1, 1],
      ['2019-10', 0, 1],
      ['2019-12', 0, 1],
    ]);
    // The whole city (finance): 9 claims counted, 8 filed, 6 closed; 上蔡县's 12,000 in the 7-day band, on time.
    const city = await get(auth.finance, '/api/oversight/kpis', { schemeId: 'zmd-yymsh', year: 2019 }).expect(200);
    const ck = (id: string) => city.body.kpis.find((x: { id: string }) => x.id === id);
    expect([ck('filing').numerator, ck('filing').denominator, ck('filing').percent]).toEqual([8, 9, '88.89']);
    expect([ck('closing').numerator, ck('closing').percent]).toEqual([6, '66.67']);
    expect(city.body.onTime.bands.find((b: { label: string }) => b.label.includes('1 万元以上'))).toMatchObject({ numerator: 1, denominator: 1 });
    expect(city.body.byBenefitInsurer.rows.map((x: { benefitId: string; claims: number; paidAmount: string }) => [x.benefitId, x.claims, x.paidAmount])).toEqual([
      ['heroic_act', 8, '25500.00'],
      ['hardship_major_illness', 1, '800.00'],
    ]);

    const x = await get(auth.cwYicheng, '/api/oversight/kpis.xlsx', { schemeId: 'zmd-yymsh', year: 2019 }).buffer(true).parse(binary).expect(200);
    const sheets = await readTables(x.body as Buffer);
    for (const kpi of r.body.kpis) {
      const row = sheets['指标'].rows.find((rw) => rw[0] === kpi.name)!;
      expect([row[1], row[2], row[3] === null ? null : new Decimal(row[3] as number).toFixed(2)]).toEqual([kpi.numerator, kpi.denominator, kpi.percent]);
    }
    for (const b of r.body.onTime.bands) {
      const row = sheets['按时赔付分档'].rows.find((rw) => rw[0] === b.label)!;
      expect([row[1], row[2], row[3], row[5] === null ? null : new Decimal(row[5] as number).toFixed(2), row[8]]).toEqual([b.workingDays, b.numerator, b.denominator, b.amountOnTime, b.unmeasured]);
    }
    const trend = sheets['月度趋势'];
    r.body.months.forEach((m: string, i: number) => {
      const row = trend.rows.find((rw) => rw[0] === m)!;
      expect(row.slice(1, 3)).toEqual([r.body.kpis[0].trend[i].numerator, r.body.kpis[0].trend[i].denominator]);
    });
    // Another county's KPIs: 404.
    await get(auth.cwYicheng, '/api/oversight/kpis', { schemeId: 'zmd-yymsh', year: 2019, districtId: d.xiping.id }).expect(404);
  });

  it('shows Chongqing claims by benefit and insurer, and Minhang the subsidy module\'s KPIs', async () => {
    const mh = await get(auth.finance, '/api/oversight/kpis', { schemeId: 'mh-huhuibao', year: 2024 }).expect(200);
    expect(mh.body.subsidy.route).toBe('/api/subsidy/kpis?policyYear=2024');
    expect(mh.body.subsidy.kpis.targets.map((x: { id: string }) => x.id)).toEqual(['coverage', 'accuracy', 'onTime']);
    expect(mh.body.kpis.map((x: { id: string }) => x.id)).toEqual(['coverage', 'accuracy', 'onTime']);
    const cq = await get(auth.finance, '/api/oversight/kpis', { schemeId: 'cq-hmjkb', year: 2025 }).expect(200);
    expect(cq.body.byBenefitInsurer.rows).toEqual([]);
  });

  it('measures Minhang\'s subsidy KPIs with a monthly trend from the subsidy rows (purchase month; bank result month); .xlsx = JSON', async () => {
    const ds = t.dataSource;
    const clock = t.app.get(Clock);
    const before = clock.today();
    clock.setToday('2025-02-01'); // past the 2024-12-31 deadline: every eligible subsidy is due
    const pii = t.app.get(PiiCryptoService);
    const qibao = await district(ds, 'mh-huhuibao', '七宝镇');
    const batch = (await ds.getRepository(SubsidyPaymentBatch).insert({ districtId: qibao.id, policyYear: 2024, status: 'settled', itemCount: 3, totalAmount: new Decimal('387.00'), createdById: null })).identifiers[0].id as number;
    /** One buyer: policy, subsidy and (when sent to the bank) the bank's result. */
    const buyer = async (i: number, bought: string, decision: 'eligible' | 'refused', bank?: { result: 'paid' | 'failed'; at: string }) => {
      const p = await person(ds, pii, { name: `闵行${i}`, birthDate: `195${i}-03-0${i + 1}`, districtId: qibao.id, regionCode: '310112' });
      const id = pii.protectIdNumber(p.idNumber);
      const policyId = (await ds.getRepository(HuhuibaoPolicy).insert({
        policyNo: `OV-MH-${i}-${randomUUID().slice(0, 8)}`, holderName: `闵行${i}`, idNumberEnc: id.enc, idNumberHash: id.hash, idNumberMasked: id.masked, personId: p.id,
        groupPolicy: false, viaMinhangLink: true, purchaseDate: bought, issueDate: bought, premium: new Decimal('129.00'), policyYear: 2024, importId: null,
      })).identifiers[0].id as number;
      const paidOn = bank?.result === 'paid' ? bank.at : null;
      const status = decision === 'refused' ? 'refused' : bank ? bank.result : 'ready';
      const subsidyId = (await ds.getRepository(HuhuibaoSubsidy).insert({
        policyId, personId: p.id, policyYear: 2024, decision, amount: new Decimal(decision === 'eligible' ? '129.00' : '0.00'), reasons: [], districtId: qibao.id,
        payers: decision === 'eligible' ? [{ payer: '区级财政', amount: '45.15' }, { payer: '镇级财政', amount: '83.85' }] as never : null,
        grantKey: null, status, failureReason: bank?.result === 'failed' ? '账户已销户' : null, batchId: bank ? batch : null, paidOn, matchedAt: null,
      })).identifiers[0].id as number;
      if (bank) {
        await ds.getRepository(SubsidyPaymentItem).insert({
          batchId: batch, subsidyId, openSubsidyId: null, personId: p.id, amount: new Decimal('129.00'), holderName: `闵行${i}`, bankName: '测试银行', accountEnc: 'x', accountMasked: '6222****0000',
          result: bank.result, failureReason: bank.result === 'failed' ? '账户已销户' : null, paidOn, resultAt: at(`${bank.at}T10:00:00+08:00`),
        });
      }
    };
    await buyer(1, '2024-06-10', 'eligible', { result: 'paid', at: '2024-09-10' }); // paid in the year: on time
    await buyer(2, '2024-06-20', 'eligible', { result: 'failed', at: '2024-09-10' }); // the bank refused: not paid
    await buyer(3, '2024-07-05', 'eligible', { result: 'paid', at: '2025-01-08' }); // paid after 12-31: late
    await buyer(4, '2024-07-10', 'refused');
    try {
      // The desk's 沪惠保 page takes finance's 街镇 from here (GET /api/people/districts is not finance's).
      const p = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'mh-huhuibao', year: 2024 }).expect(200);
      expect(p.body.districts.map((x: { districtId: number; name: string }) => [x.districtId, x.name])).toContainEqual([qibao.id, '七宝镇']);
      const r = await get(auth.finance, '/api/oversight/kpis', { schemeId: 'mh-huhuibao', year: 2024 }).expect(200);
      expect(r.body.months[0]).toBe('2024-01');
      expect(r.body.months[r.body.months.length - 1]).toBe('2025-01'); // a bank result came back in January
      const k = (id: string) => r.body.kpis.find((x: { id: string }) => x.id === id);
      expect(k('coverage')).toMatchObject({ name: '应补尽补率', numerator: 2, denominator: 3, percent: '66.67', met: false, target: '100%' });
      expect(k('accuracy')).toMatchObject({ numerator: 2, denominator: 3, percent: '66.67' });
      expect(k('onTime')).toMatchObject({ numerator: 1, denominator: 3, percent: '33.33' });
      const months = (id: string) => k(id).trend.filter((x: { denominator: number }) => x.denominator).map((x: { month: string; numerator: number; denominator: number; percent: string }) => [x.month, x.numerator, x.denominator, x.percent]);
      expect(months('coverage')).toEqual([['2024-06', 1, 2, '50.00'], ['2024-07', 1, 1, '100.00']]);
      expect(months('accuracy')).toEqual([['2024-09', 1, 2, '50.00'], ['2025-01', 1, 1, '100.00']]);
      expect(months('onTime')).toEqual([['2024-06', 1, 2, '50.00'], ['2024-07', 0, 1, '0.00']]);
      for (const x of r.body.kpis) expect(x.trend.map((p: { month: string }) => p.month)).toEqual(r.body.months);
      // The subsidy route answers the same trends.
      const sub = await get(auth.finance, '/api/subsidy/kpis', { policyYear: 2024 }).expect(200);
      expect(sub.body.targets.map((x: { trend: unknown }) => x.trend)).toEqual(r.body.kpis.map((x: { trend: unknown }) => x.trend));

      const x = await get(auth.finance, '/api/oversight/kpis.xlsx', { schemeId: 'mh-huhuibao', year: 2024 }).buffer(true).parse(binary).expect(200);
      const sheets = await readTables(x.body as Buffer);
      for (const kpi of r.body.kpis) {
        const row = sheets['指标'].rows.find((rw) => rw[0] === kpi.name)!;
        expect([row[1], row[2], row[3] === null ? null : new Decimal(row[3] as number).toFixed(2)]).toEqual([kpi.numerator, kpi.denominator, kpi.percent]);
      }
      r.body.months.forEach((m: string, i: number) => {
        const row = sheets['月度趋势'].rows.find((rw) => rw[0] === m)!;
        expect(row.slice(1, 10)).toEqual(r.body.kpis.flatMap((kpi: { trend: { numerator: number; denominator: number; percent: string | null }[] }) => [
          kpi.trend[i].numerator, kpi.trend[i].denominator, kpi.trend[i].percent === null ? null : Number(kpi.trend[i].percent),
        ]));
      });
    } finally {
      clock.setToday(before);
    }
  });

  // ------------------------------------------------------------------ decision letters

  it('evaluates a county once for a burst of claim events (the latest event is the cause), not once per event', async () => {
    const warnings = t.app.get(WarningsService);
    await warnings.idle();
    const spy = jest.spyOn(warnings, 'evaluate');
    try {
      const c1 = await t.dataSource.getRepository(Claim).findOneByOrFail({ id: hc.claim1 });
      const c2 = await t.dataSource.getRepository(Claim).findOneByOrFail({ id: hc.claim2 });
      const bus = t.app.get(ClaimEventsBus);
      const event = (c: Claim, id: number) => ({ id, claimId: c.id, claimNo: c.claimNo, personId: c.personId, districtId: c.districtId, schemeId: c.schemeId, benefitId: c.benefitId, type: 'transition', action: 'note', label: 'x', fromState: null, toState: c.state, actorRole: 'caseworker', reason: null, amount: null, at: new Date().toISOString() });
      // Published in one turn: the first queues the evaluation, the rest join it before it starts.
      bus.publish(([[c1, 900001], [c2, 900002], [c1, 900003], [c2, 900005], [c1, 900004]] as const).map(([c, id]) => event(c, id)));
      await warnings.idle();
      expect(spy.mock.calls.map((call) => [call[0], call[1], call[2], call[3]])).toEqual([['jc-fpzhbx', 2026, c2.districtId, { claimId: c2.id, claimEventId: 900005 }]]);
    } finally {
      spy.mockRestore();
    }
  });

  it('prints the decision letter of a decided claim for its beneficiary and its district\'s staff only', async () => {
    t.app.get(Clock).setToday('2026-05-20');
    const l = await get(auth.a1, `/api/claims/${hc.claim1}/decision`).expect(200);
    expect(l.body).toMatchObject({ title: '理赔核定书', decision: 'paid', decisionLabel: '核定赔付（已赔付）', calculated: '100.00', amount: '950.00', amountChangeReason: '复核票据后按实际自付费用核定', district: '高平市', benefitName: expect.any(String) });
    expect(l.body.person.idNumberMasked).toMatch(/^\d{3}\*+\d{4}$|^\d{6}\*+\d{4}$|\*/);
    expect(l.body.lines.length).toBeGreaterThan(0);
    expect(l.body.lines.map((x: { amount: string | null }) => x.amount).filter(Boolean).reduce((a: Decimal, x: string) => a.plus(x), new Decimal(0)).toFixed(2)).toBe('100.00');
    expect(l.body.appeal.join('')).toContain('提出异议');
    const html = await get(auth.a1, `/api/claims/${hc.claim1}/decision.html`).expect(200);
    expect(html.headers['content-type']).toContain('text/html');
    for (const s of ['理赔核定书', l.body.person.idNumberMasked, '950.00', '提出异议', l.body.lines[0].text.slice(0, 10)]) expect(html.text).toContain(s);
    expect(html.text).not.toContain(l.body.person.idNumberMasked.replace(/\*/g, '0'));

    const pdfRes = await get(auth.cwGaoping, `/api/claims/${hc.claim1}/decision.pdf`).buffer(true).parse(binary);
    if (t.app.get(DecisionLetterService).fontInfo()) {
      expect(pdfRes.status).toBe(200);
      expect(pdfRes.headers['content-type']).toBe('application/pdf');
      const text = (pdfRes.body as Buffer).toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      if (process.env.OVERSIGHT_PDF_OUT) require('node:fs').writeFileSync(process.env.OVERSIGHT_PDF_OUT, pdfRes.body as Buffer);
      expect(text).toMatch(/\/FontFile2|\/FontFile3/); // the CJK font is embedded (subset)
      expect(text).toContain('/ToUnicode');
    } else {
      expect(pdfRes.status).toBe(503);
      expect(JSON.parse((pdfRes.body as Buffer).toString('utf8')).code).toBe('NO_CJK_FONT');
    }

    // Someone else's claim, another district's caseworker: 404. Before the decision: 409.
    await get(auth.other, `/api/claims/${hc.claim1}/decision.pdf`).expect(404);
    await get(auth.cwZezhou, `/api/claims/${hc.claim1}/decision.html`).expect(404);
    await get(auth.a2, `/api/claims/${hc.claim2}/decision.html`).expect(200);
    const open = await http().post('/api/claims').set('Authorization', auth.cwGaoping).set('Idempotency-Key', key())
      .send({ schemeId: 'jc-fpzhbx', benefitId: 'inpatient', incidentDate: '2026-05-11', description: '住院', facts: { selfPayAfterOthers: '2500.00' }, personId: gpIds[4] })
      .expect(201);
    const nd = await get(auth.cwGaoping, `/api/claims/${open.body.id}/decision.html`).expect(409);
    expect(nd.body.code).toBe('NOT_DECIDED');
  });

  it('scopes every figure: caseworkers their districts (404 for another), adjusters read their insurer\'s, beneficiaries none', async () => {
    const own = await get(auth.cwGaoping, '/api/oversight/premiums', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    expect(own.body.level).toBe('districts');
    expect(own.body.districts.map((x: { name: string }) => x.name)).toEqual(['高平市']);
    expect(own.body.total.premiumDue).toBe('1150.00');
    for (const path of ['premiums', 'claims-money', 'warnings', 'settlements', 'settlements.xlsx', 'kpis', 'kpis.xlsx']) {
      await get(auth.cwGaoping, `/api/oversight/${path}`, { schemeId: 'jc-fpzhbx', year: 2026, districtId: d.zezhou.id }).expect(404);
      await get(auth.a1, `/api/oversight/${path}`, { schemeId: 'jc-fpzhbx', year: 2026 }).expect(403);
    }
    const adj = await get(auth.adjJc, '/api/oversight/claims-money', { schemeId: 'jc-fpzhbx', year: 2026 }).expect(200);
    expect(adj.body.districts.map((x: { name: string }) => x.name).sort()).toEqual(['泽州县', '陵川县', '高平市'].sort());
    await get(auth.adjJc, '/api/oversight/premiums', { schemeId: 'zmd-yymsh', year: 2019, districtId: d.yicheng.id }).expect(404);
    const bad = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'jc-fpzhbx', year: 2019 }).expect(400);
    expect(bad.body.errors[0].field).toBe('year');
    const wrong = await get(auth.finance, '/api/oversight/premiums', { schemeId: 'jc-fpzhbx', year: 2026, districtId: d.yicheng.id }).expect(400);
    expect(wrong.body.errors[0].field).toBe('districtId');
  });
});

/** supertest: keep a binary body as a Buffer. */
function binary(res: request.Response, cb: (err: Error | null, body: Buffer) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(Buffer.from(c)));
  stream.on('end', () => cb(null, Buffer.concat(chunks)));
}
