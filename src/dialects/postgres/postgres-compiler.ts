import type { OperationNode } from '../../query/nodes/operation-node';
import type { TupleNode } from '../../query/nodes/tuple-node';
import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** PostgreSQL: `$n` placeholders, a native ILIKE, and value lists bound as one array. */
export class PostgresCompiler extends SqlCompiler {
  /**
   * `left = any($1)` / `left <> all($1)` with the list as one array parameter (its element type inferred from
   * `left`): the same rows as IN / NOT IN, null items included, but one parameter whatever the length, where
   * the wire protocol counts a statement's parameters in 16 bits (70,000 would wrap and garble the message).
   */
  protected override appendInList(left: OperationNode, list: TupleNode, negated: boolean): void {
    const values = this.boundValues(list);
    if (!values) return super.appendInList(left, list, negated);
    this.visit(left);
    this.append(negated ? ' <> all(' : ' = any(');
    this.appendValue(values);
    this.append(')');
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
