import type { LockNode } from '../../query/nodes/lock-node';
import type { OperationNode } from '../../query/nodes/operation-node';
import { QueryError } from '../../errors/query-error';
import { SqlCompiler } from '../../sql/sql-compiler';

/** SQLite: double-quoted identifiers, `?` placeholders; an offset needs a limit (-1 is "no limit"). */
export class SqliteCompiler extends SqlCompiler {
  /**
   * A long list of values is one JSON array parameter, `in (select value from json_each(?))`: SQLite binds at
   * most 32,766 parameters per statement. The rows are the same, since `json_each` hands back integers, reals,
   * text and nulls without affinity, as bound parameters are. Values JSON cannot carry exactly (blobs) keep
   * one parameter each, under the statement's parameter limit.
   */
  protected override appendBoundList(left: OperationNode, values: readonly unknown[], negated: boolean): boolean {
    const json = jsonArrayOf(values);
    if (json === undefined) return false;
    this.visit(left);
    this.append(negated ? ' not in (select value from json_each(' : ' in (select value from json_each(');
    this.appendValue(json);
    this.append('))');
    return true;
  }

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

/** `[1,"a",null]`, or undefined when a value has no exact JSON form (a blob, a non-finite number). */
function jsonArrayOf(values: readonly unknown[]): string | undefined {
  const items = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v === 'bigint') items[i] = v.toString();
    else if (typeof v === 'string' || v === null || (typeof v === 'number' && Number.isFinite(v))) items[i] = JSON.stringify(v);
    else return undefined;
  }
  return `[${items.join(',')}]`;
}
