/** GET /api/schemes and /api/schemes/:id: the engine's catalogue, public, mapped to response DTOs. */
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

describe('scheme catalogue', () => {
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

  it('lists all five schemes without a login, with versions and insurance years', async () => {
    const r = await request(t.app.getHttpServer()).get('/api/schemes').expect(200);
    expect(r.body.map((s: { id: string }) => s.id)).toEqual(['cq-hmjkb', 'zmd-yymsh', 'lc-fpthb', 'jc-fpzhbx', 'mh-huhuibao']);
    const cq = r.body[0];
    expect(cq).toMatchObject({ name: '民政惠民济困保', kindLabel: '保险', region: { city: '重庆市' } });
    expect(cq.versions[0]).toMatchObject({ id: 'cq-2024', from: '2024-01-01', to: '2025-12-31' });
    expect(cq.versions[0].insuranceYears.map((y: { id: string }) => y.id)).toEqual(['2024', '2025']);
    expect(cq.versions[0].periodSource).toContain('《关于做好民政惠民济困保项目实施有关工作的通知》');
  });

  it('gives one scheme in full: coverage, insurers with hotlines, benefits with limits, facts, documents and sources; funding', async () => {
    const r = await request(t.app.getHttpServer()).get('/api/schemes/cq-hmjkb').expect(200);
    const v = r.body.versions[0];
    expect(r.body.sources[0]).toMatchObject({ docNo: '渝民发〔2024〕3号' });
    expect(v.coverage.qualifying.map((q: { label: string }) => q.label)).toContain('特困人员');
    const youfu = v.coverage.qualifying.find((q: { code: string }) => q.code === 'youfu_regular');
    expect(youfu.excludes).toEqual(['伤残人民警察', '伤残国家机关工作人员']);
    expect(v.coverage.areas.find((a: { name: string }) => a.name === '渝北区')).toMatchObject({ insurerId: 'cq-chinalife' });
    expect(v.insurers.find((i: { id: string }) => i.id === 'cq-chinalife')).toMatchObject({ hotline: '95519', telLink: 'tel:95519' });
    expect(v.insurers.find((i: { id: string }) => i.id === 'cq-ancheng')).toMatchObject({ hotline: null, telLink: null });

    const critical = v.benefits.find((b: { id: string }) => b.id === 'critical_supplement');
    expect(critical.limits.annualCap).toMatchObject({ amount: '150000.00', text: '每人每年最高 150,000 元' });
    expect(critical.limits.deductible).toMatchObject({ amount: '3000.00', perYear: true });
    const tekun = critical.limits.bands.find((b: { appliesTo: string[] }) => b.appliesTo.includes('特困人员'));
    expect(tekun.bands.map((b: { ratePercent: string }) => b.ratePercent)).toEqual(['30%', '35%', '40%']);
    expect(tekun.bands[0]).toMatchObject({ from: '0.00', upTo: '10000.00', rate: '0.30' });
    expect(critical.formula.join('')).toContain('起付线 3,000 元');
    expect(critical.facts[0]).toMatchObject({ type: 'money', required: true });
    expect(critical.documents.length).toBeGreaterThan(2);
    expect(critical.source).toContain('《关于做好民政惠民济困保项目实施有关工作的通知》');
    expect(critical.deadline.text).toMatch(/工作日/);

    expect(v.funding[0]).toMatchObject({ amount: '10.00', basis: 'perCoveredMonth', text: '保费：每人每参保月 10 元', payers: ['由重庆市民政局全额承担'] });
  });

  it('names exclusions, purchase windows, payer shares by area and town type', async () => {
    const zmd = (await request(t.app.getHttpServer()).get('/api/schemes/zmd-yymsh').expect(200)).body;
    expect(zmd.versions[0].coverage.exclusions[0]).toMatchObject({ name: '新蔡县' });
    expect(zmd.versions[0].coverage.basis).toBe('registered_residents');
    const mh = (await request(t.app.getHttpServer()).get('/api/schemes/mh-huhuibao').expect(200)).body;
    expect(mh.kindLabel).toBe('购买补贴');
    expect(mh.versions[0].purchaseWindow).toMatchObject({ from: '06-01', to: '07-31' });
    expect(mh.versions[0].funding[0].payers).toEqual(['街道：区级财政 100%', '镇：区级财政 35%、镇级财政 65%', '莘庄工业区：区级财政 35%、莘庄工业区 65%']);
    const jc = (await request(t.app.getHttpServer()).get('/api/schemes/jc-fpzhbx').expect(200)).body;
    expect(jc.versions.map((v: { id: string }) => v.id)).toEqual(['jc-2026', 'jc-2027', 'jc-2028']);
    expect(jc.versions[0].funding[0].payers).toEqual(['泽州县、高平市、阳城县、沁水县：市级财政 30%、县级财政 70%', '陵川县：市级财政 50%、县级财政 50%', '城区：市级财政 50%、区级财政 50%']);
    const property = jc.versions[0].benefits.find((b: { id: string }) => b.id === 'property');
    expect(property).toMatchObject({ unit: 'household', unitLabel: '按户' });
    expect(property.limits.annualCap.text).toBe('每户每年最高 20,000 元');
    const lc = (await request(t.app.getHttpServer()).get('/api/schemes/lc-fpthb').expect(200)).body;
    expect(lc.versions[0].benefits.length).toBeGreaterThan(0);
  });

  it('answers an unknown scheme with 404 in Chinese', async () => {
    const r = await request(t.app.getHttpServer()).get('/api/schemes/no-such-scheme').expect(404);
    expect(r.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '没有这个保障方案' });
  });
});
