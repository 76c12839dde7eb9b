import { hasAutoincrement, indexKeyParts, isWithoutRowid } from '../../../../src/dialects/sqlite/sqlite-create-sql';
import { sqliteColumnType, sqliteDefault } from '../../../../src/dialects/sqlite/sqlite-schema-normalizer';

describe('sqliteColumnType', () => {
  it.each([
    ['INTEGER', { type: 'int', valueKind: 'number' }],
    ['integer', { type: 'int', valueKind: 'number' }],
    ['bigint', { type: 'bigint', valueKind: 'number' }],
    ['REAL', { type: 'double', valueKind: 'number' }],
    ['double precision', { type: 'double', valueKind: 'number' }],
    ['numeric(12, 2)', { type: 'decimal', precision: 12, scale: 2, valueKind: 'number' }],
    ['DECIMAL(10)', { type: 'decimal', precision: 10, scale: 0, valueKind: 'number' }],
    ['varchar(80)', { type: 'string', length: 80, valueKind: 'other' }],
    ['VARCHAR ( 80 )', { type: 'string', length: 80, valueKind: 'other' }],
    ['character varying(5)', { type: 'string', length: 5, valueKind: 'other' }],
    ['TEXT', { type: 'text', valueKind: 'other' }],
    ['blob', { type: 'blob', valueKind: 'other' }],
    ['boolean', { type: 'boolean', valueKind: 'boolean' }],
    ['datetime', { type: 'timestamp', valueKind: 'number' }],
    ['json', { type: 'json', valueKind: 'number' }],
  ])('%s reads as %j', (declared, expected) => {
    expect(sqliteColumnType(declared)).toEqual(expected);
  });

  it('maps unknown names by the affinity SQLite gives them', () => {
    expect(sqliteColumnType('MEDIUMINT').type).toBe('int');
    expect(sqliteColumnType('nvarchar2(10)')).toEqual({ type: 'string', length: 10, valueKind: 'other' });
    expect(sqliteColumnType('longtext').type).toBe('text');
    expect(sqliteColumnType('longblob').type).toBe('blob');
    expect(sqliteColumnType('float8').type).toBe('double');
    // SQLite's own example: "FLOATING POINT" contains INT, so its affinity is INTEGER.
    expect(sqliteColumnType('floating point').type).toBe('int');
    expect(sqliteColumnType('money')).toEqual({ type: undefined, valueKind: 'number' });
  });

  it('leaves a typeless column untyped: it stores values as given', () => {
    expect(sqliteColumnType('')).toEqual({ type: undefined, valueKind: 'other' });
  });
});

describe('sqliteDefault', () => {
  it.each([
    ["'O''Brien \\ Co'", 'other', "'O''Brien \\ Co'"],
    ['"dq"', 'other', "'dq'"],
    ['1.50', 'number', '1.5'],
    ["'5'", 'number', '5'],
    ['-1', 'number', '-1'],
    ['1', 'boolean', 'true'],
    ['TRUE', 'number', '1'],
    ['CURRENT_TIMESTAMP', 'other', 'current_timestamp'],
    ["(datetime('now'))", 'other', "datetime('now')"],
    ["X'00FF'", 'other', "x'00FF'"],
  ] as const)('%s reads as %s', (value, kind, normalized) => {
    expect(sqliteDefault(value, kind)).toBe(normalized);
  });

  it('reads no default and DEFAULT NULL alike', () => {
    expect(sqliteDefault(null, 'other')).toBeUndefined();
    expect(sqliteDefault('NULL', 'other')).toBeUndefined();
  });
});

describe('reading CREATE statements', () => {
  it('finds AUTOINCREMENT in code only', () => {
    expect(hasAutoincrement('create table t ("id" integer not null primary key autoincrement)')).toBe(true);
    expect(hasAutoincrement('CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, v)')).toBe(true);
    expect(hasAutoincrement('create table "autoincrement" ("autoincrement" integer primary key)')).toBe(false);
    expect(hasAutoincrement("create table t (id integer primary key, v text default 'autoincrement')")).toBe(false);
    expect(hasAutoincrement('create table t (id integer primary key /* autoincrement */)')).toBe(false);
  });

  it('finds WITHOUT ROWID', () => {
    expect(isWithoutRowid('create table t (id integer primary key) without rowid')).toBe(true);
    expect(isWithoutRowid('create table t (id integer primary key)\n  WITHOUT\tROWID')).toBe(true);
    expect(isWithoutRowid('create table "without rowid" (id integer primary key)')).toBe(false);
  });

  it('splits index key parts, dropping COLLATE and direction', () => {
    expect(indexKeyParts('CREATE INDEX "ix (a, b)" ON "t(" (lower(b) COLLATE NOCASE DESC, a ASC, (c + 1), substr(d, 1, 2))')).toEqual([
      'lower(b)',
      'a',
      '(c + 1)',
      'substr(d, 1, 2)',
    ]);
    expect(indexKeyParts("create index i on t (coalesce(a, ',')) where a > 0")).toEqual(["coalesce(a, ',')"]);
  });
});
