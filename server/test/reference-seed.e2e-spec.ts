/** The reference seed: every area of every scheme version as a district, the engine's insurers; idempotent; follows data changes. */
import { referenceData } from '../src/seed/reference';
import { ReferenceSeedService } from '../src/seed/reference';
import { District } from '../src/geo/district.entity';
import { Insurer } from '../src/geo/insurer.entity';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

describe('reference seed', () => {
  let db: TestDatabase;
  let t: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('ran at start-up: every district and insurer the engine names', async () => {
    const data = referenceData();
    expect(await t.dataSource.getRepository(District).count()).toBe(data.districts.length);
    expect(await t.dataSource.getRepository(Insurer).count()).toBe(data.insurers.length);
    const yubei = await t.dataSource.getRepository(District).findOneOrFail({ where: { schemeId: 'cq-hmjkb', name: '渝北区' }, relations: { insurer: true } });
    expect(yubei).toMatchObject({ city: '重庆市', county: '渝北区', type: null, payerShares: { 重庆市民政局: '1' } });
    expect(yubei.insurer).toMatchObject({ code: 'cq-chinalife', hotline: '95519' });
    const qibao = await t.dataSource.getRepository(District).findOneByOrFail({ schemeId: 'mh-huhuibao', name: '七宝镇' });
    expect(qibao).toMatchObject({ county: '闵行区', type: 'town', payerShares: { 区级财政: '0.35', 镇级财政: '0.65' } });
    expect(await t.dataSource.getRepository(District).findOneByOrFail({ name: '古美路街道' })).toMatchObject({ type: 'street', payerShares: { 区级财政: '1' } });
    expect(await t.dataSource.getRepository(District).findOneByOrFail({ name: '泽州县' })).toMatchObject({ code: '140525', payerShares: { 市级财政: '0.3', 县级财政: '0.7' } });
    expect(await t.dataSource.getRepository(District).findOneByOrFail({ name: '新蔡县' })).toMatchObject({ schemeId: 'zmd-yymsh', insurerId: null, payerShares: null });
    const lc = await t.dataSource.getRepository(District).findOneByOrFail({ name: '东昌府区' });
    expect(lc.payerShares).toEqual({ 省级财政: '0.6875', 市级财政: '0.125', 县级财政: '0.1875' });
  });

  it('is idempotent, and puts back what the engine says when a row drifted', async () => {
    const seed = t.app.get(ReferenceSeedService);
    const again = await seed.run();
    expect(again.districts).toEqual({ inserted: 0, updated: 0, unchanged: referenceData().districts.length });
    expect(again.insurers).toEqual({ inserted: 0, updated: 0, unchanged: referenceData().insurers.length });

    const d = t.dataSource.getRepository(District);
    const row = await d.findOneByOrFail({ name: '泽州县' });
    await d.update({ id: row.id }, { payerShares: { 市级财政: '0.5', 县级财政: '0.5' } });
    await t.dataSource.getRepository(Insurer).update({ code: 'cq-chinalife' }, { hotline: '000' });
    const fixed = await seed.run();
    expect(fixed.districts.updated).toBe(1);
    expect(fixed.insurers.updated).toBe(1);
    expect((await d.findOneByOrFail({ id: row.id })).payerShares).toEqual({ 市级财政: '0.3', 县级财政: '0.7' });
    expect((await d.findOneByOrFail({ id: row.id })).id).toBe(row.id);
  });

  it('runs again at every start-up without duplicating anything', async () => {
    const before = await t.dataSource.getRepository(District).count();
    await t.close();
    t = await startTestApp(db);
    expect(await t.dataSource.getRepository(District).count()).toBe(before);
  }, 60_000);
});
