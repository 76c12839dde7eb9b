import type { CircuitState, PoolStats } from '../dialects/driver';
import type { MetricFamily } from './metric-family';

const CIRCUIT_STATES: readonly CircuitState[] = ['closed', 'open', 'half-open'];

/** The pool as it stands, read when metrics are collected (nothing is recorded in between). */
export function poolMetrics(stats: PoolStats, circuit: CircuitState): MetricFamily[] {
  return [
    {
      name: 'tessera_pool_connections',
      help: 'Open connections, by state (used: handed out or opening; idle: waiting for work). Their sum is the pool size.',
      type: 'gauge',
      samples: [
        { labels: { state: 'used' }, value: stats.used },
        { labels: { state: 'idle' }, value: stats.free },
      ],
    },
    { name: 'tessera_pool_max_connections', help: 'Most connections the pool opens.', type: 'gauge', samples: [{ labels: {}, value: stats.max }] },
    { name: 'tessera_pool_waiting', help: 'Callers waiting for a connection.', type: 'gauge', samples: [{ labels: {}, value: stats.pending }] },
    {
      name: 'tessera_circuit_state',
      help: "The pool's circuit breaker: 1 for the state it is in (closed, open: failing fast, half-open: one probe), 0 for the others.",
      type: 'gauge',
      samples: CIRCUIT_STATES.map((state) => ({ labels: { state }, value: state === circuit ? 1 : 0 })),
    },
  ];
}
