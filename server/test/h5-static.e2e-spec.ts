/** npm start serves the H5 mini-program at / beside the API: deep links get index.html, /api stays JSON. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

describe('H5 build served with the API', () => {
  let db: TestDatabase;
  let t: TestApp;
  const dir = mkdtempSync(join(tmpdir(), 'huimin-h5-'));

  beforeAll(async () => {
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>惠民</title><div id="app"></div>');
    writeFileSync(join(dir, 'app.js'), 'console.log(1)');
    db = await createTestDatabase();
    t = await startTestApp({ ...db, config: { ...db.config, h5Dir: dir } });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for a deep link of the browser router', async () => {
    const root = await request(t.app.getHttpServer()).get('/').expect(200);
    expect(root.text).toContain('<title>惠民</title>');
    const deep = await request(t.app.getHttpServer()).get('/packages/policy/pages/estimate/index').expect(200);
    expect(deep.text).toContain('<title>惠民</title>');
    await request(t.app.getHttpServer()).get('/app.js').expect(200).expect(/console/);
  });

  it('leaves the API to the API: JSON, and a JSON 404 for unknown API paths', async () => {
    await request(t.app.getHttpServer()).get('/api/health').expect(200).expect('Content-Type', /json/);
    const r = await request(t.app.getHttpServer()).get('/api/no-such-route').expect(404);
    expect(r.headers['content-type']).toMatch(/json/);
  });
});
