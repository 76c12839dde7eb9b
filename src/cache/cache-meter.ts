import type { CacheStats } from './cache-options';

/**
 * The counters behind `orm.cache.stats()`, and the one warning per outage: a failed cache command is counted and
 * reported once (a process warning), until a command succeeds again.
 */
export class CacheMeter {
  hits = 0;
  misses = 0;
  sets = 0;
  invalidations = 0;
  errors = 0;
  private warned = false;

  failed(error: unknown): void {
    this.errors++;
    if (this.warned) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    process.emitWarning(`Tessera's cache store failed (${reason}); reads go to the database until it answers again.`, 'TesseraCacheWarning');
  }

  succeeded(): void {
    this.warned = false;
  }

  stats(): CacheStats {
    return { hits: this.hits, misses: this.misses, sets: this.sets, invalidations: this.invalidations, errors: this.errors };
  }
}
