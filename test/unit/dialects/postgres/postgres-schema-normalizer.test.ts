import {
  isSequenceDefault,
  postgresColumnType,
  postgresDefault,
  postgresReferentialAction,
} from '../../../../src/dialects/postgres/postgres-schema-normalizer';

/** A type modifier as PostgreSQL stores it: the declared size plus its 4-byte header. */
const varchar = (length: number) => length + 4;
const numeric = (precision: number, scale: number) => ((precision << 16) | (scale & 0x7ff)) + 4;

describe('postgresColumnType', () => {
  it.each([
    ['int4', 'N', -1, { type: 'int' }],
    ['int8', 'N', -1, { type: 'bigint' }],
    ['float4', 'N', -1, { type: 'float' }],
    ['float8', 'N', -1, { type: 'double' }],
    ['bool', 'B', -1, { type: 'boolean' }],
    ['text', 'S', -1, { type: 'text' }],
    ['jsonb', 'U', -1, { type: 'json' }],
    ['uuid', 'U', -1, { type: 'uuid' }],
    ['bytea', 'U', -1, { type: 'blob' }],
    ['date', 'D', -1, { type: 'date' }],
    ['varchar', 'S', varchar(255), { type: 'string', length: 255 }],
    ['varchar', 'S', -1, { type: 'string', length: undefined }],
    ['numeric', 'N', numeric(12, 2), { type: 'decimal', precision: 12, scale: 2 }],
    ['numeric', 'N', numeric(3, -2), { type: 'decimal', precision: 3, scale: -2 }],
    ['numeric', 'N', -1, { type: 'decimal' }],
    ['timestamptz', 'D', -1, { type: 'timestamp', precision: 6 }],
    ['timestamptz', 'D', 3, { type: 'timestamp', precision: 3 }],
  ])('%s (%s, typmod %d) reads as %j', (name, category, modifier, expected) => {
    expect(postgresColumnType(name, 'b', category, modifier)).toMatchObject(expected);
  });

  it('keeps types without an exact Tessera counterpart unmapped, with their size', () => {
    expect(postgresColumnType('int2', 'b', 'N', -1)).toEqual({ type: undefined, valueKind: 'number' });
    expect(postgresColumnType('json', 'b', 'U', -1).type).toBeUndefined();
    expect(postgresColumnType('timestamp', 'b', 'D', -1)).toEqual({ type: undefined, precision: 6, valueKind: 'other' });
    expect(postgresColumnType('bpchar', 'b', 'S', varchar(3))).toEqual({ type: undefined, length: 3, valueKind: 'other' });
    // A domain or array over a mapped type is not that type.
    expect(postgresColumnType('int4', 'd', 'N', -1).type).toBeUndefined();
    expect(postgresColumnType('_int4', 'b', 'A', -1).type).toBeUndefined();
  });

  it('reads every enum type as enum', () => {
    expect(postgresColumnType('mood', 'e', 'E', -1)).toEqual({ type: 'enum', valueKind: 'other' });
  });

  it('says which values read as numbers or booleans', () => {
    expect(postgresColumnType('int2', 'b', 'N', -1).valueKind).toBe('number');
    expect(postgresColumnType('bool', 'b', 'B', -1).valueKind).toBe('boolean');
    expect(postgresColumnType('text', 'b', 'S', -1).valueKind).toBe('other');
  });
});

describe('postgresDefault', () => {
  it.each([
    ["'O''Brien \\ Co'::character varying", 'other', "'O''Brien \\ Co'"],
    ["'x'::text", 'other', "'x'"],
    ["'{}'::jsonb", 'other', "'{}'"],
    ["'2024-01-01'::date", 'other', "'2024-01-01'"],
    ["'sad'::mood", 'other', "'sad'"],
    ["'sad'::public.mood", 'other', "'sad'"],
    ["'a'::\"char\"", 'other', "'a'"],
    ["'{1,2}'::integer[]", 'other', "'{1,2}'"],
    ["'2024-01-01 00:00:00+00'::timestamp with time zone", 'other', "'2024-01-01 00:00:00+00'"],
    ["E'tab\\there\\\\'::text", 'other', "'tab\there\\'"],
    ["'-1'::integer", 'number', '-1'],
    ["'-1.50'::numeric", 'number', '-1.5'],
    ['0', 'number', '0'],
    ['1.50', 'number', '1.5'],
    ['true', 'boolean', 'true'],
    ['CURRENT_TIMESTAMP', 'other', 'current_timestamp'],
    ['now()', 'other', 'current_timestamp'],
    ['CURRENT_DATE', 'other', 'current_date'],
    ["('now'::text || 'x'::text)", 'other', "'now'::text || 'x'::text"],
    ['gen_random_uuid()', 'other', 'gen_random_uuid()'],
  ] as const)('%s reads as %s', (expression, kind, normalized) => {
    expect(postgresDefault(expression, kind)).toBe(normalized);
  });

  it('reads no default and a NULL of any type as none', () => {
    expect(postgresDefault(null, 'other')).toBeUndefined();
    expect(postgresDefault('NULL::character varying', 'other')).toBeUndefined();
    expect(postgresDefault('NULL', 'number')).toBeUndefined();
  });

  it('does not mistake a literal followed by an operator for a cast literal', () => {
    expect(postgresDefault("'a'::text || 'b'::text", 'other')).toBe("'a'::text || 'b'::text");
  });
});

describe('the rest of the catalog', () => {
  it('tells a serial column by its nextval default', () => {
    expect(isSequenceDefault("nextval('t_id_seq'::regclass)")).toBe(true);
    expect(isSequenceDefault("'nextval'::text")).toBe(false);
    expect(isSequenceDefault(null)).toBe(false);
  });

  it.each([
    ['a', 'no action'],
    ['r', 'restrict'],
    ['c', 'cascade'],
    ['n', 'set null'],
    ['d', 'set default'],
  ])('confdeltype %s is %s', (code, action) => {
    expect(postgresReferentialAction(code)).toBe(action);
  });
});
