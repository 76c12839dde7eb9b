/**
 * The part of `@opentelemetry/api` Tessera uses, described here so that Tessera's types never name the package
 * (an optional peer): the real module satisfies it.
 */
export type OtelAttributes = Record<string, string | number | boolean>;

export interface OtelSpan {
  setAttribute(key: string, value: string | number | boolean): unknown;
  setAttributes(attributes: OtelAttributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  /** `endTime` in milliseconds since the epoch. */
  end(endTime?: number): void;
}

export interface OtelSpanOptions {
  kind?: number;
  attributes?: OtelAttributes;
  /** Milliseconds since the epoch. */
  startTime?: number;
}

export interface OtelTracer {
  startSpan(name: string, options?: OtelSpanOptions, context?: unknown): OtelSpan;
}

/** What `tracing: { tracerProvider }` takes: an OpenTelemetry `TracerProvider`. */
export interface OtelTracerProvider {
  getTracer(name: string, version?: string): unknown;
}

export interface OtelApi {
  trace: {
    getTracerProvider(): OtelTracerProvider;
    setSpan(context: unknown, span: OtelSpan): unknown;
  };
  context: {
    active(): unknown;
    with<R>(context: unknown, fn: () => R): R;
  };
  SpanKind: { readonly INTERNAL: number; readonly CLIENT: number };
  SpanStatusCode: { readonly ERROR: number };
}
