import type { Contender } from '../contenders/contender';
import type { DialectTarget } from '../dialect-target';
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
  /** The database, for scenarios that start processes of their own (S12). */
  readonly target: DialectTarget;
}

/** A run's figure in the scenario's unit, with secondary figures beside it by label (e.g. `p99 ms`). */
export interface Figure {
  readonly value: number;
  readonly extras?: Readonly<Record<string, number>>;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What the clock covers, as printed in the report. */
  readonly timed: string;
  /** What `run` returns; milliseconds unless said otherwise. */
  readonly unit?: string;
  /**
   * Whether the contender takes part (absent: all do). A scenario raw does not run has no ratios to raw: S9 (only
   * query builders), S11 (only identity maps), S12 (only ORM start-up).
   */
  runsFor?(contender: Contender): boolean;
  /** Measures its peak RSS in processes of its own (S12), so the per-scenario RSS probes skip it. */
  readonly ownProcess?: boolean;
  /**
   * Resets and seeds its tables, runs the contender, then checks the database and the returned objects: work that
   * was skipped throws a VerificationError instead of reporting a fast time. Returns the timed figure (`unit`).
   */
  run(context: ScenarioContext): Promise<number | Figure>;
}
