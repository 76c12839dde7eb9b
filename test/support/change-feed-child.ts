/**
 * A writer in its own process, for the change-feed tests: `node -r scripts/register.js
 * test/support/change-feed-child.ts <dialect> <url> <mode> <changeFeed options as JSON>`.
 * - `produce`: change-feed-scenario.ts's `produce`, then waits for its relay to empty the outbox and prints `relayed`.
 * - `die-after-commit`: updates user 1 and SIGKILLs itself as soon as the transaction committed, before its
 *   relay can publish (the relay's pass starts asynchronously after afterCommit's listeners).
 * - `relay`: only relays (what a restarted process does), prints `relayed` once the outbox is empty.
 * - `latency <n>`: writes n single-row updates one by one, printing each `flush()`'s return time (ms, from
 *   performance.timeOrigin + now()) as `t <seq> <time>`; the benchmark's producer.
 */
import { performance } from 'node:perf_hooks';
import { Orm, type ChangeFeedOptions, type DialectName } from '../../src';
import { FEED_ENTITIES, FeedUser } from './change-feed-entities';
import { produce } from './change-feed-scenario';

async function main(): Promise<void> {
  const [dialect, url, mode, json, arg] = process.argv.slice(2);
  const changeFeed = JSON.parse(json) as ChangeFeedOptions;
  const orm = await Orm.init({ dialect: dialect as DialectName, url, entities: FEED_ENTITIES, changeFeed, pool: { min: 0, max: 2 } });
  try {
    if (mode === 'produce') await produce(orm);
    if (mode === 'die-after-commit') await dieAfterCommit(orm);
    if (mode === 'latency') await latency(orm, Number(arg));
    await outboxEmpty(orm);
    process.stdout.write('relayed\n');
  } finally {
    await orm.close();
  }
}

async function dieAfterCommit(orm: Orm): Promise<void> {
  // The flush's transaction, not the relay's (whose sweep at start commits too). Registered after the change
  // feed's own listener, which only wakes the relay: the kill comes before the relay's pass sends anything.
  let flushed: string | undefined;
  orm.events.on('afterFlush', (e) => void (flushed = e.transactionId));
  orm.events.on('afterCommit', (e) => {
    if (e.transactionId === flushed) process.kill(process.pid, 'SIGKILL');
  });
  const em = orm.em.fork();
  const ada = await em.findOneOrFail(FeedUser, 1);
  ada.email = 'ada@z.io';
  await em.flush();
}

async function latency(orm: Orm, n: number): Promise<void> {
  const em = orm.em.fork();
  const user = await em.findOneOrFail(FeedUser, 1);
  for (let i = 0; i < n; i++) {
    user.email = `u${i}@x.io`;
    await em.flush();
    process.stdout.write(`t ${i} ${performance.timeOrigin + performance.now()}\n`);
    // One change at a time: each event's latency is its own, not a queue's.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function outboxEmpty(orm: Orm): Promise<void> {
  for (;;) {
    const [{ n }] = await orm.em.fork().sql<{ n: number | string }>`select count(*) as n from tessera_change_outbox`;
    if (Number(n) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(String((error as Error).stack ?? error));
  process.exit(1);
});
