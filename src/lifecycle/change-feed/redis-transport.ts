import { ConnectionError } from '../../errors/driver-error';
import type { RedisConnectionOptions } from './change-event';
import type { ChangeTransport, OutboundMessage, TransportSubscription } from './change-transport';

/** A stream read: `[key, [entryId, [field, value, ...]][]][]`, or null when nothing came. */
type StreamRead = [string, [string, string[]][]][] | null;

/** The part of an ioredis client the transport uses (ioredis is an optional peer, loaded on use). */
export interface RedisClient {
  pipeline(): { xadd(...args: (string | number)[]): unknown; exec(): Promise<[Error | null, unknown][] | null> };
  xrevrange(key: string, end: string, start: string, count: 'COUNT', n: number): Promise<[string, string[]][]>;
  xread(...args: (string | number)[]): Promise<StreamRead>;
  disconnect(): void;
  /** 'ready' once connected (ioredis reconnects by itself after a loss). */
  readonly status: string;
  on(event: 'error', listener: (error?: Error) => void): unknown;
  once(event: 'ready' | 'error', listener: (error?: Error) => void): unknown;
  off(event: 'ready' | 'error', listener: (error?: Error) => void): unknown;
}

/** ioredis's default export. */
export interface RedisConstructor {
  new (url: string, options: RedisConnectionOptions): RedisClient;
  new (options: RedisConnectionOptions): RedisClient;
}

/**
 * Redis Streams: one stream per entity (`<prefix><Entity>`), appended in the relay's order with `XADD`, capped
 * near `maxLen` entries. A consumer reads its entity's stream on a connection of its own (a blocking `XREAD`
 * holds it), starting after the entry that was last when it subscribed. Publishing happens before the relay's
 * transaction commits its deletes: a crash between the two publishes the rows again (at least once, same ids).
 */
export class RedisTransport implements ChangeTransport {
  private writer: RedisClient | undefined;
  private readonly readers = new Set<RedisClient>();

  constructor(
    private readonly Redis: RedisConstructor,
    private readonly options: string | RedisConnectionOptions,
    private readonly prefix: string,
    private readonly maxLen: number,
  ) {}

  /**
   * Before the relay's transaction: the writer must be connected. Its commands are not queued while it is not
   * (no offline queue), so a Redis outage fails a pass at once instead of holding the relay's locks (on SQLite,
   * the write lock every flush needs) until Redis returns.
   */
  async prepare(): Promise<void> {
    const writer = (this.writer ??= this.connect({ enableOfflineQueue: false }));
    if (writer.status === 'ready') return;
    await new Promise<void>((resolve, reject) => {
      const ready = () => {
        writer.off('error', failed);
        resolve();
      };
      const failed = (error?: Error) => {
        writer.off('ready', ready);
        reject(ConnectionError.cannotOpen('Redis', error?.message ?? 'not connected'));
      };
      writer.once('ready', ready);
      writer.once('error', failed);
    });
  }

  async publish(_session: unknown, messages: readonly OutboundMessage[]): Promise<void> {
    const pipeline = (this.writer ??= this.connect({ enableOfflineQueue: false })).pipeline();
    for (const { entity, text } of messages) pipeline.xadd(this.prefix + entity, 'MAXLEN', '~', this.maxLen, '*', 'm', text);
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  subscribe(entity: string, onMessage: (text: string) => void, onError: (error: Error) => void): TransportSubscription {
    // A reader's commands wait out an outage (ioredis retries them once reconnected): the feed resumes after it.
    const reader = this.connect({});
    this.readers.add(reader);
    const key = this.prefix + entity;
    let open = true;
    const start = reader.xrevrange(key, '+', '-', 'COUNT', 1).then(
      (last) => last[0]?.[0] ?? '0-0',
      (error: unknown) => {
        throw ConnectionError.cannotOpen('Redis', String((error as Error)?.message ?? error));
      },
    );
    const read = async () => {
      let after = await start;
      while (open) {
        const batch = await reader.xread('COUNT', 1000, 'BLOCK', 0, 'STREAMS', key, after);
        for (const [, entries] of batch ?? []) {
          for (const [id, fields] of entries) {
            after = id;
            if (open) onMessage(fields[fields.indexOf('m') + 1]);
          }
        }
      }
    };
    // Closing disconnects the reader, which fails its pending XREAD: that is the end, not an error.
    read().catch((error: unknown) => open && onError(error instanceof ConnectionError ? error : ConnectionError.changeFeedLost('Redis', error)));
    return {
      ready: start.then(() => undefined),
      close: async () => {
        open = false;
        this.readers.delete(reader);
        reader.disconnect();
      },
    };
  }

  /** The user's options (a URL or ioredis options), with `extra` on top. */
  private connect(extra: RedisConnectionOptions): RedisClient {
    const client = typeof this.options === 'string' ? new this.Redis(this.options, extra) : new this.Redis({ ...this.options, ...extra });
    // Failures reach the relay and the feeds through their commands; without a listener ioredis would print every
    // failed reconnection attempt.
    client.on('error', () => undefined);
    return client;
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    this.readers.clear();
    // The relay has finished its pass, so nothing is in flight; disconnect (unlike quit) also stops reconnecting.
    this.writer?.disconnect();
    this.writer = undefined;
  }
}
