import type { CompiledQuery } from '../query/compiler/compiled-query';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import { ident, templateNode } from '../query/raw-sql';

/** One row of the migrations table. */
export interface ExecutedMigration {
  readonly name: string;
  readonly executedAt: Date;
}

/**
 * @internal The statements on the migrations table: one row per executed migration. `executed_at` is an ISO
 * 8601 UTC string written by Tessera: one format on every database, with no time zone conversion on the way.
 */
export class MigrationsTable {
  constructor(
    private readonly compiler: QueryCompiler,
    readonly name: string,
  ) {}

  create(): CompiledQuery {
    return this.compile`create table if not exists ${ident(this.name)} (${ident('name')} varchar(255) not null primary key, ${ident('executed_at')} varchar(32) not null)`;
  }

  /** Rows in the order they were executed. */
  list(): CompiledQuery {
    return this.compile`select ${ident('name')}, ${ident('executed_at')} from ${ident(this.name)} order by ${ident('executed_at')}, ${ident('name')}`;
  }

  insert(name: string, executedAt: Date): CompiledQuery {
    return this.compile`insert into ${ident(this.name)} (${ident('name')}, ${ident('executed_at')}) values (${name}, ${executedAt.toISOString()})`;
  }

  delete(name: string): CompiledQuery {
    return this.compile`delete from ${ident(this.name)} where ${ident('name')} = ${name}`;
  }

  /** Reads `list()`'s rows. */
  rows(rows: readonly Record<string, unknown>[]): ExecutedMigration[] {
    return rows.map((row) => ({ name: String(row.name), executedAt: new Date(String(row.executed_at)) }));
  }

  private compile(strings: TemplateStringsArray, ...values: unknown[]): CompiledQuery {
    return this.compiler.compile(templateNode(strings, values));
  }
}
