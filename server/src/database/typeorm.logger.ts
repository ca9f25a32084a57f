import { Logger as NestLogger } from '@nestjs/common';
import type { Logger, QueryRunner } from 'typeorm';
import { maskSensitiveText } from '../common/crypto/mask';

/**
 * TypeORM → Nest logger. Failed and slow queries are logged WITHOUT their parameters (names, encrypted
 * IDs, phones…) and with long digit runs masked; full query logging only when DB_LOGGING is on
 * (never in production, see config).
 */
export class SafeTypeOrmLogger implements Logger {
  private readonly logger = new NestLogger('TypeORM');

  /** showSchemaBuild: print migration:show's list and similar (the CLI wants them, the app does not). */
  constructor(
    private readonly verbose: boolean,
    private readonly showSchemaBuild = false,
  ) {}

  logQuery(query: string, parameters?: unknown[]): void {
    if (this.verbose) this.logger.debug(maskSensitiveText(`${query}${parameters?.length ? ` -- ${JSON.stringify(parameters)}` : ''}`));
  }

  logQueryError(error: string | Error, query: string, _parameters?: unknown[], _qr?: QueryRunner): void {
    const msg = typeof error === 'string' ? error : error.message;
    this.logger.warn(maskSensitiveText(`query failed: ${msg} -- ${query.slice(0, 1000)}`));
  }

  logQuerySlow(time: number, query: string): void {
    this.logger.warn(maskSensitiveText(`slow query (${time} ms): ${query.slice(0, 1000)}`));
  }

  logSchemaBuild(message: string): void {
    // Applied/reverted migrations are worth a line; the per-check chatter of showMigrations() is not.
    if (this.showSchemaBuild || /^Migration .* (executed|reverted) successfully/.test(message)) this.logger.log(message);
    else if (this.verbose) this.logger.debug(message);
  }

  logMigration(message: string): void {
    this.logger.log(message);
  }

  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(maskSensitiveText(String(message)));
    else if (this.verbose) this.logger.log(maskSensitiveText(String(message)));
  }
}
