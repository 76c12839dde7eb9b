import type { ColumnType } from '../../metadata/column-type';
import { normalizeDefault, type DefaultValueKind, type RawDefault } from '../../sql/schema-model/default-expression';
import type { NormalizedType } from '../../sql/schema-model/normalized-type';
import type { ReferentialAction } from '../../sql/schema-model/referential-action';

/**
 * PostgreSQL catalog values → the schema model. Types are read from `pg_type.typname` (`int4`, `varchar`,
 * `timestamptz`) and the attribute's type modifier rather than from `format_type`'s spelling, so `int4`,
 * `integer` and `serial` all read as 'int' and `character varying(255)` as 'string' of length 255.
 *
 * Only exact counterparts of Tessera's types map: `smallint`, `json` (not jsonb), `timestamp without time
 * zone`, `character(n)` and domains keep `type` undefined, so a diff sees them as the different types they are.
 */
const TYPES: Readonly<Record<string, ColumnType>> = {
  varchar: 'string',
  text: 'text',
  int4: 'int',
  int8: 'bigint',
  float4: 'float',
  float8: 'double',
  numeric: 'decimal',
  bool: 'boolean',
  date: 'date',
  timestamptz: 'timestamp',
  jsonb: 'json',
  uuid: 'uuid',
  bytea: 'blob',
};

/** The header PostgreSQL adds to a character or numeric type modifier. */
const VARHDRSZ = 4;
/** Fractional-second digits of a time type declared without a precision. */
const DEFAULT_TIME_PRECISION = 6;

const TIME_TYPES = new Set(['timestamptz', 'timestamp', 'timetz', 'time']);

/**
 * The portable type of a column from its pg_type name, kind (`e` for enums), category (`N` numeric, `B`
 * boolean) and the attribute's type modifier (-1 when none was declared).
 * @example
 * postgresColumnType('numeric', 'b', 'N', 786438) // { type: 'decimal', precision: 12, scale: 2, valueKind: 'number' }
 */
export function postgresColumnType(typeName: string, typeKind: string, typeCategory: string, typeModifier: number): NormalizedType {
  const valueKind: DefaultValueKind = typeCategory === 'N' ? 'number' : typeCategory === 'B' ? 'boolean' : 'other';
  const type = typeKind === 'e' ? 'enum' : typeKind === 'b' ? TYPES[typeName] : undefined;
  const declared = typeModifier >= 0;
  if (typeName === 'varchar' || typeName === 'bpchar') {
    return { type, length: declared ? typeModifier - VARHDRSZ : undefined, valueKind };
  }
  if (typeName === 'numeric' && declared) {
    const modifier = typeModifier - VARHDRSZ;
    // Since PostgreSQL 15 the scale is an 11-bit signed field (numeric(3, -2) rounds to hundreds).
    return { type, precision: (modifier >> 16) & 0xffff, scale: ((modifier & 0x7ff) ^ 1024) - 1024, valueKind };
  }
  if (TIME_TYPES.has(typeName)) return { type, precision: declared ? typeModifier : DEFAULT_TIME_PRECISION, valueKind };
  return { type, valueKind };
}

/** A serial column's default: the sequence is how the column is generated, so it reads as identity. */
export function isSequenceDefault(expression: string | null): boolean {
  return expression !== null && /^nextval\(/i.test(expression.trim());
}

/**
 * A column default from `pg_get_expr(adbin, adrelid)`, normalized: a literal loses its casts
 * (`'abc'::character varying` → `'abc'`, `'-1'::integer` → `-1`, `NULL::text` → none), an E'' literal its
 * backslash escapes.
 * @example
 * postgresDefault("'O''Brien'::character varying", 'other') // "'O''Brien'"
 */
export function postgresDefault(expression: string | null, valueKind: DefaultValueKind): string | undefined {
  return normalizeDefault(rawDefault(expression), valueKind);
}

// What may follow a literal when only casts follow it: type names, qualified, quoted, sized or arrays.
const CASTS = /^(?:\s*::\s*[\w\s."(),[\]]+?)*$/;

function rawDefault(expression: string | null): RawDefault {
  if (expression === null) return { kind: 'none' };
  const text = expression.trim();
  if (/^null\s*(?:::|$)/i.test(text) && CASTS.test(text.slice(4))) return { kind: 'none' };
  // pg_get_expr writes E'..' only where a backslash escape is needed (or standard_conforming_strings is off).
  const escaped = /^[eE]'((?:[^'\\]|''|\\.)*)'/s.exec(text);
  const literal = escaped ?? /^'((?:[^']|'')*)'/s.exec(text);
  if (literal && CASTS.test(text.slice(literal[0].length))) {
    const body = escaped ? unescapeBackslashes(literal[1].replace(/''/g, "'")) : literal[1].replace(/''/g, "'");
    return { kind: 'string', value: body };
  }
  return { kind: 'expression', text };
}

const ESCAPES: Readonly<Record<string, string>> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

function unescapeBackslashes(text: string): string {
  return text.replace(/\\(x[0-9a-fA-F]{1,2}|[0-7]{1,3}|.)/g, (_, escape: string) => {
    if (/^x/.test(escape) && escape.length > 1) return String.fromCharCode(parseInt(escape.slice(1), 16));
    if (/^[0-7]+$/.test(escape)) return String.fromCharCode(parseInt(escape, 8));
    return ESCAPES[escape] ?? escape;
  });
}

const ACTIONS: Readonly<Record<string, ReferentialAction>> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

/** pg_constraint's one-letter `confdeltype` / `confupdtype`. */
export function postgresReferentialAction(code: string): ReferentialAction {
  return ACTIONS[code] ?? 'no action';
}
