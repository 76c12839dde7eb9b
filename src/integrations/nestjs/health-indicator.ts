import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckFailedError } from '../../errors/health-check-failed-error';
import { Orm } from '../../orm';

/** What a healthy indicator reports under its key (the `@nestjs/terminus` result shape). */
export type HealthIndicatorUp<K extends string> = Record<K, { status: 'up' }>;

/**
 * A database health check for `@nestjs/terminus` (or any endpoint): `pingCheck` sends `select 1` on a connection of
 * the pool. It does not depend on terminus; its results and its `HealthCheckFailedError` have the shapes terminus reads.
 * @example
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.db.pingCheck('database')]); }
 */
@Injectable()
export class TesseraHealthIndicator {
  constructor(@Inject(Orm) private readonly orm: Orm) {}

  /**
   * `{ [key]: { status: 'up' } }` once the database answered; a `HealthCheckFailedError` (its `causes` hold
   * `{ [key]: { status: 'down', message } }`) if it failed or did not answer within `timeoutMs` (default 1000).
   */
  async pingCheck<K extends string>(key: K, options: { timeoutMs?: number } = {}): Promise<HealthIndicatorUp<K>> {
    const timeoutMs = options.timeoutMs ?? 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(HealthCheckFailedError.timeout(key, timeoutMs)), timeoutMs);
    });
    const ping = this.orm.em.fork().sql`select 1`.catch((error: unknown) => {
      throw HealthCheckFailedError.ping(key, error);
    });
    try {
      await Promise.race([ping, timeout]);
    } finally {
      clearTimeout(timer);
    }
    return { [key]: { status: 'up' } } as HealthIndicatorUp<K>;
  }
}
