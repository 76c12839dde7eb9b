import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlCompiler } from '../../sql/sql-compiler';

/** PostgreSQL: `$n` placeholders, a native ILIKE, and long value lists bound as one array. */
export class PostgresCompiler extends SqlCompiler {
  /**
   * `left = any($1)` / `left <> all($1)` with the values as one array parameter (its element type inferred from
   * `left`): the same rows as IN / NOT IN, nulls included, but one parameter however long the list, where the
   * wire protocol counts a statement's parameters in 16 bits (70,000 would wrap and garble the message).
   */
  protected override appendBoundList(left: OperationNode, values: readonly unknown[], negated: boolean): boolean {
    this.visit(left);
    this.append(negated ? ' <> all(' : ' = any(');
    this.appendValue(values);
    this.append(')');
    return true;
  }

  protected override placeholder(position: number): string {
    return `$${position}`;
  }

  protected override appendCaseInsensitiveLike(left: OperationNode, right: OperationNode): void {
    this.visit(left);
    this.append(' ilike ');
    this.visit(right);
  }
}
