import { CircuitOpenError, ValidationError } from '../../../src';
import { CircuitBreaker } from '../../../src/sql/circuit-breaker';

/** The breaker's states, on a clock the test moves (the own-server suite runs it against a stopped server). */
describe('CircuitBreaker', () => {
  let now = 1_000_000;
  beforeEach(() => jest.spyOn(Date, 'now').mockImplementation(() => now));
  afterEach(() => jest.restoreAllMocks());

  const failTimes = (breaker: CircuitBreaker, n: number) => {
    for (let i = 0; i < n; i++) breaker.connectFailed();
  };

  test('opens only after N failures in a row: a connection that opens resets the count', () => {
    const breaker = new CircuitBreaker({ failures: 3, coolDownMs: 1000 }, 'postgres');
    failTimes(breaker, 2);
    breaker.connected();
    failTimes(breaker, 2);
    expect(breaker.state).toBe('closed');
    breaker.connectFailed();
    expect(breaker.state).toBe('open');
  });

  test('fails fast during the cool-down, then lets exactly one probe through', () => {
    const breaker = new CircuitBreaker({ failures: 1, coolDownMs: 1000 }, 'mysql');
    breaker.connectFailed();
    now += 400;
    expect(() => breaker.admitProbe()).toThrow(CircuitOpenError);
    expect(() => breaker.admitProbe()).toThrow(
      'The mysql circuit breaker is open after 1 connection attempts in a row failed: calls fail fast without connecting; one probe tries again in 600 ms. Nothing was sent.',
    );
    now += 600;
    breaker.admitProbe();
    expect(breaker.state).toBe('half-open');
    // While the probe is out, everyone else still fails fast.
    expect(() => breaker.admitProbe()).toThrow(CircuitOpenError);
    breaker.probeSucceeded();
    expect(breaker.state).toBe('closed');
  });

  test('a failed probe opens it for another whole cool-down', () => {
    const breaker = new CircuitBreaker({ failures: 1, coolDownMs: 1000 }, 'postgres');
    breaker.connectFailed();
    now += 1000;
    breaker.admitProbe();
    breaker.probeFailed();
    expect(breaker.state).toBe('open');
    now += 999;
    expect(() => breaker.admitProbe()).toThrow(CircuitOpenError);
    now += 1;
    expect(() => breaker.admitProbe()).not.toThrow();
  });

  test('false never opens; bad options are refused', () => {
    const off = new CircuitBreaker(false, 'postgres');
    failTimes(off, 1000);
    expect(off.state).toBe('closed');
    expect(() => new CircuitBreaker({ failures: 1.5 }, 'postgres')).toThrow(ValidationError);
    expect(() => new CircuitBreaker({ coolDownMs: -1 }, 'postgres')).toThrow('circuitBreaker.coolDownMs must be a number of milliseconds, 0 or more, got -1.');
  });
});
