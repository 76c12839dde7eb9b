import { OptimisticLockError } from '../errors/optimistic-lock-error';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { CompiledQuery, StatementTemplate } from '../query/compiler/compiled-query';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import { AssignmentNode } from '../query/nodes/assignment-node';
import { BinaryOperationNode } from '../query/nodes/binary-operation-node';
import { ColumnNode } from '../query/nodes/column-node';
import { DeleteQueryNode } from '../query/nodes/delete-query-node';
import { InsertQueryNode } from '../query/nodes/insert-query-node';
import { JunctionNode } from '../query/nodes/junction-node';
import { OnConflictNode } from '../query/nodes/on-conflict-node';
import type { OperationNode } from '../query/nodes/operation-node';
import { ParameterNode } from '../query/nodes/parameter-node';
import { TableNode } from '../query/nodes/table-node';
import { TupleNode } from '../query/nodes/tuple-node';
import { UnnestNode } from '../query/nodes/unnest-node';
import { UpdateQueryNode } from '../query/nodes/update-query-node';
import { ValueNode } from '../query/nodes/value-node';
import { ValuesNode } from '../query/nodes/values-node';
import { StatementCache } from '../query/statement-cache';
import type { DeleteBatch, FlushBatch, InsertBatch, LinkBatch, UpdateBatch } from '../unit-of-work/flush-plan';
import { rowsPerStatement } from './chunk-rows';
import type { DialectCapabilities } from '../dialects/dialect';
import type { QueryResult, StatementConnection } from '../dialects/driver';
import type { FlushExecutor } from '../dialects/flush-executor';

/** The alias of the row source a batched UPDATE or DELETE joins. */
const ROWS_ALIAS = 'tessera_values';

/**
 * The flush executor every SQL dialect shares. Each batch becomes chunked statements of at most `batchSize`
 * rows (and, where values are bound one by one, under the parameter limit):
 * - insert: `insert into t (..) values (..), (..)`, generated keys read back by `readGeneratedKeys`;
 * - update: the target joined to a row source of (key, new values, version) rows, one statement per chunk of
 *   rows with the same changed columns (a single row gets a plain `set c = ? where pk = ?`);
 * - delete: `delete from t where pk in (..)`;
 * - link / unlink: pivot rows inserted like any rows, deleted by `(source, target) in (..)`.
 * Where the dialect binds arrays (`arrayParameters`), a chunk is one array parameter per column and the row
 * source is `unnest(..)`: the SQL no longer depends on the row count. Versioned rows are matched on
 * `(pk, version)` and a short row count is an `OptimisticLockError`. Each statement shape is compiled once
 * into a template with numbered slots; chunks only bind values.
 */
export class SqlFlushExecutor implements FlushExecutor {
  private readonly statements: StatementCache;
  private readonly arrays: boolean;

  constructor(
    compiler: QueryCompiler,
    protected readonly capabilities: DialectCapabilities,
  ) {
    this.statements = new StatementCache(compiler);
    this.arrays = capabilities.arrayParameters;
  }

  async execute(batch: FlushBatch, connection: StatementConnection, batchSize: number): Promise<unknown[] | undefined> {
    switch (batch.kind) {
      case 'insert':
        return this.insert(batch, connection, batchSize);
      case 'update':
        return void (await this.update(batch, connection, batchSize));
      case 'delete':
        return void (await this.delete(batch, connection, batchSize));
      case 'link':
        // A link added to a collection that was not loaded may exist already: adding it again changes nothing.
        return void (await this.insertRows(batch.pivot.table, [batch.pivot.sourceColumn, batch.pivot.targetColumn], batch.rows, undefined, connection, batchSize, true));
      case 'unlink':
        return void (await this.unlink(batch, connection, batchSize));
    }
  }

  /**
   * Whether an INSERT reads its generated keys back with RETURNING. Where the database numbers one statement's
   * rows consecutively and reports one of them, `readGeneratedKeys` derives them instead (cheaper to send back).
   */
  protected get keysFromReturning(): boolean {
    return this.capabilities.supportsReturning;
  }

  /** The generated keys of a chunk's rows, in row order, from what its INSERT returned (RETURNING here). */
  protected readGeneratedKeys(result: QueryResult, _rowCount: number, key: PropertyMetadata): unknown[] {
    return result.rows.map((row) => row[key.column]);
  }

  /**
   * Wraps a parameter carrying values of `property` (a whole column of them when `array`) where the database
   * must be told their type: the first row of a values table, or an array to unnest.
   */
  protected typedValue(node: OperationNode, _property: PropertyMetadata, _array: boolean): OperationNode {
    return node;
  }

  private insert(batch: InsertBatch, connection: StatementConnection, batchSize: number): Promise<unknown[]> {
    return this.insertRows(batch.meta.table, batch.columns, batch.rows, batch.generatedKey, connection, batchSize, false);
  }

  private async insertRows(
    table: string,
    columns: readonly PropertyMetadata[],
    rows: readonly (readonly unknown[])[],
    generatedKey: PropertyMetadata | undefined,
    connection: StatementConnection,
    batchSize: number,
    /** Skip rows whose key (all of `columns`) exists already. */
    ignoreDuplicates: boolean,
  ): Promise<unknown[]> {
    const width = columns.length;
    // A row of defaults only (no column to send) is one `default values` statement per row.
    const perStatement = width === 0 ? 1 : this.rowsPerStatement(batchSize, width, 0);
    const arrays = this.arrays && width > 0;
    const returning = generatedKey && this.keysFromReturning ? generatedKey : undefined;
    const keys: unknown[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const count = Math.min(perStatement, rows.length - start);
      const shape = `i|${table}|${columns.map((c) => c.column).join(',')}|${arrays ? '*' : count}|${returning?.column ?? ''}|${ignoreDuplicates}`;
      const template = this.statements.get(shape, () => {
        const into = TableNode.create(table);
        const names = columns.map(column);
        const node = arrays
          ? InsertQueryNode.withSource(InsertQueryNode.create(into, names, []), this.unnest(columns, ROWS_ALIAS))
          : InsertQueryNode.create(
              into,
              names,
              Array.from({ length: count }, (_, r) => TupleNode.create(columns.map((_, c) => ParameterNode.create(r * width + c)))),
            );
        const inserting = ignoreDuplicates ? InsertQueryNode.withOnConflict(node, OnConflictNode.create(names)) : node;
        return returning ? InsertQueryNode.withReturning(inserting, [column(returning)]) : inserting;
      });
      const result = await connection.execute(this.bind(template, count, width, (r, c) => rows[start + r][c]));
      if (generatedKey) keys.push(...this.readGeneratedKeys(result, count, generatedKey));
    }
    return keys;
  }

  private async update(batch: UpdateBatch, connection: StatementConnection, batchSize: number): Promise<void> {
    const { meta, columns, rows } = batch;
    const version = meta.version;
    const width = columns.length;
    // Per row, in this order: the key, each new value, the expected version.
    const stride = 1 + width + (version ? 1 : 0);
    // Plus, once per statement, the version increment.
    const perStatement = this.rowsPerStatement(batchSize, stride, version ? 1 : 0);
    for (let start = 0; start < rows.length; start += perStatement) {
      const count = Math.min(perStatement, rows.length - start);
      const size = count === 1 ? 1 : this.arrays ? '*' : count;
      const shape = `u|${meta.table}|${columns.map((c) => c.column).join(',')}|${size}`;
      const template = this.statements.get(shape, () => this.updateNode(batch, count, stride));
      const valueAt = (r: number, i: number) => {
        const row = rows[start + r];
        return i === 0 ? row.key : i <= width ? row.values[i - 1] : row.version;
      };
      // A single row is bound one value per placeholder, even where chunks travel as arrays.
      const compiled = count === 1 ? template.bind(Array.from({ length: stride }, (_, i) => valueAt(0, i))) : this.bind(template, count, stride, valueAt);
      const result = await connection.execute(compiled);
      if (version && result.affectedRows !== count) {
        throw OptimisticLockError.versionMismatch(meta.class, count, result.affectedRows);
      }
    }
  }

  /**
   * One row: `update t set c = ? where pk = ? [and version = ?]`. Several: the target joined to a row source,
   * `update t set c = v.column2 from <rows> as v where t.pk = v.column1`, matched by primary key in linear time.
   */
  private updateNode(batch: UpdateBatch, count: number, stride: number): UpdateQueryNode {
    const { meta, columns } = batch;
    const pk = meta.primaryKey;
    const version = meta.version;
    const width = columns.length;
    const bump = version
      ? [AssignmentNode.create(column(version), BinaryOperationNode.create(column(version), '+', ValueNode.create(1)))]
      : [];
    if (count === 1) {
      const set = columns.map((p, c) => AssignmentNode.create(column(p), ParameterNode.create(1 + c)));
      const match = [BinaryOperationNode.create(column(pk), '=', ParameterNode.create(0))];
      if (version) match.push(BinaryOperationNode.create(column(version), '=', ParameterNode.create(1 + width)));
      return UpdateQueryNode.create(TableNode.create(meta.table), [...set, ...bump], JunctionNode.create('and', match));
    }
    const alias = rowsAlias(meta.table);
    const rowProperties = version ? [pk, ...columns, version] : [pk, ...columns];
    const joined = (i: number) => ColumnNode.create(ValuesNode.columnName(i), alias);
    const set = columns.map((p, c) => AssignmentNode.create(column(p), joined(1 + c)));
    const match = [BinaryOperationNode.create(ColumnNode.create(pk.column, meta.table), '=', joined(0))];
    if (version) match.push(BinaryOperationNode.create(ColumnNode.create(version.column, meta.table), '=', joined(1 + width)));
    const node = UpdateQueryNode.create(TableNode.create(meta.table), [...set, ...bump], JunctionNode.create('and', match));
    if (this.arrays) return UpdateQueryNode.withFrom(node, this.unnest(rowProperties, alias));
    const tuples = Array.from({ length: count }, (_, r) =>
      TupleNode.create(
        rowProperties.map((p, i) => {
          const slot = ParameterNode.create(r * stride + i);
          // The first row types the values table's columns where the database must be told.
          return r === 0 ? this.typedValue(slot, p, false) : slot;
        }),
      ),
    );
    return UpdateQueryNode.withFrom(node, ValuesNode.create(tuples, alias));
  }

  private async delete(batch: DeleteBatch, connection: StatementConnection, batchSize: number): Promise<void> {
    const { meta, keys, versions } = batch;
    const version = versions ? meta.version : undefined;
    const columns = version ? [meta.primaryKey, version] : [meta.primaryKey];
    const valueAt = (r: number, i: number) => (i === 0 ? keys[r] : versions?.[r]);
    const affected = await this.deleteRows(meta.table, columns, keys.length, valueAt, connection, batchSize);
    if (version && affected !== keys.length) throw OptimisticLockError.versionMismatch(meta.class, keys.length, affected);
  }

  private async unlink(batch: LinkBatch, connection: StatementConnection, batchSize: number): Promise<void> {
    const { pivot, rows } = batch;
    await this.deleteRows(pivot.table, [pivot.sourceColumn, pivot.targetColumn], rows.length, (r, i) => rows[r][i], connection, batchSize);
  }

  /** Deletes the rows matching `columns` = each tuple of values, chunked; returns how many went. */
  private async deleteRows(
    table: string,
    columns: readonly PropertyMetadata[],
    rowCount: number,
    valueAt: (row: number, index: number) => unknown,
    connection: StatementConnection,
    batchSize: number,
  ): Promise<number> {
    const stride = columns.length;
    const perStatement = this.rowsPerStatement(batchSize, stride, 0);
    let affected = 0;
    for (let start = 0; start < rowCount; start += perStatement) {
      const count = Math.min(perStatement, rowCount - start);
      const shape = `d|${table}|${columns.map((c) => c.column).join(',')}|${this.arrays ? '*' : count}`;
      const template = this.statements.get(shape, () => this.deleteNode(table, columns, count));
      const result = await connection.execute(this.bind(template, count, stride, (r, i) => valueAt(start + r, i)));
      affected += result.affectedRows;
    }
    return affected;
  }

  /** `where pk in (..)` or `where (a, b) in ((..), ..)`; with arrays, `using unnest(..) as v where t.a = v.column1 ..`. */
  private deleteNode(table: string, columns: readonly PropertyMetadata[], count: number): DeleteQueryNode {
    const stride = columns.length;
    const from = TableNode.create(table);
    if (this.arrays) {
      const alias = rowsAlias(table);
      const match = columns.map((p, i) =>
        BinaryOperationNode.create(ColumnNode.create(p.column, table), '=', ColumnNode.create(UnnestNode.columnName(i), alias)),
      );
      return DeleteQueryNode.withUsing(DeleteQueryNode.create(from, JunctionNode.create('and', match)), this.unnest(columns, alias));
    }
    const slot = (r: number, i: number) => ParameterNode.create(r * stride + i);
    if (count === 1) {
      return DeleteQueryNode.create(from, JunctionNode.create('and', columns.map((p, i) => BinaryOperationNode.create(column(p), '=', slot(0, i)))));
    }
    if (stride === 1) {
      return DeleteQueryNode.create(from, BinaryOperationNode.create(column(columns[0]), 'in', TupleNode.create(Array.from({ length: count }, (_, r) => slot(r, 0)))));
    }
    const tuples = Array.from({ length: count }, (_, r) => TupleNode.create(columns.map((_, i) => slot(r, i))));
    return DeleteQueryNode.create(from, BinaryOperationNode.create(TupleNode.create(columns.map(column)), 'in', TupleNode.create(tuples)));
  }

  /** `unnest($1, $2, ..) as alias(column1, ..)`, one typed array parameter per property. */
  private unnest(properties: readonly PropertyMetadata[], alias: string): UnnestNode {
    return UnnestNode.create(
      properties.map((p, i) => this.typedValue(ParameterNode.create(i), p, true)),
      alias,
    );
  }

  /** Rows per statement: `batchSize`, and where values are bound one by one, under the parameter limit. */
  private rowsPerStatement(batchSize: number, parametersPerRow: number, fixedParameters: number): number {
    if (this.arrays) return Math.max(1, batchSize);
    return rowsPerStatement(batchSize, parametersPerRow, this.capabilities.maxParameters - fixedParameters);
  }

  /** Binds a chunk: each value to its own slot (row-major), or each column as one array. */
  private bind(template: StatementTemplate, count: number, stride: number, valueAt: (row: number, index: number) => unknown): CompiledQuery {
    if (this.arrays) {
      const columns = Array.from({ length: stride }, () => new Array<unknown>(count));
      for (let r = 0; r < count; r++) for (let i = 0; i < stride; i++) columns[i][r] = valueAt(r, i);
      return template.bind(columns);
    }
    const values = new Array<unknown>(count * stride);
    for (let r = 0; r < count; r++) for (let i = 0; i < stride; i++) values[r * stride + i] = valueAt(r, i);
    return template.bind(values);
  }
}

function column(property: PropertyMetadata): ColumnNode {
  return ColumnNode.create(property.column);
}

/** Never the target's own name, so that qualified references stay unambiguous. */
function rowsAlias(table: string): string {
  return table === ROWS_ALIAS ? `${ROWS_ALIAS}_` : ROWS_ALIAS;
}
