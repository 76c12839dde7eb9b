import type { AnalysisSupport, PlanScan } from '../analysis-support';

interface PlanNode {
  readonly 'Node Type'?: string;
  readonly 'Relation Name'?: string;
  readonly 'Plan Rows'?: number;
  readonly Plans?: readonly PlanNode[];
}

/**
 * PostgreSQL: `EXPLAIN (FORMAT JSON)` (estimates only: the statement does not run), every `Seq Scan` node of the
 * tree; index use is counted in `pg_stat_user_indexes.idx_scan` since the statistics were last reset.
 */
export const postgresAnalysis: AnalysisSupport = Object.freeze<AnalysisSupport>({
  begin: 'begin transaction read only',
  explain: (sql) => `explain (format json) ${sql}`,
  indexesForeignKeys: false,
  fullScans(plan) {
    const scans: PlanScan[] = [];
    const visit = (node: PlanNode) => {
      if (node['Node Type'] === 'Seq Scan' && node['Relation Name'])
        scans.push({ table: node['Relation Name'], rows: node['Plan Rows'], detail: `Seq Scan on ${node['Relation Name']}` });
      for (const child of node.Plans ?? []) visit(child);
    };
    for (const row of plan) {
      const value = row['QUERY PLAN'];
      const tree = (typeof value === 'string' ? JSON.parse(value) : value) as { Plan: PlanNode }[];
      for (const entry of tree) visit(entry.Plan);
    }
    return scans;
  },
  async unusedIndexes(run) {
    const rows = await run(
      'select s.relname as "table", s.indexrelname as "index" from pg_stat_user_indexes s ' +
        'join pg_index i on i.indexrelid = s.indexrelid ' +
        'where s.idx_scan = 0 and not i.indisunique and not i.indisprimary and s.schemaname = current_schema() order by 1, 2',
    );
    return { indexes: rows.map((r) => ({ table: String(r.table), index: String(r.index) })) };
  },
});
