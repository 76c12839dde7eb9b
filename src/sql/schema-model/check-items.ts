import { sqlSegments } from './sql-segments';

/*
 * The CHECK Tessera writes for an enum the database has no native type for, `check (col in ('a', 'b'))`, read
 * back as the column's items so that a diff sees a changed enum. Each catalog prints it its own way:
 * PostgreSQL `CHECK ((mood = ANY (ARRAY['happy'::text, 'sad'::text])))`, SQLite the text as written,
 * MariaDB `` `priority` in (1,3) ``. Anything else a CHECK says is not an item list, and reads as none.
 */

const OPENER = /^(.*?)(?:\bin\s*\(|=\s*any\s*\(\s*array\s*\[)/is;
const COLUMN = /^[\s(]*(?:"((?:[^"]|"")*)"|`((?:[^`]|``)*)`|([\w$]+))\s*$/s;

/**
 * The items of a `column in (...)` check on `column`, or undefined when `expression` is not one.
 * @example
 * checkItems("CHECK ((mood = ANY (ARRAY['happy'::text, 'sad'::text])))", 'mood') // ['happy', 'sad']
 */
export function checkItems(expression: string, column: string): string[] | undefined {
  const body = expression.trim().replace(/^check\s*/i, '');
  const opener = OPENER.exec(body);
  if (!opener) return undefined;
  const named = COLUMN.exec(opener[1]);
  const name = named && (named[1]?.replace(/""/g, '"') ?? named[2]?.replace(/``/g, '`') ?? named[3]);
  if (name !== column) return undefined;
  const items: string[] = [];
  for (const segment of sqlSegments(body.slice(opener[0].length))) {
    if (segment.kind === 'string') items.push(segment.text.slice(1, -1).replace(/''/g, "'"));
    else if (segment.kind !== 'code') return undefined;
    else {
      // Between the literals only casts, commas, numbers and the closing brackets may stand.
      const rest = segment.text.replace(/::\s*[\w ]+/g, '');
      for (const token of rest.split(/[\s,()[\]]+/).filter(Boolean)) {
        if (!/^[+-]?\d+(?:\.\d+)?$/.test(token)) return undefined;
        items.push(token);
      }
    }
  }
  return items.length > 0 ? items : undefined;
}
