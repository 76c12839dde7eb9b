import type { SchemaStatement } from '../dialect';
import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import { parseStandardStringLiteral } from '../../sql/schema-model/default-expression';
import type { IndexSchema } from '../../sql/schema-model/index-schema';
import type { PrimaryKeySchema } from '../../sql/schema-model/primary-key-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import type { TableSchema } from '../../sql/schema-model/table-schema';
import { SqlSchemaGenerator, type StoredType } from '../../sql/sql-schema-generator';

/** Fractional-second digits of Tessera's timestamp (`datetime(3)`, milliseconds as JS keeps them). */
const TIMESTAMP_PRECISION = 3;
/** A uuid is a char(36). */
const UUID_LENGTH = 36;
const NUMERIC = new Set(['int', 'bigint', 'float', 'double', 'decimal']);
/** Types that take no literal DEFAULT, only an expression (MySQL 8.0.13+, MariaDB 10.2+). */
const EXPRESSION_DEFAULT = new Set(['text', 'json', 'blob']);

/** MySQL and MariaDB DDL: a string enum is a native ENUM; a column changes by MODIFY with its whole definition. */
export class MysqlSchema extends SqlSchemaGenerator {
  // The session stops checking foreign keys while the tables go, so that their order does not matter.
  dropTables(tables: readonly string[]): string[] {
    return ['set foreign_key_checks = 0', ...tables.map((t) => `drop table if exists ${this.quote(t)}`), 'set foreign_key_checks = 1'];
  }

  protected storedType(column: ColumnSchema): StoredType {
    const valueKind = NUMERIC.has(column.type ?? '') ? 'number' : column.type === 'boolean' ? 'boolean' : 'other';
    if (column.type === 'timestamp') return { column: { ...column, precision: column.precision ?? TIMESTAMP_PRECISION }, valueKind };
    if (column.type === 'uuid') return { column: { ...column, length: UUID_LENGTH }, valueKind };
    return { column, valueKind };
  }

  protected sqlType(column: ColumnSchema): string {
    switch (column.type) {
      case 'string':
        return `varchar(${column.length ?? 255})`;
      case 'decimal':
        return column.precision === undefined ? 'decimal' : `decimal(${column.precision}, ${column.scale ?? 0})`;
      case 'boolean':
        return 'tinyint(1)';
      case 'timestamp':
        return `datetime(${column.precision ?? TIMESTAMP_PRECISION})`;
      case 'uuid':
        return `char(${UUID_LENGTH})`;
      case 'enum':
        return `enum(${(column.items ?? []).map((i) => this.stringLiteral(i)).join(', ')})`;
      case 'blob':
        return 'longblob';
      case undefined:
        return column.nativeType;
      default:
        return column.type;
    }
  }

  protected primaryKeyName(): string {
    return 'PRIMARY';
  }

  protected identityClause(): string {
    return ' auto_increment';
  }

  // The primary key is always named PRIMARY.
  protected override primaryKeyClause(key: PrimaryKeySchema): string {
    return super.primaryKeyClause({ columns: key.columns });
  }

  protected override defaultSql(column: ColumnSchema): string {
    const text = column.default as string;
    const value = parseStandardStringLiteral(text);
    const literal = value === undefined ? text : this.stringLiteral(value);
    return EXPRESSION_DEFAULT.has(column.type ?? '') ? `(${literal})` : literal;
  }

  // Backslash is an escape character in MySQL string literals unless NO_BACKSLASH_ESCAPES.
  protected override stringLiteral(value: string): string {
    return super.stringLiteral(value.replace(/\\/g, '\\\\'));
  }

  protected alterColumn(table: TableSchema, _from: ColumnSchema, to: ColumnSchema, schema: DatabaseSchema): SchemaStatement[] {
    return [{ sql: `alter table ${this.quote(table.name)} modify column ${this.columnDefinition(to, schema)}` }];
  }

  protected override renderOne(op: SchemaOperation, schema: DatabaseSchema, initial: DatabaseSchema): SchemaStatement[] {
    const q = this.quote;
    switch (op.kind) {
      case 'renameTable':
        return [{ sql: `rename table ${q(op.from)} to ${q(op.to)}` }];
      case 'dropUnique':
        return [{ sql: `alter table ${q(op.table)} drop index ${q(op.unique.name ?? '')}` }];
      case 'dropForeignKey':
        return [{ sql: `alter table ${q(op.table)} drop foreign key ${q(op.foreignKey.name ?? '')}` }];
      default:
        return super.renderOne(op, schema, initial);
    }
  }

  protected override dropIndexSql(table: string, index: IndexSchema): string {
    return `drop index ${this.quote(index.name)} on ${this.quote(table)}`;
  }
}
