import { DatabaseSchema, TableSchema, type ColumnSchema, type ForeignKeySchema } from '../../../../src';

/** A portable column: not null, no default, unless `extra` says otherwise. */
export const column = (name: string, type: ColumnSchema['type'], extra: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name,
  nativeType: type ?? '',
  type,
  nullable: false,
  identity: false,
  ...extra,
});

export const table = (name: string, columns: ColumnSchema[], extra: Partial<TableSchema> = {}): TableSchema =>
  TableSchema.create({ name, columns, primaryKey: { name: `${name}_pkey`, columns: [columns[0].name] }, uniqueConstraints: [], indexes: [], foreignKeys: [], ...extra });

export const foreignKey = (name: string, columns: string[], referencedTable: string, extra: Partial<ForeignKeySchema> = {}): ForeignKeySchema => ({
  name,
  columns,
  referencedTable,
  referencedColumns: ['id'],
  onDelete: 'no action',
  onUpdate: 'no action',
  ...extra,
});

export const schema = (...tables: TableSchema[]): DatabaseSchema =>
  DatabaseSchema.create(
    [...tables].sort((a, b) => (a.name < b.name ? -1 : 1)),
    [],
  );

export const id = column('id', 'int', { identity: true });
