import { Orm } from 'tessera-orm';
import type { ItemView } from '../contenders/contender';
import { TesseraItem } from '../contenders/tessera-item';
import { TESSERA_REPORT_ENTITIES, tesseraReport } from '../contenders/tessera-report';
import type { DialectTarget } from '../dialect-target';
import type { ReportQuery, ReportRow } from '../report-data';
import { CachedTesseraItem } from './cached-item';

export type CacheStore = 'none' | 'memory' | 'redis';

/** The key S8's report is cached under. */
const REPORT_KEY = 'bench-report';

/**
 * Tessera with one cache setting: `none` (no cache configured, the plain entity), or the entity cache and the
 * report's result cache in memory or in Redis (`BENCH_REDIS_URL`, a prefix of this process's own).
 */
export class CacheVariant {
  private constructor(
    readonly store: CacheStore,
    private readonly orm: Orm,
    private readonly item: typeof TesseraItem,
  ) {}

  static async open(target: DialectTarget, store: CacheStore): Promise<CacheVariant> {
    const item = store === 'none' ? TesseraItem : CachedTesseraItem;
    const cache =
      store === 'none'
        ? undefined
        : store === 'memory'
          ? { store: 'memory' as const }
          : { store: 'redis' as const, redis: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: `tessera-bench-cache:${process.pid}:${target.dialect}:` };
    const orm = await Orm.init({ dialect: target.dialect, url: target.url, entities: [item, ...TESSERA_REPORT_ENTITIES], pool: { min: 0, max: 10 }, cache });
    return new CacheVariant(store, orm, item);
  }

  /** Empties this variant's caches (the next reads miss). */
  async invalidate(): Promise<void> {
    if (this.store === 'none') return;
    for (const entity of [this.item, ...TESSERA_REPORT_ENTITIES]) await this.orm.cache.invalidate(entity);
  }

  /** S4: one fresh fork per lookup. */
  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const found: ItemView[] = [];
    for (const id of ids) found.push((await this.orm.em.fork().findOne(this.item, id)) as ItemView);
    return found;
  }

  /** S8's report in a fresh fork, through the result cache unless this variant has none. */
  report(query: ReportQuery): Promise<readonly ReportRow[]> {
    return tesseraReport(this.orm.em.fork(), query, this.store === 'none' ? undefined : { ttl: 600, key: REPORT_KEY });
  }

  stats(): { hits: number; misses: number } {
    return this.store === 'none' ? { hits: 0, misses: 0 } : this.orm.cache.stats();
  }

  close(): Promise<void> {
    return this.orm.close();
  }
}
