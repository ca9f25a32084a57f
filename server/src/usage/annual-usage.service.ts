import Decimal from 'decimal.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { toMoneyColumnValue } from '../common/money/decimal.transformer';
import { AnnualUsage, usageSubjectKey } from './annual-usage.entity';

export interface UsageKey {
  personId?: number | null;
  householdId?: number | null;
  schemeId: string;
  benefitCode: string;
  year: number;
}

/** The yearly ledger: find-or-create a row, then apply deltas with a version-checked UPDATE. */
@Injectable()
export class AnnualUsageService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The ledger row for this subject × scheme × benefit × year, created at zero if missing (race-safe). */
  async getOrCreate(key: UsageKey, manager: EntityManager = this.dataSource.manager): Promise<AnnualUsage> {
    const subjectKey = usageSubjectKey(key);
    const where = { subjectKey, schemeId: key.schemeId, benefitCode: key.benefitCode, year: key.year };
    const repo = manager.getRepository(AnnualUsage);
    const found = await repo.findOneBy(where);
    if (found) return found;
    try {
      await repo.insert({
        ...where,
        personId: key.personId ?? null,
        householdId: key.householdId ?? null,
        baseUsed: new Decimal(0),
        paid: new Decimal(0),
      });
    } catch (e) {
      // Someone else created it between our read and insert: fine, read theirs. Anything else: rethrow.
      const again = await repo.findOneBy(where);
      if (again) return again;
      throw e;
    }
    return repo.findOneByOrFail(where);
  }

  /**
   * Add to base_used and paid if the row is still at `expectedVersion`. Returns false when another
   * writer got there first: the caller re-reads and re-decides (its computation depended on the old totals).
   */
  async apply(
    row: Pick<AnnualUsage, 'id' | 'version'>,
    delta: { baseUsed?: Decimal; paid?: Decimal },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(AnnualUsage)
      .set({
        baseUsed: () => 'base_used + :baseDelta',
        paid: () => 'paid + :paidDelta',
        version: () => 'version + 1',
      })
      .where('id = :id AND version = :version', { id: row.id, version: row.version })
      .setParameters({
        baseDelta: toMoneyColumnValue(delta.baseUsed ?? new Decimal(0)),
        paidDelta: toMoneyColumnValue(delta.paid ?? new Decimal(0)),
      })
      .execute();
    return result.affected === 1;
  }
}
