import type { QueryEvent } from '../dialects/query-event';

/** A statement that took `thresholdMs` (the `slowQueryMs` option) or longer: `orm.on('slow-query', ...)`. */
export interface SlowQueryEvent extends QueryEvent {
  readonly thresholdMs: number;
}

export type SlowQueryListener = (event: SlowQueryEvent) => void;

/**
 * Hears every statement and speaks of the slow ones: one log line (values redacted, only their count) and a
 * `slow-query` event (with the values, as `query` events have them, for a listener that runs EXPLAIN).
 */
export class SlowQueryLog {
  private listeners: readonly SlowQueryListener[] = [];

  constructor(
    readonly thresholdMs: number,
    private readonly log: (line: string) => void,
  ) {}

  on(listener: SlowQueryListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  readonly statement = (event: QueryEvent): void => {
    if (event.durationMs < this.thresholdMs) return;
    const failed = event.error ? ` failed: ${event.error.name}` : '';
    this.log(`[tessera] slow query (${event.durationMs.toFixed(2)} ms, over ${this.thresholdMs} ms): ${event.sql} [${event.params.length} values]${failed}`);
    const listeners = this.listeners;
    if (listeners.length === 0) return;
    const slow: SlowQueryEvent = { ...event, thresholdMs: this.thresholdMs };
    for (const listener of listeners) listener(slow);
  };
}
