import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { Orm, type ChangeFeedOptions } from 'tessera-orm';
import type { DialectName } from '../dialect-target';
import { FeedBenchUser } from './feed-user';

/**
 * Process A: `feed-producer.ts <dialect> <url> <changeFeed JSON> <events>`. Updates one row `events` times, one
 * flush at a time, and prints `<seq> <time>` when each `flush()` returned (epoch ms, sub-ms resolution); its
 * relay publishes each change after commit. Prints `done` once its outbox is empty.
 */
async function main(): Promise<void> {
  const [dialect, url, json, events] = process.argv.slice(2);
  const orm = await Orm.init({ dialect: dialect as DialectName, url, entities: [FeedBenchUser], changeFeed: JSON.parse(json) as ChangeFeedOptions });
  const em = orm.em.fork();
  const user = await em.findOneOrFail(FeedBenchUser, 1);
  const lines: string[] = [];
  for (let seq = 1; seq <= Number(events); seq++) {
    user.seq = seq;
    await em.flush();
    lines.push(`${seq} ${performance.timeOrigin + performance.now()}`);
    // Paced: each event's latency is its own, not that of a queue behind it.
    await new Promise((resolve) => setTimeout(resolve, 3));
  }
  for (;;) {
    const [{ n }] = await orm.em.fork().sql<{ n: number | string }>`select count(*) as n from tessera_change_outbox`;
    if (Number(n) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await orm.close();
  process.stdout.write(`${lines.join('\n')}\ndone\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
