import type { SchemaGenerator, SchemaStatement } from '../dialects/dialect';
import { applyOperation } from './schema-model/apply-operation';
import { ColumnSchema } from './schema-model/column-schema';
import type { DatabaseSchema } from './schema-model/database-schema';
import { normalizeDefault, type DefaultValueKind } from './schema-model/default-expression';
import { ForeignKeySchema } from './schema-model/foreign-key-schema';
import type { IndexSchema } from './schema-model/index-schema';
import { PrimaryKeySchema } from './schema-model/primary-key-schema';
import type { SchemaOperation } from './schema-model/schema-operation';
import { compareKeys } from './schema-model/schema-order';
import { TableSchema } from './schema-model/table-schema';
import type { UniqueConstraintSchema } from './schema-model/unique-constraint-schema';

/** The column's type, size, default kind and native spelling once stored (each dialect's map). */
export interface StoredType {
  readonly column: ColumnSchema;
  readonly valueKind: DefaultValueKind;
}

/**
 * The one DDL writer of the SQL dialects: schema operations → statements, walking the schema as each
 * operation changes it (`applyOperation`), so that a statement can see the table it alters. Dialects say how
 * a type is stored and written, and override what their ALTER TABLE says differently (or cannot say: SQLite
 * rebuilds the table).
 */
export abstract class SqlSchemaGenerator implements SchemaGenerator {
  /** Whether the database keeps the names of foreign keys and unique constraints (SQLite does not). */
  protected readonly namedConstraints: boolean = true;

  constructor(readonly quote: (name: string) => string) {}

  /** The column as stored: the dialect's type for it, its size, the default in the form the catalog reports. */
  protected abstract storedType(column: ColumnSchema): StoredType;

  /** The SQL type of a stored column, from its portable type (its native type when it has none). */
  protected abstract sqlType(column: ColumnSchema, schema: DatabaseSchema): string;

  /** The name the database gives a table's primary key (undefined: none kept). */
  protected abstract primaryKeyName(table: string): string | undefined;

  /** The statements changing a column's type, nullability, default or identity. */
  protected abstract alterColumn(table: TableSchema, from: ColumnSchema, to: ColumnSchema, schema: DatabaseSchema): SchemaStatement[];

  abstract dropTables(tables: readonly string[]): string[];

  storedColumn(column: ColumnSchema): ColumnSchema {
    const { column: stored, valueKind } = this.storedType(column);
    const raw = column.default === undefined ? undefined : normalizeDefault({ kind: 'expression', text: column.default }, valueKind);
    // A portable column (the entities', a migration builder's) gets this database's spelling; an introspected one keeps its own.
    const portable = column.nativeType === '' || column.nativeType === column.type;
    const nativeType = portable ? this.sqlType(stored, { tables: [], enums: [] }) : column.nativeType;
    return ColumnSchema.create({ ...stored, default: raw, nativeType });
  }

  storedTable(table: TableSchema): TableSchema {
    const named = <K extends { readonly name?: string }>(key: K): K => (this.namedConstraints ? key : { ...key, name: undefined });
    return TableSchema.create({
      ...table,
      columns: table.columns.map((c) => this.storedColumn(c)),
      primaryKey: table.primaryKey && PrimaryKeySchema.create(this.primaryKeyName(table.name), table.primaryKey.columns),
      // Listed as introspection lists them.
      uniqueConstraints: table.uniqueConstraints.map(named).sort(compareKeys),
      indexes: [...table.indexes].sort(compareKeys),
      foreignKeys: table.foreignKeys.map((fk) => ForeignKeySchema.create(named(fk))).sort(compareKeys),
    });
  }

  render(operations: readonly SchemaOperation[], current: DatabaseSchema): SchemaStatement[] {
    const statements: SchemaStatement[] = [];
    let schema = current;
    for (const op of operations) {
      const next = applyOperation(schema, op);
      statements.push(...this.renderOne(op, schema, current));
      schema = next;
    }
    return statements;
  }

  /** One operation's statements; `schema` is the schema before it, `initial` the one before the whole list. */
  protected renderOne(op: SchemaOperation, schema: DatabaseSchema, initial: DatabaseSchema): SchemaStatement[] {
    const q = this.quote;
    switch (op.kind) {
      case 'createTable':
        return [{ sql: this.createTableSql(op.table, schema) }, ...op.table.indexes.map((i) => ({ sql: this.createIndexSql(op.table.name, i) }))];
      case 'dropTable':
        return [{ sql: `drop table ${q(op.table.name)}` }];
      case 'renameTable':
        return [{ sql: `alter table ${q(op.from)} rename to ${q(op.to)}` }];
      case 'addColumn':
        return [{ sql: `alter table ${q(op.table)} add column ${this.columnDefinition(this.storedColumn(op.column), schema)}` }];
      case 'dropColumn':
        return [{ sql: `alter table ${q(op.table)} drop column ${q(op.column.name)}` }];
      case 'renameColumn':
        return [{ sql: `alter table ${q(op.table)} rename column ${q(op.from)} to ${q(op.to)}` }];
      case 'alterColumn':
        return this.alterColumn(tableOf(schema, op.table), op.from, this.storedColumn(op.to), schema);
      case 'createIndex':
        return this.createIndex(op.table, op.index, initial);
      case 'dropIndex':
        return [{ sql: this.dropIndexSql(op.table, op.index) }];
      case 'addUnique':
        return [{ sql: `alter table ${q(op.table)} add ${this.uniqueClause(op.unique)}` }];
      case 'dropUnique':
        return [{ sql: `alter table ${q(op.table)} drop constraint ${q(op.unique.name ?? '')}` }];
      case 'addForeignKey':
        return this.addForeignKey(op.table, op.foreignKey, initial);
      case 'dropForeignKey':
        return [{ sql: `alter table ${q(op.table)} drop constraint ${q(op.foreignKey.name ?? '')}` }];
      case 'createEnum':
      case 'dropEnum':
      case 'alterEnum':
        return this.enumStatements(op);
      case 'raw':
        return [{ sql: op.sql }];
    }
  }

  /** Enum types are PostgreSQL's alone; elsewhere an enum lives in its column. */
  protected enumStatements(_op: SchemaOperation): SchemaStatement[] {
    return [];
  }

  protected createIndex(table: string, index: IndexSchema, _initial: DatabaseSchema): SchemaStatement[] {
    return [{ sql: this.createIndexSql(table, index) }];
  }

  protected addForeignKey(table: string, foreignKey: ForeignKeySchema, _initial: DatabaseSchema): SchemaStatement[] {
    return [{ sql: `alter table ${this.quote(table)} add ${this.foreignKeyClause(foreignKey)}` }];
  }

  protected createTableSql(table: TableSchema, schema: DatabaseSchema): string {
    const parts = table.columns.map((c) => this.columnDefinition(this.storedColumn(c), schema, this.inlineKey(table, c)));
    if (table.primaryKey && !table.columns.some((c) => this.inlineKey(table, c))) parts.push(this.primaryKeyClause(table.primaryKey));
    parts.push(...table.uniqueConstraints.map((u) => this.uniqueClause(u)));
    parts.push(...table.foreignKeys.map((fk) => this.foreignKeyClause(fk)));
    return `create table ${this.quote(table.name)} (${parts.join(', ')})`;
  }

  /** Whether a column declares the table's primary key itself (SQLite's AUTOINCREMENT needs it so). */
  protected inlineKey(_table: TableSchema, _column: ColumnSchema): boolean {
    return false;
  }

  protected createIndexSql(table: string, index: IndexSchema, concurrently = false): string {
    const parts = index.columns.map((c) => (c.startsWith('(') ? c : this.quote(c))).join(', ');
    return `create ${index.unique ? 'unique ' : ''}index ${concurrently ? 'concurrently ' : ''}${this.quote(index.name)} on ${this.quote(table)} (${parts})`;
  }

  protected dropIndexSql(_table: string, index: IndexSchema): string {
    return `drop index ${this.quote(index.name)}`;
  }

  /** `name type [not null] [default ..] [identity] [check ..]` of a stored column. */
  protected columnDefinition(column: ColumnSchema, schema: DatabaseSchema, inlineKey = false): string {
    let sql = `${this.quote(column.name)} ${this.sqlType(column, schema)}`;
    if (!column.nullable) sql += ' not null';
    if (column.default !== undefined) sql += ` default ${this.defaultSql(column)}`;
    if (column.identity) sql += this.identityClause(inlineKey);
    if (column.items && column.type !== 'enum') sql += ` ${this.checkClause(column)}`;
    return sql;
  }

  /** What makes a column generated by the database. */
  protected abstract identityClause(inlineKey: boolean): string;

  /** A column's normalized default as this database reads it in DDL. */
  protected defaultSql(column: ColumnSchema): string {
    return column.default as string;
  }

  /** The CHECK that keeps a column to its items (an enum where the database has no native one). */
  protected checkClause(column: ColumnSchema): string {
    const numeric = column.type === 'int' || column.type === 'bigint';
    const items = (column.items ?? []).map((i) => (numeric ? String(Number(i)) : this.stringLiteral(i)));
    return `check (${this.quote(column.name)} in (${items.join(', ')}))`;
  }

  /** A string as a SQL literal (DDL has no bound parameters), escaped. */
  protected stringLiteral(value: string): string {
    return `'${value.replace(/'/g, "''")}'`;
  }

  protected primaryKeyClause(key: PrimaryKeySchema): string {
    const name = key.name && this.namedConstraints ? `constraint ${this.quote(key.name)} ` : '';
    return `${name}primary key (${key.columns.map(this.quote).join(', ')})`;
  }

  protected uniqueClause(unique: UniqueConstraintSchema): string {
    const name = unique.name ? `constraint ${this.quote(unique.name)} ` : '';
    return `${name}unique (${unique.columns.map(this.quote).join(', ')})`;
  }

  protected foreignKeyClause(fk: ForeignKeySchema): string {
    const name = fk.name ? `constraint ${this.quote(fk.name)} ` : '';
    const target = fk.referencedSchema === undefined ? this.quote(fk.referencedTable) : `${this.quote(fk.referencedSchema)}.${this.quote(fk.referencedTable)}`;
    let sql = `${name}foreign key (${fk.columns.map(this.quote).join(', ')}) references ${target} (${fk.referencedColumns.map(this.quote).join(', ')})`;
    if (fk.onDelete !== 'no action') sql += ` on delete ${fk.onDelete}`;
    if (fk.onUpdate !== 'no action') sql += ` on update ${fk.onUpdate}`;
    return sql;
  }
}

/** The table an operation alters, which applyOperation has already checked exists. */
export function tableOf(schema: DatabaseSchema, name: string): TableSchema {
  return schema.tables.find((t) => t.name === name) as TableSchema;
}
