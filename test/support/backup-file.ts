import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Rewrites a backup's lines with `edit` and writes it back as a valid backup: each table's row count and
 * SHA-256 and the manifest are computed again, so only what `edit` changed is wrong (for restores that must fail
 * at the database, not at the checks).
 */
export function rewriteBackup(file: string, edit: (lines: string[]) => string[]): void {
  const lines = edit(gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l !== ''));
  const out: string[] = [];
  const tables: { name: string; rows: number; sha256: string }[] = [];
  let rows: string[] = [];
  for (const line of lines) {
    const parsed = JSON.parse(line) as { table?: string; end?: string; manifest?: unknown };
    if (line.startsWith('[')) rows.push(line);
    else if (parsed.table !== undefined) {
      rows = [];
      out.push(line);
    } else if (parsed.end !== undefined) {
      const sha256 = createHash('sha256').update(rows.map((r) => `${r}\n`).join('')).digest('hex');
      tables.push({ name: parsed.end, rows: rows.length, sha256 });
      out.push(...rows, JSON.stringify({ end: parsed.end, rows: rows.length, sha256 }));
    } else if (parsed.manifest !== undefined) {
      out.push(JSON.stringify({ manifest: { tables, rows: tables.reduce((sum, t) => sum + t.rows, 0) } }));
    } else out.push(line);
  }
  writeFileSync(file, gzipSync(out.map((l) => `${l}\n`).join('')));
}

/** The decompressed lines of a backup. */
export function backupLinesOf(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n').filter((l) => l !== '');
}
