import type { OrmOptions } from 'tessera-orm';
import type { ContenderName } from './contender';
import { TesseraContender } from './tessera';

/**
 * Tessera recording metrics from the start (`metrics: true`): every statement counted by kind and table and timed
 * into a histogram, every flush sized and timed, every acquire timed. Set beside plain `tessera`
 * (BENCH_CONTENDERS=tessera,tessera-metrics) it gives what recording costs; nothing scrapes during the run.
 */
export class TesseraMetricsContender extends TesseraContender {
  override readonly name: ContenderName = 'tessera-metrics';
  protected override readonly extraOptions: Partial<OrmOptions> = { metrics: true };
}
