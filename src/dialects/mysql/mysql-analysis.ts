import type { AnalysisSupport } from '../analysis-support';

/**
 * MySQL and MariaDB: `EXPLAIN` rows whose access type is `ALL` (the table, by its alias, read whole). Index use
 * is recorded only with performance_schema on, and read through the sys schema's `schema_unused_indexes`.
 */
export const mysqlAnalysis: AnalysisSupport = Object.freeze<AnalysisSupport>({
  begin: 'start transaction read only',
  explain: (sql) => `explain ${sql}`,
  indexesForeignKeys: true,
  fullScans: (plan) =>
    plan
      .filter((row) => row.type === 'ALL' && typeof row.table === 'string')
      .map((row) => ({ table: row.table as string, rows: row.rows == null ? undefined : Number(row.rows), detail: 'type=ALL' })),
  async unusedIndexes(run) {
    const [setting] = await run('select @@performance_schema as recording');
    if (!Number(setting?.recording))
      return { cannotTell: 'the server records index use only with performance_schema on (performance_schema=ON in its configuration)' };
    try {
      const rows = await run(
        'select object_name as `table`, index_name as `index` from sys.schema_unused_indexes where object_schema = database() order by 1, 2',
      );
      return { indexes: rows.map((r) => ({ table: String(r.table), index: String(r.index) })) };
    } catch {
      return { cannotTell: 'the sys schema (sys.schema_unused_indexes) is not installed' };
    }
  },
});
