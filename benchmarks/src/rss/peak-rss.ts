import { runProbe } from '../child-process';
import type { ContenderName } from '../contenders/contender';
import type { DialectName } from '../dialect-target';
import type { Results } from '../results';

export interface RssProbe {
  readonly dialect: DialectName;
  readonly scenario: string;
  readonly contender: ContenderName;
}

export const PEAK_RSS_LABEL = 'peak RSS MiB';

/**
 * Runs each scenario × contender once more, each in a fresh process (rss-probe.ts), and records the peak RSS the
 * OS reports for that process (VmHWM, peak-rss-of-process.ts). Within one process the peak only ever grows, so after the first
 * scenario it would say nothing about the others.
 */
export async function measurePeakRss(probes: readonly RssProbe[], results: Results): Promise<void> {
  for (const probe of probes) {
    const { maxRssKiB } = await runProbe<{ maxRssKiB: number }>('src/rss/rss-probe.ts', [
      probe.dialect,
      probe.scenario,
      probe.contender,
    ]);
    results.recordExtra(probe.dialect, probe.scenario, probe.contender, PEAK_RSS_LABEL, maxRssKiB / 1024);
    process.stderr.write(`${probe.dialect} peak RSS ${probe.scenario} ${probe.contender}: ${(maxRssKiB / 1024).toFixed(0)} MiB\n`);
  }
}
