import { Column, DatabaseSchema, Entity, Index, PrimaryKey, Unique, Version, type ColumnSchema, type ColumnType, type TableSchema } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';
import { testDatabaseName, type TestDialect } from '../support/test-databases';

enum Mood {
  Happy = 'happy',
  Sad = 'sad',
}

enum Priority {
  Low = 1,
  High = 3,
}

/** Every Tessera column type, with the defaults a diff most often trips over. */
@Index({ properties: ['lastName', 'firstName'] })
@Unique({ properties: ['code', 'lastName'] })
@Entity({ table: 'intro_every_type' })
class EveryType {
  @PrimaryKey() id!: number;
  @Column({ length: 20, default: "O'Brien \\ Co" }) lastName!: string;
  @Column({ length: 30 }) firstName!: string;
  @Column({ length: 8, unique: true }) code!: string;
  @Column({ type: 'text', default: "it's" }) body!: string;
  @Column({ type: 'int', default: -1 }) count!: number;
  @Column({ type: 'bigint', nullable: true }) big!: string | null;
  @Column({ type: 'float', default: 1.5 }) ratio!: number;
  @Column({ type: 'double' }) precise!: number;
  @Column({ type: 'decimal', precision: 12, scale: 2, default: 0 }) money!: string;
  @Column({ default: true }) flag!: boolean;
  @Column({ type: 'date', default: '2024-02-29' }) day!: string;
  @Column({ type: 'timestamp' }) at!: Date;
  @Column({ type: 'json', nullable: true }) doc!: unknown;
  @Column({ type: 'uuid' }) ref!: string;
  @Column({ type: 'enum', items: Object.values(Mood), default: Mood.Sad }) mood!: Mood;
  @Column({ type: 'enum', items: [Priority.Low, Priority.High] }) priority!: Priority;
  @Column({ type: 'blob', nullable: true }) bytes!: Buffer | null;
  @Column({ type: 'int', nullable: true, default: null }) maybe!: number | null;
  @Version() version!: number;
}

@Entity({ table: 'intro_big_key' })
class BigKey {
  @PrimaryKey({ type: 'bigint' }) id!: string;
}

@Entity({ table: 'intro_uuid_key' })
class UuidKey {
  @PrimaryKey({ type: 'uuid' }) id!: string;
}

@Entity({ table: 'intro_natural_key' })
class NaturalKey {
  @PrimaryKey({ length: 3 }) code!: string;
}

/**
 * How each database stores a Tessera type, where it keeps no type of its own for it: SQLite is declared by
 * storage class (`integer`, `real`, `text`), PostgreSQL keeps a string enum as text with a CHECK.
 */
const STORED_AS: Readonly<Record<TestDialect, Partial<Record<ColumnType, ColumnType>>>> = {
  sqlite: { bigint: 'int', boolean: 'int', float: 'double', date: 'text', timestamp: 'text', json: 'text', uuid: 'text', enum: 'text' },
  postgres: { enum: 'text' },
  mariadb: {},
};

/** Names with every quote character and a space; PostgreSQL cuts identifiers at 63 bytes, so they stay short. */
const HOSTILE = {
  parent: `intro p'"\`t`,
  child: `intro c'"\`t`,
  column: `k'ey "c\`ol`,
  ref: `r'ef "c\`ol`,
  index: `ix'" \`y`,
  key: `fk'" \`x`,
};

/** The tables the raw DDL below creates, children first. */
const RAW_TABLES = [
  'intro_child',
  'intro_parent',
  'intro_feelings',
  'intro_defaults',
  'intro_hand_key',
  'intro_far_ref',
  'far_away',
  HOSTILE.child,
  HOSTILE.parent,
];

const project = (c: ColumnSchema) => ({
  name: c.name,
  type: c.type,
  length: c.length,
  precision: c.precision,
  scale: c.scale,
  nullable: c.nullable,
  default: c.default,
  identity: c.identity,
  items: c.items,
});

describeEachDialect([EveryType, BigKey, UuidKey, NaturalKey], (fx) => {
  const quote = (name: string) => fx.orm.dialect.schema!.quote(name);
  const exec = async (...statements: string[]) => {
    for (const sql of statements) await fx.raw.exec(sql);
  };
  const table = async (name: string): Promise<TableSchema> => {
    const found = DatabaseSchema.table(await fx.orm.schema.introspect(), name);
    if (!found) throw new Error(`introspection found no table ${name}`);
    return found;
  };

  // Raw tables reference each other, never the entities' tables, so the fixture can drop and create those.
  const dropRawTables = async () => {
    const cascade = fx.dialect === 'postgres' ? ' cascade' : '';
    for (const name of RAW_TABLES) await exec(`drop table if exists ${quote(name)}${cascade}`);
    if (fx.dialect === 'postgres') await exec('drop type if exists intro_mood', 'drop schema if exists intro_far cascade');
    if (fx.dialect === 'mariadb') await exec(`drop database if exists ${quote(farDatabase())}`);
  };
  beforeEach(dropRawTables);
  afterEach(dropRawTables);

  test('every column type created by schema.create() reads back with its type, size, nullability and default', async () => {
    const stored = (type: ColumnType) => STORED_AS[fx.dialect][type] ?? type;
    const timestampPrecision = { sqlite: undefined, postgres: 6, mariadb: 3 }[fx.dialect];
    const columns = (await table('intro_every_type')).columns;

    expect(columns.map(project)).toEqual([
      { name: 'id', type: 'int', nullable: false, identity: true },
      { name: 'last_name', type: 'string', length: 20, nullable: false, default: "'O''Brien \\ Co'", identity: false },
      { name: 'first_name', type: 'string', length: 30, nullable: false, identity: false },
      { name: 'code', type: 'string', length: 8, nullable: false, identity: false },
      { name: 'body', type: 'text', nullable: false, default: "'it''s'", identity: false },
      { name: 'count', type: 'int', nullable: false, default: '-1', identity: false },
      { name: 'big', type: stored('bigint'), nullable: true, identity: false },
      { name: 'ratio', type: stored('float'), nullable: false, default: '1.5', identity: false },
      { name: 'precise', type: 'double', nullable: false, identity: false },
      { name: 'money', type: 'decimal', precision: 12, scale: 2, nullable: false, default: '0', identity: false },
      { name: 'flag', type: stored('boolean'), nullable: false, default: stored('boolean') === 'int' ? '1' : 'true', identity: false },
      { name: 'day', type: stored('date'), nullable: false, default: "'2024-02-29'", identity: false },
      { name: 'at', type: stored('timestamp'), precision: timestampPrecision, nullable: false, identity: false },
      { name: 'doc', type: stored('json'), nullable: true, identity: false },
      { name: 'ref', type: stored('uuid'), length: fx.dialect === 'mariadb' ? 36 : undefined, nullable: false, identity: false },
      {
        name: 'mood',
        type: stored('enum'),
        nullable: false,
        default: "'sad'",
        identity: false,
        // A native ENUM's items on MariaDB, the CHECK's elsewhere; a numeric enum is an int with a CHECK.
        items: ['happy', 'sad'],
      },
      { name: 'priority', type: 'int', nullable: false, identity: false, items: ['1', '3'] },
      { name: 'bytes', type: 'blob', nullable: true, identity: false },
      { name: 'maybe', type: 'int', nullable: true, identity: false },
      { name: 'version', type: 'int', nullable: false, identity: false },
    ]);
  });

  test('the native type stays as the database reports it; the normalized one is the same everywhere', async () => {
    const columns = (await table('intro_every_type')).columns;
    const native = (name: string) => columns.find((c) => c.name === name)?.nativeType;

    const expected = {
      sqlite: ['INTEGER', 'varchar(20)', 'numeric(12, 2)'],
      postgres: ['integer', 'character varying(20)', 'numeric(12,2)'],
      mariadb: ['int(11)', 'varchar(20)', 'decimal(12,2)'],
    }[fx.dialect];
    expect([native('id'), native('last_name'), native('money')]).toEqual(expected);
    expect(['id', 'last_name', 'money'].map((name) => columns.find((c) => c.name === name)?.type)).toEqual(['int', 'string', 'decimal']);
  });

  test('primary key, unique and composite indexes of the entities, key columns in declared order', async () => {
    const everyType = await table('intro_every_type');

    expect(everyType.primaryKey).toEqual({ name: { sqlite: undefined, postgres: 'intro_every_type_pkey', mariadb: 'PRIMARY' }[fx.dialect], columns: ['id'] });
    expect(everyType.uniqueConstraints).toEqual([]);
    expect(everyType.indexes).toEqual([
      { name: 'intro_every_type_code_last_name_unique', columns: ['code', 'last_name'], unique: true },
      { name: 'intro_every_type_code_unique', columns: ['code'], unique: true },
      { name: 'intro_every_type_last_name_first_name_index', columns: ['last_name', 'first_name'], unique: false },
    ]);
    expect(everyType.foreignKeys).toEqual([]);
  });

  test('identity keys: integer and bigint identities are generated, uuid and natural keys are not', async () => {
    const handKey = {
      sqlite: 'create table intro_hand_key (id integer primary key, v int)',
      postgres: 'create table intro_hand_key (id serial primary key, v int)',
      mariadb: 'create table intro_hand_key (id bigint not null auto_increment primary key, v int)',
    }[fx.dialect];
    await exec(handKey);
    const key = async (name: string) => project((await table(name)).columns[0]);

    expect(await key('intro_big_key')).toMatchObject({ type: STORED_AS[fx.dialect].bigint ?? 'bigint', nullable: false, identity: true });
    expect(await key('intro_uuid_key')).toMatchObject({ type: STORED_AS[fx.dialect].uuid ?? 'uuid', identity: false });
    expect(await key('intro_natural_key')).toMatchObject({ type: 'string', length: 3, identity: false });
    // SQLite: a bare INTEGER PRIMARY KEY is the rowid (never null) but reuses deleted ids: not AUTOINCREMENT.
    expect(await key('intro_hand_key')).toMatchObject({ nullable: false, identity: fx.dialect !== 'sqlite', default: undefined });
  });

  test('composite primary key, unique constraint beside a unique index, multi-column index, foreign keys with actions', async () => {
    await exec(
      'create table intro_parent (a int not null, b varchar(10) not null, code int not null, ' +
        'constraint intro_parent_pk primary key (b, a), constraint intro_parent_code_uq unique (code))',
      'create unique index intro_parent_code_b_ux on intro_parent (code, b)',
      'create table intro_child (id int not null primary key, pa int, pb varchar(10), code int, note varchar(5), ' +
        'constraint intro_child_parent_fk foreign key (pb, pa) references intro_parent (b, a) on delete cascade, ' +
        'constraint intro_child_code_fk foreign key (code) references intro_parent (code) on delete set null on update cascade)',
      'create index intro_child_multi_ix on intro_child (note, code, pb)',
    );
    const named = (name: string) => (fx.dialect === 'sqlite' ? undefined : name);
    const parent = await table('intro_parent');
    const child = await table('intro_child');

    expect(parent.primaryKey).toEqual({ name: fx.dialect === 'mariadb' ? 'PRIMARY' : named('intro_parent_pk'), columns: ['b', 'a'] });
    const uniqueIndex = { name: 'intro_parent_code_b_ux', columns: ['code', 'b'], unique: true };
    if (fx.dialect === 'mariadb') {
      // MySQL keeps no difference between a unique constraint and a unique index: both are unique keys.
      expect(parent.uniqueConstraints).toEqual([]);
      expect(parent.indexes).toEqual([uniqueIndex, { name: 'intro_parent_code_uq', columns: ['code'], unique: true }]);
    } else {
      expect(parent.uniqueConstraints).toEqual([{ name: named('intro_parent_code_uq'), columns: ['code'] }]);
      expect(parent.indexes).toEqual([uniqueIndex]);
    }
    // MariaDB's own indexes for the foreign keys are not reported.
    expect(child.indexes).toEqual([{ name: 'intro_child_multi_ix', columns: ['note', 'code', 'pb'], unique: false }]);
    expect(child.foreignKeys).toEqual([
      {
        name: named('intro_child_code_fk'),
        columns: ['code'],
        referencedTable: 'intro_parent',
        referencedColumns: ['code'],
        onDelete: 'set null',
        onUpdate: 'cascade',
      },
      {
        name: named('intro_child_parent_fk'),
        columns: ['pb', 'pa'],
        referencedTable: 'intro_parent',
        referencedColumns: ['b', 'a'],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    ]);
  });

  test('a native enum: a PostgreSQL enum type, a MySQL ENUM column; SQLite has none', async () => {
    const ddl = {
      sqlite: ["create table intro_feelings (id int primary key, mood text not null default 'it''s ok' check (mood in ('happy', 'it''s ok')))"],
      postgres: [
        "create type intro_mood as enum ('happy', 'it''s ok')",
        "create table intro_feelings (id int primary key, mood intro_mood not null default 'it''s ok')",
      ],
      mariadb: ["create table intro_feelings (id int primary key, mood enum('happy', 'it''s ok') not null default 'it''s ok')"],
    }[fx.dialect];
    await exec(...ddl);
    const schema = await fx.orm.schema.introspect();
    const mood = DatabaseSchema.table(schema, 'intro_feelings')?.columns[1];

    const items = ['happy', "it's ok"];
    expect(mood && project(mood)).toEqual({
      name: 'mood',
      type: fx.dialect === 'sqlite' ? 'text' : 'enum',
      nullable: false,
      default: "'it''s ok'",
      identity: false,
      // SQLite: the items of the CHECK that stands in for an enum.
      items,
    });
    expect(schema.enums).toEqual(fx.dialect === 'postgres' ? [{ name: 'intro_mood', values: items }] : []);
    if (fx.dialect === 'postgres') expect(mood?.nativeType).toBe('intro_mood');
  });

  test('defaults written by hand in each dialect’s own spelling read alike', async () => {
    const ddl = {
      sqlite:
        "create table intro_defaults (id int primary key, created text default CURRENT_TIMESTAMP, updated text default (current_timestamp), flag boolean default FALSE, n numeric(6, 2) default '1.50', label varchar(5) default 'NULL', absent varchar(5) default null)",
      postgres:
        "create table intro_defaults (id int primary key, created timestamptz default now(), updated timestamptz default current_timestamp, flag boolean default 'f', n numeric(6, 2) default '1.50', label varchar(5) default 'NULL', absent varchar(5) default null)",
      mariadb:
        "create table intro_defaults (id int primary key, created datetime default current_timestamp, updated datetime default now(), flag tinyint(1) default false, n decimal(6, 2) default '1.50', label varchar(5) default 'NULL', absent varchar(5) default null)",
    }[fx.dialect];
    await exec(ddl);
    const defaults = Object.fromEntries((await table('intro_defaults')).columns.map((c) => [c.name, c.default]));

    expect(defaults).toEqual({
      id: undefined,
      created: 'current_timestamp',
      updated: 'current_timestamp',
      flag: 'false',
      n: '1.5',
      label: "'NULL'",
      absent: undefined,
    });
  });

  test('hostile identifiers (quotes, backticks, spaces) come back exactly, through every query', async () => {
    const { parent: parentName, child: childName, column: columnName, ref: refName, index: indexName, key: keyName } = HOSTILE;
    await exec(
      `create table ${quote(parentName)} (${quote(columnName)} int not null primary key)`,
      `create table ${quote(childName)} (${quote(columnName)} int not null primary key, ${quote(refName)} int, ` +
        `constraint ${quote(keyName)} foreign key (${quote(refName)}) references ${quote(parentName)} (${quote(columnName)}) on delete cascade)`,
      `create index ${quote(indexName)} on ${quote(childName)} (${quote(refName)}, ${quote(columnName)})`,
    );
    const child = await table(childName);

    expect(child.columns.map((c) => c.name)).toEqual([columnName, refName]);
    expect(child.primaryKey?.columns).toEqual([columnName]);
    expect(child.indexes).toEqual([{ name: indexName, columns: [refName, columnName], unique: false }]);
    expect(child.foreignKeys).toEqual([
      {
        name: fx.dialect === 'sqlite' ? undefined : keyName,
        columns: [refName],
        referencedTable: parentName,
        referencedColumns: [columnName],
        onDelete: 'cascade',
        onUpdate: 'no action',
      },
    ]);
  });

  test('only the current schema is read; internal tables are left out; a key into another schema says where', async () => {
    if (fx.dialect === 'postgres') {
      await exec('create schema intro_far', 'create table intro_far.far_away (id int primary key)');
    } else if (fx.dialect === 'mariadb') {
      await exec(`create database ${quote(farDatabase())}`, `create table ${quote(farDatabase())}.far_away (id int primary key)`);
    } else {
      await exec('create table far_away (id int primary key)');
    }
    const far = fx.dialect === 'sqlite' ? 'far_away' : `${quote(fx.dialect === 'postgres' ? 'intro_far' : farDatabase())}.far_away`;
    await exec(`create table intro_far_ref (id int primary key, far_id int references ${far} (id))`);
    const schema = await fx.orm.schema.introspect();
    const names = schema.tables.map((t) => t.name);

    expect(names).toContain('intro_far_ref');
    expect(names.some((n) => n.startsWith('sqlite_'))).toBe(false);
    expect(names.includes('far_away')).toBe(fx.dialect === 'sqlite');
    const [key] = DatabaseSchema.table(schema, 'intro_far_ref')?.foreignKeys ?? [];
    expect([key?.referencedTable, key?.referencedSchema, key?.referencedColumns]).toEqual([
      'far_away',
      { sqlite: undefined, postgres: 'intro_far', mariadb: farDatabase() }[fx.dialect],
      ['id'],
    ]);
  });

  test('two introspections of one database are deeply equal, and frozen', async () => {
    const first = await fx.orm.schema.introspect();
    const second = await fx.orm.schema.introspect();

    expect(second).toEqual(first);
    expect(Object.isFrozen(first.tables[0].columns[0])).toBe(true);
    expect(await fx.orm.schema.listTables()).toEqual(first.tables.map((t) => t.name));
  });

  function farDatabase(): string {
    return `${testDatabaseName()}_far`;
  }
});
