import { CircuitOpenError } from '../errors/driver-error';
import { ValidationError } from '../errors/validation-error';
import type { CircuitBreakerOptions, CircuitState } from '../dialects/driver';

const DEFAULT_FAILURES = 5;
const DEFAULT_COOL_DOWN_MS = 1000;

/**
 * A pool's circuit breaker. Closed, it only counts connection attempts that failed in a row (an attempt that
 * opens a connection resets the count). At `failures` it opens: calls fail fast with `CircuitOpenError` for
 * `coolDownMs`, then the next call is let through as the one probe (half-open) while the others still fail fast;
 * the probe's success closes the breaker, its failure opens it for another cool-down.
 *
 * The pool reads `state` once per acquire; everything else runs only when a connection is opened or refused.
 */
export class CircuitBreaker {
  state: CircuitState = 'closed';
  private failuresInRow = 0;
  private openedAt = 0;
  private readonly threshold: number;
  private readonly coolDownMs: number;

  constructor(
    options: CircuitBreakerOptions | false | undefined,
    private readonly dialect: string,
  ) {
    this.threshold = options === false ? Infinity : (options?.failures ?? DEFAULT_FAILURES);
    this.coolDownMs = options === false ? 0 : (options?.coolDownMs ?? DEFAULT_COOL_DOWN_MS);
    if (!(Number.isInteger(this.threshold) && this.threshold >= 1) && this.threshold !== Infinity) {
      throw ValidationError.badOption('circuitBreaker.failures', 'an integer of 1 or more', this.threshold);
    }
    if (!(Number.isFinite(this.coolDownMs) && this.coolDownMs >= 0)) {
      throw ValidationError.badOption('circuitBreaker.coolDownMs', 'a number of milliseconds, 0 or more', this.coolDownMs);
    }
  }

  /** A connection opened: the server answers. */
  connected(): void {
    this.failuresInRow = 0;
  }

  /** A connection attempt failed. */
  connectFailed(): void {
    if (++this.failuresInRow >= this.threshold && this.state === 'closed') this.open();
  }

  /**
   * Called instead of acquiring while the breaker is not closed: throws `CircuitOpenError` during the cool-down
   * or while the probe is out; otherwise marks this call as the probe, which must end in `probeSucceeded` or
   * `probeFailed`.
   */
  admitProbe(): void {
    const waited = Date.now() - this.openedAt;
    if (this.state === 'half-open' || waited < this.coolDownMs) {
      throw CircuitOpenError.failingFast(this.dialect, this.failuresInRow, this.state === 'half-open' ? this.coolDownMs : this.coolDownMs - waited);
    }
    this.state = 'half-open';
  }

  probeSucceeded(): void {
    this.failuresInRow = 0;
    this.state = 'closed';
  }

  probeFailed(): void {
    this.open();
  }

  private open(): void {
    this.state = 'open';
    this.openedAt = Date.now();
  }
}
