import type { Contender } from '../contenders/contender';
import type { BenchTable } from '../fixture/bench-table';
import type { GraphTables } from '../fixture/graph-tables';
import type { ReportTables } from '../fixture/report-tables';
import type { GraphData } from '../graph-data';
import type { ReportData } from '../report-data';
import type { ItemData } from '../scenario-data';

export interface ScenarioContext {
  readonly table: BenchTable;
  readonly items: readonly ItemData[];
  /** S6 and S7's tables and data. */
  readonly graphTables: GraphTables;
  readonly graph: GraphData;
  /** S8's tables and data. */
  readonly reportTables: ReportTables;
  readonly report: ReportData;
  readonly contender: Contender;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What the clock covers, as printed in the report. */
  readonly timed: string;
  /** What `run` returns; milliseconds unless said otherwise. */
  readonly unit?: string;
  /** Only contenders with a query builder run it (not raw), and its figures are not ratios to raw. */
  readonly builderOnly?: boolean;
  /**
   * Resets and seeds its tables, runs the contender, then checks the database and the returned objects: work that
   * was skipped throws a VerificationError instead of reporting a fast time. Returns the timed figure (`unit`).
   */
  run(context: ScenarioContext): Promise<number>;
}
