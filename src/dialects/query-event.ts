import type { StatementKind } from '../query/compiler/compiled-query';

export type { StatementKind } from '../query/compiler/compiled-query';

/** Emitted once per statement sent, as `orm.on('query', (event) => ...)`. */
export interface QueryEvent {
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly durationMs: number;
  readonly dialect: string;
  /** What the statement does, from the query tree it was compiled from: raw SQL, DDL and BEGIN/COMMIT are 'other'. */
  readonly kind: StatementKind;
  /** The table it reads from or writes to, when Tessera built it from a query tree (not raw SQL). */
  readonly table: string | undefined;
  /** Set when the statement failed. */
  readonly error?: Error;
}

export type QueryListener = (event: QueryEvent) => void;
