import { Histogram } from '../../../src/observability/histogram';
import { prometheusText } from '../../../src/observability/prometheus-text';

describe('the Prometheus text exposition', () => {
  test('a counter and a gauge: HELP and TYPE, then one line per labelled sample', () => {
    expect(
      prometheusText([
        { name: 'a_total', help: 'Things.', type: 'counter', samples: [{ labels: { kind: 'x' }, value: 3 }, { labels: { kind: 'y', table: 't' }, value: 0.5 }] },
        { name: 'b', help: 'A level.', type: 'gauge', samples: [{ labels: {}, value: 7 }] },
      ]),
    ).toBe(['# HELP a_total Things.', '# TYPE a_total counter', 'a_total{kind="x"} 3', 'a_total{kind="y",table="t"} 0.5', '# HELP b A level.', '# TYPE b gauge', 'b 7', ''].join('\n'));
  });

  test('a histogram: cumulative buckets by le, +Inf last and equal to the count, then _sum and _count', () => {
    const h = new Histogram([0.1, 1], { kind: 'select' });
    for (const v of [0.05, 0.5, 0.7, 3]) h.observe(v);
    expect(prometheusText([{ name: 'd_seconds', help: 'Durations.', type: 'histogram', samples: [h.sample()] }])).toBe(
      [
        '# HELP d_seconds Durations.',
        '# TYPE d_seconds histogram',
        'd_seconds_bucket{kind="select",le="0.1"} 1',
        'd_seconds_bucket{kind="select",le="1"} 3',
        'd_seconds_bucket{kind="select",le="+Inf"} 4',
        'd_seconds_sum{kind="select"} 4.25',
        'd_seconds_count{kind="select"} 4',
        '',
      ].join('\n'),
    );
  });

  test('label values escape backslash, double quote and line feed; HELP escapes backslash and line feed', () => {
    const text = prometheusText([{ name: 'c', help: 'a\\b\nc "q"', type: 'gauge', samples: [{ labels: { table: 'we"ird\\na\nme' }, value: 1 }] }]);
    expect(text).toBe('# HELP c a\\\\b\\nc "q"\n# TYPE c gauge\nc{table="we\\"ird\\\\na\\nme"} 1\n');
  });

  test('nothing to expose is an empty text', () => {
    expect(prometheusText([])).toBe('');
  });
});
