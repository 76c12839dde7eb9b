import { CompiledQuery } from '../../query/compiler/compiled-query';
import type { BackupSupport } from '../dialect';

/**
 * PostgreSQL: a REPEATABLE READ transaction reads one snapshot (taken at its first statement) of every table.
 * Foreign keys are not deferrable unless declared so, and turning their triggers off needs a superuser, so a
 * restore adds them after the rows, as pg_dump does: PostgreSQL validates them then. Explicit ids leave an
 * identity's sequence behind, so it is set past the largest.
 */
export function postgresBackup(quote: (name: string) => string): BackupSupport {
  return Object.freeze<BackupSupport>({
    snapshot: ['begin isolation level repeatable read read only'],
    foreignKeysAfterRows: true,
    loadSession: [],
    endLoadSession: [],
    // pg_get_serial_sequence reads its first argument as an identifier, quoted; both names are bound values.
    identityReset: (table, column) =>
      CompiledQuery.create(
        `select setval(pg_get_serial_sequence($1, $2), coalesce((select max(${quote(column)}) from ${quote(table)}), 0) + 1, false)`,
        [quote(table), column],
      ),
  });
}
