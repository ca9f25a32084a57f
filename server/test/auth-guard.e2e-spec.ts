/** The global guard: deny by default, @Public() opens a route, @Roles() narrows it; forged or expired tokens are refused. */
import { Controller, Get, INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import request from 'supertest';
import type { AuthUser } from '../src/auth/auth-user';
import { CurrentUser, Public, Roles } from '../src/auth/decorators';
import { bearer } from './support/auth';
import { startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-db';

@Controller('guard-probe')
class GuardProbe {
  @Public()
  @Get('open')
  open() {
    return { ok: true };
  }

  @Get('me')
  me(@CurrentUser() u: AuthUser) {
    return u;
  }

  @Roles('caseworker', 'admin')
  @Get('staff')
  staff() {
    return { ok: true };
  }
}

describe('JWT guard', () => {
  let db: TestDatabase;
  let t: TestApp;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db, [GuardProbe]);
    app = t.app;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('opens @Public routes and the health check without a token', async () => {
    await request(app.getHttpServer()).get('/api/guard-probe/open').expect(200);
    await request(app.getHttpServer()).get('/api/health').expect(200);
  });

  it('refuses every other route without a token, in Chinese', async () => {
    const r = await request(app.getHttpServer()).get('/api/guard-probe/me').expect(401);
    expect(r.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' });
  });

  it('refuses a forged, a malformed and an expired token', async () => {
    const forged = new JwtService({ secret: 'not-the-secret' }).sign({ sub: 1, role: 'admin', pid: null, dst: [], sid: 'x' });
    await request(app.getHttpServer()).get('/api/guard-probe/me').set('Authorization', `Bearer ${forged}`).expect(401);
    await request(app.getHttpServer()).get('/api/guard-probe/me').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    const expired = app.get(JwtService).sign({ sub: 1, role: 'admin', pid: null, dst: [], sid: 'x' }, { expiresIn: -10 });
    await request(app.getHttpServer()).get('/api/guard-probe/me').set('Authorization', `Bearer ${expired}`).expect(401);
    const none = app.get(JwtService).sign({ sub: 1, role: 'admin', pid: null, dst: [], sid: 'x' }, { algorithm: 'HS384' });
    await request(app.getHttpServer()).get('/api/guard-probe/me').set('Authorization', `Bearer ${none}`).expect(401);
  });

  it('puts the caller on the request', async () => {
    const r = await request(app.getHttpServer()).get('/api/guard-probe/me').set('Authorization', bearer(app, { userId: 7, role: 'caseworker', districtIds: [3, 4] })).expect(200);
    expect(r.body).toMatchObject({ userId: 7, role: 'caseworker', personId: null, districtIds: [3, 4] });
  });

  it('@Roles lets the named roles in and no one else', async () => {
    await request(app.getHttpServer()).get('/api/guard-probe/staff').set('Authorization', bearer(app, { userId: 1, role: 'caseworker' })).expect(200);
    const r = await request(app.getHttpServer()).get('/api/guard-probe/staff').set('Authorization', bearer(app, { userId: 2, role: 'beneficiary', personId: 5 })).expect(403);
    expect(r.body.code).toBe('FORBIDDEN');
  });
});
