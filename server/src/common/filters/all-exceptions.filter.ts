import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { QueryFailedError } from 'typeorm';
import { maskSensitiveText } from '../crypto/mask';
import { ErrorBody, HTTP_ERRORS } from '../errors/error-codes';
import { MoneyRangeError } from '../money/decimal.transformer';
import type { RequestWithId } from '../interceptors/request-id';

const HAS_CJK = /[\u3400-\u9fff]/;

function isUniqueViolation(e: QueryFailedError): boolean {
  const code = (e.driverError as { code?: string } | undefined)?.code;
  return code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

function generic(status: number): ErrorBody {
  const known = HTTP_ERRORS[status] ?? (status >= 500 ? HTTP_ERRORS[500] : HTTP_ERRORS[400]);
  return { statusCode: status, ...known };
}

/**
 * Every error leaves as `{ statusCode, code, message[, errors], requestId }` with a Chinese message.
 * Stack traces, SQL and driver messages stay in the server log (personal numbers masked), never in
 * the response.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Exceptions');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') throw exception;
    const ctx = host.switchToHttp();
    const req = ctx.getRequest<RequestWithId>();
    const body = this.toBody(exception);
    body.requestId = req.requestId;

    const where = `${req.method} ${maskSensitiveText(String(req.originalUrl ?? req.url))} rid=${req.requestId ?? '-'}`;
    if (body.statusCode >= 500) {
      const detail = exception instanceof Error ? (exception.stack ?? exception.message) : String(exception);
      this.logger.error(`${where} → ${body.statusCode} ${maskSensitiveText(detail)}`);
      if (exception instanceof QueryFailedError) {
        this.logger.error(`SQL: ${maskSensitiveText(String(exception.query)).slice(0, 2000)}`);
      }
    } else if (!(exception instanceof HttpException)) {
      const message = exception instanceof Error ? exception.message : String(exception);
      this.logger.warn(`${where} → ${body.statusCode} ${body.code}: ${maskSensitiveText(message)}`);
    }
    this.adapterHost.httpAdapter.reply(ctx.getResponse(), body, body.statusCode);
  }

  private toBody(exception: unknown): ErrorBody {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      // Nest wraps body-parser's SyntaxError (bad JSON) in a BadRequestException with an English message.
      if (exception.cause instanceof SyntaxError) {
        return { statusCode: 400, code: 'INVALID_JSON', message: '提交的内容不是有效的 JSON' };
      }
      const response = exception.getResponse();
      if (typeof response === 'object' && response !== null && 'code' in response && 'message' in response) {
        return { ...(response as ErrorBody), statusCode: status }; // already ours (e.g. VALIDATION_FAILED)
      }
      const body = generic(status);
      // A Chinese message thrown on purpose by our code (`new NotFoundException('找不到此人')`) is for the user.
      const msg = typeof response === 'string' ? response : (response as { message?: unknown })?.message;
      if (typeof msg === 'string' && HAS_CJK.test(msg)) body.message = msg;
      return body;
    }
    if (exception instanceof MoneyRangeError) {
      return {
        statusCode: HttpStatus.UNPROCESSABLE_ENTITY,
        code: exception.code,
        message: '金额超出允许范围：最多 12 位整数、2 位小数',
      };
    }
    if (exception instanceof QueryFailedError && isUniqueViolation(exception)) {
      return { statusCode: HttpStatus.CONFLICT, code: 'DUPLICATE', message: '该记录已存在，不能重复提交' };
    }
    // body-parser errors (bad JSON, too large) carry an HTTP status and a `type`.
    const e = exception as { status?: unknown; type?: unknown } | null;
    if (e && typeof e.status === 'number' && typeof e.type === 'string' && e.status >= 400 && e.status < 500) {
      if (e.type === 'entity.parse.failed') {
        return { statusCode: 400, code: 'INVALID_JSON', message: '提交的内容不是有效的 JSON' };
      }
      return generic(e.status);
    }
    return generic(HttpStatus.INTERNAL_SERVER_ERROR);
  }
}
