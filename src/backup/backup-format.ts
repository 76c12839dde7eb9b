import type { ColumnType } from '../metadata/column-type';
import type { DatabaseSchema } from '../sql/schema-model/database-schema';

/*
 * A Tessera backup is one gzip stream of newline-delimited JSON (`gunzip -c backup.tessera | head` shows it):
 *
 *   {"format":"tessera-backup","version":1,...,"schema":{..},"tables":[..]}   the header: schema and column types
 *   {"table":"authors"}                                                   a table's rows begin
 *   [1,"Ann","2024-01-02T03:04:05.678Z"]                                   one row: values in column order
 *   {"end":"authors","rows":2,"sha256":".."}                              a table's rows end
 *   ...                                                                   every table of the header, in its order
 *   {"manifest":{"tables":[{"name":"authors","rows":2,"sha256":".."}],"rows":2}}
 *
 * A row line starts with `[`, every other line with `{`. `sha256` is the hex SHA-256 of the table's row lines
 * as written (each with its newline). A backup whose last line is not the manifest is truncated.
 */

export const BACKUP_FORMAT = 'tessera-backup';
export const BACKUP_VERSION = 1;

/** One column as the rows carry it: the portable type decides how its values are encoded (value-codec.ts). */
export interface BackupColumn {
  readonly name: string;
  /** undefined for a type Tessera has no name for: values are copied as the driver returned them. */
  readonly type: ColumnType | undefined;
}

/** One table of a backup, in the order its rows are written (referenced tables first). */
export interface BackupTable {
  readonly name: string;
  readonly columns: readonly BackupColumn[];
}

/** The first line of a backup. */
export interface BackupHeader {
  readonly format: typeof BACKUP_FORMAT;
  readonly version: number;
  /** When the snapshot was read (ISO 8601). */
  readonly createdAt: string;
  /** The dialect and server the backup was read from. */
  readonly source: { readonly dialect: string; readonly serverVersion: string };
  readonly schema: DatabaseSchema;
  readonly tables: readonly BackupTable[];
}

/** What was written per table: checked against the rows when a backup is verified or restored. */
export interface BackupTableSummary {
  readonly name: string;
  readonly rows: number;
  readonly sha256: string;
}

/** The last line of a backup. */
export interface BackupManifest {
  readonly tables: readonly BackupTableSummary[];
  readonly rows: number;
}

/** What `orm.backup()` wrote and `inspectBackup()` reads: the header's facts and the manifest. */
export interface BackupSummary extends BackupManifest {
  readonly createdAt: string;
  readonly source: { readonly dialect: string; readonly serverVersion: string };
  readonly schema: DatabaseSchema;
  /** Compressed size in bytes. */
  readonly bytes: number;
}

export type TableStartLine = { readonly table: string };
export type TableEndLine = { readonly end: string; readonly rows: number; readonly sha256: string };
export type ManifestLine = { readonly manifest: BackupManifest };
