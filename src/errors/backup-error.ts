import { TesseraError } from './tessera-error';

/**
 * A backup cannot be written or restored as asked: the file is not a Tessera backup, it is truncated or
 * corrupted, the target database is not empty, or a column cannot cross to the target database. Raised before
 * the restore writes anything. `file` names the backup and `table` the table at fault, where there is one.
 */
export class BackupError extends TesseraError {
  constructor(
    message: string,
    readonly file?: string,
    readonly table?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  static notABackup(file: string, detail: string): BackupError {
    return new BackupError(`${file} is not a Tessera backup (${detail}). Nothing was restored.`, file);
  }

  static unsupportedVersion(file: string, version: unknown): BackupError {
    return new BackupError(`${file} is a Tessera backup of format version ${String(version)}, which this version of Tessera cannot read. Nothing was restored.`, file);
  }

  static truncated(file: string, detail: string): BackupError {
    return new BackupError(`${file} is truncated (${detail}): the backup was not written to the end. Nothing was restored.`, file);
  }

  static corrupted(file: string, detail: string, table?: string, cause?: unknown): BackupError {
    return new BackupError(`${file} is corrupted (${detail}). Nothing was restored.`, file, table, { cause });
  }

  static checksumMismatch(file: string, table: string): BackupError {
    return new BackupError(`${file} is corrupted: the rows of table ${table} do not match their checksum. Nothing was restored.`, file, table);
  }

  static targetNotEmpty(tables: readonly string[]): BackupError {
    const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? `, and ${tables.length - 5} more` : '');
    return new BackupError(
      `The target database is not empty (it has the tables ${shown}). Restore into an empty database, or pass force ` +
        '(`--force`) to drop the tables the backup holds first.',
    );
  }

  static unportableColumn(table: string, column: string, nativeType: string, source: string, target: string): BackupError {
    return new BackupError(
      `Column ${table}.${column} has the ${source} type ${nativeType}, which Tessera has no portable type for, so it cannot be restored into ${target}. ` +
        'Nothing was restored: restore into the same kind of database, or change the column to a portable type first.',
      undefined,
      table,
    );
  }

  static noBackupSupport(dialect: string): BackupError {
    return new BackupError(`The ${dialect} dialect does not support backup and restore (it has no introspection, DDL or snapshot statements).`);
  }
}
