import { performance } from 'node:perf_hooks';
import type { QueryEvent, StatementKind } from '../dialects/query-event';
import type { FlushSize } from './metrics-recorder';
import type { OtelApi, OtelAttributes, OtelSpan, OtelTracer } from './otel-api';
import type { TracedDatabase } from './traced-database';

/** `db.operation.name` per statement kind; 'other' (raw SQL, BEGIN, COMMIT) names none. */
const OPERATIONS: Readonly<Record<StatementKind, string | undefined>> = {
  select: 'SELECT',
  insert: 'INSERT',
  update: 'UPDATE',
  delete: 'DELETE',
  other: undefined,
};

/**
 * OpenTelemetry spans: one per statement (a client span, made when the statement ended, with its measured start)
 * and one per flush (the parent of the statements it sends), each a child of the context active where it ran.
 * Attributes follow the database semantic conventions; the SQL text has placeholders, and no value is ever set.
 */
export class Tracing {
  private readonly base: OtelAttributes;
  /** A span's name when its statement names no operation (semantic conventions: the namespace, else the system). */
  private readonly fallbackName: string;

  constructor(
    private readonly api: OtelApi,
    private readonly tracer: OtelTracer,
    database: TracedDatabase,
  ) {
    const base: OtelAttributes = { 'db.system': database.system, 'db.system.name': database.system };
    if (database.namespace !== undefined) base['db.namespace'] = database.namespace;
    if (database.address !== undefined) base['server.address'] = database.address;
    if (database.port !== undefined) base['server.port'] = database.port;
    this.base = Object.freeze(base);
    this.fallbackName = database.namespace ?? database.system;
  }

  readonly statement = (event: QueryEvent): void => {
    // Epoch milliseconds with a fraction: what OpenTelemetry takes as a time.
    const end = performance.timeOrigin + performance.now();
    const attributes: OtelAttributes = { ...this.base, 'db.query.text': event.sql };
    const operation = OPERATIONS[event.kind];
    if (operation !== undefined) attributes['db.operation.name'] = operation;
    if (event.table !== undefined) attributes['db.collection.name'] = event.table;
    const name = operation === undefined ? this.fallbackName : event.table === undefined ? operation : `${operation} ${event.table}`;
    const span = this.tracer.startSpan(name, { kind: this.api.SpanKind.CLIENT, attributes, startTime: end - event.durationMs }, this.api.context.active());
    if (event.error) this.failed(span, event.error);
    span.end(end);
  };

  /** Runs `run` (one flush) inside a span of its own, which says how much it wrote once it ended. */
  flush(record: FlushSize, run: () => Promise<void>): Promise<void> {
    const { api } = this;
    const span = this.tracer.startSpan('tessera.flush', { kind: api.SpanKind.INTERNAL, attributes: this.base }, api.context.active());
    const ended = (error?: unknown) => {
      span.setAttributes({ 'tessera.flush.entities': record.entities, 'tessera.flush.statements': record.statements });
      if (error !== undefined) this.failed(span, error);
      span.end();
    };
    return api.context.with(api.trace.setSpan(api.context.active(), span), run).then(ended, (error: unknown) => {
      ended(error);
      throw error;
    });
  }

  /** The error's class only: a database's message may quote the values it refused. */
  private failed(span: OtelSpan, error: unknown): void {
    span.setAttribute('error.type', error instanceof Error ? error.name : typeof error);
    span.setStatus({ code: this.api.SpanStatusCode.ERROR });
  }
}
