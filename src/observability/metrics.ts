import type { MetricFamily, MetricLabels, MetricsProvider } from './metric-family';
import { prometheusText } from './prometheus-text';

/**
 * `orm.metrics()`: Tessera's metrics and those of the features registered beside them (a cache, a circuit
 * breaker, the application's own), collected when asked.
 * @example
 * app.get('/metrics', (req, res) => res.type('text/plain; version=0.0.4').send(orm.metrics().toPrometheus()));
 */
export class Metrics {
  private providers: readonly MetricsProvider[];

  /** @internal Built by the Orm, with its own providers first. */
  constructor(providers: readonly MetricsProvider[]) {
    this.providers = providers;
  }

  /**
   * Adds `provider`'s families to every collection from now on; returns the function that removes it.
   * @example
   * const off = orm.metrics().register(() => [{ name: 'app_jobs_queued', help: 'Jobs queued.', type: 'gauge', samples: [{ labels: {}, value: queue.length }] }]);
   */
  register(provider: MetricsProvider): () => void {
    this.providers = [...this.providers, provider];
    return () => {
      this.providers = this.providers.filter((p) => p !== provider);
    };
  }

  /** Every metric family as it stands now. */
  collect(): MetricFamily[] {
    return this.providers.flatMap((provider) => provider());
  }

  /**
   * The value of a counter or gauge summed over its samples whose labels include `labels` (a histogram: its count
   * of observations); 0 when none matches.
   * @example
   * orm.metrics().value('tessera_statements_total', { kind: 'insert', table: 'authors' });
   */
  value(name: string, labels: MetricLabels = {}): number {
    const family = this.collect().find((f) => f.name === name);
    if (!family) return 0;
    const wanted = Object.entries(labels);
    let total = 0;
    for (const sample of family.samples) {
      if (!wanted.every(([label, value]) => sample.labels[label] === value)) continue;
      total += 'value' in sample ? sample.value : sample.count;
    }
    return total;
  }

  /** The Prometheus text exposition (format 0.0.4) of every family; serve it as `text/plain; version=0.0.4`. */
  toPrometheus(): string {
    return prometheusText(this.collect());
  }
}
