/** Code-unit order, not the locale's, so that two introspections of one database are deeply equal. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How keys and indexes are listed in a table: by name, then (for unnamed SQLite keys) by their columns. */
export function compareKeys(a: { readonly name?: string; readonly columns: readonly string[] }, b: { readonly name?: string; readonly columns: readonly string[] }): number {
  return compareNames(a.name ?? '', b.name ?? '') || compareNames(a.columns.join('\0'), b.columns.join('\0'));
}
