import { OptimisticLockError } from '../errors/optimistic-lock-error';
import type { PropertyMetadata } from '../metadata/property-metadata';
import type { StatementTemplate } from '../query/compiler/compiled-query';
import type { SqlCompiler } from '../query/compiler/sql-compiler';
import { AssignmentNode } from '../query/nodes/assignment-node';
import { BinaryOperationNode } from '../query/nodes/binary-operation-node';
import { ColumnNode } from '../query/nodes/column-node';
import { DeleteQueryNode } from '../query/nodes/delete-query-node';
import { InsertQueryNode } from '../query/nodes/insert-query-node';
import { JunctionNode } from '../query/nodes/junction-node';
import type { OperationNode } from '../query/nodes/operation-node';
import { ParameterNode } from '../query/nodes/parameter-node';
import { TableNode } from '../query/nodes/table-node';
import { TupleNode } from '../query/nodes/tuple-node';
import { UpdateQueryNode } from '../query/nodes/update-query-node';
import { ValueNode } from '../query/nodes/value-node';
import { ValuesNode } from '../query/nodes/values-node';
import type { DeleteBatch, FlushOutcome, FlushPlan, InsertBatch, UpdateBatch } from '../unit-of-work/flush-plan';
import { rowsPerStatement } from './chunk-rows';
import type { DialectCapabilities } from './dialect';
import type { Connection, QueryResult } from './driver';
import type { FlushExecutor } from './flush-executor';

/** Templates kept per executor; past this many shapes the cache starts again rather than grow without bound. */
const MAX_TEMPLATES = 2000;

/** The alias of the values table a batched UPDATE joins. */
const VALUES_ALIAS = 'tessera_values';

/**
 * The flush executor every SQL dialect shares. Each batch becomes chunked statements:
 * - insert: `insert into t (..) values (..), (..)`, generated keys read back by `readGeneratedKeys`;
 * - update: the target joined to a values table of (key, new values, version) rows, one statement per chunk of
 *   rows with the same changed columns (a single row gets a plain `set c = ? where pk = ?`);
 * - delete: `delete from t where pk in (..)`.
 * Versioned rows are matched on `(pk, version)` and a short row count is an `OptimisticLockError`.
 * Each statement shape is compiled once into a template with numbered slots; chunks only bind values.
 */
export class SqlFlushExecutor implements FlushExecutor {
  private readonly templates = new Map<string, StatementTemplate>();

  constructor(
    protected readonly compiler: SqlCompiler,
    protected readonly capabilities: DialectCapabilities,
  ) {}

  async execute(plan: FlushPlan, connection: Connection, batchSize: number): Promise<FlushOutcome> {
    const generatedKeys = new Map<InsertBatch, unknown[]>();
    for (const batch of plan.batches) {
      if (batch.kind === 'insert') generatedKeys.set(batch, await this.insert(batch, connection, batchSize));
      else if (batch.kind === 'update') await this.update(batch, connection, batchSize);
      else await this.delete(batch, connection, batchSize);
    }
    return { generatedKeys };
  }

  /** The generated keys of a chunk's rows, in row order, from what its INSERT returned (RETURNING here). */
  protected readGeneratedKeys(result: QueryResult, _rowCount: number, key: PropertyMetadata): unknown[] {
    return result.rows.map((row) => row[key.column]);
  }

  /** Wraps a value of `property` in the first row of a values table, for databases that must be told its type. */
  protected typedValue(node: OperationNode, _property: PropertyMetadata): OperationNode {
    return node;
  }

  private template(key: string, build: () => Parameters<SqlCompiler['compileTemplate']>[0]): StatementTemplate {
    let template = this.templates.get(key);
    if (!template) {
      if (this.templates.size >= MAX_TEMPLATES) this.templates.clear();
      template = this.compiler.compileTemplate(build());
      this.templates.set(key, template);
    }
    return template;
  }

  private async insert(batch: InsertBatch, connection: Connection, batchSize: number): Promise<unknown[]> {
    const { meta, columns, rows, generatedKey } = batch;
    const width = columns.length;
    const perStatement = rowsPerStatement(batchSize, width, this.capabilities.maxParameters);
    const returning = generatedKey && this.capabilities.supportsReturning ? generatedKey : undefined;
    const keys: unknown[] = [];
    for (let start = 0; start < rows.length; start += perStatement) {
      const count = Math.min(perStatement, rows.length - start);
      const shape = `i|${meta.table}|${columns.map((c) => c.column).join(',')}|${count}|${returning?.column ?? ''}`;
      const template = this.template(shape, () => {
        const tuples: TupleNode[] = [];
        for (let r = 0; r < count; r++) {
          tuples.push(TupleNode.create(columns.map((_, c) => ParameterNode.create(r * width + c))));
        }
        const node = InsertQueryNode.create(TableNode.create(meta.table), columns.map(column), tuples);
        return returning ? InsertQueryNode.withReturning(node, [column(returning)]) : node;
      });
      const values = new Array<unknown>(count * width);
      for (let r = 0; r < count; r++) {
        const row = rows[start + r];
        for (let c = 0; c < width; c++) values[r * width + c] = row[c];
      }
      const result = await connection.execute(template.bind(values));
      if (generatedKey) keys.push(...this.readGeneratedKeys(result, count, generatedKey));
    }
    return keys;
  }

  private async update(batch: UpdateBatch, connection: Connection, batchSize: number): Promise<void> {
    const { meta, columns, rows } = batch;
    const version = meta.version;
    const width = columns.length;
    // Slots per row, in this order: the key, each new value, the expected version.
    const stride = 1 + width + (version ? 1 : 0);
    // Plus, once per statement, the version increment.
    const perStatement = rowsPerStatement(batchSize, stride, this.capabilities.maxParameters - (version ? 1 : 0));
    for (let start = 0; start < rows.length; start += perStatement) {
      const count = Math.min(perStatement, rows.length - start);
      const shape = `u|${meta.table}|${columns.map((c) => c.column).join(',')}|${count}`;
      const template = this.template(shape, () => this.updateNode(batch, count, stride));
      const values = new Array<unknown>(count * stride);
      for (let r = 0; r < count; r++) {
        const row = rows[start + r];
        values[r * stride] = row.key;
        for (let c = 0; c < width; c++) values[r * stride + 1 + c] = row.values[c];
        if (version) values[r * stride + 1 + width] = row.version;
      }
      const result = await connection.execute(template.bind(values));
      if (version && result.affectedRows !== count) {
        throw OptimisticLockError.versionMismatch(meta.class, count, result.affectedRows);
      }
    }
  }

  /**
   * One row: `update t set c = ? where pk = ? [and version = ?]`. Several: the target joined to a values table
   * of (key, new values.., version) rows, `update t set c = v.column2 from (values ..) as v where t.pk =
   * v.column1`, which the database matches by primary key in linear time.
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
    // Never the target's own name, so that qualified references stay unambiguous.
    const alias = meta.table === VALUES_ALIAS ? `${VALUES_ALIAS}_` : VALUES_ALIAS;
    const rowProperties = version ? [pk, ...columns, version] : [pk, ...columns];
    const tuples = Array.from({ length: count }, (_, r) =>
      TupleNode.create(
        rowProperties.map((p, i) => {
          const slot = ParameterNode.create(r * stride + i);
          // The first row types the values table's columns where the database must be told.
          return r === 0 ? this.typedValue(slot, p) : slot;
        }),
      ),
    );
    const joined = (i: number) => ColumnNode.create(ValuesNode.columnName(i), alias);
    const set = columns.map((p, c) => AssignmentNode.create(column(p), joined(1 + c)));
    const match = [BinaryOperationNode.create(ColumnNode.create(pk.column, meta.table), '=', joined(0))];
    if (version) match.push(BinaryOperationNode.create(ColumnNode.create(version.column, meta.table), '=', joined(1 + width)));
    const node = UpdateQueryNode.create(TableNode.create(meta.table), [...set, ...bump], JunctionNode.create('and', match));
    return UpdateQueryNode.withFrom(node, ValuesNode.create(tuples, alias));
  }

  private async delete(batch: DeleteBatch, connection: Connection, batchSize: number): Promise<void> {
    const { meta, keys, versions } = batch;
    const version = versions ? meta.version : undefined;
    const stride = version ? 2 : 1;
    const perStatement = rowsPerStatement(batchSize, stride, this.capabilities.maxParameters);
    for (let start = 0; start < keys.length; start += perStatement) {
      const count = Math.min(perStatement, keys.length - start);
      const template = this.template(`d|${meta.table}|${count}|${version ? 'v' : ''}`, () => {
        const slots = Array.from({ length: count }, (_, r) => ParameterNode.create(r * stride));
        const versionSlots = version ? Array.from({ length: count }, (_, r) => ParameterNode.create(r * 2 + 1)) : undefined;
        return DeleteQueryNode.create(TableNode.create(meta.table), matchRows(meta.primaryKey, slots, version, versionSlots));
      });
      const values = new Array<unknown>(count * stride);
      for (let r = 0; r < count; r++) {
        values[r * stride] = keys[start + r];
        if (versions) values[r * stride + 1] = versions[start + r];
      }
      const result = await connection.execute(template.bind(values));
      if (version && result.affectedRows !== count) {
        throw OptimisticLockError.versionMismatch(meta.class, count, result.affectedRows);
      }
    }
  }
}

function column(property: PropertyMetadata): ColumnNode {
  return ColumnNode.create(property.column);
}

/** `pk in (..)`, or `(pk, version) in ((.., ..), ..)` for versioned rows; `pk = ?` for one row. */
function matchRows(
  pk: PropertyMetadata,
  keys: readonly OperationNode[],
  version: PropertyMetadata | undefined,
  versions: readonly OperationNode[] | undefined,
): OperationNode {
  if (!version || !versions) {
    return keys.length === 1
      ? BinaryOperationNode.create(column(pk), '=', keys[0])
      : BinaryOperationNode.create(column(pk), 'in', TupleNode.create(keys));
  }
  if (keys.length === 1) {
    return JunctionNode.create('and', [
      BinaryOperationNode.create(column(pk), '=', keys[0]),
      BinaryOperationNode.create(column(version), '=', versions[0]),
    ]);
  }
  const rowValue = TupleNode.create([column(pk), column(version)]);
  const pairs = keys.map((key, i) => TupleNode.create([key, versions[i]]));
  return BinaryOperationNode.create(rowValue, 'in', TupleNode.create(pairs));
}
