import type { FlushOutcome, FlushPlan } from '../unit-of-work/flush-plan';
import type { Connection } from './driver';

/** Turns a flush plan into the fewest statements the database allows, sent through one connection. */
export interface FlushExecutor {
  execute(plan: FlushPlan, connection: Connection, batchSize: number): Promise<FlushOutcome>;
}
