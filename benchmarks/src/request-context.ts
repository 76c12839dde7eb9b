import 'reflect-metadata';
import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Column, Entity, Orm, PrimaryKey, type EntityManager } from 'tessera-orm';
import { DIALECT_NAMES, type DialectName, type DialectTarget } from './dialect-target';
import { ensureDatabase } from './fixture/ensure-database';
import { markdownTable } from './report/markdown-table';
import { summarize } from './stats';

/**
 * The cost of the request context itself (docs/frameworks.md): one handler, `findOne` by primary key and a JSON
 * answer, run two ways: inside `orm.middleware()` through the global `orm.em` (what the framework integrations do),
 * and on a fork the handler makes by hand (`orm.em.fork()`). Measured three ways, in alternating rounds:
 * - without the database: a fork and one call on it, ns per call (the integration's own cost, which the others
 *   bury in the noise of a shared machine);
 * - in process, no HTTP: µs per call, one call at a time;
 * - over HTTP (node:http, keep-alive, CONNECTIONS concurrent clients): requests per second.
 * Prints a markdown table of medians. BENCH_DIALECTS narrows the dialects; BENCH_REPS the rounds (default 7).
 * It uses its own databases (`tessera_request_context`, never the main run's).
 */
@Entity({ table: 'request_context_item' })
class Item {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'int' }) qty!: number;
}

const ROWS = 100;
const CALLS = Number(process.env.BENCH_CALLS ?? 5000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 4000);
const BARE_CALLS = 100_000;
const CONNECTIONS = 16;
const REPS = Number(process.env.BENCH_REPS ?? 7);

type Way = 'context' | 'fork';

function target(dialect: DialectName): DialectTarget {
  switch (dialect) {
    case 'sqlite':
      return { dialect, url: path.join(os.tmpdir(), 'tessera-request-context.sqlite') };
    case 'postgres':
      return { dialect, url: process.env.BENCH_POSTGRES_URL?.replace(/\/[^/]*$/, '/tessera_request_context') ?? 'postgres://postgres@127.0.0.1:5432/tessera_request_context' };
    case 'mariadb':
      return { dialect, url: process.env.BENCH_MARIADB_URL?.replace(/\/[^/]*$/, '/tessera_request_context') ?? 'mysql://root@127.0.0.1:3306/tessera_request_context' };
  }
}

/** The handler: the same work either way, on whichever EntityManager it is given. */
async function handle(em: EntityManager, id: number): Promise<string> {
  const item = await em.findOne(Item, id);
  return JSON.stringify(item);
}

/**
 * The integration's own cost, without the database: a fork plus one call on it (`getReference`, no query), through
 * the request context (`orm.em` looks the fork up) or on a fork in hand. ns per call.
 */
async function withoutDatabase(orm: Orm, way: Way): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < BARE_CALLS; i++) {
    const id = (i % ROWS) + 1;
    if (way === 'context') await orm.requestContext(async () => orm.em.getReference(Item, id));
    else await (async () => orm.em.fork().getReference(Item, id))();
  }
  return Number(process.hrtime.bigint() - start) / BARE_CALLS;
}

async function inProcess(orm: Orm, way: Way): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < CALLS; i++) {
    const id = (i % ROWS) + 1;
    if (way === 'context') await orm.requestContext(() => handle(orm.em, id));
    else await handle(orm.em.fork(), id);
  }
  return Number(process.hrtime.bigint() - start) / 1000 / CALLS;
}

function server(orm: Orm, way: Way) {
  const middleware = orm.middleware();
  const answer = (res: ServerResponse, body: Promise<string>) =>
    body.then(
      (json) => res.writeHead(200, { 'content-type': 'application/json' }).end(json),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  return createServer((req: IncomingMessage, res: ServerResponse) => {
    const id = Number(req.url?.slice(1));
    if (way === 'context') middleware(req, res, () => answer(res, handle(orm.em, id)));
    else answer(res, handle(orm.em.fork(), id));
  });
}

async function overHttp(orm: Orm, way: Way): Promise<number> {
  const http = server(orm, way);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const port = (http.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  let next = 0;
  const get = (id: number) =>
    new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: `/${id}`, agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`status ${res.statusCode}`));
        res.resume().on('end', resolve);
      })
        .on('error', reject)
        .end();
    });
  const client = async () => {
    while (next < REQUESTS) await get((next++ % ROWS) + 1);
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONNECTIONS }, client));
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  agent.destroy();
  await new Promise<void>((resolve) => http.close(() => resolve()));
  return REQUESTS / seconds;
}

async function main(): Promise<void> {
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECT_NAMES;
  const rows: string[][] = [];
  for (const dialect of dialects) {
    const where = target(dialect);
    await ensureDatabase(where);
    const orm = await Orm.init({ dialect: where.dialect, url: where.url, entities: [Item], pool: { min: 0, max: CONNECTIONS } });
    await orm.schema.drop();
    await orm.schema.create();
    const em = orm.em.fork();
    for (let i = 1; i <= ROWS; i++) em.create(Item, { name: `item ${i}`, qty: i });
    await em.flush();

    const ns: Record<Way, number[]> = { context: [], fork: [] };
    const us: Record<Way, number[]> = { context: [], fork: [] };
    const rps: Record<Way, number[]> = { context: [], fork: [] };
    // A warm-up round of each, then alternating rounds, the order flipped every round.
    for (const way of ['context', 'fork'] as const) {
      await withoutDatabase(orm, way);
      await inProcess(orm, way);
      await overHttp(orm, way);
    }
    for (let rep = 0; rep < REPS; rep++) {
      const order: Way[] = rep % 2 === 0 ? ['context', 'fork'] : ['fork', 'context'];
      for (const way of order) ns[way].push(await withoutDatabase(orm, way));
      for (const way of order) us[way].push(await inProcess(orm, way));
      for (const way of order) rps[way].push(await overHttp(orm, way));
      process.stderr.write(`${dialect}: round ${rep + 1}/${REPS}\n`);
    }
    await orm.close();
    const [nc, nf, uc, uf, rc, rf] = [ns.context, ns.fork, us.context, us.fork, rps.context, rps.fork].map((s) => summarize(s).median);
    const change = (a: number, b: number) => `${a >= b ? '+' : ''}${((a / b - 1) * 100).toFixed(1)}%`;
    rows.push([
      dialect,
      `${nf.toFixed(0)} → ${nc.toFixed(0)} (+${(nc - nf).toFixed(0)} ns)`,
      `${uf.toFixed(1)} → ${uc.toFixed(1)} (${change(uc, uf)})`,
      `${rf.toFixed(0)} → ${rc.toFixed(0)} (${change(rc, rf)})`,
    ]);
  }
  process.stdout.write(
    markdownTable(
      ['dialect', 'ns/call, no database: fork by hand → context', 'µs/call, findOne: fork by hand → context', 'req/s over HTTP: fork by hand → context'],
      ['l', 'r', 'r', 'r'],
      rows,
    ),
  );
  process.stdout.write(`\n\n${REPS} alternating rounds (medians); without the database ${BARE_CALLS} calls per round, in process ${CALLS} sequential calls per round, over HTTP ${REQUESTS} requests on ${CONNECTIONS} keep-alive connections per round.\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
