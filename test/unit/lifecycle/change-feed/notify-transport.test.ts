import type { Listening, Notifications } from '../../../../src/dialects/driver';
import { raw } from '../../../../src/query/raw-sql';
import type { FeedSession } from '../../../../src/lifecycle/change-feed/feed-session';
import { NotifyTransport } from '../../../../src/lifecycle/change-feed/notify-transport';

/** Notifications delivered at once, with a small payload limit, recording what was sent. */
function fakeNotifications(maxPayloadBytes: number) {
  const sent: string[] = [];
  let deliver: (payload: string) => void = () => undefined;
  const notifications: Notifications = {
    maxPayloadBytes,
    notify: (_channel, payloads) => {
      sent.push(...payloads);
      return raw('select 1');
    },
    listen: async (_channel, onPayload): Promise<Listening> => {
      deliver = onPayload;
      return { close: async () => undefined };
    },
  };
  const session = { sql: async () => sent.forEach((p) => deliver(p)) } as unknown as FeedSession;
  return { notifications, session, sent };
}

it('splits a message over the payload limit into parts under it, and puts it back together', async () => {
  const { notifications, session, sent } = fakeNotifications(600);
  const transport = new NotifyTransport(notifications, 'ch');
  const received: string[] = [];
  const subscription = transport.subscribe('User', (text) => received.push(text), () => undefined);
  await subscription.ready;
  const big = JSON.stringify({ i: 'tx.1', text: 'é✓'.repeat(1000) });
  const small = JSON.stringify({ i: 'tx.2' });
  await transport.publish(session, [
    { entity: 'User', eventId: 'tx.1', text: big },
    { entity: 'User', eventId: 'tx.2', text: small },
  ]);
  expect(sent.length).toBeGreaterThan(5);
  expect(sent.every((p) => Buffer.byteLength(p) <= 600)).toBe(true);
  expect(received).toEqual([big, small]);
  await transport.close();
});
