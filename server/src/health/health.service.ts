import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, MigrationExecutor } from 'typeorm';

export interface HealthReport {
  status: 'ok' | 'error';
  database: 'up' | 'down';
  /** current: every known migration ran and nothing else; pending: some did not run; unknown: the DB has migrations this build does not know. */
  migrations: 'current' | 'pending' | 'unknown';
}

@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async check(): Promise<HealthReport> {
    try {
      await this.dataSource.query('SELECT 1');
    } catch (e) {
      this.logger.error(`database check failed: ${(e as Error).message}`);
      return { status: 'error', database: 'down', migrations: 'unknown' };
    }
    const pending = await this.dataSource.showMigrations();
    const executed = await new MigrationExecutor(this.dataSource).getExecutedMigrations();
    const known = new Set(this.dataSource.migrations.map((m) => m.name));
    const strangers = executed.filter((m) => !known.has(m.name));
    const migrations = pending ? 'pending' : strangers.length ? 'unknown' : 'current';
    return { status: migrations === 'current' ? 'ok' : 'error', database: 'up', migrations };
  }
}
