import type { ChangeTransport, OutboundMessage, TransportSubscription } from './change-transport';

type Receiver = (text: string) => void;

/**
 * Delivery inside this process only: the transport of SQLite and MariaDB without `changeFeed.redis`. Consumers
 * in other processes get nothing (whichever process relays a row publishes it to its own consumers alone).
 */
export class LocalTransport implements ChangeTransport {
  private readonly receivers = new Map<string, Set<Receiver>>();

  async publish(_session: unknown, messages: readonly OutboundMessage[]): Promise<void> {
    for (const { entity, text } of messages) for (const receive of this.receivers.get(entity) ?? []) receive(text);
  }

  subscribe(entity: string, onMessage: Receiver): TransportSubscription {
    let receivers = this.receivers.get(entity);
    if (!receivers) this.receivers.set(entity, (receivers = new Set()));
    const receiver: Receiver = (text) => onMessage(text);
    receivers.add(receiver);
    return {
      ready: Promise.resolve(),
      close: async () => {
        receivers.delete(receiver);
      },
    };
  }

  async close(): Promise<void> {
    this.receivers.clear();
  }
}
