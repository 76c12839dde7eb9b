import { performance } from 'node:perf_hooks';
import type { QueryEvent, StatementKind } from '../dialects/query-event';
import { DURATION_BUCKETS, Histogram, SIZE_BUCKETS } from './histogram';
import type { MetricFamily, ValueSample } from './metric-family';

/** What one flush wrote, as its watch saw it. */
export interface FlushSize {
  /** When it started (`performance.now()`). */
  readonly started: number;
  /** Change sets and pivot rows written; 0 when it had nothing to write. */
  readonly entities: number;
  /** Statements its plan sent (transaction control and `afterFlush` writes not counted). */
  readonly statements: number;
}

/** Where an error was met: a statement, taking a connection, or a flush (an error of a statement it sent counts in both). */
type ErrorSource = 'statement' | 'acquire' | 'flush';

const MS = 1000;

/**
 * Tessera's own metrics, recorded as statements, acquires and flushes happen. Built only when metrics are on:
 * until then nothing calls it, and nothing is counted.
 */
export class MetricsRecorder {
  /** Statements by kind, then table (nested maps: no key string is built per statement). */
  private readonly statements = new Map<StatementKind, Map<string | undefined, { count: number }>>();
  private readonly durations = new Map<StatementKind, Histogram>();
  private readonly errors = new Map<ErrorSource, Map<string, number>>();
  private readonly flushDurations = { ok: new Histogram(DURATION_BUCKETS, { status: 'ok' }), error: new Histogram(DURATION_BUCKETS, { status: 'error' }) };
  private readonly flushEntities = new Histogram(SIZE_BUCKETS);
  private readonly flushStatements = new Histogram(SIZE_BUCKETS);
  private readonly acquires = new Histogram(DURATION_BUCKETS);

  readonly statement = (event: QueryEvent): void => {
    let byTable = this.statements.get(event.kind);
    if (!byTable) this.statements.set(event.kind, (byTable = new Map()));
    const series = byTable.get(event.table);
    if (series) series.count++;
    else byTable.set(event.table, { count: 1 });
    let durations = this.durations.get(event.kind);
    if (!durations) this.durations.set(event.kind, (durations = new Histogram(DURATION_BUCKETS, { kind: event.kind })));
    durations.observe(event.durationMs / MS);
    if (event.error) this.error('statement', event.error);
  };

  readonly acquire = (durationMs: number, error?: Error): void => {
    this.acquires.observe(durationMs / MS);
    if (error) this.error('acquire', error);
  };

  /** A flush ended; one that had nothing to write is not a flush here, unless it failed before knowing. */
  flushEnded(flush: FlushSize, error?: unknown): void {
    if (error !== undefined) this.error('flush', error);
    if (flush.entities === 0) return;
    (error === undefined ? this.flushDurations.ok : this.flushDurations.error).observe((performance.now() - flush.started) / MS);
    this.flushEntities.observe(flush.entities);
    this.flushStatements.observe(flush.statements);
  }

  families(): MetricFamily[] {
    const statementSamples: ValueSample[] = [];
    for (const [kind, byTable] of this.statements) {
      for (const [table, { count }] of byTable) statementSamples.push({ labels: table === undefined ? { kind } : { kind, table }, value: count });
    }
    const errorSamples: ValueSample[] = [];
    for (const [source, byClass] of this.errors) for (const [name, value] of byClass) errorSamples.push({ labels: { class: name, source }, value });
    return [
      { name: 'tessera_statements_total', help: 'Statements sent, by kind and table.', type: 'counter', samples: statementSamples },
      {
        name: 'tessera_statement_duration_seconds',
        help: 'Time from sending a statement to its result, by kind.',
        type: 'histogram',
        samples: [...this.durations.values()].map((h) => h.sample()),
      },
      { name: 'tessera_errors_total', help: 'Errors by class and where they were met (statement, acquire, flush).', type: 'counter', samples: errorSamples },
      {
        name: 'tessera_flush_duration_seconds',
        help: 'Duration of flushes that wrote something, by status (ok, error).',
        type: 'histogram',
        samples: [this.flushDurations.ok.sample(), this.flushDurations.error.sample()],
      },
      { name: 'tessera_flush_entities', help: 'Entities and pivot rows written per flush.', type: 'histogram', samples: [this.flushEntities.sample()] },
      { name: 'tessera_flush_statements', help: "Statements a flush's plan sent (BEGIN and COMMIT not counted).", type: 'histogram', samples: [this.flushStatements.sample()] },
      { name: 'tessera_pool_acquire_duration_seconds', help: 'Time taken to get a connection from the pool.', type: 'histogram', samples: [this.acquires.sample()] },
    ];
  }

  private error(source: ErrorSource, error: unknown): void {
    const name = error instanceof Error ? error.name : typeof error;
    let byClass = this.errors.get(source);
    if (!byClass) this.errors.set(source, (byClass = new Map()));
    byClass.set(name, (byClass.get(name) ?? 0) + 1);
  }
}
