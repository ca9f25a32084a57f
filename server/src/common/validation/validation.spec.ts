import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min, ValidateNested } from 'class-validator';
import { createValidationPipe, ValidationFailedException } from './validation';

class MemberDto {
  @IsString({ message: '请填写成员姓名' })
  name: string;
}

class SampleDto {
  @IsNotEmpty({ message: '请填写姓名' })
  name: string;

  @IsInt({ message: '年龄应为整数' })
  @Min(0, { message: '年龄不能小于 0' })
  @Max(150)
  age: number;

  @ValidateNested({ each: true })
  @Type(() => MemberDto)
  members: MemberDto[];
}

describe('global validation pipe', () => {
  const pipe = createValidationPipe();
  const meta = { type: 'body' as const, metatype: SampleDto };

  async function errorsOf(value: unknown) {
    try {
      await pipe.transform(value, meta);
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationFailedException);
      return (e as ValidationFailedException).getResponse();
    }
    throw new Error('expected a validation error');
  }

  it('passes and transforms a valid body', async () => {
    const out = await pipe.transform({ name: '张三', age: 30, members: [{ name: '李四' }] }, meta);
    expect(out).toBeInstanceOf(SampleDto);
    expect(out.members[0]).toBeInstanceOf(MemberDto);
  });

  it('gives one Chinese message per field, nested paths with [i], Chinese fallbacks', async () => {
    const body = await errorsOf({ name: '', age: 200, members: [{ name: 5 }], extra: 1 });
    expect(body).toEqual({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的信息有误',
      errors: expect.arrayContaining([
        { field: 'name', message: '请填写姓名' },
        { field: 'age', message: '数值太大' },
        { field: 'members[0].name', message: '请填写成员姓名' },
        { field: 'extra', message: '不认识这个字段，请勿提交' },
      ]),
    });
    expect((body as { errors: unknown[] }).errors).toHaveLength(4);
  });

  it('names the constraint written first when several fail on one field (a missing text is "请填写…", not "too long")', async () => {
    const body = await errorsOf({ name: '张三', age: 'x', members: [] });
    expect(body).toMatchObject({ errors: [{ field: 'age', message: '年龄应为整数' }] });
    const missing = await errorsOf({ age: 30, members: [] });
    expect(missing).toMatchObject({ errors: [{ field: 'name', message: '请填写姓名' }] });
  });

  it('refuses __proto__ and constructor keys (which class-transformer would drop unseen) with the other unknown fields', async () => {
    const value = JSON.parse('{"name":"张三","age":30,"members":[{"name":"李四","constructor":{}}],"role":"admin","__proto__":{"isAdmin":true}}');
    const body = await errorsOf(value);
    expect((body as { errors: { field: string }[] }).errors.map((e) => e.field).sort()).toEqual(['__proto__', 'members[0].constructor', 'role']);
    // alone, too (the rest of the body being valid)
    const alone = await errorsOf(JSON.parse('{"name":"张三","age":30,"members":[],"__proto__":{"isAdmin":true}}'));
    expect(alone).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: '__proto__', message: '不认识这个字段，请勿提交' }] });
    expect(({} as { isAdmin?: unknown }).isAdmin).toBeUndefined();
  });
});
