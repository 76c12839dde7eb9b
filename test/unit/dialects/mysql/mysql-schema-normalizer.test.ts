import {
  isJsonCheck,
  mysqlColumnType,
  mysqlDefault,
  mysqlEnumItems,
  mysqlReferentialAction,
  type MysqlColumnFacts,
} from '../../../../src/dialects/mysql/mysql-schema-normalizer';

const facts = (dataType: string, columnType: string, more: Partial<MysqlColumnFacts> = {}): MysqlColumnFacts => ({
  dataType,
  columnType,
  characterLength: undefined,
  numericPrecision: undefined,
  numericScale: undefined,
  datetimePrecision: undefined,
  jsonCheck: false,
  ...more,
});

describe('mysqlColumnType', () => {
  it('reads MariaDB display widths and MySQL 8 bare names alike', () => {
    expect(mysqlColumnType(facts('int', 'int(11)'))).toEqual({ type: 'int', valueKind: 'number' });
    expect(mysqlColumnType(facts('int', 'int'))).toEqual({ type: 'int', valueKind: 'number' });
    expect(mysqlColumnType(facts('bigint', 'bigint(20)')).type).toBe('bigint');
  });

  it.each([
    [facts('varchar', 'varchar(255)', { characterLength: 255 }), { type: 'string', length: 255 }],
    [facts('text', 'text', { characterLength: 65535 }), { type: 'text' }],
    [facts('float', 'float'), { type: 'float' }],
    [facts('double', 'double'), { type: 'double' }],
    [facts('decimal', 'decimal(12,2)', { numericPrecision: 12, numericScale: 2 }), { type: 'decimal', precision: 12, scale: 2 }],
    [facts('tinyint', 'tinyint(1)'), { type: 'boolean', valueKind: 'boolean' }],
    [facts('date', 'date'), { type: 'date' }],
    [facts('datetime', 'datetime(3)', { datetimePrecision: 3 }), { type: 'timestamp', precision: 3 }],
    [facts('datetime', 'datetime', { datetimePrecision: 0 }), { type: 'timestamp', precision: 0 }],
    [facts('json', 'json'), { type: 'json' }],
    [facts('longtext', 'longtext', { jsonCheck: true }), { type: 'json' }],
    [facts('char', 'char(36)', { characterLength: 36 }), { type: 'uuid', length: 36 }],
    [facts('enum', "enum('a','b')"), { type: 'enum' }],
    [facts('longblob', 'longblob'), { type: 'blob' }],
  ])('%j reads as %j', (column, expected) => {
    expect(mysqlColumnType(column)).toMatchObject(expected);
  });

  it('keeps types without an exact Tessera counterpart unmapped', () => {
    for (const column of [
      facts('int', 'int(10) unsigned'),
      facts('tinyint', 'tinyint(4)'),
      facts('tinyint', 'tinyint(1) unsigned'),
      facts('smallint', 'smallint(6)'),
      facts('longtext', 'longtext'),
      facts('mediumtext', 'mediumtext'),
      facts('blob', 'blob'),
      facts('timestamp', 'timestamp', { datetimePrecision: 0 }),
      facts('char', 'char(3)', { characterLength: 3 }),
    ]) {
      expect(mysqlColumnType(column).type).toBeUndefined();
    }
    expect(mysqlColumnType(facts('char', 'char(3)', { characterLength: 3 })).length).toBe(3);
  });
});

describe('mysqlDefault on MariaDB (quoted literals)', () => {
  it.each([
    ["'O''Brien \\\\ Co'", 'other', "'O''Brien \\ Co'"],
    ["'it\\'s'", 'other', "'it''s'"],
    ["'line\\nbreak'", 'other', "'line\nbreak'"],
    ["'NULL'", 'other', "'NULL'"],
    ["'{}'", 'other', "'{}'"],
    ['0.0000', 'number', '0'],
    ['-1.50', 'number', '-1.5'],
    ["'5'", 'number', '5'],
    ['1', 'boolean', 'true'],
    ['0', 'boolean', 'false'],
    ['current_timestamp()', 'other', 'current_timestamp'],
    ['current_timestamp(3)', 'other', 'current_timestamp(3)'],
    ['curdate()', 'other', 'current_date'],
    ["concat('a',`b`)", 'other', "concat('a',`b`)"],
  ] as const)('%s reads as %s', (columnDefault, kind, normalized) => {
    expect(mysqlDefault(columnDefault, '', true, kind)).toBe(normalized);
  });

  it('reads no default and DEFAULT NULL alike', () => {
    expect(mysqlDefault(null, '', true, 'other')).toBeUndefined();
    expect(mysqlDefault('NULL', '', true, 'other')).toBeUndefined();
  });
});

describe('mysqlDefault on MySQL 8 (bare literals, DEFAULT_GENERATED expressions)', () => {
  it('quotes a bare literal on a text column and reads it as a number on a numeric one', () => {
    expect(mysqlDefault("it's", '', false, 'other')).toBe("'it''s'");
    expect(mysqlDefault('NULL', '', false, 'other')).toBe("'NULL'");
    expect(mysqlDefault('0.00', '', false, 'number')).toBe('0');
    expect(mysqlDefault('1', '', false, 'boolean')).toBe('true');
  });

  it('unescapes an expression default and drops its charset introducer', () => {
    expect(mysqlDefault("_utf8mb4\\'abc\\'", 'DEFAULT_GENERATED', false, 'other')).toBe("'abc'");
    expect(mysqlDefault('CURRENT_TIMESTAMP(3)', 'DEFAULT_GENERATED on update CURRENT_TIMESTAMP(3)', false, 'other')).toBe('current_timestamp(3)');
  });
});

describe('the rest of the catalog', () => {
  it('reads enum items with their escapes', () => {
    expect(mysqlEnumItems("enum('happy','it''s ok','a\\\\b','x,y')")).toEqual(['happy', "it's ok", 'a\\b', 'x,y']);
    expect(mysqlEnumItems('int(11)')).toBeUndefined();
  });

  it('reads RESTRICT and NO ACTION alike, as InnoDB does', () => {
    expect(mysqlReferentialAction('RESTRICT')).toBe('no action');
    expect(mysqlReferentialAction('NO ACTION')).toBe('no action');
    expect(mysqlReferentialAction('SET NULL')).toBe('set null');
    expect(mysqlReferentialAction('CASCADE')).toBe('cascade');
    expect(mysqlReferentialAction('SET DEFAULT')).toBe('set default');
  });

  it("knows MariaDB's JSON check, backticks doubled", () => {
    expect(isJsonCheck('doc', 'json_valid(`doc`)')).toBe(true);
    expect(isJsonCheck('a`b', 'json_valid(`a``b`)')).toBe(true);
    expect(isJsonCheck('doc', 'json_valid(`other`)')).toBe(false);
    expect(isJsonCheck('doc', 'json_valid(`doc`) and length(`doc`) < 10')).toBe(false);
  });
});
