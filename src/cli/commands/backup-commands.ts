import { performance } from 'node:perf_hooks';
import { CommandLineError } from '../../errors/command-line-error';
import type { Command } from '../command';
import { maskUrl } from '../database-url';

const seconds = (started: number) => `${((performance.now() - started) / 1000).toFixed(1)} s`;

const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : bytes < 1024 ** 2 ? `${(bytes / 1024).toFixed(1)} kB` : `${(bytes / 1024 ** 2).toFixed(1)} MB`);

export const dbBackup: Command = {
  name: 'db:backup',
  summary: 'Write a portable backup of the database (schema and rows) to a file',
  description:
    'Reads the whole database (every table of the current schema or database) in one snapshot transaction and writes ' +
    'its schema and rows, gzip-compressed NDJSON with row counts and checksums, to --out. Memory stays flat whatever ' +
    'the size. The backup restores into any supported database with db:restore. See docs/backup.md.',
  options: {
    out: { type: 'string', short: 'o', value: 'file', description: 'Where to write the backup (e.g. backup.tessera); required' },
  },
  async run({ terminal, openOrm }, { options }) {
    const out = options.out;
    if (typeof out !== 'string' || out === '') throw CommandLineError.badArguments('db:backup', 'the option --out <file> is missing');
    const orm = await openOrm({ entities: false });
    const started = performance.now();
    const summary = await orm.backup(out);
    for (const table of summary.tables) terminal.line(`  ${table.name.padEnd(30)} ${table.rows} rows`);
    terminal.line(
      `${terminal.style('green', '✓')} Backed up ${summary.tables.length} tables, ${summary.rows} rows to ${out} (${size(summary.bytes)}, ${seconds(started)})`,
    );
    return 0;
  },
};

export const dbRestore: Command = {
  name: 'db:restore',
  summary: 'Restore a backup into an empty database',
  description:
    'Checks the whole backup first (a truncated or corrupted file is refused before anything is written), then ' +
    'creates its tables and loads its rows with their ids, in one transaction on PostgreSQL and SQLite (MySQL and ' +
    'MariaDB commit DDL as it runs). The backup may come from another kind of database. A database that already has ' +
    'tables is refused unless --force is given. See docs/backup.md.',
  arguments: [{ name: 'file', required: true, description: 'The backup to restore (written by db:backup)' }],
  options: {
    url: { type: 'string', value: 'url', description: 'Restore into this database instead of the configured one (postgres://, mysql://, sqlite:<file>)' },
    force: { type: 'boolean', description: "Restore into a database with tables: the backup's tables are dropped first" },
  },
  async run({ terminal, openOrm }, { args, options }) {
    const url = typeof options.url === 'string' ? options.url : undefined;
    const orm = await openOrm({ entities: false, url });
    const started = performance.now();
    const summary = await orm.restore(args.file as string, { force: options.force === true });
    for (const table of summary.tables) terminal.line(`  ${table.name.padEnd(30)} ${table.rows} rows`);
    const into = url === undefined ? '' : ` into ${maskUrl(url)}`;
    terminal.line(
      `${terminal.style('green', '✓')} Restored ${summary.tables.length} tables, ${summary.rows} rows from ${args.file as string}${into} ` +
        `(a ${summary.source} backup, ${seconds(started)})`,
    );
    return 0;
  },
};
