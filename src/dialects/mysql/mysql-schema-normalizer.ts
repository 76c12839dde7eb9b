import type { ColumnType } from '../../metadata/column-type';
import { normalizeDefault, type DefaultValueKind, type RawDefault } from '../../sql/schema-model/default-expression';
import type { NormalizedType } from '../../sql/schema-model/normalized-type';
import { parseReferentialAction, type ReferentialAction } from '../../sql/schema-model/referential-action';

/** One row of information_schema.columns, as the MySQL introspector reads it. */
export interface MysqlColumnFacts {
  readonly dataType: string;
  readonly columnType: string;
  readonly characterLength: number | undefined;
  readonly numericPrecision: number | undefined;
  readonly numericScale: number | undefined;
  readonly datetimePrecision: number | undefined;
  /** MariaDB: the column carries its implicit `json_valid(col)` check (its JSON is a LONGTEXT). */
  readonly jsonCheck: boolean;
}

/*
 * MySQL and MariaDB catalog values → the schema model. The type comes from DATA_TYPE; COLUMN_TYPE only says
 * what DATA_TYPE cannot: `unsigned`, the tinyint(1) that is a boolean, enum items. Display widths (`int(11)`
 * on MariaDB and MySQL before 8.0.19, `int` after) are dropped, so both read as 'int'. Only exact counterparts
 * of Tessera's DDL map: `char(36)` is Tessera's uuid, `longblob` its blob, `datetime` its timestamp; the
 * MySQL TIMESTAMP type (UTC, 1970–2038), other text and blob sizes, unsigned and small integers keep `type`
 * undefined.
 */
const TYPES: Readonly<Record<string, ColumnType>> = {
  varchar: 'string',
  text: 'text',
  int: 'int',
  bigint: 'bigint',
  float: 'float',
  double: 'double',
  decimal: 'decimal',
  date: 'date',
  datetime: 'timestamp',
  json: 'json',
  enum: 'enum',
  longblob: 'blob',
};

const NUMERIC = new Set(['tinyint', 'smallint', 'mediumint', 'int', 'bigint', 'float', 'double', 'decimal', 'bit', 'year']);
const CHARACTER = new Set(['char', 'varchar']);
const TIME = new Set(['datetime', 'timestamp', 'time']);
/** Tessera declares uuid columns as char(36). */
const UUID_LENGTH = 36;

/**
 * The portable type of a column from its information_schema facts.
 * @example
 * mysqlColumnType({ dataType: 'tinyint', columnType: 'tinyint(1)', jsonCheck: false, ... }) // { type: 'boolean', valueKind: 'boolean' }
 */
export function mysqlColumnType(facts: MysqlColumnFacts): NormalizedType {
  const dataType = facts.dataType.toLowerCase();
  const columnType = facts.columnType.toLowerCase();
  const unsigned = /\bunsigned\b/.test(columnType);
  if (dataType === 'tinyint' && /^tinyint\(1\)/.test(columnType) && !unsigned) return { type: 'boolean', valueKind: 'boolean' };
  let type: ColumnType | undefined = unsigned ? undefined : TYPES[dataType];
  if (dataType === 'char' && facts.characterLength === UUID_LENGTH) type = 'uuid';
  if (dataType === 'longtext' && facts.jsonCheck) type = 'json';
  const valueKind: DefaultValueKind = NUMERIC.has(dataType) ? 'number' : 'other';
  if (CHARACTER.has(dataType)) return { type, length: facts.characterLength, valueKind };
  if (dataType === 'decimal') return { type, precision: facts.numericPrecision, scale: facts.numericScale, valueKind };
  if (TIME.has(dataType)) return { type, precision: facts.datetimePrecision ?? 0, valueKind };
  return { type, valueKind };
}

/**
 * A column default from COLUMN_DEFAULT, normalized. MariaDB (10.2.7+) quotes literals with MySQL's escapes
 * (`'O''Brien \\ Co'`), writes `NULL` for an explicit DEFAULT NULL and lowercases functions
 * (`current_timestamp()`). MySQL 8 leaves literals unquoted and marks expressions with DEFAULT_GENERATED in
 * EXTRA, printing them with escaped quotes and charset introducers (`_utf8mb4\'abc\'`); that path follows
 * MySQL's documentation and is not exercised by the test servers, which run MariaDB.
 * @example
 * mysqlDefault("'O''Brien \\\\ Co'", '', true, 'other') // "'O''Brien \\ Co'"
 */
export function mysqlDefault(columnDefault: string | null, extra: string, mariaDb: boolean, valueKind: DefaultValueKind): string | undefined {
  return normalizeDefault(rawDefault(columnDefault, extra, mariaDb, valueKind), valueKind);
}

function rawDefault(columnDefault: string | null, extra: string, mariaDb: boolean, valueKind: DefaultValueKind): RawDefault {
  if (columnDefault === null) return { kind: 'none' };
  if (mariaDb) return columnDefault === 'NULL' ? { kind: 'none' } : literalOrExpression(columnDefault);
  if (/\bDEFAULT_GENERATED\b/i.test(extra)) {
    return literalOrExpression(columnDefault.replace(/\\'/g, "'").replace(/_[a-z0-9]+'/gi, "'"));
  }
  return valueKind === 'other' ? { kind: 'string', value: columnDefault } : { kind: 'expression', text: columnDefault };
}

function literalOrExpression(text: string): RawDefault {
  const literal = readMysqlString(text, 0);
  return literal && literal.end === text.length ? { kind: 'string', value: literal.value } : { kind: 'expression', text };
}

/**
 * The items of an ENUM from its COLUMN_TYPE (`enum('a','it''s')`), unescaped.
 * @example
 * mysqlEnumItems("enum('happy','it''s ok')") // ['happy', "it's ok"]
 */
export function mysqlEnumItems(columnType: string): string[] | undefined {
  if (!/^enum\(/i.test(columnType)) return undefined;
  const items: string[] = [];
  let at = columnType.indexOf('(') + 1;
  for (let literal = readMysqlString(columnType, at); literal; literal = readMysqlString(columnType, at)) {
    items.push(literal.value);
    at = literal.end + 1; // past the comma
  }
  return items;
}

const ESCAPES: Readonly<Record<string, string>> = { '0': '\0', b: '\b', n: '\n', r: '\r', t: '\t', Z: '\x1a' };

/** The MySQL string literal starting at `start`: its value and the offset just past its closing quote. */
function readMysqlString(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== "'") return undefined;
  let value = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\' && i + 1 < text.length) {
      const next = text[++i];
      // MySQL keeps the backslash of \% and \_ (they are LIKE escapes).
      value += next === '%' || next === '_' ? `\\${next}` : (ESCAPES[next] ?? next);
    } else if (ch === "'" && text[i + 1] === "'") {
      value += "'";
      i++;
    } else if (ch === "'") {
      return { value, end: i + 1 };
    } else {
      value += ch;
    }
  }
  return undefined;
}

/**
 * A rule of information_schema.referential_constraints. InnoDB checks RESTRICT and NO ACTION alike, at once;
 * MariaDB reports an unspecified rule as RESTRICT and MySQL 8 as NO ACTION, so both read as 'no action'.
 */
export function mysqlReferentialAction(rule: string): ReferentialAction {
  const action = parseReferentialAction(rule);
  return action === 'restrict' ? 'no action' : action;
}

/**
 * Whether a MariaDB check constraint is the one a JSON column carries: MariaDB's JSON is a LONGTEXT with a
 * column-level `json_valid(col)` check named after the column.
 */
export function isJsonCheck(constraintName: string, clause: string): boolean {
  return clause.trim() === `json_valid(\`${constraintName.replace(/`/g, '``')}\`)`;
}
