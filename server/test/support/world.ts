import { AppUser, type Role } from '../../src/users/app-user.entity';
import { PiiCryptoService } from '../../src/common/crypto/pii-crypto.service';
import { Clock } from '../../src/common/clock';
import type { TestApp } from './test-app';
import { district, enrol, household, person, usage } from './fixtures';

/**
 * A small world on top of the reference seed, "today" 2026-03-01:
 * - A (赵桂兰, 高平市, 边缘易致贫户 in the monitoring system, medical insurance 2026) in household H: Jincheng 2026
 *   (in force), Chongqing 2025 (ended 2025-12-31: within 12 months) and 2024 (ended over 12 months ago: hidden);
 *   her own inpatient ledger 1,200 base; the household's property ledger 3,000 paid; Chongqing 2025 accident medical 800 paid;
 * - B (张永福) in the same household, Jincheng 2026 only;
 * - C (李秀英, 泽州县, 脱贫户), Jincheng 2026, another district.
 */
export async function buildWorld(t: TestApp) {
  const ds = t.dataSource;
  const pii = t.app.get(PiiCryptoService);
  t.app.get(Clock).setToday('2026-03-01');
  const gaoping = await district(ds, 'jc-fpzhbx', '高平市');
  const zezhou = await district(ds, 'jc-fpzhbx', '泽州县');
  const yuzhong = await district(ds, 'cq-hmjkb', '渝中区');
  const h = await household(ds, gaoping.id);
  const monitored = { medical_insurance_years: [2026], monitoring_system: true, monitoring_system_since: '2025-06-20' };
  const a = await person(ds, pii, {
    name: '赵桂兰', birthDate: '1968-02-11', districtId: gaoping.id, householdId: h, phone: '13912345678', flags: monitored,
    identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
  });
  const b = await person(ds, pii, {
    name: '张永福', birthDate: '1965-07-30', districtId: gaoping.id, householdId: h, flags: monitored,
    identities: [{ code: 'edge_at_risk', validFrom: '2025-06-20' }],
  });
  const c = await person(ds, pii, {
    name: '李秀英', birthDate: '1941-05-20', districtId: zezhou.id, regionCode: '140525', flags: { medical_insurance_years: [2026] },
    identities: [{ code: 'tuopin', validFrom: '2020-12-31' }],
  });
  const jc = { schemeId: 'jc-fpzhbx', year: 2026, coverStart: '2026-01-01', coverEnd: '2026-12-31', premium: '100.00' };
  await enrol(ds, { ...jc, personId: a.id, insurerId: gaoping.insurerId! });
  await enrol(ds, { ...jc, personId: b.id, insurerId: gaoping.insurerId! });
  await enrol(ds, { ...jc, personId: c.id, insurerId: zezhou.insurerId! });
  await enrol(ds, { personId: a.id, schemeId: 'cq-hmjkb', year: 2025, coverStart: '2025-01-01', coverEnd: '2025-12-31', insurerId: yuzhong.insurerId!, premium: '120.00' });
  await enrol(ds, { personId: a.id, schemeId: 'cq-hmjkb', year: 2024, coverStart: '2024-01-01', coverEnd: '2024-12-31', insurerId: yuzhong.insurerId!, premium: '120.00' });
  await usage(ds, { personId: a.id, schemeId: 'jc-fpzhbx', benefitCode: 'inpatient', year: 2026, baseUsed: '1200.00', paid: '0.00' });
  await usage(ds, { householdId: h, schemeId: 'jc-fpzhbx', benefitCode: 'property', year: 2026, baseUsed: '3000.00', paid: '3000.00' });
  await usage(ds, { personId: a.id, schemeId: 'cq-hmjkb', benefitCode: 'accident_medical', year: 2025, baseUsed: '800.00', paid: '800.00' });
  // Staff rows (audit events point at real users).
  const staff = async (username: string, role: Role) => (await ds.getRepository(AppUser).insert({ username, role, active: true })).identifiers[0].id as number;
  const users = {
    cwGaoping: await staff('t-cw-gaoping', 'caseworker'),
    cwZezhou: await staff('t-cw-zezhou', 'caseworker'),
    adjuster: await staff('t-adjuster', 'adjuster'),
    finance: await staff('t-finance', 'finance'),
    admin: await staff('t-admin', 'admin'),
  };
  return { gaoping, zezhou, yuzhong, householdId: h, a, b, c, users };
}
