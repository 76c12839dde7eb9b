import { raw, type SqlFragment } from '../../query/raw-sql';
import type { Listening, Notifications } from '../driver';

/** The part of a pg client a listener uses (the driver opens it; only the driver imports pg). */
export interface ListenerClient {
  query(sql: string): Promise<unknown>;
  on(event: 'notification', listener: (message: { channel: string; payload?: string }) => void): unknown;
  on(event: 'error' | 'end', listener: (error?: Error) => void): unknown;
  escapeIdentifier(name: string): string;
  end(): Promise<void>;
}

/**
 * LISTEN/NOTIFY. A NOTIFY is transactional: the server queues it and delivers it at COMMIT (never after a
 * rollback), in commit order; within one transaction in the order sent, and two identical messages of one
 * transaction are folded into one (callers make each message unique).
 */
export class PostgresNotifications implements Notifications {
  /** The server's limit is "shorter than 8000 bytes". */
  readonly maxPayloadBytes = 7999;

  constructor(private readonly openClient: () => Promise<ListenerClient>) {}

  notify(channel: string, payloads: readonly string[]): SqlFragment {
    // One statement for any number of messages: unnest yields them in array order, and pg_notify runs per row.
    return raw('select pg_notify(?, p) from unnest(?::text[]) as p', [channel, payloads]);
  }

  async listen(channel: string, onPayload: (payload: string) => void, onError: (error: Error) => void): Promise<Listening> {
    const client = await this.openClient();
    let closing = false;
    const lost = (error?: Error) => {
      if (closing) return;
      closing = true;
      onError(error ?? new Error('the PostgreSQL listener connection ended'));
      void client.end().catch(() => undefined);
    };
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload !== undefined) onPayload(message.payload);
    });
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.query(`listen ${client.escapeIdentifier(channel)}`);
    } catch (error) {
      closing = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    return {
      close: async () => {
        if (closing) return;
        closing = true;
        await client.end().catch(() => undefined);
      },
    };
  }
}
