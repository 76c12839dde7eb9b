import type { BackupSupport } from '../dialect';

/**
 * SQLite: a deferred transaction becomes a read transaction at its first SELECT and sees one snapshot of the
 * file (WAL mode) until it ends. A restore creates foreign keys with their tables (adding one later rebuilds
 * the table) and defers their checks to the commit; the pragma ends with the transaction. AUTOINCREMENT
 * records every explicit id inserted, so no reset is needed.
 */
export const sqliteBackup: BackupSupport = Object.freeze<BackupSupport>({
  snapshot: ['begin'],
  foreignKeysAfterRows: false,
  loadSession: ['pragma defer_foreign_keys = on'],
  endLoadSession: [],
});
