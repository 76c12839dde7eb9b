import { createHash, type Hash } from 'node:crypto';
import { BackupError } from '../errors/backup-error';
import { backupLines } from './backup-lines';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  type BackupHeader,
  type BackupManifest,
  type BackupTable,
  type BackupTableSummary,
} from './backup-format';
import type { EncodedValue } from './value-codec';

/** What reading a backup yields, in file order; each is checked before it is yielded. */
export type BackupEvent =
  | { readonly kind: 'header'; readonly header: BackupHeader }
  | { readonly kind: 'rows'; readonly table: BackupTable; readonly rows: EncodedValue[][]; readonly bytes: number }
  | { readonly kind: 'manifest'; readonly manifest: BackupManifest };

/** How many rows (and about how many bytes of them) one `rows` event carries at most. */
export interface ReadBatch {
  readonly rows: number;
  readonly bytes: number;
}

const DEFAULT_BATCH: ReadBatch = { rows: 1000, bytes: 1 << 20 };

/**
 * Reads a backup file, checking it as it goes: the header's format and version, every table in the header's
 * order with its rows of the right width, each table's row count and SHA-256, the manifest last and nothing after
 * it. Rows come in batches; a problem is a `BackupError` raised where it is found, so a restore reads the file
 * through once (`verifyBackup`) before it writes anything.
 */
export async function* readBackup(file: string, batch: ReadBatch = DEFAULT_BATCH): AsyncGenerator<BackupEvent> {
  const lines = backupLines(file);
  try {
    yield* events(file, lines, batch);
  } finally {
    // A reader that stops early (a failed restore) closes the file.
    await lines.return(undefined);
  }
}

async function* events(file: string, lines: AsyncGenerator<string>, batch: ReadBatch): AsyncGenerator<BackupEvent> {
  const parse = (line: string, what: string): unknown => {
    try {
      return JSON.parse(line);
    } catch (error) {
      throw BackupError.corrupted(file, `a ${what} line is not JSON`, undefined, error);
    }
  };
  const next = async (expected: string): Promise<string> => {
    const line = await lines.next();
    if (line.done) throw BackupError.truncated(file, `it ends where ${expected} was expected`);
    return line.value;
  };

  const first = await lines.next();
  if (first.done) throw BackupError.notABackup(file, 'it is empty');
  const header = readHeader(file, first.value);
  yield { kind: 'header', header };

  const written: BackupTableSummary[] = [];
  for (const table of header.tables) {
    const start = parse(await next(`the rows of table ${table.name}`), 'table') as { table?: unknown };
    if (start?.table !== table.name) throw BackupError.corrupted(file, `the rows of table ${table.name} were expected`, table.name);
    const hash: Hash = createHash('sha256');
    let count = 0;
    let rows: EncodedValue[][] = [];
    let bytes = 0;
    for (;;) {
      const line = await next(`the end of table ${table.name}`);
      if (!line.startsWith('[')) {
        const end = parse(line, 'table end') as { end?: unknown; rows?: unknown; sha256?: unknown };
        if (end?.end !== table.name) throw BackupError.corrupted(file, `the rows of table ${table.name} do not end where they should`, table.name);
        const sha256 = hash.digest('hex');
        if (end.rows !== count) throw BackupError.corrupted(file, `table ${table.name} has ${count} rows where its end says ${String(end.rows)}`, table.name);
        if (end.sha256 !== sha256) throw BackupError.checksumMismatch(file, table.name);
        written.push({ name: table.name, rows: count, sha256 });
        break;
      }
      hash.update(line);
      hash.update('\n');
      const row = parse(line, 'row') as EncodedValue[];
      if (!Array.isArray(row) || row.length !== table.columns.length) {
        throw BackupError.corrupted(file, `a row of table ${table.name} does not have its ${table.columns.length} columns`, table.name);
      }
      count++;
      rows.push(row);
      bytes += line.length;
      if (rows.length >= batch.rows || bytes >= batch.bytes) {
        yield { kind: 'rows', table, rows, bytes };
        rows = [];
        bytes = 0;
      }
    }
    if (rows.length > 0) yield { kind: 'rows', table, rows, bytes };
  }

  const last = parse(await next('the manifest'), 'manifest') as { manifest?: BackupManifest };
  const manifest = last?.manifest;
  if (!manifest || !Array.isArray(manifest.tables)) throw BackupError.corrupted(file, 'the manifest was expected after the last table');
  const agrees =
    manifest.tables.length === written.length &&
    manifest.tables.every((t, i) => t.name === written[i].name && t.rows === written[i].rows && t.sha256 === written[i].sha256) &&
    manifest.rows === written.reduce((sum, t) => sum + t.rows, 0);
  if (!agrees) throw BackupError.corrupted(file, 'the manifest does not match the tables');
  const extra = await lines.next();
  if (!extra.done) throw BackupError.corrupted(file, 'there is data after the manifest');
  yield { kind: 'manifest', manifest };
}

/**
 * Reads the whole backup and checks it (see `readBackup`); returns its header and manifest.
 * @example
 * const { header, manifest } = await verifyBackup('backup.tessera');
 */
export async function verifyBackup(file: string): Promise<{ header: BackupHeader; manifest: BackupManifest }> {
  let header: BackupHeader | undefined;
  for await (const event of readBackup(file, { rows: 10_000, bytes: 4 << 20 })) {
    if (event.kind === 'header') header = event.header;
    else if (event.kind === 'manifest') return { header: header as BackupHeader, manifest: event.manifest };
  }
  // Unreachable: readBackup ends with the manifest or throws. The type checker needs an end.
  throw BackupError.truncated(file, 'it has no manifest');
}

function readHeader(file: string, line: string): BackupHeader {
  let header: Partial<BackupHeader> | undefined;
  try {
    header = JSON.parse(line) as Partial<BackupHeader>;
  } catch {
    throw BackupError.notABackup(file, 'its first line is not a Tessera backup header');
  }
  if (header?.format !== BACKUP_FORMAT) throw BackupError.notABackup(file, 'its first line is not a Tessera backup header');
  if (header.version !== BACKUP_VERSION) throw BackupError.unsupportedVersion(file, header.version);
  const tablesValid =
    Array.isArray(header.tables) &&
    header.tables.every((t) => typeof t?.name === 'string' && Array.isArray(t.columns)) &&
    Array.isArray(header.schema?.tables) &&
    typeof header.source?.dialect === 'string';
  if (!tablesValid) throw BackupError.corrupted(file, 'its header does not describe the tables');
  return header as BackupHeader;
}
