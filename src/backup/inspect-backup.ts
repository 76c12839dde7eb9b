import { stat } from 'node:fs/promises';
import type { BackupSummary } from './backup-format';
import { verifyBackup } from './backup-reader';

/**
 * Reads a backup file through and checks it (format, each table's rows against its count and SHA-256, the
 * manifest) without a database; returns what it holds. A truncated or corrupted file is a `BackupError`.
 * @example
 * const { source, tables } = await inspectBackup('backup.tessera');
 */
export async function inspectBackup(file: string): Promise<BackupSummary> {
  const { header, manifest } = await verifyBackup(file);
  const { size } = await stat(file);
  return { createdAt: header.createdAt, source: header.source, schema: header.schema, tables: manifest.tables, rows: manifest.rows, bytes: size };
}
