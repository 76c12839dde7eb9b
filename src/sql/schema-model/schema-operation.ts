import type { ColumnSchema } from './column-schema';
import type { EnumTypeSchema } from './enum-type-schema';
import type { ForeignKeySchema } from './foreign-key-schema';
import type { IndexSchema } from './index-schema';
import type { TableSchema } from './table-schema';
import type { UniqueConstraintSchema } from './unique-constraint-schema';

/**
 * One change to a database schema, dialect-neutral. The diff produces them, a migration's schema builder
 * records them, and each dialect renders them to DDL. Every operation carries what it removes or replaces
 * (the dropped table, the column before an alter), so that its inverse needs nothing else: that is how a
 * generated `down()` is exact.
 */
export type SchemaOperation =
  | { readonly kind: 'createTable'; readonly table: TableSchema }
  | { readonly kind: 'dropTable'; readonly table: TableSchema }
  | { readonly kind: 'renameTable'; readonly from: string; readonly to: string }
  | { readonly kind: 'addColumn'; readonly table: string; readonly column: ColumnSchema }
  | { readonly kind: 'dropColumn'; readonly table: string; readonly column: ColumnSchema }
  | { readonly kind: 'renameColumn'; readonly table: string; readonly from: string; readonly to: string }
  | { readonly kind: 'alterColumn'; readonly table: string; readonly from: ColumnSchema; readonly to: ColumnSchema }
  | { readonly kind: 'createIndex'; readonly table: string; readonly index: IndexSchema }
  | { readonly kind: 'dropIndex'; readonly table: string; readonly index: IndexSchema }
  | { readonly kind: 'addUnique'; readonly table: string; readonly unique: UniqueConstraintSchema }
  | { readonly kind: 'dropUnique'; readonly table: string; readonly unique: UniqueConstraintSchema }
  | { readonly kind: 'addForeignKey'; readonly table: string; readonly foreignKey: ForeignKeySchema }
  | { readonly kind: 'dropForeignKey'; readonly table: string; readonly foreignKey: ForeignKeySchema }
  | { readonly kind: 'createEnum'; readonly enum: EnumTypeSchema }
  | { readonly kind: 'dropEnum'; readonly enum: EnumTypeSchema }
  | { readonly kind: 'alterEnum'; readonly from: EnumTypeSchema; readonly to: EnumTypeSchema }
  /** SQL the builder cannot say; `down` is its inverse where the author gave one. */
  | { readonly kind: 'raw'; readonly sql: string; readonly down?: string };

export type SchemaOperationKind = SchemaOperation['kind'];
