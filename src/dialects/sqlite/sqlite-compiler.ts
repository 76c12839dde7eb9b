import type { LockNode } from '../../query/nodes/lock-node';
import { QueryError } from '../../errors/query-error';
import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** SQLite: double-quoted identifiers, `?` placeholders; an offset needs a limit (-1 is "no limit"). */
export class SqliteCompiler extends SqlCompiler {
  /** SQLite plans but never profiles a statement: `explain query plan`, and no ANALYZE form. */
  protected override appendExplain(analyze: boolean): void {
    if (analyze) throw QueryError.explainAnalyzeUnsupported('sqlite');
    this.append('explain query plan ');
  }

  protected override appendPagination(limit: number | undefined, offset: number | undefined): void {
    super.appendPagination(limit ?? -1, offset);
  }

  /**
   * SQLite has no row locks and no `for update`. A locked find must run inside a transaction, and Tessera
   * begins SQLite transactions with `begin immediate`, which already holds the database's write lock: no other
   * writer can change the rows until commit, which is what a row lock would promise. So nothing is written.
   */
  protected override appendLock(_node: LockNode): void {}
}
