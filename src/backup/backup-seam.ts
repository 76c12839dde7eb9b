import type { BackupSupport, Dialect, SchemaGenerator } from '../dialects/dialect';
import { BackupError } from '../errors/backup-error';

/** The parts of the seam a backup or restore needs (snapshot and load statements, DDL), or a `BackupError` naming the dialect. */
export function backupSeam(dialect: Dialect): { support: BackupSupport; ddl: SchemaGenerator } {
  if (!dialect.backup || !dialect.schema || !dialect.createIntrospector) throw BackupError.noBackupSupport(dialect.name);
  return { support: dialect.backup, ddl: dialect.schema };
}
