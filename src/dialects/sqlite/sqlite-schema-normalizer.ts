import type { ColumnType } from '../../metadata/column-type';
import { normalizeDefault, type DefaultValueKind } from '../../sql/schema-model/default-expression';
import type { NormalizedType } from '../../sql/schema-model/normalized-type';

/*
 * SQLite declared types → the schema model. SQLite keeps whatever type name a column was declared with
 * (recent versions upper-case the standard ones: `INTEGER`, `TEXT`) and only derives an affinity from it.
 * A name Tessera knows maps to its type (`varchar(80)` → string of 80, `numeric(12, 2)` → decimal,
 * `boolean` → boolean); any other name maps by affinity, following SQLite's own rules (section 3.1 of
 * "Datatypes In SQLite"): …INT… → int, …CHAR…/…CLOB…/…TEXT… → text, …BLOB… → blob, …REAL…/…FLOA…/…DOUB… →
 * double (SQLite stores every real in 8 bytes), anything else NUMERIC → undefined. A typeless column keeps
 * `type` undefined: it stores any value as given.
 *
 * Tessera's own DDL declares several types by storage class (`integer` for bigint and boolean, `text` for
 * date, timestamp, json and uuid, `real` for float), so on SQLite those read back as int, text and double.
 */
const NAMES: Readonly<Record<string, ColumnType>> = {
  integer: 'int',
  int: 'int',
  bigint: 'bigint',
  int8: 'bigint',
  real: 'double',
  double: 'double',
  'double precision': 'double',
  float: 'double',
  numeric: 'decimal',
  decimal: 'decimal',
  varchar: 'string',
  'character varying': 'string',
  nvarchar: 'string',
  char: 'string',
  character: 'string',
  nchar: 'string',
  text: 'text',
  clob: 'text',
  blob: 'blob',
  boolean: 'boolean',
  bool: 'boolean',
  date: 'date',
  datetime: 'timestamp',
  timestamp: 'timestamp',
  json: 'json',
  uuid: 'uuid',
};

type Affinity = 'integer' | 'text' | 'blob' | 'real' | 'numeric';

const DECLARED = /^\s*(.*?)\s*(?:\(\s*([+-]?\d+)\s*(?:,\s*([+-]?\d+)\s*)?\))?\s*$/s;

/**
 * The portable type of a column from its declared type.
 * @example
 * sqliteColumnType('varchar(80)') // { type: 'string', length: 80, valueKind: 'other' }
 */
export function sqliteColumnType(declared: string): NormalizedType {
  const [, rawName, first, second] = DECLARED.exec(declared) ?? [declared, declared];
  const name = rawName.toLowerCase().replace(/\s+/g, ' ');
  const affinity = affinityOf(name);
  const valueKind: DefaultValueKind = NAMES[name] === 'boolean' ? 'boolean' : ['integer', 'real', 'numeric'].includes(affinity) ? 'number' : 'other';
  const size = (text: string | undefined) => (text === undefined ? undefined : Number(text));
  const type = NAMES[name] ?? byAffinity(affinity, name, first !== undefined);
  if (type === 'string') return { type, length: size(first), valueKind };
  if (type === 'decimal') return { type, precision: size(first), scale: size(second) ?? (first === undefined ? undefined : 0), valueKind };
  return { type, valueKind };
}

/**
 * A column default from `pragma table_info` (the expression as written, outer parentheses dropped).
 * SQLite reads a double-quoted default as a string, as it does any double-quoted word that names no column.
 * @example
 * sqliteDefault("'it''s'", 'other') // "'it''s'"
 */
export function sqliteDefault(defaultValue: string | null, valueKind: DefaultValueKind): string | undefined {
  if (defaultValue === null) return undefined;
  const quoted = /^\s*"((?:[^"]|"")*)"\s*$/s.exec(defaultValue);
  if (quoted) return normalizeDefault({ kind: 'string', value: quoted[1].replace(/""/g, '"') }, valueKind);
  return normalizeDefault({ kind: 'expression', text: defaultValue }, valueKind);
}

function affinityOf(name: string): Affinity {
  if (name.includes('int')) return 'integer';
  if (/char|clob|text/.test(name)) return 'text';
  if (name === '' || name.includes('blob')) return 'blob';
  if (/real|floa|doub/.test(name)) return 'real';
  return 'numeric';
}

function byAffinity(affinity: Affinity, name: string, sized: boolean): ColumnType | undefined {
  switch (affinity) {
    case 'integer':
      return 'int';
    case 'text':
      return sized ? 'string' : 'text';
    case 'blob':
      return name === '' ? undefined : 'blob';
    case 'real':
      return 'double';
    default:
      return undefined;
  }
}
