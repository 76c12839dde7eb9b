import type { AnalysisSupport } from '../analysis-support';

/** SQLite: `EXPLAIN QUERY PLAN` steps that `SCAN` a table (by its alias) rather than `SEARCH` it; no record of index use. */
export const sqliteAnalysis: AnalysisSupport = Object.freeze<AnalysisSupport>({
  // No read-only transactions; its driver refuses a text of several statements anyway.
  begin: 'begin',
  explain: (sql) => `explain query plan ${sql}`,
  indexesForeignKeys: false,
  fullScans: (plan) =>
    plan.flatMap((row) => {
      const detail = String(row.detail ?? '');
      const table = /^SCAN (\S+)/.exec(detail)?.[1];
      return table ? [{ table, detail }] : [];
    }),
  unusedIndexes: async () => ({ cannotTell: 'SQLite keeps no record of index use' }),
});
