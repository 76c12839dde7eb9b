/** A metric's label names and values (`{ kind: 'select', table: 'authors' }`). */
export type MetricLabels = Readonly<Record<string, string>>;

/** One labelled value of a counter or a gauge. */
export interface ValueSample {
  readonly labels: MetricLabels;
  readonly value: number;
}

/** One labelled histogram: `buckets` are cumulative counts per upper bound (`le`), the last one `Infinity`. */
export interface HistogramSample {
  readonly labels: MetricLabels;
  readonly buckets: readonly { readonly le: number; readonly count: number }[];
  readonly sum: number;
  readonly count: number;
}

interface FamilyBase {
  /** Prometheus naming: `tessera_` prefix, base units (`_seconds`), `_total` on counters. */
  readonly name: string;
  readonly help: string;
}

export interface ValueFamily extends FamilyBase {
  readonly type: 'counter' | 'gauge';
  readonly samples: readonly ValueSample[];
}

export interface HistogramFamily extends FamilyBase {
  readonly type: 'histogram';
  readonly samples: readonly HistogramSample[];
}

/** A metric and its samples as they stand when collected. */
export type MetricFamily = ValueFamily | HistogramFamily;

/**
 * What a feature (a cache, a circuit breaker, the application) adds to `orm.metrics()`: called at each collection,
 * it returns its families as they stand. Plain objects: a provider needs to import nothing from Tessera.
 */
export type MetricsProvider = () => readonly MetricFamily[];
