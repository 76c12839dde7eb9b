import type { IntrospectionQuery } from './dialect';

/** One step of a query plan that reads a table whole. */
export interface PlanScan {
  /** The table the step reads, or the alias the statement gave it (SQLite and MariaDB name the alias). */
  readonly table: string;
  /** The planner's estimate of the rows it reads, where the plan gives one. */
  readonly rows?: number;
  /** The plan's own words for the step: `Seq Scan on book`, `SCAN b`, `type=ALL`. */
  readonly detail: string;
}

/** Indexes the database saw no use of, or why it cannot tell. */
export type UnusedIndexes =
  | { readonly indexes: readonly { readonly table: string; readonly index: string }[] }
  | { readonly cannotTell: string };

/**
 * What `orm.analyze()` (`tessera db:analyze`) needs of a database beyond introspection: how to ask for a
 * statement's plan and find the full scans in it, and whether it records index use.
 */
export interface AnalysisSupport {
  /**
   * Opens the transaction the analysis reads in, read-only where the database has such transactions; it is always
   * rolled back, so that nothing a statement given smuggles in (`select 1; drop table ..`) stays.
   */
  readonly begin: string;
  /** The statement that returns the plan of `sql` (run with the same bound values). */
  explain(sql: string): string;
  /**
   * The database indexes every foreign key itself (InnoDB creates one where none leads with its columns; the
   * introspector leaves such indexes out): no foreign key can lack one.
   */
  readonly indexesForeignKeys: boolean;
  /** The steps of a plan (the rows `explain` returned) that read a table whole. */
  fullScans(plan: readonly Record<string, unknown>[]): PlanScan[];
  /** The indexes of the current schema never used since the statistics began, constraints' own left out. */
  unusedIndexes(run: IntrospectionQuery): Promise<UnusedIndexes>;
}
