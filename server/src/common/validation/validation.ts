import { ArgumentMetadata, BadRequestException, ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';

export interface FieldError {
  /** Dotted path of the field, arrays as [i]: 'members[0].idNumber' */
  field: string;
  /** Chinese, meant for the person filling in the form. */
  message: string;
}

export const VALIDATION_FAILED = 'VALIDATION_FAILED';

/**
 * Fallback Chinese messages for class-validator constraints whose decorator carries no Chinese message.
 * DTOs should say it better themselves: `@IsNotEmpty({ message: '请填写姓名' })`.
 */
const CONSTRAINT_MESSAGES: Record<string, string> = {
  whitelistValidation: '不认识这个字段，请勿提交',
  isNotEmpty: '不能为空',
  isDefined: '必须填写',
  isString: '应为文字',
  isInt: '应为整数',
  isNumber: '应为数字',
  isBoolean: '应为是或否',
  isDate: '应为日期',
  isDateString: '应为日期，如 2025-01-31',
  isISO8601: '应为日期，如 2025-01-31',
  isEnum: '不在可选范围内',
  isIn: '不在可选范围内',
  isArray: '应为列表',
  isObject: '应为对象',
  nestedValidation: '格式不正确',
  min: '数值太小',
  max: '数值太大',
  minLength: '太短',
  maxLength: '太长',
  length: '长度不正确',
  matches: '格式不正确',
  arrayMinSize: '数量太少',
  arrayMaxSize: '数量太多',
  isMobilePhone: '手机号格式不正确',
  isPhoneNumber: '电话号码格式不正确',
};

const HAS_CJK = /[\u3400-\u9fff]/;

function chinese(constraint: string, message: string): string {
  return HAS_CJK.test(message) ? message : (CONSTRAINT_MESSAGES[constraint] ?? '填写有误');
}

function childPath(parent: string, property: string): string {
  if (/^\d+$/.test(property)) return `${parent}[${property}]`;
  return parent ? `${parent}.${property}` : property;
}

/** Flatten nested class-validator errors to one entry per field (its first failed constraint). */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const e of errors) {
    const field = childPath(parent, e.property);
    // class-validator lists a field's constraints in the reverse of their order in the source (decorators
    // apply bottom-up): reversed, the first is the one written first — "请填写…" before "最多 1000 个字".
    const constraints = Object.entries(e.constraints ?? {}).reverse();
    if (constraints.length) {
      // whitelist errors first: an unknown field says so, whatever else fails on it.
      constraints.sort(([a], [b]) => Number(b === 'whitelistValidation') - Number(a === 'whitelistValidation'));
      const [key, message] = constraints[0];
      out.push({ field, message: chinese(key, message) });
    }
    if (e.children?.length) out.push(...flattenValidationErrors(e.children, field));
  }
  return out;
}

export class ValidationFailedException extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super({ statusCode: 400, code: VALIDATION_FAILED, message: '提交的信息有误', errors });
  }
}

/**
 * Keys class-transformer drops without a word (its prototype-pollution guard), so the whitelist never sees
 * them and `{"role": …, "__proto__": {…}}` would pass as if the key were not there. Refused like any other
 * unknown field, at any depth.
 */
const SILENTLY_DROPPED_KEYS = new Set(['__proto__', 'constructor']);
const MAX_DEPTH = 32;

export function droppedKeyErrors(value: unknown, parent = '', depth = 0): FieldError[] {
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return [];
  const out: FieldError[] = [];
  for (const key of Object.keys(value)) {
    const field = childPath(parent, key);
    if (SILENTLY_DROPPED_KEYS.has(key)) out.push({ field, message: CONSTRAINT_MESSAGES.whitelistValidation });
    else out.push(...droppedKeyErrors((value as Record<string, unknown>)[key], field, depth + 1));
  }
  return out;
}

/** ValidationPipe that also refuses the keys class-transformer would drop unseen, in one 400 with the rest. */
class HouseValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const dropped = metadata.type === 'body' || metadata.type === 'query' ? droppedKeyErrors(value) : [];
    let out: unknown;
    try {
      out = await super.transform(value, metadata);
    } catch (e) {
      if (dropped.length && e instanceof ValidationFailedException) throw new ValidationFailedException([...e.errors, ...dropped]);
      throw e;
    }
    if (dropped.length) throw new ValidationFailedException(dropped);
    return out;
  }
}

/** The global pipe: unknown fields refused, payloads transformed to DTO classes, nested objects validated. */
export function createValidationPipe(): ValidationPipe {
  return new HouseValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new ValidationFailedException(flattenValidationErrors(errors)),
  });
}
