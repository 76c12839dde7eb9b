import type { Notifications } from '../../dialects/driver';
import type { ChangeFeedOptions } from './change-event';
import type { ChangeTransport } from './change-transport';
import { LocalTransport } from './local-transport';
import { NotifyTransport } from './notify-transport';
import { RedisTransport, type RedisConstructor } from './redis-transport';

const DEFAULT_STREAM_PREFIX = 'tessera:changes:';
const DEFAULT_MAX_LEN = 100_000;
const DEFAULT_CHANNEL = 'tessera_changes';

/**
 * The transport `changeFeed` options choose: Redis when configured (any dialect), else the database's own
 * notifications where it has them (PostgreSQL), else this process only.
 */
export function changeTransport(options: ChangeFeedOptions, notifications: Notifications | undefined, loadRedis: () => RedisConstructor): ChangeTransport {
  if (options.redis !== undefined) {
    return new RedisTransport(loadRedis(), options.redis, options.streamPrefix ?? DEFAULT_STREAM_PREFIX, options.maxLen ?? DEFAULT_MAX_LEN);
  }
  if (notifications) return new NotifyTransport(notifications, options.channel ?? DEFAULT_CHANNEL);
  return new LocalTransport();
}
