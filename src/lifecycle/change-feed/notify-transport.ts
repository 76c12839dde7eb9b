import type { Listening, Notifications } from '../../dialects/driver';
import { ConnectionError } from '../../errors/driver-error';
import type { ChangeTransport, OutboundMessage, TransportSubscription } from './change-transport';
import type { FeedSession } from './feed-session';

type Receiver = { readonly onMessage: (text: string) => void; readonly onError: (error: Error) => void };

/** A part of a message too long for one notification: `~<eventId>~<part>~<parts>~<base64 of its bytes>`. */
const PART = /^~([^~]+)~(\d+)~(\d+)~(.*)$/s;

/**
 * PostgreSQL LISTEN/NOTIFY. The relay's NOTIFY runs in its transaction, so a message is sent exactly when the
 * outbox rows it empties are deleted. One channel carries every entity; each process listens on one dedicated
 * connection, opened by its first subscriber and closed with its last. A message over the payload limit travels
 * in parts (one transaction's notifications arrive together and in order, so parts never interleave with others').
 */
export class NotifyTransport implements ChangeTransport {
  private readonly receivers = new Set<Receiver>();
  private listening: Promise<Listening> | undefined;
  /** Parts received of messages still incomplete, by event id. */
  private readonly parts = new Map<string, Buffer[]>();
  private readonly partBytes: number;

  constructor(
    private readonly notifications: Notifications,
    private readonly channel: string,
  ) {
    // Base64 grows bytes by 4/3; 128 bytes leave room for the part's header.
    this.partBytes = Math.floor((notifications.maxPayloadBytes - 128) / 4) * 3;
  }

  async publish(session: FeedSession, messages: readonly OutboundMessage[]): Promise<void> {
    const payloads = messages.flatMap((m) => this.payloadsOf(m));
    await session.sql`${this.notifications.notify(this.channel, payloads)}`;
  }

  subscribe(_entity: string, onMessage: (text: string) => void, onError: (error: Error) => void): TransportSubscription {
    const receiver = { onMessage, onError };
    this.receivers.add(receiver);
    if (!this.listening) {
      const opening = this.notifications.listen(
        this.channel,
        (payload) => this.receive(payload),
        (error) => this.fail(error),
      );
      this.listening = opening;
      // A listener that could not open is not kept: the next feed tries again.
      opening.catch(() => {
        if (this.listening === opening) this.listening = undefined;
      });
    }
    const listening = this.listening;
    return {
      ready: listening.then(() => undefined),
      close: async () => {
        this.receivers.delete(receiver);
        if (this.receivers.size === 0 && this.listening === listening) {
          this.listening = undefined;
          await listening.then((l) => l.close(), () => undefined);
        }
      },
    };
  }

  async close(): Promise<void> {
    this.receivers.clear();
    const listening = this.listening;
    this.listening = undefined;
    await listening?.then((l) => l.close(), () => undefined);
  }

  private payloadsOf({ eventId, text }: OutboundMessage): string[] {
    if (Buffer.byteLength(text) <= this.notifications.maxPayloadBytes) return [text];
    const bytes = Buffer.from(text);
    const count = Math.ceil(bytes.length / this.partBytes);
    const payloads: string[] = [];
    for (let i = 0; i < count; i++) {
      payloads.push(`~${eventId}~${i}~${count}~${bytes.subarray(i * this.partBytes, (i + 1) * this.partBytes).toString('base64')}`);
    }
    return payloads;
  }

  private receive(payload: string): void {
    const text = payload.startsWith('~') ? this.assemble(payload) : payload;
    if (text === undefined) return;
    for (const receiver of this.receivers) receiver.onMessage(text);
  }

  /** Collects a part; the whole message once its last part arrived. */
  private assemble(payload: string): string | undefined {
    const match = PART.exec(payload);
    if (!match) return undefined;
    const [, eventId, part, count, data] = match;
    let parts = this.parts.get(eventId);
    if (!parts) this.parts.set(eventId, (parts = []));
    parts[Number(part)] = Buffer.from(data, 'base64');
    if (parts.filter(Boolean).length < Number(count)) return undefined;
    this.parts.delete(eventId);
    return Buffer.concat(parts).toString();
  }

  /** The listener's connection was lost: its consumers end with the error (a new feed listens anew). */
  private fail(error: Error): void {
    this.listening = undefined;
    const lost = ConnectionError.changeFeedLost('PostgreSQL listener', error);
    for (const receiver of this.receivers) receiver.onError(lost);
    this.receivers.clear();
  }
}
