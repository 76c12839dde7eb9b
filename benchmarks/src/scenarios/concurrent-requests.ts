import { mulberry32 } from '../scenario-data';
import { expectRowCount } from './item-checks';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

const TASKS = 16;
const WRITE_EVERY = 10;

/** BENCH_S10_SECONDS: how long the 16 tasks keep issuing requests (default 10 s). */
export function concurrencySeconds(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.BENCH_S10_SECONDS ?? 10);
  if (!(seconds > 0)) throw new Error(`BENCH_S10_SECONDS must be a positive number, got ${env.BENCH_S10_SECONDS}`);
  return seconds;
}

export const concurrentRequests: Scenario = {
  id: 'S10',
  title: `${TASKS} concurrent request-like tasks on a pool of 10`,
  timed:
    `${TASKS} tasks issuing requests back to back for BENCH_S10_SECONDS (10 s by default); each request opens a fresh ` +
    `context and finds one item by primary key, every ${WRITE_EVERY}th also raises its age by one and saves it. ` +
    'Figure: requests per second (higher is better; its "× raw" is the throughput ratio), beside it the 99th ' +
    'percentile latency of one request',
  unit: 'requests/s',
  async run({ table, items, contender }) {
    await table.reset();
    const ids = await table.seed(items);
    const names = new Map(ids.map((id, i) => [id, items[i].name]));
    const ageSumBefore = await table.ageSum();
    const random = mulberry32(10);
    const latencies: number[] = [];
    let issued = 0;
    let writes = 0;
    const durationMs = concurrencySeconds() * 1000;

    const start = performance.now();
    const deadline = start + durationMs;
    // Request k looks up a random id; no two requests in flight at once can share a row: a write reads the age
    // it raises, so two tasks racing on one row would lose an increment and fail the check below.
    const inFlight = new Set<number>();
    const task = async () => {
      while (performance.now() < deadline) {
        let id = ids[Math.floor(random() * ids.length)];
        while (inFlight.has(id)) id = ids[Math.floor(random() * ids.length)];
        inFlight.add(id);
        const write = ++issued % WRITE_EVERY === 0;
        const begun = performance.now();
        const found = await contender.serveRequest(id, write);
        latencies.push(performance.now() - begun);
        inFlight.delete(id);
        if (Number(found?.id) !== id || found.name !== names.get(id)) {
          throw VerificationError.mismatch(this.id, contender.name, id, `came back as ${JSON.stringify(found)}`);
        }
        if (write) writes++;
      }
    };
    await Promise.all(Array.from({ length: TASKS }, task));
    const seconds = (performance.now() - start) / 1000;

    await expectRowCount(table, items.length, this.id, contender.name);
    const ageSum = await table.ageSum();
    if (ageSum !== ageSumBefore + writes) {
      throw VerificationError.notUpdated(this.id, contender.name, ageSum - ageSumBefore, writes, ageSum, ageSumBefore + writes);
    }
    latencies.sort((a, b) => a - b);
    const p99 = latencies[Math.max(0, Math.ceil(latencies.length * 0.99) - 1)];
    return { value: latencies.length / seconds, extras: { 'p99 ms': p99 } };
  },
};
