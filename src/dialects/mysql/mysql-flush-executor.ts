import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { QueryResult } from '../driver';
import { SqlFlushExecutor } from '../../sql/sql-flush-executor';

/**
 * MySQL has no INSERT .. RETURNING (MariaDB's is not MySQL's): a multi-row insert reports its first generated
 * id, and InnoDB hands one statement's rows consecutive ids (auto_increment_increment = 1 is assumed).
 */
export class MysqlFlushExecutor extends SqlFlushExecutor {
  protected override readGeneratedKeys(result: QueryResult, rowCount: number, _key: PropertyMetadata): unknown[] {
    const first = Number(result.insertId);
    return Array.from({ length: rowCount }, (_, i) => first + i);
  }
}
