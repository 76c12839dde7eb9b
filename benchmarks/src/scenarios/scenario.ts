import type { Contender } from '../contenders/contender';
import type { BenchTable } from '../fixture/bench-table';
import type { ItemData } from '../scenario-data';

export interface ScenarioContext {
  readonly table: BenchTable;
  readonly items: readonly ItemData[];
  readonly contender: Contender;
}

export interface Scenario {
  readonly id: string;
  readonly title: string;
  /** What the clock covers, as printed in the report. */
  readonly timed: string;
  /**
   * Resets and seeds the table, runs the contender, then checks the database and the returned objects: work that
   * was skipped throws a VerificationError instead of reporting a fast time. Returns the timed milliseconds.
   */
  run(context: ScenarioContext): Promise<number>;
}
