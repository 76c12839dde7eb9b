import { ColumnSchema } from './column-schema';
import { DatabaseSchema } from './database-schema';
import { EnumTypeSchema } from './enum-type-schema';
import { ForeignKeySchema } from './foreign-key-schema';
import { IndexSchema } from './index-schema';
import { PrimaryKeySchema } from './primary-key-schema';
import type { ReferentialAction } from './referential-action';
import { compareKeys, compareNames } from './schema-order';
import { TableSchema } from './table-schema';
import { UniqueConstraintSchema } from './unique-constraint-schema';

/** What a foreign key row says besides its column pair. */
export interface ForeignKeyTarget {
  readonly name?: string;
  readonly referencedTable: string;
  readonly referencedSchema?: string;
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

interface KeyParts {
  readonly name?: string;
  readonly columns: string[];
}

interface TableParts {
  readonly columns: ColumnSchema[];
  primaryKey?: KeyParts;
  readonly uniques: Map<string, KeyParts>;
  readonly indexes: Map<string, { readonly name: string; readonly unique: boolean; readonly columns: string[] }>;
  readonly foreignKeys: Map<string, ForeignKeyTarget & { columns: string[]; referencedColumns: string[] }>;
}

/**
 * @internal Collects an introspector's catalog rows, one column of a key at a time in key order, and builds the frozen
 * DatabaseSchema. Only registered tables are kept, so a row about an internal or foreign table is dropped
 * here rather than filtered in every query. Everything comes out sorted by name (code-unit order, not the
 * locale's), so two introspections of one database are deeply equal.
 */
export class SchemaBuilder {
  private readonly tables = new Map<string, TableParts>();
  private readonly enums = new Map<string, string[]>();

  addTable(name: string): void {
    if (!this.tables.has(name)) {
      this.tables.set(name, { columns: [], uniques: new Map(), indexes: new Map(), foreignKeys: new Map() });
    }
  }

  addColumn(table: string, column: ColumnSchema): void {
    this.tables.get(table)?.columns.push(ColumnSchema.create(column));
  }

  addPrimaryKeyColumn(table: string, name: string | undefined, column: string): void {
    const parts = this.tables.get(table);
    if (!parts) return;
    parts.primaryKey ??= { name, columns: [] };
    parts.primaryKey.columns.push(column);
  }

  /** `key` tells constraints apart where they have no name (SQLite). */
  addUniqueColumn(table: string, key: string, name: string | undefined, column: string): void {
    const parts = this.tables.get(table);
    if (!parts) return;
    const unique = parts.uniques.get(key) ?? { name, columns: [] };
    parts.uniques.set(key, unique);
    unique.columns.push(column);
  }

  addIndexColumn(table: string, name: string, unique: boolean, column: string): void {
    const parts = this.tables.get(table);
    if (!parts) return;
    const index = parts.indexes.get(name) ?? { name, unique, columns: [] };
    parts.indexes.set(name, index);
    index.columns.push(column);
  }

  /** `key` tells foreign keys apart where they have no name (SQLite). */
  addForeignKeyColumn(table: string, key: string, target: ForeignKeyTarget, column: string, referencedColumn: string): void {
    const parts = this.tables.get(table);
    if (!parts) return;
    const foreignKey = parts.foreignKeys.get(key) ?? { ...target, columns: [], referencedColumns: [] };
    parts.foreignKeys.set(key, foreignKey);
    foreignKey.columns.push(column);
    foreignKey.referencedColumns.push(referencedColumn);
  }

  addEnumValue(name: string, value: string): void {
    const values = this.enums.get(name) ?? [];
    this.enums.set(name, values);
    values.push(value);
  }

  build(): DatabaseSchema {
    const tables = [...this.tables.entries()].sort(([a], [b]) => compareNames(a, b)).map(([name, parts]) => buildTable(name, parts));
    const enums = [...this.enums.entries()].sort(([a], [b]) => compareNames(a, b)).map(([name, values]) => EnumTypeSchema.create(name, values));
    return DatabaseSchema.create(tables, enums);
  }
}

function buildTable(name: string, parts: TableParts): TableSchema {
  return TableSchema.create({
    name,
    columns: parts.columns,
    primaryKey: parts.primaryKey && PrimaryKeySchema.create(parts.primaryKey.name, parts.primaryKey.columns),
    uniqueConstraints: [...parts.uniques.values()].sort(compareKeys).map((u) => UniqueConstraintSchema.create(u.name, u.columns)),
    indexes: [...parts.indexes.values()].sort(compareKeys).map((i) => IndexSchema.create(i.name, i.columns, i.unique)),
    foreignKeys: [...parts.foreignKeys.values()].sort(compareKeys).map((f) => ForeignKeySchema.create(f)),
  });
}
