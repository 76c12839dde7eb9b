import { Orm, UniqueConstraintViolationError, type HistogramFamily, type MetricFamily } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author } from '../../support/entities';

const family = (families: readonly MetricFamily[], name: string) => families.find((f) => f.name === name);
const histogram = (families: readonly MetricFamily[], name: string) => family(families, name) as HistogramFamily;

describeEachDialect(
  [Author],
  (fx) => {
    const metrics = () => fx.orm.metrics();
    let before: Map<string, number>;
    /** How much a metric grew since the test started (the Orm's metrics count from init, across tests). */
    const grew = (name: string, labels: Record<string, string> = {}) => metrics().value(name, labels) - (before.get(JSON.stringify([name, labels])) ?? 0);
    const snapshot = (entries: [string, Record<string, string>][]) => {
      before = new Map(entries.map(([name, labels]) => [JSON.stringify([name, labels]), metrics().value(name, labels)]));
    };

    test('statements are counted by kind and table, as the query events saw them', async () => {
      snapshot([
        ['tessera_statements_total', { kind: 'insert', table: 'authors' }],
        ['tessera_statements_total', { kind: 'select', table: 'authors' }],
        ['tessera_statements_total', { kind: 'other' }],
        ['tessera_statement_duration_seconds', {}],
      ]);
      const em = fx.orm.em.fork();
      for (const name of ['Ada', 'Alan', 'Grace']) em.create(Author, { name, email: `${name}@x.io` });
      await em.flush();
      await fx.orm.em.fork().find(Author, {});
      await fx.orm.em.fork().findOne(Author, { name: 'Ada' });
      await fx.orm.em.fork().sql`select 1 as one`;

      const sent = (kind: string, table?: string) => fx.queries.filter((q) => q.kind === kind && q.table === table).length;
      expect(grew('tessera_statements_total', { kind: 'insert', table: 'authors' })).toBe(sent('insert', 'authors'));
      expect(grew('tessera_statements_total', { kind: 'select', table: 'authors' })).toBe(2);
      expect(grew('tessera_statements_total', { kind: 'other' })).toBe(sent('other'));
      expect(grew('tessera_statement_duration_seconds')).toBe(fx.queries.length);
    });

    test('a flush records its size, its statements and its duration', async () => {
      snapshot([['tessera_flush_entities', {}], ['tessera_flush_duration_seconds', { status: 'ok' }]]);
      const entitiesBefore = histogram(metrics().collect(), 'tessera_flush_entities').samples[0].sum;
      const statementsBefore = histogram(metrics().collect(), 'tessera_flush_statements').samples[0].sum;
      const em = fx.orm.em.fork();
      for (let i = 0; i < 5; i++) em.create(Author, { name: `A${i}`, email: `a${i}@x.io` });
      await em.flush();
      await em.flush(); // nothing to write: not a flush to count

      const families = metrics().collect();
      expect(grew('tessera_flush_entities')).toBe(1);
      expect(grew('tessera_flush_duration_seconds', { status: 'ok' })).toBe(1);
      expect(histogram(families, 'tessera_flush_entities').samples[0].sum - entitiesBefore).toBe(5);
      expect(histogram(families, 'tessera_flush_statements').samples[0].sum - statementsBefore).toBe(fx.sent('insert').length);
    });

    test('a failed flush counts its error by class, at the statement and at the flush', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
      const labels = (source: string) => ({ class: 'UniqueConstraintViolationError', source });
      snapshot([['tessera_errors_total', labels('statement')], ['tessera_errors_total', labels('flush')], ['tessera_flush_duration_seconds', { status: 'error' }]]);

      const twin = fx.orm.em.fork();
      twin.create(Author, { name: 'Twin', email: 'ada@x.io' });
      await expect(twin.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationError);

      expect(grew('tessera_errors_total', labels('statement'))).toBe(1);
      expect(grew('tessera_errors_total', labels('flush'))).toBe(1);
      expect(grew('tessera_flush_duration_seconds', { status: 'error' })).toBe(1);
    });

    test('the pool gauges are the pool stats; connections taken are timed', async () => {
      snapshot([['tessera_pool_acquire_duration_seconds', {}]]);
      await fx.orm.em.fork().find(Author, {});
      const stats = fx.orm.poolStats();
      expect(metrics().value('tessera_pool_connections', { state: 'used' })).toBe(stats.used);
      expect(metrics().value('tessera_pool_connections', { state: 'idle' })).toBe(stats.free);
      expect(metrics().value('tessera_pool_connections')).toBe(stats.size);
      expect(metrics().value('tessera_pool_max_connections')).toBe(stats.max);
      expect(metrics().value('tessera_pool_waiting')).toBe(stats.pending);
      expect(metrics().value('tessera_circuit_state', { state: 'closed' })).toBe(1);
      expect(metrics().value('tessera_circuit_state', { state: 'open' })).toBe(0);
      expect(grew('tessera_pool_acquire_duration_seconds')).toBeGreaterThanOrEqual(1);
    });

    test("a feature's provider is collected beside Tessera's metrics until it is removed", async () => {
      const off = metrics().register(() => [
        { name: 'app_jobs_queued', help: 'Jobs waiting in the queue.', type: 'gauge', samples: [{ labels: { queue: 'main' }, value: 1 }] },
      ]);
      expect(metrics().value('app_jobs_queued', { queue: 'main' })).toBe(1);
      expect(metrics().toPrometheus()).toContain('# TYPE app_jobs_queued gauge\napp_jobs_queued{queue="main"} 1\n');
      off();
      expect(family(metrics().collect(), 'app_jobs_queued')).toBeUndefined();
    });

    test('the Prometheus text is well-formed: HELP and TYPE once per family, cumulative buckets ending at +Inf', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
      const text = metrics().toPrometheus();
      const lines = text.trimEnd().split('\n');
      expect(text.endsWith('\n')).toBe(true);

      const typed = new Map<string, string>();
      for (const line of lines) {
        const meta = /^# (HELP|TYPE) (\w+) (.+)$/.exec(line);
        if (meta) {
          if (meta[1] === 'TYPE') {
            expect(typed.has(meta[2])).toBe(false);
            typed.set(meta[2], meta[3]);
          }
          continue;
        }
        // name{label="value",...} number
        const sample = /^(\w+)(\{(\w+="(?:[^"\\\n]|\\.)*")(,\w+="(?:[^"\\\n]|\\.)*")*\})? (-?[\d.]+(e[+-]?\d+)?|\+Inf|NaN)$/.exec(line);
        expect(sample).not.toBeNull();
        const name = sample![1];
        const base = typed.get(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
        expect(typed.has(base)).toBe(true);
        if (name !== base) expect(typed.get(base)).toBe('histogram');
      }
      expect(typed.get('tessera_statements_total')).toBe('counter');
      expect(typed.get('tessera_statement_duration_seconds')).toBe('histogram');
      expect(typed.get('tessera_pool_connections')).toBe('gauge');

      // The insert histogram: buckets never decrease, +Inf is the count.
      const buckets = lines.filter((l) => l.startsWith('tessera_statement_duration_seconds_bucket{kind="insert",'));
      const counts = buckets.map((l) => Number(l.split(' ')[1]));
      expect(counts).toEqual([...counts].sort((a, b) => a - b));
      expect(buckets.at(-1)).toMatch(/le="\+Inf"\} \d+$/);
      expect(lines).toContain(`tessera_statement_duration_seconds_count{kind="insert"} ${counts.at(-1)}`);
      expect(lines.some((l) => /^tessera_statement_duration_seconds_sum\{kind="insert"\} [\d.e-]+$/.test(l))).toBe(true);
    });
  },
  { metrics: true },
);

describeEachDialect([Author], (fx) => {
  test('without the option, nothing is counted until the first orm.metrics() call', async () => {
    const em = fx.orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'ada@x.io' });
    await em.flush();
    await fx.orm.em.fork().find(Author, {});

    const metrics = fx.orm.metrics();
    expect(metrics.value('tessera_statements_total')).toBe(0);
    expect(metrics.value('tessera_flush_entities')).toBe(0);

    await fx.orm.em.fork().find(Author, {});
    expect(metrics.value('tessera_statements_total', { kind: 'select', table: 'authors' })).toBe(1);
  });
});

test('metrics: true on an Orm that never flushes reports empty histograms, not missing families', async () => {
  const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author], metrics: true });
  try {
    const text = orm.metrics().toPrometheus();
    expect(text).toContain('# TYPE tessera_flush_entities histogram\n');
    expect(text).toContain('tessera_flush_entities_bucket{le="+Inf"} 0\n');
    expect(text).toContain('tessera_flush_entities_count 0\n');
  } finally {
    await orm.close();
  }
});
