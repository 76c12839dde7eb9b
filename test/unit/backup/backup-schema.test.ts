import { BackupError, DatabaseSchema, TableSchema, type ColumnSchema } from '../../../src';
import { schemaFor, tablesInForeignKeyOrder, withEntityTypes } from '../../../src/backup/backup-schema';
import { valueCodec } from '../../../src/backup/value-codec';
import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { ForeignKeySchema } from '../../../src/sql/schema-model/foreign-key-schema';
import { PrimaryKeySchema } from '../../../src/sql/schema-model/primary-key-schema';

const column = (name: string, type: ColumnSchema['type'], nativeType: string, extra: Partial<ColumnSchema> = {}): ColumnSchema => ({
  name,
  type,
  nativeType,
  nullable: true,
  identity: false,
  ...extra,
});

const table = (name: string, columns: ColumnSchema[], references: [string, string][] = []) =>
  TableSchema.create({
    name,
    columns,
    primaryKey: PrimaryKeySchema.create(`${name}_pkey`, [columns[0].name]),
    uniqueConstraints: [],
    indexes: [],
    foreignKeys: references.map(([col, target]) =>
      ForeignKeySchema.create({ columns: [col], referencedTable: target, referencedColumns: ['id'], onDelete: 'no action', onUpdate: 'no action' }),
    ),
  });

describe('withEntityTypes', () => {
  const live = DatabaseSchema.create(
    [table('posts', [column('id', 'int', 'integer'), column('at', 'text', 'text'), column('flag', 'int', 'integer'), column('title', 'text', 'text')])],
    [],
  );
  const entities = DatabaseSchema.create(
    [table('posts', [column('id', 'int', ''), column('at', 'timestamp', '', { precision: 3 }), column('flag', 'boolean', ''), column('title', 'string', '', { length: 80 })])],
    [],
  );

  test("takes an entity's type where SQLite's storage lost it, and keeps the live column where the storage differs", () => {
    const [posts] = withEntityTypes(live, entities, sqliteDialect.schema).tables;
    expect(posts.columns.map((c) => [c.name, c.type, c.nativeType, c.precision])).toEqual([
      ['id', 'int', 'integer', undefined],
      ['at', 'timestamp', 'text', 3],
      ['flag', 'boolean', 'integer', undefined],
      // A string would be declared varchar(80): this text column is not what the entity describes.
      ['title', 'text', 'text', undefined],
    ]);
  });
});

describe('schemaFor', () => {
  const schema = DatabaseSchema.create(
    [table('hosts', [column('id', 'int', 'integer'), column('mood', 'enum', 'mood', { items: ['a', 'b'] })])],
    [{ name: 'mood', values: ['a', 'b'] }],
  );

  test('into the same dialect the schema is as read', () => {
    expect(schemaFor(schema, 'postgres', 'postgres')).toBe(schema);
  });

  test('into another, columns take the target spelling, enum types and key names go', () => {
    const moved = schemaFor(schema, 'postgres', 'mysql');
    expect(moved.enums).toEqual([]);
    expect(moved.tables[0].columns.map((c) => c.nativeType)).toEqual(['', '']);
    expect(moved.tables[0].primaryKey).toEqual({ name: undefined, columns: ['id'] });
    expect(mysqlDialect.schema.render([{ kind: 'createTable', table: moved.tables[0] }], DatabaseSchema.create([], []))[0].sql).toBe(
      "create table `hosts` (`id` int, `mood` enum('a', 'b'), primary key (`id`))",
    );
  });

  test('a column without a portable type is refused, naming it', () => {
    const odd = DatabaseSchema.create([table('hosts', [column('id', 'int', 'integer'), column('address', undefined, 'inet')])], []);
    expect(() => schemaFor(odd, 'postgres', 'sqlite')).toThrow(BackupError);
    expect(() => schemaFor(odd, 'postgres', 'sqlite')).toThrow(/^Column hosts\.address has the postgres type inet/);
  });
});

test('tablesInForeignKeyOrder puts referenced tables first and orders a cycle and a self-reference', () => {
  const id = () => column('id', 'int', 'integer');
  const schema = DatabaseSchema.create(
    [
      table('book', [id(), column('author_id', 'int', 'integer')], [['author_id', 'author']]),
      table('author', [id(), column('team_id', 'int', 'integer'), column('mentor_id', 'int', 'integer')], [['team_id', 'team'], ['mentor_id', 'author']]),
      table('team', [id(), column('lead_id', 'int', 'integer')], [['lead_id', 'author']]),
      table('tag', [id()]),
    ],
    [],
  );
  const order = tablesInForeignKeyOrder(schema).map((t) => t.name);
  expect(order).toHaveLength(4);
  expect(order.indexOf('author')).toBeLessThan(order.indexOf('book'));
});

describe('valueCodec', () => {
  test('every type has one portable form, whatever the dialect stores', () => {
    const at = new Date('2024-01-02T03:04:05.678Z');
    expect(valueCodec(sqliteDialect, { name: 'at', type: 'timestamp' }).encode(at.toISOString())).toBe('2024-01-02T03:04:05.678Z');
    expect(valueCodec(postgresDialect, { name: 'at', type: 'timestamp' }).encode(at)).toBe('2024-01-02T03:04:05.678Z');
    expect(valueCodec(mysqlDialect, { name: 'f', type: 'boolean' }).encode(1)).toBe(true);
    expect(valueCodec(sqliteDialect, { name: 'b', type: 'bigint' }).encode(9007199254740993n)).toBe('9007199254740993');
    expect(valueCodec(sqliteDialect, { name: 'n', type: 'int' }).encode(9007199254740993n)).toBe('9007199254740993');
    expect(valueCodec(postgresDialect, { name: 'd', type: 'double' }).encode(Number.NaN)).toBe('NaN');
    expect(valueCodec(mysqlDialect, { name: 'j', type: 'json' }).encode('null')).toBe('null');
    expect(valueCodec(mysqlDialect, { name: 'j', type: 'json' }).encode(null)).toBe(null);
    expect(valueCodec(postgresDialect, { name: 'b', type: 'blob' }).encode(Buffer.from([0, 255]))).toBe('AP8=');
  });

  test('and decodes into what the target driver takes', () => {
    expect(valueCodec(sqliteDialect, { name: 'at', type: 'timestamp' }).decode('2024-01-02T03:04:05.678Z')).toBe('2024-01-02T03:04:05.678Z');
    expect(valueCodec(postgresDialect, { name: 'at', type: 'timestamp' }).decode('2024-01-02T03:04:05.678Z')).toEqual(new Date('2024-01-02T03:04:05.678Z'));
    expect(valueCodec(mysqlDialect, { name: 'f', type: 'boolean' }).decode(true)).toBe(1);
    expect(valueCodec(sqliteDialect, { name: 'b', type: 'bigint' }).decode('9007199254740993')).toBe(9007199254740993n);
    expect(valueCodec(postgresDialect, { name: 'd', type: 'double' }).decode('-Infinity')).toBe(-Infinity);
    expect(valueCodec(postgresDialect, { name: 'j', type: 'json' }).decode('{"a":[1]}')).toBe('{"a":[1]}');
    expect(valueCodec(mysqlDialect, { name: 'b', type: 'blob' }).decode('AP8=')).toEqual(Buffer.from([0, 255]));
  });
});
