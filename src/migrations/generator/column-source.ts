import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import { canonicalNumber, parseStandardStringLiteral } from '../../sql/schema-model/default-expression';
import type { ColumnType } from '../../metadata/column-type';

/** The builder method for each portable type. */
const METHODS: Readonly<Record<ColumnType, string>> = {
  string: 'string',
  text: 'text',
  int: 'integer',
  bigint: 'bigInteger',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
  timestamp: 'timestamp',
  json: 'json',
  uuid: 'uuid',
  enum: 'enum',
  blob: 'blob',
};

const NUMERIC: ReadonlySet<ColumnType | undefined> = new Set<ColumnType>(['int', 'bigint', 'float', 'double', 'decimal']);

/**
 * @internal The builder expression that declares `column` on the table builder `t`: its type, then
 * `.autoIncrement()`, `.nullable()` and its default, e.g. `t.integer('age').nullable().defaultTo(0)`.
 */
export function columnSource(column: ColumnSchema, options: { increments?: boolean } = {}): string {
  const name = literal(column.name);
  if (options.increments) return `t.${column.type === 'bigint' ? 'bigIncrements' : 'increments'}(${name})`;
  let source = `t.${declaration(column)}`;
  if (column.identity) source += '.autoIncrement()';
  if (column.nullable) source += '.nullable()';
  if (column.default !== undefined) source += defaultSource(column);
  return source;
}

function declaration(column: ColumnSchema): string {
  const name = literal(column.name);
  // A text column with items is Tessera's enum without a native type (a CHECK on PostgreSQL and SQLite).
  if (column.items && column.type !== 'enum') return `enum(${name}, ${list(column.items)})`;
  switch (column.type) {
    case undefined:
      return `specific(${name}, ${literal(column.nativeType)})`;
    case 'string':
      return column.length === undefined ? `string(${name})` : `string(${name}, ${column.length})`;
    case 'decimal':
      return column.precision === undefined ? `decimal(${name})` : `decimal(${name}, ${column.precision}, ${column.scale ?? 0})`;
    case 'timestamp':
      return column.precision === undefined ? `timestamp(${name})` : `timestamp(${name}, ${column.precision})`;
    case 'enum': {
      const items = `[${(column.items ?? []).map(literal).join(', ')}]`;
      // A PostgreSQL enum column's native type is the enum type's name; MySQL's reads `enum('a','b')`.
      const named = /^[A-Za-z_][A-Za-z0-9_]*$/.test(column.nativeType) && column.nativeType !== 'enum';
      return named ? `enum(${name}, ${items}, { enumName: ${literal(column.nativeType)} })` : `enum(${name}, ${items})`;
    }
    default:
      return `${METHODS[column.type]}(${name})`;
  }
}

/** A literal default as `.defaultTo(value)` where the builder can say it exactly, else `.defaultRaw('sql')`. */
function defaultSource(column: ColumnSchema): string {
  const value = column.default as string;
  if (NUMERIC.has(column.type) && canonicalNumber(value) === value) {
    // Beyond 2^53 (or with more digits than a double keeps) the number stays a string, as the builder allows for bigint and decimal.
    const exact = String(Number(value)) === value;
    if (exact) return `.defaultTo(${value})`;
    if (column.type === 'bigint' || column.type === 'decimal') return `.defaultTo(${literal(value)})`;
  }
  if (column.type === 'boolean' && (value === 'true' || value === 'false')) return `.defaultTo(${value})`;
  const text = parseStandardStringLiteral(value);
  if (text !== undefined && !NUMERIC.has(column.type) && column.type !== 'boolean' && column.type !== 'blob' && column.type !== undefined) {
    return `.defaultTo(${literal(text)})`;
  }
  return `.defaultRaw(${literal(value)})`;
}

/** `text` as a single-quoted TypeScript string literal. */
export function literal(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A list of strings as a TypeScript array literal. */
export function list(items: readonly string[]): string {
  return `[${items.map(literal).join(', ')}]`;
}
