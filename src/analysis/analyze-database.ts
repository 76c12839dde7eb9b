import type { Dialect, IntrospectionQuery } from '../dialects/dialect';
import type { Driver } from '../dialects/driver';
import { UsageError } from '../errors/usage-error';
import { introspectorOn } from '../migrations/introspect-on';
import { CompiledQuery } from '../query/compiler/compiled-query';
import type { AnalysisFinding, AnalysisReport, AnalyzedStatement, AnalyzeOptions, FullScanFinding, UnusedIndexFinding } from './analysis-report';
import { planTable } from './plan-table';
import { unindexedForeignKeys } from './unindexed-foreign-keys';

const DEFAULT_MIN_ROWS = 1000;

/**
 * `orm.analyze()`: on one connection, reads the plan of each statement given (EXPLAIN: the statements do not
 * run) for full scans of tables of at least `minRows` rows, the live schema for foreign keys without an index
 * (unless the database indexes every foreign key itself), and the database's record of index use for indexes
 * never used. What a database cannot tell is a note. It all reads in a transaction (read-only where the database
 * has them) that is rolled back, so that nothing a statement given smuggles in stays.
 */
export async function analyzeDatabase(seam: { driver: Driver; dialect: Dialect }, options: AnalyzeOptions = {}): Promise<AnalysisReport> {
  const { driver, dialect } = seam;
  if (!dialect.analysis || !dialect.schema || !dialect.createIntrospector)
    throw UsageError.unsupportedByDialect(dialect.name, 'query plans and introspection (Dialect.analysis)', 'orm.analyze()');
  const analysis = dialect.analysis;
  const quote = dialect.schema.quote.bind(dialect.schema);
  const minRows = options.minRows ?? DEFAULT_MIN_ROWS;
  if (!Number.isInteger(minRows) || minRows < 1) throw UsageError.badMinRows(minRows);
  const connection = await driver.acquire();
  const run: IntrospectionQuery = async (sql, params = []) => (await connection.execute(CompiledQuery.create(sql, params))).rows;
  try {
    await run(analysis.begin);
  } catch (error) {
    await driver.release(connection);
    throw error;
  }
  try {
    const live = await introspectorOn(dialect, connection).introspect();
    const tables = new Set(live.tables.map((t) => t.name));
    const large = new Map<string, boolean>();
    // Counted up to minRows: enough to know, and cheap on a table of any size.
    const isLarge = async (table: string) => {
      if (!large.has(table)) {
        const [row] = await run(`select count(*) as n from (select 1 as one from ${quote(table)} limit ${minRows}) counted`);
        large.set(table, Number(row?.n) >= minRows);
      }
      return large.get(table) as boolean;
    };
    const statements: AnalyzedStatement[] = [];
    const findings: AnalysisFinding[] = [];
    for (const given of options.statements ?? []) {
      const { sql, params = [] } = typeof given === 'string' ? { sql: given } : given;
      let plan: Record<string, unknown>[];
      try {
        plan = await run(analysis.explain(sql), [...params]);
      } catch (error) {
        statements.push({ sql, error: (error as Error).message });
        // A failed statement ends PostgreSQL's transaction: the rest read in a new one.
        await driver.rollback(connection);
        await run(analysis.begin);
        continue;
      }
      statements.push({ sql });
      const seen = new Set<string>();
      for (const scan of analysis.fullScans(plan)) {
        const table = planTable(scan.table, sql, tables);
        const big = table !== undefined ? await isLarge(table) : scan.rows !== undefined && scan.rows >= minRows;
        if (!big || seen.has(table ?? scan.table)) continue;
        seen.add(table ?? scan.table);
        findings.push(fullScan(table ?? scan.table, sql, scan.detail, minRows));
      }
    }
    if (!analysis.indexesForeignKeys) findings.push(...unindexedForeignKeys(live));
    const notes: string[] = [];
    const unused = await analysis.unusedIndexes(run);
    if ('cannotTell' in unused) notes.push(`Unused indexes: ${dialect.name} cannot tell (${unused.cannotTell}).`);
    else findings.push(...unused.indexes.map(({ table, index }) => unusedIndex(table, index)));
    return { dialect: dialect.name, minRows, statements, findings, notes };
  } finally {
    await driver.rollback(connection).finally(() => driver.release(connection));
  }
}

function fullScan(table: string, sql: string, detail: string, minRows: number): FullScanFinding {
  return {
    kind: 'full-scan',
    table,
    sql,
    detail,
    message: `reads ${table} (${minRows} rows or more) whole (${detail}): index the columns it filters or joins ${table} on.`,
  };
}

function unusedIndex(table: string, index: string): UnusedIndexFinding {
  return {
    kind: 'unused-index',
    table,
    index,
    message: `${index} on ${table} has not been used since the statistics began: it slows every write to ${table} and helps no read. Drop it if no rare job needs it.`,
  };
}
