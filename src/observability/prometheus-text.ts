import type { MetricFamily, MetricLabels } from './metric-family';

/**
 * Metric families in the Prometheus text exposition format, version 0.0.4 (served as
 * `text/plain; version=0.0.4`): `# HELP` and `# TYPE` once per family, a histogram as its cumulative
 * `_bucket{le=...}` series, `_sum` and `_count`.
 */
export function prometheusText(families: readonly MetricFamily[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    if (family.type !== 'histogram') {
      for (const { labels, value } of family.samples) lines.push(`${family.name}${labelText(labels)} ${number(value)}`);
      continue;
    }
    for (const { labels, buckets, sum, count } of family.samples) {
      for (const { le, count: n } of buckets) lines.push(`${family.name}_bucket${labelText(labels, number(le))} ${number(n)}`);
      lines.push(`${family.name}_sum${labelText(labels)} ${number(sum)}`, `${family.name}_count${labelText(labels)} ${number(count)}`);
    }
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

function labelText(labels: MetricLabels, le?: string): string {
  const pairs = Object.entries(labels).map(([name, value]) => `${name}="${escapeValue(value)}"`);
  if (le !== undefined) pairs.push(`le="${le}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

/** Go's float formatting as Prometheus reads it: `+Inf`, `-Inf`, `NaN`, else the shortest decimal. */
function number(value: number): string {
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return Number.isNaN(value) ? 'NaN' : String(value);
}

/** In HELP text a backslash and a line feed are escaped. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
}

/** In a label value a backslash, a double quote and a line feed are escaped. */
function escapeValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
