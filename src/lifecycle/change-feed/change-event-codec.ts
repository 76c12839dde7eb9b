import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { ChangeEvent, ChangeOp } from './change-event';
import type { ChangeOutboxEntry } from './change-outbox-entry';

type Bag = Record<string, unknown>;

/**
 * The JSON an outbox row's `payload` holds: the key, an update's `[before, after]` pairs and the row's values,
 * all in the mapper's snapshot form (JSON-safe: a timestamp is epoch ms, JSON is its text, a Buffer base64, a
 * to-one relation its target's key).
 */
export interface OutboxPayload {
  readonly k: unknown;
  readonly c: Readonly<Record<string, readonly [unknown, unknown]>>;
  readonly v: Readonly<Record<string, unknown>>;
}

/** A bigint key cannot go through JSON.stringify as it is. */
export function payloadJson(payload: OutboxPayload): string {
  return JSON.stringify(payload, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value));
}

/**
 * The message a transport carries for one outbox row: its columns around the payload text, built by
 * concatenation (the payload is not parsed again on the way out).
 */
export function messageOf(row: ChangeOutboxEntry): string {
  const head = JSON.stringify({ i: row.eventId, o: row.op, e: row.entity, t: row.txId, a: row.committedAt.getTime() });
  return `${head.slice(0, -1)},"p":${row.payload}}`;
}

interface Message {
  readonly i: string;
  readonly o: ChangeOp;
  readonly e: string;
  readonly t: string;
  readonly a: number;
  readonly p: OutboxPayload;
}

/** The entity a message is about, without reviving it (a consumer skips other entities' messages cheaply). */
export function parseMessage(text: string): Message {
  return JSON.parse(text) as Message;
}

/** A message as the consumer's entity sees it: values back in their JS form, by the consumer's own metadata. */
export function eventOf<T>(message: Message, meta: EntityMetadata<T>): ChangeEvent<T> {
  const { p } = message;
  const values: Bag = {};
  for (const [name, value] of Object.entries(p.v)) values[name] = revive(meta.propertiesByName.get(name), value);
  const changed: Bag = {};
  for (const [name, [before, after]] of Object.entries(p.c)) {
    const property = meta.propertiesByName.get(name);
    changed[name] = Object.freeze([revive(property, before), revive(property, after)]);
  }
  return Object.freeze({
    id: message.i,
    op: message.o,
    entity: message.e,
    key: revive(meta.primaryKey, p.k),
    changed: Object.freeze(changed),
    values: Object.freeze(values),
    txId: message.t,
    committedAt: new Date(message.a),
  }) as ChangeEvent<T>;
}

/** Undoes the snapshot form of one value (see `comparableExpression`); a property the consumer lacks stays as sent. */
function revive(property: PropertyMetadata | undefined, value: unknown): unknown {
  if (value === null || value === undefined || !property) return value;
  switch (property.type) {
    case 'timestamp':
      return typeof value === 'number' ? new Date(value) : value;
    case 'json':
      return typeof value === 'string' ? JSON.parse(value) : value;
    case 'blob':
      return typeof value === 'string' ? Buffer.from(value, 'base64') : value;
    default:
      return value;
  }
}
