// Recovery under faults (issue 15): the fault suite's load (8 request-like workers, test/support/fault-load.ts)
// against an own server per dialect, each fault played ROUNDS times (default 5):
//   crash  the server killed (PostgreSQL immediate shutdown, MariaDB kill -9), down 2 s, started again;
//   kill   every session of the Orm terminated by the server (pg_terminate_backend / KILL);
//   stall  the server stopped (SIGSTOP) 2 s, past statementTimeoutMs (300 ms), then continued;
//   busy   (SQLite) another process holds the write lock 1 s, past busyTimeoutMs (200 ms).
// Recovery: from the fault's end (the restarted server answers its first query; SIGCONT; the kill; the lock's
// release) to the first read that succeeds through the Orm, p50 and max. Then flushes the application was told
// succeeded against rows found (each acknowledged token exactly once), failed flushes, and failed flushes whose
// commit outcome was unknown (and how many of those did commit).
// Run: node -r ./scripts/register.js scripts/fault-recovery-bench.ts [BENCH_DIALECTS=postgres,mariadb,sqlite] [BENCH_ROUNDS=5]
import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommitOutcomeUnknownError, ConnectionError, LockWaitTimeoutError, Orm, QueryTimeoutError, type OrmOptions } from '../src';
import { FAULT_ENTITIES, FaultLoad, settle } from '../test/support/fault-load';
import { createOwnServer, type OwnServer } from '../test/support/own-server';
import { openRawClient } from '../test/support/raw-client';
import { openRawSession } from '../test/support/session-killer';
import { exitOf, lockInChild } from '../test/support/sqlite-lock-holder';
import type { TestDialect } from '../test/support/test-databases';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const DIALECTS = (process.env.BENCH_DIALECTS ?? 'postgres,mariadb,sqlite').split(',') as TestDialect[];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Fault {
  readonly name: string;
  readonly options: Partial<OrmOptions>;
  /** Plays the fault once; resolves at its end, from which recovery is timed. */
  play(target: { server?: OwnServer; url: string }): Promise<void>;
}

const SERVER_FAULTS: Fault[] = [
  {
    name: 'crash, down 2 s',
    options: {},
    play: async ({ server }) => {
      await server!.stop({ immediate: true });
      await sleep(2000);
      await server!.start();
    },
  },
  {
    name: 'sessions killed',
    options: {},
    play: async ({ server, url }) => {
      const killer = await openRawSession(server!.dialect, url);
      try {
        await killer.killOthers(false, []);
      } finally {
        await killer.close();
      }
    },
  },
  {
    name: 'stalled 2 s (SIGSTOP)',
    options: { statementTimeoutMs: 300, connectTimeoutMs: 500 },
    play: async ({ server }) => {
      server!.freeze();
      await sleep(2000);
      server!.thaw();
    },
  },
];

const BUSY: Fault = {
  name: 'write lock held 1 s',
  options: { busyTimeoutMs: 200 },
  play: async ({ url }) => {
    await exitOf(await lockInChild(url, 1000));
  },
};

async function measure(dialect: TestDialect, fault: Fault, target: { server?: OwnServer; url: string }): Promise<string> {
  const orm = await Orm.init({ dialect, url: target.url, entities: FAULT_ENTITIES, pool: { min: 0, max: 10, acquireTimeoutMillis: 1000 }, ...fault.options });
  try {
    await orm.schema.drop();
    await orm.schema.create();
    const load = await FaultLoad.start(orm);
    const recovery: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await fault.play(target);
      recovery.push(await load.recovered());
    }
    const violations = await settle(load, orm, dialect, target.url, [ConnectionError, QueryTimeoutError, LockWaitTimeoutError]);
    const raw = await openRawClient(dialect, target.url);
    const rows = new Map<string, number>();
    try {
      for (const row of await raw.rows('fault_tickets')) rows.set(String(row.token), (rows.get(String(row.token)) ?? 0) + 1);
    } finally {
      await raw.close();
    }
    const foundOnce = load.acknowledged.filter((token) => rows.get(token) === 1).length;
    const unknown = load.failedFlushes.filter((f) => f.error instanceof CommitOutcomeUnknownError);
    const committed = unknown.filter((f) => rows.has(f.token)).length;
    recovery.sort((a, b) => a - b);
    const median = recovery[Math.floor(recovery.length / 2)];
    return `| ${dialect} | ${fault.name} | ${median} / ${recovery[recovery.length - 1]} ms | ${load.acknowledged.length} / ${foundOnce} | ${load.failedFlushes.length} | ${unknown.length} (${committed} committed) | ${violations.length} |`;
  } finally {
    await orm.close();
  }
}

async function main(): Promise<void> {
  console.log(`${ROUNDS} rounds of each fault under 8 workers; recovery: fault's end to the first read through the Orm.\n`);
  console.log('| dialect | fault | recovery p50 / max | flushes acknowledged / found once | failed flushes | outcome unknown | violations |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const dialect of DIALECTS) {
    if (dialect === 'sqlite') {
      const dir = mkdtempSync(join(tmpdir(), 'tessera-fault-bench-'));
      try {
        console.log(await measure(dialect, BUSY, { url: join(dir, 'bench.sqlite') }));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      continue;
    }
    const server = await createOwnServer(dialect);
    try {
      await server.start();
      for (const fault of SERVER_FAULTS) console.log(await measure(dialect, fault, { server, url: server.url }));
    } finally {
      await server.destroy();
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
