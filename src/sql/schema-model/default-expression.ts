import { matchingParenthesis, sqlSegments } from './sql-segments';

/**
 * How a column's values read, which decides how a literal default is written: each dialect's normalizer
 * says so from the column's type (PostgreSQL's type category, MySQL's data type, SQLite's affinity).
 */
export type DefaultValueKind = 'number' | 'boolean' | 'other';

/** A default as a dialect reads it from its catalog, with the dialect's own quoting already undone. */
export type RawDefault =
  | { readonly kind: 'none' }
  /** A string literal, unescaped: the value the database stores. */
  | { readonly kind: 'string'; readonly value: string }
  /** Anything else, as the catalog prints it: a number, a keyword, a function call, an expression. */
  | { readonly kind: 'expression'; readonly text: string };

/*
 * Normalization rules for defaults. The same default must read the same whatever the server version and
 * however it was written, so that a diff sees no change where there is none:
 *
 * 1. No default, DEFAULT NULL (SQLite `null`, MariaDB's `NULL`, PostgreSQL `NULL::text`) → undefined.
 * 2. A string literal → a standard SQL literal: single quotes, quotes doubled, no backslash escapes, no
 *    casts (PostgreSQL `'abc'::character varying` → `'abc'`), no charset introducers (MySQL `_utf8mb4'abc'`).
 *    MariaDB's quoted COLUMN_DEFAULT (`'O''Brien \\ Co'`) is unescaped by the MySQL normalizer first.
 * 3. On a numeric column a number, quoted or not, → its shortest decimal form: PostgreSQL `'-1'::integer`
 *    → `-1`, MariaDB's `0.0000` on a decimal(12,4) → `0`, `1.50` → `1.5`, `+3` → `3`.
 * 4. On a boolean column `true`/`false`, whatever the spelling (`1`, `'t'`, `TRUE`); on an integer column
 *    `true`/`false` → `1`/`0` (MySQL and SQLite store them so).
 * 5. The current time → `current_timestamp` (`now()`, `CURRENT_TIMESTAMP`, MariaDB's `current_timestamp()`),
 *    `current_timestamp(3)` with a precision (`now(3)`); `current_date` and `current_time` likewise
 *    (`curdate()`, `current_date()`).
 * 6. Any other expression: lowercased and whitespace collapsed outside quotes, redundant outer parentheses
 *    removed (SQLite and MySQL keep `(1 + 1)` as written, PostgreSQL deparses it).
 */

/**
 * A default in its normalized form, or undefined when the column has none.
 * @example
 * normalizeDefault({ kind: 'expression', text: '0.0000' }, 'number') // '0'
 */
export function normalizeDefault(raw: RawDefault, valueKind: DefaultValueKind): string | undefined {
  if (raw.kind === 'none') return undefined;
  if (raw.kind === 'string') return literalDefault(raw.value, valueKind);
  const text = normalizeExpression(raw.text);
  if (text === 'null' || text === '') return undefined;
  const quoted = parseStandardStringLiteral(text);
  if (quoted !== undefined) return literalDefault(quoted, valueKind);
  const number = canonicalNumber(text);
  if (number !== undefined) {
    if (valueKind === 'boolean' && (number === '1' || number === '0')) return number === '1' ? 'true' : 'false';
    return number;
  }
  if ((text === 'true' || text === 'false') && valueKind === 'number') return text === 'true' ? '1' : '0';
  return currentTimeFunction(text) ?? text;
}

/**
 * An expression lowercased and with whitespace collapsed outside quotes, without redundant outer parentheses.
 * @example
 * normalizeExpression(' ( LOWER( "Email" ) ) ') // 'lower("Email")'
 */
export function normalizeExpression(expression: string): string {
  const uncommented = sqlSegments(expression)
    .map((s) => (s.kind === 'comment' ? ' ' : s.text))
    .join('');
  let text = sqlSegments(uncommented)
    .map((s) => (s.kind === 'code' ? s.text.toLowerCase().replace(/\s+/g, ' ').replace(/\s+(?=[),])|(?<=\()\s+/g, '') : s.text))
    .join('')
    .trim();
  while (text.startsWith('(') && matchingParenthesis(sqlSegments(text), 0) === text.length - 1) {
    text = text.slice(1, -1).trim();
  }
  return text;
}

/** `value` as a standard SQL string literal. */
export function sqlStringLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** The value of a whole standard string literal (`'it''s'` → `it's`), or undefined if `text` is not one. */
export function parseStandardStringLiteral(text: string): string | undefined {
  const match = /^'((?:[^']|'')*)'$/.exec(text);
  return match ? match[1].replace(/''/g, "'") : undefined;
}

/**
 * The shortest decimal form of a plain number (`-01.500` → `-1.5`, `0.0000` → `0`), or undefined if `text`
 * is not one. Exponent forms are left to the caller: rewriting them could lose digits.
 */
export function canonicalNumber(text: string): string | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(text.trim());
  if (!match || (match[2] === '' && !match[3])) return undefined;
  const integer = match[2].replace(/^0+/, '') || '0';
  const fraction = (match[3] ?? '').replace(/0+$/, '');
  const body = fraction ? `${integer}.${fraction}` : integer;
  return match[1] === '-' && body !== '0' ? `-${body}` : body;
}

function literalDefault(value: string, valueKind: DefaultValueKind): string {
  if (valueKind === 'number') {
    const number = canonicalNumber(value);
    if (number !== undefined) return number;
  }
  if (valueKind === 'boolean') {
    const word = value.trim().toLowerCase();
    if (['t', 'true', '1'].includes(word)) return 'true';
    if (['f', 'false', '0'].includes(word)) return 'false';
  }
  return sqlStringLiteral(value);
}

const CURRENT_TIME: readonly (readonly [RegExp, string])[] = [
  [/^(?:(?:now|current_timestamp)\(\)|current_timestamp)$/, 'current_timestamp'],
  [/^(?:now|current_timestamp)\((\d+)\)$/, 'current_timestamp($1)'],
  [/^(?:(?:curdate|current_date)\(\)|current_date)$/, 'current_date'],
  [/^(?:(?:curtime|current_time)\(\)|current_time)$/, 'current_time'],
];

function currentTimeFunction(text: string): string | undefined {
  for (const [pattern, canonical] of CURRENT_TIME) if (pattern.test(text)) return text.replace(pattern, canonical);
  return undefined;
}
