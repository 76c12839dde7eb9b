import { TesseraError } from './tessera-error';

/** What a failed health indicator reports under its key, as `@nestjs/terminus` shows it. */
export interface HealthIndicatorDown {
  readonly status: 'down';
  readonly message: string;
}

/**
 * The database did not answer a health check (`TesseraHealthIndicator.pingCheck`). Shaped as `@nestjs/terminus`
 * reads a failed indicator (`isHealthCheckError`, `causes`), without depending on it: a health endpoint reports
 * `{ [key]: { status: 'down', message } }`. The database's error is the `cause`.
 */
export class HealthCheckFailedError extends TesseraError {
  readonly isHealthCheckError = true;

  constructor(
    message: string,
    readonly causes: Readonly<Record<string, HealthIndicatorDown>>,
    cause: unknown,
  ) {
    super(message, { cause });
  }

  static ping(key: string, cause: unknown): HealthCheckFailedError {
    const reason = cause instanceof Error ? cause.message : String(cause);
    return new HealthCheckFailedError(`Health check '${key}' failed: ${reason}`, { [key]: { status: 'down', message: reason } }, cause);
  }

  static timeout(key: string, timeoutMs: number): HealthCheckFailedError {
    const reason = `the database did not answer within ${timeoutMs} ms`;
    return new HealthCheckFailedError(`Health check '${key}' failed: ${reason}`, { [key]: { status: 'down', message: reason } }, undefined);
  }
}
