import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { dropRedisPrefix, SHARED_REDIS_URL, testRedisPrefix } from '../../support/redis-prefix';
import { COUNTER_ENTITIES } from '../../support/cache-entities';
import { hitRatio, MemoryAckBoard, race, RACE_WRITERS, raceSeconds, seedCounters, sumTallies, type RaceTally } from '../../support/cache-race';

const root = resolve(__dirname, '../../..');
/** Readers per racer process (two processes: 8 writers and 8 readers in all). */
const READERS = 4;

interface Racer {
  readonly ready: Promise<void>;
  go(): void;
  readonly tally: Promise<RaceTally>;
}

/** Starts test/support/cache-race-child.ts; its tally once it has raced. */
function startRacer(fx: Fixture, prefix: string, writers: readonly number[]): Racer {
  const args = [fx.dialect, fx.url, SHARED_REDIS_URL, prefix, JSON.stringify(writers), String(READERS), String(raceSeconds())];
  const proc = spawn(process.execPath, ['-r', './scripts/register.js', 'test/support/cache-race-child.ts', ...args], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let readyLine: () => void;
  const ready = new Promise<void>((done) => (readyLine = done));
  createInterface({ input: proc.stdout }).on('line', (line) => (line === 'ready' ? readyLine() : lines.push(line)));
  const tally = new Promise<RaceTally>((done, fail) => {
    proc.once('error', fail);
    proc.once('exit', (code, signal) => {
      if (code !== 0) fail(new Error(`racer exited with ${code ?? signal}: ${lines.join('\n')}`));
      else done(JSON.parse(lines[lines.length - 1]) as RaceTally);
    });
  });
  return { ready: Promise.race([ready, tally.then(() => undefined)]), go: () => proc.stdin.end('go\n'), tally };
}

/** Every row's version in the database: their sum is the number of acknowledged writes. */
async function versionSum(fx: Fixture): Promise<number> {
  return (await fx.raw.rows('cache_counter')).reduce((sum, row) => sum + Number(row.version), 0);
}

/** With TESSERA_CACHE_RACE_REPORT=<file>, each race appends its figures there (docs/feature-benchmarks.md). */
function record(fx: Fixture, setup: string, tally: RaceTally): void {
  const file = process.env.TESSERA_CACHE_RACE_REPORT;
  if (!file) return;
  const { stale, ...figures } = tally;
  appendFileSync(file, `${JSON.stringify({ dialect: fx.dialect, setup, seconds: raceSeconds(), hitRatio: hitRatio(tally), ...figures })}\n`);
}

describe('two processes sharing one Redis', () => {
  const prefix = testRedisPrefix('cache-race');
  afterAll(() => dropRedisPrefix(prefix));

  describeEachDialect(COUNTER_ENTITIES, (fx) => {
    it('no read in either process returns a version older than an acknowledged flush', async () => {
      await seedCounters(fx.orm);
      const half = RACE_WRITERS / 2;
      const racers = [0, 1].map((p) => startRacer(fx, `${prefix}${fx.dialect}:`, Array.from({ length: half }, (_, i) => p * half + i)));
      await Promise.all(racers.map((r) => r.ready));
      for (const racer of racers) racer.go();
      const total = sumTallies(await Promise.all(racers.map((r) => r.tally)));
      record(fx, 'redis, 2 processes', total);

      expect(total.stale).toEqual([]);
      expect(total.staleReads).toBe(0);
      expect(total.writes).toBeGreaterThan(0);
      expect(total.reads).toBeGreaterThan(total.writes);
      // The cache did serve reads (the race is not a test of the database alone).
      expect(total.hits).toBeGreaterThan(0);
      expect(total.errors).toBe(0);
      expect(await versionSum(fx)).toBe(total.writes);
    });
  });
});

describe('one process, the memory store', () => {
  describeEachDialect(
    COUNTER_ENTITIES,
    (fx) => {
      it('no read in any fork returns a version older than an acknowledged flush', async () => {
        await seedCounters(fx.orm);
        const tally = await race(fx.orm, new MemoryAckBoard(), {
          writers: Array.from({ length: RACE_WRITERS }, (_, w) => w),
          readers: RACE_WRITERS,
          seconds: raceSeconds(),
          name: 'memory',
        });
        record(fx, 'memory, 1 process', tally);

        expect(tally.stale).toEqual([]);
        expect(tally.staleReads).toBe(0);
        expect(tally.writes).toBeGreaterThan(0);
        expect(tally.hits).toBeGreaterThan(0);
        expect(tally.errors).toBe(0);
        expect(await versionSum(fx)).toBe(tally.writes);
      });
    },
    { cache: { store: 'memory' } },
  );
});
