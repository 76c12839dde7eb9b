/*
 * The base SQL compiler: one short visit method per node kind, so this file grows with the node set (the
 * style guide's allowed exception to the file-size rule). Dialect compilers override only the hooks at the
 * bottom: quoting, placeholders, ILIKE, pagination.
 */
import type { AggregateNode } from '../query/nodes/aggregate-node';
import type { AssignmentNode } from '../query/nodes/assignment-node';
import type { BinaryOperationNode } from '../query/nodes/binary-operation-node';
import type { ColumnNode } from '../query/nodes/column-node';
import type { DeleteQueryNode } from '../query/nodes/delete-query-node';
import type { InsertQueryNode } from '../query/nodes/insert-query-node';
import type { JoinNode } from '../query/nodes/join-node';
import type { JunctionNode } from '../query/nodes/junction-node';
import type { OperationNode, QueryNode } from '../query/nodes/operation-node';
import type { LockNode } from '../query/nodes/lock-node';
import type { OnConflictNode } from '../query/nodes/on-conflict-node';
import type { OrderByItemNode } from '../query/nodes/order-by-item-node';
import type { RawNode } from '../query/nodes/raw-node';
import type { SelectQueryNode } from '../query/nodes/select-query-node';
import type { TupleNode } from '../query/nodes/tuple-node';
import { QueryError } from '../errors/query-error';
import { UnnestNode } from '../query/nodes/unnest-node';
import type { UpdateQueryNode } from '../query/nodes/update-query-node';
import type { ValuesNode } from '../query/nodes/values-node';
import { CompiledQuery, StatementTemplate } from '../query/compiler/compiled-query';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import { statementKind, statementTable } from '../query/compiler/statement-target';

/** Marks a placeholder bound to a fixed value rather than a template slot. */
const NO_SLOT = -1;
const MAX_QUOTED_NAMES = 1000;
/** An IN list longer than this, of bound values only, may be bound in fewer parameters (`appendBoundList`). */
const LONG_LIST = 1000;

export class SqlCompiler implements QueryCompiler {
  // Compilation is synchronous, so one instance reuses its buffers; compile() resets them.
  private sql = '';
  private params: unknown[] = [];
  private slots: number[] = [];
  /** Identifiers already quoted: the same few table, column and alias names come back in every statement. */
  private readonly quotedNames = new Map<string, string>();

  /**
   * @param parameterLimit the most parameters one statement may bind, where the database has such a limit: a
   * statement past it is a `QueryError` here, rather than a refused (or, on PostgreSQL, garbled) message.
   */
  constructor(private readonly parameterLimit = Infinity) {}

  /** Compiles a statement whose values are `ValueNode`s. */
  compile(node: QueryNode): CompiledQuery {
    this.run(node);
    if (this.slots.some((s) => s !== NO_SLOT)) throw QueryError.templateCompiled();
    if (this.params.length > this.parameterLimit) throw QueryError.tooManyParameters(this.params.length, this.parameterLimit);
    return CompiledQuery.create(this.sql, this.params, statementKind(node), statementTable(node));
  }

  /** Compiles a statement whose values are `ParameterNode` slots (and fixed `ValueNode`s), to bind many times. */
  compileTemplate(node: QueryNode): StatementTemplate {
    this.run(node);
    return new StatementTemplate(this.sql, this.slots, this.params, statementKind(node), statementTable(node));
  }

  private run(node: QueryNode): void {
    this.sql = '';
    this.params = [];
    this.slots = [];
    this.visit(node);
  }

  /**
   * `quoteIdentifier(name)`, remembered (up to a bound, so that generated names cannot grow it forever). Every
   * name the compiler writes passes here: a NUL in it is refused, as no database takes one, and PostgreSQL's
   * protocol would end the statement's text at it (a broken message, not an SQL error).
   */
  protected quoted(name: string): string {
    let quoted = this.quotedNames.get(name);
    if (quoted === undefined) {
      if (name.includes('\0')) throw QueryError.nulInIdentifier(name);
      if (this.quotedNames.size >= MAX_QUOTED_NAMES) this.quotedNames.clear();
      quoted = this.quoteIdentifier(name);
      this.quotedNames.set(name, quoted);
    }
    return quoted;
  }

  protected append(text: string): void {
    this.sql += text;
  }

  protected visit(node: OperationNode): void {
    switch (node.kind) {
      case 'SelectQueryNode':
        return this.visitSelect(node);
      case 'InsertQueryNode':
        return this.visitInsert(node);
      case 'UpdateQueryNode':
        return this.visitUpdate(node);
      case 'DeleteQueryNode':
        return this.visitDelete(node);
      case 'ExplainNode':
        this.appendExplain(node.analyze);
        return this.visit(node.query);
      case 'TableNode':
        this.append(this.quoted(node.name));
        return node.alias === undefined ? undefined : this.append(` as ${this.quoted(node.alias)}`);
      case 'AliasNode':
        this.visit(node.node);
        return this.append(` as ${this.quoted(node.alias)}`);
      case 'JoinNode':
        return this.visitJoin(node);
      case 'DerivedTableNode':
        this.append('(');
        this.visit(node.query);
        return this.append(`) as ${this.quoted(node.alias)}`);
      case 'ColumnNode':
        if (node.table !== undefined) this.append(`${this.quoted(node.table)}.`);
        return this.append(this.quoted(node.name));
      case 'ValuesNode':
        return this.visitValues(node);
      case 'UnnestNode':
        return this.visitUnnest(node);
      case 'ValueNode':
        return this.appendParameter(node.value, NO_SLOT);
      case 'ParameterNode':
        return this.appendParameter(undefined, node.slot);
      case 'ConstantNode':
        return this.append(node.value ? '1 = 1' : '1 = 0');
      case 'BinaryOperationNode':
        return this.visitBinary(node);
      case 'JunctionNode':
        return this.visitJunction(node);
      case 'NotNode':
        this.append('not (');
        this.visit(node.operand);
        return this.append(')');
      case 'IsNullNode':
        this.visit(node.operand);
        return this.append(node.negated ? ' is not null' : ' is null');
      case 'TupleNode':
        this.append('(');
        this.visitList(node.items);
        return this.append(')');
      case 'CastNode':
        this.append('cast(');
        this.visit(node.operand);
        return this.append(` as ${node.dataType})`);
      case 'AggregateNode':
        return this.visitAggregate(node);
      case 'OrderByItemNode':
        return this.visitOrderByItem(node);
      case 'AssignmentNode':
        return this.visitAssignment(node);
      case 'IdentifierNode':
        return this.append(this.quoted(node.name));
      case 'RawNode':
        return this.visitRaw(node);
      case 'LockNode':
        return this.appendLock(node);
      case 'OnConflictNode':
        return this.appendOnConflict(undefined, node);
    }
  }

  protected visitList(nodes: readonly OperationNode[]): void {
    for (let i = 0; i < nodes.length; i++) {
      if (i > 0) this.append(', ');
      this.visit(nodes[i]);
    }
  }

  private visitSelect(node: SelectQueryNode): void {
    this.append('select ');
    this.visitList(node.selections);
    this.append(' from ');
    this.visit(node.from);
    if (node.joins) for (const join of node.joins) this.visit(join);
    if (node.where) {
      this.append(' where ');
      this.visit(node.where);
    }
    if (node.groupBy && node.groupBy.length > 0) {
      this.append(' group by ');
      this.visitList(node.groupBy);
    }
    if (node.having) {
      this.append(' having ');
      this.visit(node.having);
    }
    if (node.orderBy && node.orderBy.length > 0) {
      this.append(' order by ');
      this.visitList(node.orderBy);
    }
    if (node.limit !== undefined || node.offset !== undefined) this.appendPagination(node.limit, node.offset);
    if (node.lock) this.visit(node.lock);
  }

  private visitInsert(node: InsertQueryNode): void {
    this.append('insert into ');
    this.visit(node.into);
    if (node.columns.length === 0 && !node.source) {
      // A row of defaults only (an entity whose one column is its generated key): `() values ()` is not SQL here.
      this.appendDefaultRow();
      if (node.onConflict) this.appendOnConflict(node, node.onConflict);
      return this.appendReturning(node.returning);
    }
    this.append(' (');
    this.visitList(node.columns);
    if (node.source) {
      this.append(') select * from ');
      this.visit(node.source);
    } else {
      this.append(') values ');
      this.visitList(node.rows);
    }
    if (node.onConflict) this.appendOnConflict(node, node.onConflict);
    this.appendReturning(node.returning);
  }

  private appendReturning(returning: readonly ColumnNode[] | undefined): void {
    if (!returning || returning.length === 0) return;
    this.append(' returning ');
    this.visitList(returning);
  }

  /** `update t set .. from (values ..) as v where ..` (PostgreSQL, SQLite); MySQL joins instead. */
  protected visitUpdate(node: UpdateQueryNode): void {
    this.append('update ');
    this.visit(node.table);
    this.append(' set ');
    this.visitList(node.set);
    if (node.from) {
      this.append(' from ');
      this.visit(node.from);
    }
    if (node.where) {
      this.append(' where ');
      this.visit(node.where);
    }
    this.appendReturning(node.returning);
  }

  protected visitValues(node: ValuesNode): void {
    this.append('(values ');
    this.visitList(node.rows);
    this.append(`) as ${this.quoted(node.alias)}`);
  }

  private visitUnnest(node: UnnestNode): void {
    this.append('unnest(');
    this.visitList(node.arrays);
    const columns = node.arrays.map((_, i) => this.quoted(UnnestNode.columnName(i)));
    this.append(`) as ${this.quoted(node.alias)}(${columns.join(', ')})`);
  }

  private visitDelete(node: DeleteQueryNode): void {
    this.append('delete from ');
    this.visit(node.from);
    if (node.using) {
      this.append(' using ');
      this.visit(node.using);
    }
    if (node.where) {
      this.append(' where ');
      this.visit(node.where);
    }
    this.appendReturning(node.returning);
  }

  private visitJoin(node: JoinNode): void {
    this.append(` ${node.joinType} join `);
    this.visit(node.table);
    this.append(' on ');
    this.visit(node.on);
  }

  private visitBinary(node: BinaryOperationNode): void {
    if (node.operator === 'ilike') return this.appendCaseInsensitiveLike(node.left, node.right);
    if ((node.operator === 'in' || node.operator === 'not in') && node.right.kind === 'TupleNode') {
      return this.appendInList(node.left, node.right, node.operator === 'not in');
    }
    this.visit(node.left);
    this.append(` ${node.operator} `);
    if (node.right.kind === 'SelectQueryNode') {
      this.append('(');
      this.visit(node.right);
      return this.append(')');
    }
    this.visit(node.right);
  }

  private visitJunction(node: JunctionNode): void {
    if (node.items.length === 0) return this.append(node.operator === 'and' ? '1 = 1' : '1 = 0');
    if (node.items.length === 1) return this.visit(node.items[0]);
    this.append('(');
    for (let i = 0; i < node.items.length; i++) {
      if (i > 0) this.append(` ${node.operator} `);
      this.visit(node.items[i]);
    }
    this.append(')');
  }

  private visitAggregate(node: AggregateNode): void {
    this.append(`${node.fn}(`);
    if (node.argument) this.visit(node.argument);
    else this.append('*');
    this.append(')');
    if (node.alias !== undefined) this.append(` as ${this.quoted(node.alias)}`);
  }

  private visitOrderByItem(node: OrderByItemNode): void {
    this.visit(node.column);
    this.append(node.direction === 'desc' ? ' desc' : ' asc');
  }

  /** Raw SQL: its text as written, its values as placeholders numbered in order (nested fragments included). */
  private visitRaw(node: RawNode): void {
    this.append(node.fragments[0]);
    for (let i = 0; i < node.values.length; i++) {
      this.visit(node.values[i]);
      this.append(node.fragments[i + 1]);
    }
  }

  private visitAssignment(node: AssignmentNode): void {
    this.visit(node.column);
    this.append(' = ');
    this.visit(node.value);
  }

  /** Appends a placeholder bound to `value`. */
  protected appendValue(value: unknown): void {
    this.appendParameter(value, NO_SLOT);
  }

  private appendParameter(value: unknown, slot: number): void {
    this.params.push(value);
    this.slots.push(slot);
    this.append(this.placeholder(this.params.length));
  }

  // ---- dialect hooks ----

  /** Quotes an identifier so that no name, however hostile, can end it early. */
  quoteIdentifier(name: string): string {
    return `"${name.replace(/"/g, '""')}"`;
  }

  /** The placeholder of the n-th (1-based) parameter. */
  protected placeholder(_position: number): string {
    return '?';
  }

  /** One row of column defaults (PostgreSQL, SQLite); an insert of only defaults carries one row per statement. */
  protected appendDefaultRow(): void {
    this.append(' default values');
  }

  /** `for update` / `for share`, then `nowait` or `skip locked` (PostgreSQL; MySQL 8). */
  protected appendLock(node: LockNode): void {
    this.append(node.strength === 'update' ? ' for update' : ' for share');
    this.appendLockWait(node);
  }

  protected appendLockWait(node: LockNode): void {
    if (node.wait === 'nowait') this.append(' nowait');
    else if (node.wait === 'skip_locked') this.append(' skip locked');
  }

  /** `on conflict (key) do update set c = excluded.c` / `do nothing` (PostgreSQL, SQLite 3.24+). */
  protected appendOnConflict(_insert: InsertQueryNode | undefined, node: OnConflictNode): void {
    this.append(' on conflict (');
    this.visitList(node.columns);
    if (!node.merge) return this.append(') do nothing');
    this.append(') do update set ');
    node.merge.forEach((column, i) => {
      const name = this.quoted(column.name);
      this.append(`${i > 0 ? ', ' : ''}${name} = excluded.${name}`);
    });
  }

  /** The prefix of an EXPLAIN: `explain ` / `explain analyze ` (PostgreSQL). */
  protected appendExplain(analyze: boolean): void {
    this.append(analyze ? 'explain analyze ' : 'explain ');
  }

  /**
   * `left in (?, ?, ..)` / `not in`, one parameter per item; a long list of bound values goes to
   * `appendBoundList` first, as databases limit a statement's parameters (an `$in` of 70,000 ids must still be
   * one statement). Short lists keep the plain form everywhere.
   */
  private appendInList(left: OperationNode, list: TupleNode, negated: boolean): void {
    const values = list.items.length > LONG_LIST ? this.boundValues(list) : undefined;
    if (values && this.appendBoundList(left, values, negated)) return;
    this.visit(left);
    this.append(negated ? ' not in ' : ' in ');
    this.visit(list);
  }

  /**
   * Writes `left in <values>` with fewer parameters than values and returns true, or writes nothing and
   * returns false where the dialect has no such form (for these values).
   */
  protected appendBoundList(_left: OperationNode, _values: readonly unknown[], _negated: boolean): boolean {
    return false;
  }

  /** The values of a list whose items are all bound values (not columns, tuples or slots), else undefined. */
  private boundValues(list: TupleNode): unknown[] | undefined {
    const values = new Array<unknown>(list.items.length);
    for (let i = 0; i < values.length; i++) {
      const item = list.items[i];
      if (item.kind !== 'ValueNode') return undefined;
      values[i] = item.value;
    }
    return values;
  }

  /** Case-insensitive LIKE where the database has no ILIKE. */
  protected appendCaseInsensitiveLike(left: OperationNode, right: OperationNode): void {
    this.append('lower(');
    this.visit(left);
    this.append(') like lower(');
    this.visit(right);
    this.append(')');
  }

  /** `limit ? offset ?`; a dialect that needs a limit to have an offset overrides this. Values are bound. */
  protected appendPagination(limit: number | undefined, offset: number | undefined): void {
    if (limit !== undefined) {
      this.append(' limit ');
      this.appendValue(limit);
    }
    if (offset !== undefined) {
      this.append(' offset ');
      this.appendValue(offset);
    }
  }
}
