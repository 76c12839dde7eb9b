import type { OperationNode } from '../../query/nodes/operation-node';
import { SqlCompiler } from '../../query/compiler/sql-compiler';

/** PostgreSQL: `$n` placeholders and a native ILIKE. */
export class PostgresCompiler extends SqlCompiler {
  protected override placeholder(position: number): string {
    return `$${position}`;
  }

  protected override appendCaseInsensitiveLike(left: OperationNode, right: OperationNode): void {
    this.visit(left);
    this.append(' ilike ');
    this.visit(right);
  }
}
