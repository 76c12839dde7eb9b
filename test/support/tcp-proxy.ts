import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** Which bytes end a proxied connection: a chunk sent by the client, or one sent back by the server. */
export interface CutRule {
  /** The client sent this chunk: it still reaches the server, then the connection is cut (no reply arrives). */
  readonly client?: (chunk: Buffer) => boolean;
  /** The server answered with this chunk: it is swallowed and the connection cut (the reply is lost). */
  readonly server?: (chunk: Buffer) => boolean;
}

interface Pair {
  readonly client: Socket;
  readonly server: Socket;
  /** The connection is being cut: what the server sends now is lost. */
  muted: boolean;
}

/**
 * A TCP proxy on a free loopback port in front of a database server, to play network faults without touching
 * the server's process: `stall()` stops every byte in both directions (a silent server), `down()` makes it unreachable, `cutOnce(rule)` loses
 * one reply (a COMMIT the server received but whose answer never came), `cutAll()` drops every connection.
 */
export class TcpProxy {
  private readonly pairs = new Set<Pair>();
  private stalled = false;
  private refusing = false;
  /** Replies held back by `holdReplies()`, in order, with the connection each goes to. */
  private held: { pair: Pair; chunk: Buffer }[] | undefined;
  private rule: CutRule | undefined;

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(targetHost: string, targetPort: number): Promise<TcpProxy> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const proxy = new TcpProxy(server, (server.address() as { port: number }).port);
    server.on('connection', (client) => proxy.accept(client, targetHost, targetPort));
    return proxy;
  }

  /** A proxy in front of the server `url` names (its host and port). */
  static inFrontOf(url: string): Promise<TcpProxy> {
    const { hostname, port } = new URL(url);
    return TcpProxy.start(hostname, Number(port));
  }

  /** `url` with its host and port replaced by the proxy's (credentials, database and options kept). */
  url(url: string): string {
    const proxied = new URL(url);
    proxied.hostname = '127.0.0.1';
    proxied.port = String(this.port);
    return proxied.toString();
  }

  /** Connections open through the proxy now. */
  get connections(): number {
    return this.pairs.size;
  }

  /** Holds every byte, both ways, on open and new connections, until `resume()`. */
  stall(): void {
    this.stalled = true;
    for (const { client, server } of this.pairs) {
      client.pause();
      server.pause();
    }
  }

  resume(): void {
    this.stalled = false;
    for (const { client, server } of this.pairs) {
      client.resume();
      server.resume();
    }
  }

  /** Drops every connection and refuses new ones (an unreachable server whose data survives) until `up()`. */
  down(): void {
    this.refusing = true;
    this.cutAll();
  }

  up(): void {
    this.refusing = false;
  }

  /** Keeps the server's replies from the clients (the server has answered; the answer is late) until `releaseReplies()`. */
  holdReplies(): void {
    this.held ??= [];
  }

  /** How many replies are held back now. */
  get heldReplies(): number {
    return this.held?.length ?? 0;
  }

  releaseReplies(): void {
    const held = this.held ?? [];
    this.held = undefined;
    for (const { pair, chunk } of held) if (this.pairs.has(pair)) pair.client.write(chunk);
  }

  /** The first chunk that matches `rule` cuts its connection; the rule is then spent. */
  cutOnce(rule: CutRule): void {
    this.rule = rule;
  }

  /** Destroys every proxied connection at once (both sides see a reset). */
  cutAll(): void {
    for (const pair of this.pairs) this.cut(pair);
  }

  async close(): Promise<void> {
    this.cutAll();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket, host: string, port: number): void {
    if (this.refusing) {
      client.destroy();
      return;
    }
    const server = createConnection({ host, port });
    const pair: Pair = { client, server, muted: false };
    this.pairs.add(pair);
    if (this.stalled) {
      client.pause();
      server.pause();
    }
    client.on('data', (chunk) => {
      server.write(chunk);
      if (this.rule?.client?.(chunk)) {
        this.rule = undefined;
        pair.muted = true;
        // Give the bytes a moment to reach the server before the connection goes.
        setTimeout(() => this.cut(pair), 20);
      }
    });
    server.on('data', (chunk) => {
      if (pair.muted) return;
      if (this.held) {
        this.held.push({ pair, chunk });
        return;
      }
      if (this.rule?.server?.(chunk)) {
        this.rule = undefined;
        this.cut(pair);
        return;
      }
      client.write(chunk);
    });
    const close = () => this.cut(pair);
    client.on('error', close).on('close', close);
    server.on('error', close).on('close', close);
  }

  private cut(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    pair.client.destroy();
    pair.server.destroy();
  }
}
