import type { FlushBatch } from '../unit-of-work/flush-plan';
import type { StatementConnection } from './driver';

/** Turns one batch of a flush plan into the fewest statements the database allows, sent through one connection. */
export interface FlushExecutor {
  /** Runs a batch; for an insert with a generated key, returns the keys in row order (driver form). */
  execute(batch: FlushBatch, connection: StatementConnection, batchSize: number): Promise<unknown[] | undefined>;
}
