import type { StatementConnection } from '../dialects/driver';

/**
 * @internal Watches flushes from outside the unit of work: metrics and tracing (src/observability/) hang here.
 * The OrmContext holds one only while something watches, so an unwatched flush pays one property read.
 */
export interface FlushObserver {
  /** Runs one `em.flush()`; `run` tells `watch` what it writes, when it writes anything. */
  observe(run: (watch: FlushWatch) => Promise<void>): Promise<void>;
}

/** What one observed flush reports. */
export interface FlushWatch {
  /**
   * The flush writes `entities` change sets and pivot rows on `connection`; its plan's statements go through the
   * connection returned, so that the watch can count them.
   */
  writing(entities: number, connection: StatementConnection): StatementConnection;
}
