import type { SchemaStatement } from '../dialect';
import { applyOperation } from '../../sql/schema-model/apply-operation';
import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import type { TableSchema } from '../../sql/schema-model/table-schema';
import { SqlSchemaGenerator, tableOf, type StoredType } from '../../sql/sql-schema-generator';
import { foldForeignKeys, rebuildGroup, TableRebuild } from './sqlite-table-rebuild';

/**
 * SQLite DDL. Columns are declared by storage class (`integer` for int, bigint and boolean; `real`; `text` for
 * dates, JSON, uuids and enums), so they read back as such. ALTER TABLE can add, rename and drop little, so
 * every other change rebuilds the table (sqlite-table-rebuild.ts); foreign keys are written inside CREATE
 * TABLE (SQLite lets a table reference one not created yet).
 */
export class SqliteSchema extends SqlSchemaGenerator {
  protected override readonly namedConstraints = false;

  // Foreign keys are checked at commit instead, so that tables referencing each other drop in any order.
  dropTables(tables: readonly string[]): string[] {
    return ['pragma defer_foreign_keys = on', ...tables.map((t) => `drop table if exists ${this.quote(t)}`)];
  }

  protected storedType(column: ColumnSchema): StoredType {
    const plain = { ...column, length: undefined, precision: undefined, scale: undefined };
    switch (column.type) {
      case 'int':
      case 'bigint':
      case 'boolean':
        return { column: { ...plain, type: 'int' }, valueKind: 'number' };
      case 'float':
      case 'double':
        return { column: { ...plain, type: 'double' }, valueKind: 'number' };
      case 'decimal':
        return { column, valueKind: 'number' };
      case 'string':
      case 'blob':
      case undefined:
        return { column, valueKind: 'other' };
      default:
        return { column: { ...plain, type: 'text' }, valueKind: 'other' };
    }
  }

  protected sqlType(column: ColumnSchema): string {
    switch (column.type) {
      case 'int':
        return 'integer';
      case 'double':
        return 'real';
      case 'decimal':
        return column.precision === undefined ? 'numeric' : `numeric(${column.precision}, ${column.scale ?? 0})`;
      case 'string':
        return column.length === undefined ? 'varchar' : `varchar(${column.length})`;
      case 'blob':
        return 'blob';
      case undefined:
        return column.nativeType;
      default:
        return 'text';
    }
  }

  protected primaryKeyName(): undefined {
    return undefined;
  }

  // AUTOINCREMENT: ids of deleted rows are never handed out again. It needs the key declared on the column.
  protected identityClause(inlineKey: boolean): string {
    return inlineKey ? ' primary key autoincrement' : '';
  }

  protected override inlineKey(table: TableSchema, column: ColumnSchema): boolean {
    return column.identity && table.primaryKey?.columns.length === 1 && table.primaryKey.columns[0] === column.name;
  }

  /** Unreachable: every column change rebuilds the table (see render). */
  protected alterColumn(): SchemaStatement[] {
    return [];
  }

  override render(operations: readonly SchemaOperation[], current: DatabaseSchema): SchemaStatement[] {
    const ops = foldForeignKeys(operations);
    const statements: SchemaStatement[] = [];
    let schema = current;
    let rebuilt = false;
    for (let i = 0; i < ops.length; ) {
      const group = rebuildGroup(ops, i, (op, s) => this.needsRebuild(op, s), schema);
      if (group.length === 0) {
        const next = applyOperation(schema, ops[i]);
        statements.push(...this.renderOne(ops[i], schema, current));
        schema = next;
        i++;
        continue;
      }
      const before = schema;
      for (const op of group) schema = applyOperation(schema, op);
      const table = (group[0] as { table: string }).table;
      statements.push(...this.rebuild(tableOf(before, table), tableOf(schema, table), schema));
      rebuilt = true;
      i += group.length;
    }
    if (!rebuilt) return statements;
    // Foreign keys are off while tables are replaced (a drop would otherwise delete or orphan the rows that
    // reference them), and checked before the transaction commits; the pragma is a no-op inside one.
    return [
      { sql: 'pragma foreign_keys = off', outsideTransaction: true },
      ...statements,
      { sql: 'create temp table if not exists tessera_foreign_key_check (foreign_key_violations integer check (foreign_key_violations = 0))' },
      { sql: 'insert into temp.tessera_foreign_key_check select count(*) from pragma_foreign_key_check' },
      { sql: 'pragma foreign_keys = on', outsideTransaction: true, always: true },
    ];
  }

  /** What ALTER TABLE cannot say: a changed or dropped column, a key added or dropped, a column it cannot add. */
  private needsRebuild(op: SchemaOperation, schema: DatabaseSchema): boolean {
    switch (op.kind) {
      case 'alterColumn':
      case 'dropColumn':
      case 'addForeignKey':
      case 'dropForeignKey':
      case 'addUnique':
      case 'dropUnique':
        return schema.tables.some((t) => t.name === op.table);
      case 'addColumn': {
        const column = this.storedColumn(op.column);
        // ADD COLUMN takes no NOT NULL without a default, no key, no default that is not a constant.
        return (!column.nullable && column.default === undefined) || column.identity || /^current_|\(/.test(column.default ?? '');
      }
      default:
        return false;
    }
  }

  private rebuild(from: TableSchema, to: TableSchema, schema: DatabaseSchema): SchemaStatement[] {
    const plan = new TableRebuild(from, to, this.quote);
    return [
      { sql: this.createTableSql({ ...to, name: plan.temporaryName }, schema) },
      ...plan.copy((c) => this.defaultSql(c)),
      { sql: `drop table ${this.quote(from.name)}` },
      { sql: `alter table ${this.quote(plan.temporaryName)} rename to ${this.quote(to.name)}` },
      ...to.indexes.map((i) => ({ sql: this.createIndexSql(to.name, i) })),
    ];
  }
}
