/**
 * Load figures for the RealWorld example (`npm run bench --workspace examples/realworld` after `npm run build`):
 * with 500 articles by 50 users seeded, requests/s and p50/p99 latency of `GET /api/articles?limit=20` (with a
 * token) and `POST /api/articles`, under 16 connections for 10 s (autocannon), per dialect, plus the SQL
 * statements each request sends. The server runs in a child process (as `npm start` runs it) so that autocannon
 * does not share its event loop; statements are counted on an in-process instance over the same database.
 *
 * BENCH_DIALECTS=sqlite,postgres,mariadb  BENCH_DURATION=10  BENCH_CONNECTIONS=16  BENCH_REPORT=<file.md>
 * TESSERA_PG_URL / TESSERA_MYSQL_URL point at the servers (default: the local ones); each run recreates a
 * `conduit_bench` database there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { createConnection } from 'mysql2/promise';
import { Client } from 'pg';
import { Orm, type QueryEvent } from 'tessera-orm';
import { ormOptions } from '../src/config';
import { createApp } from '../src/create-app';
import { Article, Tag, User } from '../src/entities';
import { PasswordHasher } from '../src/users/password-hasher';

type Dialect = 'sqlite' | 'postgres' | 'mariadb';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres,mariadb').split(',') as Dialect[];
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const JWT_SECRET = 'bench-secret';
const PORT = 3900;

interface Row {
  dialect: Dialect;
  request: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  statements: number;
}

async function main(): Promise<void> {
  const rows: Row[] = [];
  for (const dialect of DIALECTS) rows.push(...(await benchDialect(dialect)));
  const table = [
    `RealWorld example, ${CONNECTIONS} connections for ${DURATION} s per request, 500 articles by 50 users seeded (${new Date().toISOString()})`,
    '',
    '| dialect | request | requests/s | p50 ms | p99 ms | non-2xx | SQL statements per request |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.dialect} | ${r.request} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} | ${r.statements} |`),
  ].join('\n');
  console.log(table);
  if (process.env.BENCH_REPORT) writeFileSync(process.env.BENCH_REPORT, table + '\n');
}

async function benchDialect(dialect: Dialect): Promise<Row[]> {
  const url = await freshDatabase(dialect);
  const { token, statements } = await seedAndCount(url);
  const server = await startServer(url);
  try {
    const api = `http://127.0.0.1:${PORT}/api`;
    const headers = { 'content-type': 'application/json', authorization: `Token ${token}` };
    const list = await autocannon({ url: `${api}/articles?limit=20`, connections: CONNECTIONS, duration: DURATION, headers });
    let n = 0;
    const create = await autocannon({
      url: `${api}/articles`,
      connections: CONNECTIONS,
      duration: DURATION,
      method: 'POST',
      headers,
      requests: [
        {
          setupRequest: (request) => ({
            ...request,
            body: JSON.stringify({ article: { title: `Bench article ${process.pid}-${++n}`, description: 'd', body: 'b', tagList: ['tag1', 'tag2'] } }),
          }),
        },
      ],
    });
    return [
      { dialect, request: 'GET /api/articles?limit=20 (token)', ...figures(list), statements: statements.list },
      { dialect, request: 'POST /api/articles', ...figures(create), statements: statements.create },
    ];
  } finally {
    await stopServer(server);
    if (dialect === 'sqlite') for (const suffix of ['', '-wal', '-shm']) rmSync(url + suffix, { force: true });
  }
}

function figures(result: autocannon.Result): Pick<Row, 'rps' | 'p50' | 'p99' | 'non2xx'> {
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

/**
 * Migrates (through the app, as at start) and seeds 50 users, 20 tags and 500 articles (three tags each, a few
 * favorites, each user following five others), then counts the statements of one list and one create request.
 */
async function seedAndCount(url: string): Promise<{ token: string; statements: { list: number; create: number } }> {
  const app = await createApp({ orm: ormOptions(url), jwtSecret: JWT_SECRET }, false);
  await app.listen(0, '127.0.0.1');
  try {
    const orm = app.get(Orm);
    const em = orm.em.fork();
    const passwordHash = await new PasswordHasher(10).hash('bench-password');
    const users = Array.from({ length: 50 }, (_, i) => em.create(User, { username: `user${i}`, email: `user${i}@example.com`, passwordHash }));
    const tags = Array.from({ length: 20 }, (_, i) => em.create(Tag, { name: `tag${i}` }));
    users.forEach((user, i) => user.following.add(...[1, 2, 3, 4, 5].map((k) => users[(i + k) % 50])));
    for (let i = 0; i < 500; i++) {
      const at = new Date(Date.UTC(2026, 0, 1) + i * 60_000);
      const article = em.create(Article, {
        slug: `seeded-${i}`,
        title: `Seeded ${i}`,
        description: 'A seeded article',
        body: 'Lorem ipsum '.repeat(50),
        author: users[i % 50],
        createdAt: at,
        updatedAt: at,
        tags: [tags[i % 20], tags[(i + 7) % 20], tags[(i + 13) % 20]],
      });
      article.favoritedBy.add(...[0, 1, 2].map((k) => users[(i + k * 17) % 50]));
    }
    await em.flush();

    const { address, port } = app.getHttpServer().address();
    const api = `http://${address}:${port}/api`;
    const login = await fetch(`${api}/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ user: { email: 'user0@example.com', password: 'bench-password' } }),
    });
    const token = ((await login.json()) as { user: { token: string } }).user.token;
    const headers = { 'content-type': 'application/json', authorization: `Token ${token}` };
    const count = async (path: string, init: RequestInit): Promise<number> => {
      const seen: QueryEvent[] = [];
      const off = orm.on('query', (q) => seen.push(q));
      const answer = await fetch(api + path, { headers, ...init });
      await answer.text();
      off();
      if (!answer.ok) throw new Error(`${path}: ${answer.status}`);
      return seen.length;
    };
    const list = await count('/articles?limit=20', { method: 'GET' });
    const body = JSON.stringify({ article: { title: 'Counted', description: 'd', body: 'b', tagList: ['tag1', 'tag2'] } });
    const create = await count('/articles', { method: 'POST', body });
    return { token, statements: { list, create } };
  } finally {
    await app.close();
  }
}

function startServer(url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['-r', join(__dirname, '../../../scripts/register.js'), join(__dirname, '../src/main.ts')], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), JWT_SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Conduit API listening')) resolve(child);
    });
    child.on('exit', (code) => reject(new Error(`the server exited with code ${code}`)));
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  // Let the requests autocannon left in flight finish, rather than close the pool under them.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.on('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function freshDatabase(dialect: Dialect): Promise<string> {
  if (dialect === 'sqlite') {
    const file = join(tmpdir(), `conduit-bench-${process.pid}.sqlite`);
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
    return file;
  }
  if (dialect === 'postgres') {
    const admin = new URL(process.env.TESSERA_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const client = new Client({ connectionString: admin.toString() });
    await client.connect();
    await client.query('drop database if exists conduit_bench with (force)');
    await client.query('create database conduit_bench');
    await client.end();
    admin.pathname = '/conduit_bench';
    return admin.toString();
  }
  const admin = new URL(process.env.TESSERA_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test');
  const connection = await createConnection({ uri: admin.toString() });
  await connection.query('drop database if exists conduit_bench');
  await connection.query('create database conduit_bench');
  await connection.end();
  admin.pathname = '/conduit_bench';
  return admin.toString();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
