import type { FeedSession } from './feed-session';

/** One change's message on its way out: its entity (transports route by it) and its text. */
export interface OutboundMessage {
  readonly entity: string;
  /** The id of its event (a transport that splits a message names its parts by it). */
  readonly eventId: string;
  readonly text: string;
}

/** A consumer's hold on a transport. */
export interface TransportSubscription {
  /** Settles once messages published from now on reach the consumer. */
  readonly ready: Promise<void>;
  close(): Promise<void>;
}

/**
 * How relayed changes travel from the process that committed them to consumers in every process. A message a
 * relay publishes reaches every ready subscriber of its entity, in the order published, at least once.
 */
export interface ChangeTransport {
  /** Called before the relay opens its transaction: fail here (not holding locks) when the transport is down. */
  prepare?(): Promise<void>;
  /**
   * Sends `messages` in order, from inside the relay's transaction (`session`), which deletes them from the
   * outbox after: a transport that sends on commit (NOTIFY) sends exactly what the outbox gave up.
   */
  publish(session: FeedSession, messages: readonly OutboundMessage[]): Promise<void>;
  /** Delivers the messages of `entity` to `onMessage` (others' may come too) until the subscription closes. */
  subscribe(entity: string, onMessage: (text: string) => void, onError: (error: Error) => void): TransportSubscription;
  /** Closes every connection the transport opened. */
  close(): Promise<void>;
}
