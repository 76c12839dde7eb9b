import { loadOptional } from '../dialects/load-optional';
import type { RuntimeDriver } from '../dialects/runtime-driver';
import type { FlushObserver } from '../em/flush-observer';
import { UsageError } from '../errors/usage-error';
import { ValidationError } from '../errors/validation-error';
import { FlushObservation } from './flush-observation';
import type { MetricsProvider } from './metric-family';
import { Metrics } from './metrics';
import { MetricsRecorder } from './metrics-recorder';
import type { OtelApi, OtelTracer, OtelTracerProvider } from './otel-api';
import { poolMetrics } from './pool-metrics';
import { SlowQueryLog, type SlowQueryListener } from './slow-query-log';
import { tracedDatabase } from './traced-database';
import { Tracing } from './tracing';

export interface TracingOptions {
  /** Where spans go; default: the global one (`trace.getTracerProvider()` of `@opentelemetry/api`). */
  readonly tracerProvider?: OtelTracerProvider;
}

/** The Orm options of this room (see `OrmOptions`). */
export interface ObservabilityOptions {
  readonly metrics?: boolean;
  readonly tracing?: boolean | TracingOptions;
  readonly slowQueryMs?: number;
}

/** What an Orm gives observability to hang on, once it is connected. */
export interface ObservedOrm {
  readonly driver: RuntimeDriver;
  /** The dialect's name, the database system's where the server cannot say. */
  readonly dialect: string;
  readonly url: string | undefined;
  /** The server's product and version ('PostgreSQL 16.4'), where the dialect can tell; read once if tracing is on. */
  serverVersion(): Promise<string | undefined>;
  /** Sets the observer every EntityManager of the Orm flushes through. */
  observeFlushes(observer: FlushObserver): void;
  /** Where the slow-query line goes. */
  readonly log: (line: string) => void;
}

/**
 * Metrics, tracing and the slow-query log of one Orm. Each hangs on the seams only once turned on (a `query`
 * listener, the acquire timer, the flush observer): what is off costs nothing per statement or flush.
 */
export class Observability {
  private readonly otel: OtelApi | undefined;
  private orm: ObservedOrm | undefined;
  private recorder: MetricsRecorder | undefined;
  private readonly flushes = new FlushObservation();
  private readonly view: Metrics;
  private slowQueries: SlowQueryLog | undefined;

  /** Checks the options before anything connects: a bad threshold, or tracing without `@opentelemetry/api`, fails here. */
  constructor(private readonly options: ObservabilityOptions) {
    const threshold = options.slowQueryMs;
    if (threshold !== undefined && !(typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0)) {
      throw ValidationError.badTimeout('slowQueryMs', threshold, true);
    }
    this.otel = options.tracing ? loadOptional<OtelApi>('@opentelemetry/api', 'tracing option') : undefined;
    this.view = new Metrics([() => this.recorder?.families() ?? [], () => (this.orm ? poolMetrics(this.orm.driver.poolStats(), this.orm.driver.circuitState()) : [])]);
  }

  /** Turns on what the options ask for, on a connected Orm. */
  async attach(orm: ObservedOrm): Promise<void> {
    this.orm = orm;
    const { slowQueryMs, tracing, metrics } = this.options;
    if (slowQueryMs !== undefined) {
      this.slowQueries = new SlowQueryLog(slowQueryMs, orm.log);
      orm.driver.onQuery(this.slowQueries.statement);
    }
    if (this.otel && tracing) {
      const provider = (tracing === true ? undefined : tracing.tracerProvider) ?? this.otel.trace.getTracerProvider();
      const database = tracedDatabase(orm.url, await orm.serverVersion(), orm.dialect);
      this.flushes.tracing = new Tracing(this.otel, provider.getTracer('tessera-orm') as OtelTracer, database);
      orm.driver.onQuery(this.flushes.tracing.statement);
      orm.observeFlushes(this.flushes);
    }
    if (metrics) this.startMetrics();
  }

  /** The metrics, recording from the first call on if the `metrics` option did not turn them on at init. */
  metrics(): Metrics {
    this.startMetrics();
    return this.view;
  }

  /** @internal A feature's metrics (a cache, a circuit breaker), collected with Tessera's; recording stays as it is. */
  provide(provider: MetricsProvider): () => void {
    return this.view.register(provider);
  }

  onSlowQuery(listener: SlowQueryListener): () => void {
    if (!this.slowQueries) throw UsageError.slowQueriesOff();
    return this.slowQueries.on(listener);
  }

  private startMetrics(): void {
    const orm = this.orm;
    if (this.recorder || !orm) return;
    const recorder = (this.recorder = new MetricsRecorder());
    orm.driver.onQuery(recorder.statement);
    orm.driver.observeAcquire(recorder.acquire);
    this.flushes.recorder = recorder;
    orm.observeFlushes(this.flushes);
  }
}
