import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, openSync, closeSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import { selectedDialects } from './test-databases';

const run = promisify(execFile);

const PG_BIN = process.env.TESSERA_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const MARIADB_INSTALL = process.env.TESSERA_MARIADB_INSTALL_DB ?? 'mariadb-install-db';
const MARIADBD = process.env.TESSERA_MARIADBD ?? '/usr/sbin/mariadbd';
/** The database every own server holds for the test (created on first start). */
const DATABASE = 'tessera';
const READY_TIMEOUT_MS = 30_000;

export type OwnServerDialect = 'postgres' | 'mariadb';

/** The selected dialects (`TESSERA_DIALECTS`) that run on a server: the ones a fault suite runs an own server of. */
export function ownServerDialects(): OwnServerDialect[] {
  return selectedDialects().filter((d): d is OwnServerDialect => d !== 'sqlite');
}

/**
 * A throwaway database server of the test's own, in a temp dir on a free loopback port, for tests that stop,
 * kill or restart a server (never the shared ones on 5432 and 3306). Missing binaries fail the test, never skip it.
 */
export interface OwnServer {
  readonly dialect: OwnServerDialect;
  readonly port: number;
  /** A URL to the server's `tessera` database, as root/postgres without a password. */
  readonly url: string;
  /** Starts the server and resolves once it answers a query. */
  start(): Promise<void>;
  /** A clean shutdown, or with `immediate` a crash: PostgreSQL `pg_ctl stop -m immediate`, MariaDB kill -9. */
  stop(options?: { immediate?: boolean }): Promise<void>;
  restart(options?: { immediate?: boolean }): Promise<void>;
  /**
   * Stops every process of the server (SIGSTOP) until `thaw()`: a hung server that neither answers nor closes a
   * connection, while the kernel still accepts new ones into its backlog.
   */
  freeze(): void;
  /** Lets a frozen server run again (SIGCONT); what its clients sent meanwhile is then answered. */
  thaw(): void;
  /** Kills the server if it runs and removes its temp dir. */
  destroy(): Promise<void>;
}

/** Servers not destroyed yet, killed (synchronously) if the process exits without afterAll. */
const live = new Set<{ killNow(): void }>();
process.once('exit', () => {
  for (const server of live) server.killNow();
});

/** Makes a server (initialised, not started). Call `destroy()` in afterAll, or use `useOwnServer`. */
export async function createOwnServer(dialect: OwnServerDialect): Promise<OwnServer> {
  const server = dialect === 'postgres' ? new PostgresServer(await freePort()) : new MariadbServer(await freePort());
  live.add(server);
  try {
    await server.init();
  } catch (error) {
    await server.destroy();
    throw error;
  }
  return server;
}

/** A started server for the enclosing describe: made in beforeAll, destroyed in afterAll. */
export function useOwnServer(dialect: OwnServerDialect): () => OwnServer {
  let server: OwnServer | undefined;
  beforeAll(async () => {
    server = await createOwnServer(dialect);
    await server.start();
  }, 60_000);
  afterAll(async () => {
    await server?.destroy();
  });
  return () => {
    if (!server) throw new Error(`the own ${dialect} server is not started (use it inside a test)`);
    return server;
  };
}

abstract class BaseServer implements OwnServer {
  abstract readonly dialect: OwnServerDialect;
  abstract readonly url: string;
  readonly dir = mkdtempSync(join(tmpdir(), 'tessera-own-server-'));
  protected readonly log = join(this.dir, 'server.log');
  private created = false;

  constructor(readonly port: number) {}

  /** The server binary (the data dir's template is remade when it changes) and the package that installs it. */
  protected abstract readonly server: string;
  protected abstract readonly serverPackage: string;
  /** Writes a fresh data dir (initdb, mariadb-install-db) at `data`, in a dir `grant` made the server's. */
  protected abstract initData(data: string): Promise<void>;
  /** Makes `dir` the server's (PostgreSQL, run as root, runs as the postgres OS user). */
  protected abstract grant(dir: string): void;

  /**
   * The data dir, copied from a template made once per machine and server binary: initdb and install-db take
   * seconds, a copy a fraction of one. Made aside and renamed into place, so a concurrent test (another jest
   * worker) sees either no template or a whole one.
   */
  async init(): Promise<void> {
    requireBinary(this.server, this.serverPackage);
    this.grant(this.dir);
    const template = join(tmpdir(), `tessera-own-server-template-${this.dialect}-${Math.round(statSync(this.server).mtimeMs)}`);
    if (!existsSync(template)) {
      const scratch = mkdtempSync(`${template}-making-`);
      try {
        this.grant(scratch);
        await this.initData(join(scratch, 'data'));
        try {
          renameSync(join(scratch, 'data'), template);
        } catch (error) {
          // Another process put its template there first: use that one.
          if (!existsSync(template)) throw error;
        }
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    }
    await run('cp', ['-a', template, this.data]);
  }

  protected abstract readonly data: string;
  protected abstract launch(): Promise<void>;
  protected abstract halt(immediate: boolean): Promise<void>;
  /** Runs one statement on the server's admin database; throws while the server does not accept connections. */
  protected abstract query(sql: string): Promise<void>;
  /** The server's processes now: the ones `freeze()` stops. */
  protected abstract processIds(): number[];
  abstract killNow(): void;
  /** The processes `freeze()` stopped, which `thaw()` (and `destroy()`, which could not stop them otherwise) continue. */
  private frozen: number[] = [];

  async start(): Promise<void> {
    await this.launch();
    const deadline = Date.now() + READY_TIMEOUT_MS;
    for (;;) {
      try {
        await this.query('select 1');
        break;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`the own ${this.dialect} server did not start: ${String(error)}\n${this.logTail()}`);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    }
    if (!this.created) {
      await this.query(`create database ${DATABASE}`);
      this.created = true;
    }
  }

  stop(options: { immediate?: boolean } = {}): Promise<void> {
    return this.halt(options.immediate === true);
  }

  async restart(options: { immediate?: boolean } = {}): Promise<void> {
    await this.stop(options);
    await this.start();
  }

  freeze(): void {
    for (const pid of this.processIds()) {
      if (signal(pid, 'SIGSTOP')) this.frozen.push(pid);
    }
  }

  thaw(): void {
    for (const pid of this.frozen.splice(0)) signal(pid, 'SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    try {
      // A clean crash stop first (PostgreSQL then frees its shared memory); a kill if even that fails.
      await this.halt(true).catch(() => this.killNow());
    } finally {
      live.delete(this);
      rmSync(this.dir, { recursive: true, force: true });
    }
  }

  protected logTail(): string {
    return existsSync(this.log) ? readFileSync(this.log, 'utf8').split('\n').slice(-15).join('\n') : '(no server log)';
  }
}

class PostgresServer extends BaseServer {
  readonly dialect = 'postgres';
  readonly url = `postgres://postgres@127.0.0.1:${this.port}/${DATABASE}`;
  protected readonly data = join(this.dir, 'data');
  protected readonly server = join(PG_BIN, 'postgres');
  protected readonly serverPackage = 'postgresql-15';

  protected grant(dir: string): void {
    // initdb refuses to run as root: the cluster belongs to the postgres OS user.
    if (isRoot()) chownSync(dir, osUserId('-u'), osUserId('-g'));
  }

  protected async initData(data: string): Promise<void> {
    requireBinary(join(PG_BIN, 'initdb'), 'postgresql-15');
    await this.pg('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  }

  protected async launch(): Promise<void> {
    const options = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c max_connections=40`;
    // -W: start() polls readiness itself, more often than pg_ctl would.
    await this.pg('pg_ctl', ['-D', this.data, '-l', this.log, '-o', options, '-W', 'start']);
  }

  protected async halt(immediate: boolean): Promise<void> {
    if (!existsSync(join(this.data, 'postmaster.pid'))) return;
    await this.pg('pg_ctl', ['-D', this.data, '-m', immediate ? 'immediate' : 'fast', '-w', 'stop']);
  }

  protected async query(sql: string): Promise<void> {
    const client = new Client({ host: '127.0.0.1', port: this.port, user: 'postgres', database: 'postgres', connectionTimeoutMillis: 1000 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query(sql);
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  killNow(): void {
    this.thaw();
    const [postmaster] = this.processIds();
    if (postmaster !== undefined) signal(postmaster, 'SIGKILL');
  }

  /** The postmaster first (so that it forks no new backend meanwhile), then its backends and workers. */
  protected processIds(): number[] {
    const pidFile = join(this.data, 'postmaster.pid');
    if (!existsSync(pidFile)) return [];
    const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    return [postmaster, ...childrenOf(postmaster)];
  }

  private async pg(binary: string, args: string[]): Promise<void> {
    const path = join(PG_BIN, binary);
    await (isRoot() ? run('runuser', ['-u', 'postgres', '--', path, ...args]) : run(path, args));
  }
}

class MariadbServer extends BaseServer {
  readonly dialect = 'mariadb';
  readonly url = `mysql://root@127.0.0.1:${this.port}/${DATABASE}`;
  protected readonly data = join(this.dir, 'data');
  protected readonly server = MARIADBD;
  protected readonly serverPackage = 'mariadb-server';
  private process: ChildProcess | undefined;

  protected grant(): void {
    // mariadbd runs as root here (--user=root) or as the user running the tests: nothing to hand over.
  }

  protected async initData(data: string): Promise<void> {
    // `normal` root authentication: root with an empty password, also as root@127.0.0.1 over TCP.
    await run(MARIADB_INSTALL, ['--no-defaults', `--datadir=${data}`, ...this.userOption(), '--auth-root-authentication-method=normal', '--skip-test-db']).catch(
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') requireBinary(MARIADB_INSTALL, 'mariadb-server');
        throw error;
      },
    );
  }

  protected async launch(): Promise<void> {
    const log = openSync(this.log, 'a');
    try {
      this.process = spawn(
        MARIADBD,
        [
          '--no-defaults',
          `--datadir=${this.data}`,
          `--port=${this.port}`,
          '--bind-address=127.0.0.1',
          `--socket=${join(this.dir, 'mariadb.sock')}`,
          `--pid-file=${join(this.dir, 'mariadb.pid')}`,
          ...this.userOption(),
          '--skip-log-bin',
          '--innodb-buffer-pool-size=32M',
          '--skip-name-resolve',
        ],
        { stdio: ['ignore', log, log] },
      );
    } finally {
      closeSync(log);
    }
  }

  protected async halt(immediate: boolean): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(immediate ? 'SIGKILL' : 'SIGTERM');
    await exited;
    this.process = undefined;
  }

  protected async query(sql: string): Promise<void> {
    const connection = await createConnection({ host: '127.0.0.1', port: this.port, user: 'root', connectTimeout: 1000 });
    try {
      await connection.query(sql);
    } finally {
      connection.destroy();
    }
  }

  killNow(): void {
    this.thaw();
    this.process?.kill('SIGKILL');
  }

  /** mariadbd is one process (its sessions are threads). */
  protected processIds(): number[] {
    const pid = this.process?.pid;
    return pid === undefined || this.process?.exitCode !== null ? [] : [pid];
  }

  private userOption(): string[] {
    return isRoot() ? ['--user=root'] : [];
  }
}

/** Sends `name` to `pid`; false when the process is gone. */
function signal(pid: number, name: NodeJS.Signals): boolean {
  try {
    process.kill(pid, name);
    return true;
  } catch {
    return false;
  }
}

/** The processes whose parent is `pid`, read from /proc (field 4 of /proc/<pid>/stat, after the parenthesised name). */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // The process ended while the list was read.
    }
  }
  return children;
}

function requireBinary(path: string, debianPackage: string): void {
  if (path.includes('/') ? existsSync(path) : onPath(path)) return;
  throw new Error(`${path} is missing: the tests that run their own database server need it (apt-get install ${debianPackage}).`);
}

function onPath(binary: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function isRoot(): boolean {
  return process.getuid?.() === 0;
}

function osUserId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
