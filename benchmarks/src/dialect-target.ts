import os from 'node:os';
import path from 'node:path';

export type DialectName = 'sqlite' | 'postgres' | 'mariadb';

export const DIALECT_NAMES: readonly DialectName[] = ['sqlite', 'postgres', 'mariadb'];

/** Where one dialect's benchmark database lives: a connection URL, or a file path for SQLite. */
export interface DialectTarget {
  readonly dialect: DialectName;
  readonly url: string;
}

/**
 * The benchmark uses its own databases (`tessera_bench`), never the test suite's, because every run truncates
 * `bench_item`. The URLs can be overridden for another machine.
 */
export function dialectTarget(dialect: DialectName): DialectTarget {
  switch (dialect) {
    case 'sqlite':
      return { dialect, url: process.env.BENCH_SQLITE_FILE ?? path.join(os.tmpdir(), 'tessera-bench.sqlite') };
    case 'postgres':
      return { dialect, url: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/tessera_bench' };
    case 'mariadb':
      return { dialect, url: process.env.BENCH_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/tessera_bench' };
  }
}
