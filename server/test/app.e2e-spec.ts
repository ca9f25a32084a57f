import { Body, Controller, Get, INestApplication, NotFoundException, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import request from 'supertest';
import { QueryFailedError } from 'typeorm';
import { TestApp, startTestApp } from './support/test-app';
import { createTestDatabase, DIALECT, TestDatabase } from './support/test-db';
import { Public } from '../src/auth/decorators';

class MemberDto {
  @IsString({ message: '请填写成员姓名' })
  @IsNotEmpty({ message: '请填写成员姓名' })
  name: string;
}

class ApplyDto {
  @IsString({ message: '请填写姓名' })
  @Length(2, 20, { message: '姓名应为 2 到 20 个字' })
  name: string;

  @IsInt({ message: '年龄应为整数' })
  @Min(0, { message: '年龄不能小于 0' })
  @Max(150, { message: '年龄不能大于 150' })
  age: number;

  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];
}

const SECRET_ID = '500101199001011234';

/** Test-only routes, mounted next to the real AppModule with the real global pipe/filter/interceptor. */
@Public()
@Controller('test')
class ProbeController {
  @Post('apply')
  apply(@Body() dto: ApplyDto) {
    return { ok: true, name: dto.name, members: dto.members.length, isDto: dto instanceof ApplyDto };
  }

  @Get('boom')
  boom(): never {
    throw new Error(`cannot read property of undefined while handling ${SECRET_ID}`);
  }

  @Get('sql')
  sql(): never {
    throw new QueryFailedError(
      `SELECT * FROM person WHERE id_number = '${SECRET_ID}'`,
      [],
      new Error(`ER_PARSE_ERROR near '${SECRET_ID}'`),
    );
  }

  @Get('missing')
  missing(): never {
    throw new NotFoundException('找不到此人');
  }
}

describe(`HTTP app (${DIALECT})`, () => {
  let db: TestDatabase;
  let t: TestApp;
  let app: INestApplication;

  beforeAll(async () => {
    db = await createTestDatabase();
    t = await startTestApp(db, [ProbeController]);
    app = t.app;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('GET /api/health → 200 with database up and migrations current (migrations ran at start-up)', async () => {
    const res = await request(app.getHttpServer()).get('/api/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', database: 'up', migrations: 'current' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves the OpenAPI document under /api/docs', async () => {
    const res = await request(app.getHttpServer()).get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toContain('/api/health');
    await request(app.getHttpServer()).get('/api/docs').expect(200).expect('Content-Type', /html/);
  });

  it('accepts and transforms a valid body', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/test/apply')
      .send({ name: '张三', age: 70, members: [{ name: '李四' }] })
      .expect(201);
    expect(res.body).toEqual({ ok: true, name: '张三', members: 1, isDto: true });
  });

  it('answers validation errors with Chinese per-field messages, nested paths included', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/test/apply')
      .send({ name: '张', age: 200.5, members: [{ name: '' }, {}] })
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', message: '提交的信息有误' });
    expect(res.body.errors).toEqual([
      { field: 'name', message: '姓名应为 2 到 20 个字' },
      { field: 'age', message: expect.stringMatching(/^年龄/) },
      { field: 'members[0].name', message: '请填写成员姓名' },
      { field: 'members[1].name', message: '请填写成员姓名' },
    ]);
    expect(res.body.requestId).toEqual(res.headers['x-request-id']);
  });

  it('refuses an unknown field', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/test/apply')
      .send({ name: '张三', age: 70, members: [], isAdmin: true })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([{ field: 'isAdmin', message: '不认识这个字段，请勿提交' }]);
  });

  it('answers malformed JSON with a Chinese message', async () => {
    const res = await request(app.getHttpServer())
      .post('/api/test/apply')
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'INVALID_JSON', message: '提交的内容不是有效的 JSON' });
    expect(JSON.stringify(res.body)).not.toMatch(/Unexpected|SyntaxError|at /);
  });

  it('turns an unhandled error into a generic Chinese 500 without stack, SQL or personal data', async () => {
    for (const path of ['/api/test/boom', '/api/test/sql']) {
      const res = await request(app.getHttpServer()).get(path).set('X-Request-Id', 'req-123').expect(500);
      expect(res.body).toEqual({
        statusCode: 500,
        code: 'INTERNAL_ERROR',
        message: '服务器出了点问题，请稍后再试',
        requestId: 'req-123',
      });
      const raw = JSON.stringify(res.body);
      expect(raw).not.toMatch(/SELECT|ER_PARSE|undefined|\.ts:|at /);
      expect(raw).not.toContain(SECRET_ID);
    }
    // the server log has the details, masked
    expect(t.logger.text).toContain('cannot read property of undefined while handling 500***********1234');
    expect(t.logger.text).toContain("SQL: SELECT * FROM person WHERE id_number = '500***********1234'");
    expect(t.logger.text).not.toContain(SECRET_ID);
  });

  it('keeps Chinese messages thrown on purpose and translates the rest', async () => {
    const a = await request(app.getHttpServer()).get('/api/test/missing').expect(404);
    expect(a.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '找不到此人' });
    const b = await request(app.getHttpServer()).get('/api/nowhere').expect(404);
    expect(b.body).toMatchObject({ statusCode: 404, code: 'NOT_FOUND', message: '找不到请求的内容' });
  });

  it('logs requests with ID numbers and long digit runs masked', async () => {
    await request(app.getHttpServer()).get(`/api/health?id=${SECRET_ID}&card=6222021234567890123`).expect(200);
    const line = t.logger.lines.find((l) => l.includes('GET /api/health?id='));
    expect(line).toMatch(/GET \/api\/health\?id=500\*{11}1234&card=\*{15}0123 200 [\d.]+ms rid=/);
    expect(t.logger.text).not.toContain(SECRET_ID);
  });

  it('GET /api/health → 503 when a migration has not run', async () => {
    await t.dataSource.undoLastMigration();
    try {
      const res = await request(app.getHttpServer()).get('/api/health').expect(503);
      expect(res.body).toEqual({ status: 'error', database: 'up', migrations: 'pending' });
    } finally {
      await t.dataSource.runMigrations();
    }
    await request(app.getHttpServer()).get('/api/health').expect(200);
  });
});
