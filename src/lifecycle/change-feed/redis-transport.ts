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
  quit(): Promise<unknown>;
  disconnect(): void;
}

/** ioredis's default export. */
export type RedisConstructor = new (options: string | RedisConnectionOptions) => RedisClient;

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

  async publish(_session: unknown, messages: readonly OutboundMessage[]): Promise<void> {
    const pipeline = (this.writer ??= new this.Redis(this.options)).pipeline();
    for (const { entity, text } of messages) pipeline.xadd(this.prefix + entity, 'MAXLEN', '~', this.maxLen, '*', 'm', text);
    for (const [error] of (await pipeline.exec()) ?? []) if (error) throw error;
  }

  subscribe(entity: string, onMessage: (text: string) => void, onError: (error: Error) => void): TransportSubscription {
    const reader = new this.Redis(this.options);
    this.readers.add(reader);
    const key = this.prefix + entity;
    let open = true;
    const start = reader.xrevrange(key, '+', '-', 'COUNT', 1).then((last) => last[0]?.[0] ?? '0-0');
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
    read().catch((error: unknown) => open && onError(ConnectionError.changeFeedLost('Redis', error)));
    return {
      ready: start.then(() => undefined),
      close: async () => {
        open = false;
        this.readers.delete(reader);
        reader.disconnect();
      },
    };
  }

  async close(): Promise<void> {
    for (const reader of this.readers) reader.disconnect();
    this.readers.clear();
    const writer = this.writer;
    this.writer = undefined;
    await writer?.quit().catch(() => undefined);
  }
}
