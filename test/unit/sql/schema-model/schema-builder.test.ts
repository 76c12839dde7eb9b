import { DatabaseSchema } from '../../../../src/sql/schema-model/database-schema';
import { parseReferentialAction } from '../../../../src/sql/schema-model/referential-action';
import { SchemaBuilder } from '../../../../src/sql/schema-model/schema-builder';
import { TableSchema } from '../../../../src/sql/schema-model/table-schema';

const column = (name: string) => ({ name, nativeType: 'integer', type: 'int' as const, nullable: false, identity: false });
const restrictive = { onDelete: 'no action', onUpdate: 'no action' } as const;

describe('SchemaBuilder', () => {
  it('groups key columns in the order they come and sorts everything else by name', () => {
    const builder = new SchemaBuilder();
    builder.addTable('b');
    builder.addTable('a');
    builder.addColumn('a', column('z'));
    builder.addColumn('a', column('y'));
    builder.addPrimaryKeyColumn('a', 'a_pk', 'z');
    builder.addPrimaryKeyColumn('a', 'a_pk', 'y');
    builder.addIndexColumn('a', 'i2', false, 'y');
    builder.addIndexColumn('a', 'i1', true, 'z');
    builder.addIndexColumn('a', 'i1', true, 'y');
    builder.addUniqueColumn('a', 'sqlite_autoindex_a_2', undefined, 'y');
    builder.addUniqueColumn('a', 'sqlite_autoindex_a_1', undefined, 'z');
    builder.addForeignKeyColumn('a', '0', { name: 'fk', referencedTable: 'b', ...restrictive }, 'z', 'p');
    builder.addForeignKeyColumn('a', '0', { name: 'fk', referencedTable: 'b', ...restrictive }, 'y', 'q');

    const schema = builder.build();

    expect(schema.tables.map((t) => t.name)).toEqual(['a', 'b']);
    const a = DatabaseSchema.table(schema, 'a')!;
    expect(a.columns.map((c) => c.name)).toEqual(['z', 'y']);
    expect(a.primaryKey).toEqual({ name: 'a_pk', columns: ['z', 'y'] });
    expect(a.indexes).toEqual([
      { name: 'i1', columns: ['z', 'y'], unique: true },
      { name: 'i2', columns: ['y'], unique: false },
    ]);
    // Unnamed constraints sort by their columns.
    expect(a.uniqueConstraints.map((u) => u.columns)).toEqual([['y'], ['z']]);
    expect(a.foreignKeys).toEqual([{ name: 'fk', referencedTable: 'b', ...restrictive, columns: ['z', 'y'], referencedColumns: ['p', 'q'] }]);
    expect(TableSchema.column(a, 'y')?.type).toBe('int');
    expect(DatabaseSchema.table(schema, 'b')).toEqual({ name: 'b', columns: [], primaryKey: undefined, uniqueConstraints: [], indexes: [], foreignKeys: [] });
  });

  it('drops rows about tables it was not told about', () => {
    const builder = new SchemaBuilder();
    builder.addTable('kept');
    builder.addColumn('sqlite_sequence', column('seq'));
    builder.addIndexColumn('elsewhere', 'ix', false, 'a');

    expect(builder.build().tables.map((t) => t.name)).toEqual(['kept']);
  });

  it('sorts by code unit, not by locale, so two runs compare equal anywhere', () => {
    const builder = new SchemaBuilder();
    for (const name of ['b', 'B', 'a', 'é']) builder.addTable(name);

    expect(builder.build().tables.map((t) => t.name)).toEqual(['B', 'a', 'b', 'é']);
  });

  it('builds a frozen schema, down to the key columns', () => {
    const builder = new SchemaBuilder();
    builder.addTable('t');
    builder.addColumn('t', { ...column('e'), type: 'enum', items: ['x'] });
    builder.addIndexColumn('t', 'ix', false, 'e');
    builder.addEnumValue('mood', 'happy');
    const schema = builder.build();
    const table = schema.tables[0];

    for (const value of [schema, schema.tables, schema.enums, schema.enums[0].values, table, table.columns, table.columns[0], table.columns[0].items, table.indexes[0].columns]) {
      expect(Object.isFrozen(value)).toBe(true);
    }
  });
});

describe('parseReferentialAction', () => {
  it.each([
    ['NO ACTION', 'no action'],
    ['SET NULL', 'set null'],
    ['set_default', 'set default'],
    ['CASCADE', 'cascade'],
    [' Restrict ', 'restrict'],
    [null, 'no action'],
    ['NONE', 'no action'],
  ])('%s reads as %s', (text, action) => {
    expect(parseReferentialAction(text)).toBe(action);
  });
});
