import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { QueryResult } from '../driver';
import { SqlFlushExecutor } from '../../sql/sql-flush-executor';

/**
 * SQLite numbers the rows of one INSERT consecutively (each new rowid is one more than the largest, and the
 * flush's `begin immediate` keeps every other writer out) and reports the last one, so a chunk's keys are
 * derived from it: RETURNING would build and hand back a result row per inserted row, which costs as much as
 * the insert itself.
 */
export class SqliteFlushExecutor extends SqlFlushExecutor {
  protected override get keysFromReturning(): boolean {
    return false;
  }

  protected override readGeneratedKeys(result: QueryResult, rowCount: number, _key: PropertyMetadata): unknown[] {
    const last = BigInt(result.insertId as bigint | number);
    return Array.from({ length: rowCount }, (_, i) => last - BigInt(rowCount - 1 - i));
  }
}
