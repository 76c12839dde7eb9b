import { SqlCompiler } from '../../sql/sql-compiler';
import type { LockNode } from '../../query/nodes/lock-node';
import type { InsertQueryNode } from '../../query/nodes/insert-query-node';
import type { OnConflictNode } from '../../query/nodes/on-conflict-node';
import type { UpdateQueryNode } from '../../query/nodes/update-query-node';
import { ValuesNode } from '../../query/nodes/values-node';

/** MySQL's largest LIMIT: how "no limit" is written when only an offset is given. */
const NO_LIMIT = '18446744073709551615';

/** MySQL and MariaDB: backtick-quoted identifiers, `?` placeholders; an offset needs a limit. */
export class MysqlCompiler extends SqlCompiler {
  override quoteIdentifier(name: string): string {
    return `\`${name.replace(/`/g, '``')}\``;
  }

  /** MySQL has no UPDATE .. FROM: `update t join (..) as v on <where> set ..`. */
  protected override visitUpdate(node: UpdateQueryNode): void {
    if (!node.from) return super.visitUpdate(node);
    this.append('update ');
    this.visit(node.table);
    this.append(' join ');
    this.visit(node.from);
    if (node.where) {
      this.append(' on ');
      this.visit(node.where);
    }
    this.append(' set ');
    this.visitList(node.set);
  }

  /**
   * A derived table, `(select ? as column1, .. union all select ?, ..) as v`: MySQL 8 and MariaDB disagree on
   * VALUES table constructors, and both accept this.
   */
  protected override visitValues(node: ValuesNode): void {
    this.append('(');
    node.rows.forEach((row, r) => {
      this.append(r === 0 ? 'select ' : ' union all select ');
      row.items.forEach((item, c) => {
        if (c > 0) this.append(', ');
        this.visit(item);
        if (r === 0) this.append(` as ${this.quoted(ValuesNode.columnName(c))}`);
      });
    });
    this.append(`) as ${this.quoted(node.alias)}`);
  }

  /**
   * `on duplicate key update c = values(c)`: MySQL matches any unique key, not named columns. `values()` is read
   * by MariaDB and by MySQL 8 (deprecated there, but its replacement, a row alias, is not MariaDB syntax).
   * Skipping a duplicate is a no-op update of its first column: unlike INSERT IGNORE, that does not also turn
   * foreign-key and other errors into warnings.
   */
  /** MySQL has no `default values`: an empty column list and an empty row. */
  protected override appendDefaultRow(): void {
    this.append(' () values ()');
  }

  protected override appendOnConflict(insert: InsertQueryNode | undefined, node: OnConflictNode): void {
    if (!node.merge) {
      if (!insert) return;
      const first = this.quoted(insert.columns[0].name);
      return this.append(` on duplicate key update ${first} = ${first}`);
    }
    const set = node.merge.map((column) => this.quoted(column.name)).map((name) => `${name} = values(${name})`);
    this.append(` on duplicate key update ${set.join(', ')}`);
  }

  /**
   * MariaDB runs and profiles a statement with `analyze <statement>` (it has no `explain analyze`, which is MySQL
   * 8's spelling; a MySQL 8 server rejects this form).
   */
  protected override appendExplain(analyze: boolean): void {
    this.append(analyze ? 'analyze ' : 'explain ');
  }

  protected override appendPagination(limit: number | undefined, offset: number | undefined): void {
    if (limit === undefined) {
      this.append(` limit ${NO_LIMIT} offset `);
      this.appendValue(offset);
      return;
    }
    super.appendPagination(limit, offset);
  }

  /**
   * MariaDB (through 11.x) has no `for share`; `lock in share mode` is the shared lock both MariaDB and MySQL
   * read. MariaDB 10.6+ takes `nowait` / `skip locked` after either form (MySQL 8 only after `for update`).
   */
  protected override appendLock(node: LockNode): void {
    this.append(node.strength === 'update' ? ' for update' : ' lock in share mode');
    this.appendLockWait(node);
  }
}
