import { matchingParenthesis, sqlSegments } from '../../sql/schema-model/sql-segments';

/*
 * What SQLite's pragmas do not say, read from the CREATE statements it keeps in sqlite_master. Only code is
 * searched, never quoted names, strings or comments, so a column named "autoincrement" cannot fool it.
 */

/** Whether a CREATE TABLE declares AUTOINCREMENT (allowed only on its INTEGER PRIMARY KEY). */
export function hasAutoincrement(createTable: string): boolean {
  return sqlSegments(createTable).some((s) => s.kind === 'code' && /\bautoincrement\b/i.test(s.text));
}

/** Whether a CREATE TABLE ends in WITHOUT ROWID (its INTEGER PRIMARY KEY is then an ordinary column). */
export function isWithoutRowid(createTable: string): boolean {
  const code = sqlSegments(createTable)
    .filter((s) => s.kind === 'code')
    .map((s) => s.text)
    .join(' ');
  return /\bwithout\s+rowid\b/i.test(code);
}

/**
 * The key parts of a CREATE INDEX, as written, without COLLATE and ASC/DESC: `create index i on t (lower(a)
 * collate nocase desc, b)` → `['lower(a)', 'b']`. The pragmas name columns but give no text for expressions.
 */
export function indexKeyParts(createIndex: string): string[] {
  const segments = sqlSegments(createIndex);
  let offset = 0;
  let open = -1;
  for (const segment of segments) {
    const at = segment.kind === 'code' ? segment.text.indexOf('(') : -1;
    if (at !== -1) {
      open = offset + at;
      break;
    }
    offset += segment.text.length;
  }
  const close = open === -1 ? -1 : matchingParenthesis(segments, open);
  if (close === -1) return [];
  return splitTopLevel(createIndex.slice(open + 1, close)).map((part) =>
    part.replace(/\s+(?:asc|desc)\s*$/i, '').replace(/\s+collate\s+("(?:[^"]|"")*"|\S+)\s*$/i, '').trim(),
  );
}

/**
 * The expressions of every CHECK in a CREATE TABLE, column and table constraints alike: `check ("mood" in
 * ('a', 'b'))` → `"mood" in ('a', 'b')`. SQLite keeps no catalog of them, only the statement.
 */
export function checkExpressions(createTable: string): string[] {
  const segments = sqlSegments(createTable);
  const expressions: string[] = [];
  let offset = 0;
  for (const segment of segments) {
    if (segment.kind === 'code') {
      for (const match of segment.text.matchAll(/\bcheck\s*\(/gi)) {
        const open = offset + (match.index ?? 0) + match[0].length - 1;
        const close = matchingParenthesis(segments, open);
        if (close !== -1) expressions.push(createTable.slice(open + 1, close));
      }
    }
    offset += segment.text.length;
  }
  return expressions;
}

/** Splits a list at the commas that are code and outside parentheses. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let current = '';
  let depth = 0;
  for (const segment of sqlSegments(list)) {
    if (segment.kind !== 'code') {
      current += segment.text;
      continue;
    }
    for (const ch of segment.text) {
      if (ch === ',' && depth === 0) {
        parts.push(current);
        current = '';
        continue;
      }
      if (ch === '(') depth++;
      if (ch === ')') depth--;
      current += ch;
    }
  }
  parts.push(current);
  return parts;
}
