/**
 * The table a plan step names: itself when it is a table of the schema, else the table the statement gave that
 * alias (`from book as b`, `join "author" a`), read from the SQL text. Undefined when neither (a subquery's alias,
 * SQLite's `CONSTANT ROW`).
 */
export function planTable(name: string, sql: string, tables: ReadonlySet<string>): string | undefined {
  if (tables.has(name)) return name;
  const alias = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`\\b(?:from|join)\\s+["\`]?([\\w$]+)["\`]?\\s+(?:as\\s+)?["\`]?${alias}["\`]?(?![\\w$])`, 'i');
  const table = pattern.exec(sql)?.[1];
  return table !== undefined && tables.has(table) ? table : undefined;
}
