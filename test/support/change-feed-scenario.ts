import type { ChangeEvent, ChangeFeed, Orm } from '../../src';
import { FeedPost, FeedUser } from './change-feed-entities';

/**
 * Three transactions: users of tenants 7, 7 and 8 and a post; an update of the first; then, in one transaction
 * of two flushes, the third moves to tenant 7 and the second is deleted.
 */
export async function produce(orm: Orm): Promise<void> {
  const em = orm.em.fork();
  const [ada, bob, cy] = [
    em.create(FeedUser, { email: 'ada@x.io', tenantId: 7 }),
    em.create(FeedUser, { email: 'bob@x.io', tenantId: 7 }),
    em.create(FeedUser, { email: 'cy@x.io', tenantId: 8 }),
  ];
  em.create(FeedPost, { body: 'hello' });
  await em.flush();
  ada.email = 'ada@y.io';
  ada.prefs = { theme: 'dark' };
  await em.flush();
  await em.transactional(async (tx) => {
    const c = await tx.findOneOrFail(FeedUser, cy.id);
    c.tenantId = 7;
    await tx.flush();
    tx.remove(await tx.findOneOrFail(FeedUser, bob.id));
  });
}

/** The next `n` events of a feed, which stays open (a `break` out of `for await` would close it). */
export async function take<T>(feed: ChangeFeed<T>, n: number): Promise<ChangeEvent<T>[]> {
  const events: ChangeEvent<T>[] = [];
  while (events.length < n) {
    const next = await feed.next();
    if (next.done) break;
    events.push(next.value);
  }
  return events;
}

/** What a consumer of FeedUser with `where: { tenantId: 7 }` receives from `produce`, in order. */
export function expectScenario(events: readonly ChangeEvent<FeedUser>[]): void {
  expect(events.map((e) => [e.op, e.key, e.values.email])).toEqual([
    ['insert', 1, 'ada@x.io'],
    ['insert', 2, 'bob@x.io'],
    ['update', 1, 'ada@y.io'],
    ['update', 3, 'cy@x.io'],
    ['delete', 2, 'bob@x.io'],
  ]);
  const [adaIn, bobIn, adaUp, cyUp, bobOut] = events;
  expect(adaIn.values).toEqual({ id: 1, email: 'ada@x.io', tenantId: 7, updatedAt: new Date('2026-01-02T03:04:05.678Z'), prefs: null });
  expect(adaIn.changed).toEqual({});
  expect(adaUp.changed).toEqual({ email: ['ada@x.io', 'ada@y.io'], prefs: [null, { theme: 'dark' }] });
  expect(adaUp.values.prefs).toEqual({ theme: 'dark' });
  expect(cyUp.changed).toEqual({ tenantId: [8, 7] });
  expect(bobOut.values).toMatchObject({ id: 2, tenantId: 7 });
  // One transaction, one txId; ids are stable and distinct; every event names its entity.
  expect(adaIn.txId).toBe(bobIn.txId);
  expect(cyUp.txId).toBe(bobOut.txId);
  expect(new Set([adaIn.txId, adaUp.txId, cyUp.txId]).size).toBe(3);
  expect(new Set(events.map((e) => e.id)).size).toBe(5);
  expect(adaIn.id).toBe(`${adaIn.txId}.1`);
  expect(events.every((e) => e.entity === 'FeedUser' && e.committedAt instanceof Date)).toBe(true);
}
