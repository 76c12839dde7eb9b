/**
 * Compile-time checks of `orm.changes()` (issue 12), run by `npm run typecheck`: each `@ts-expect-error` must meet
 * an error. Nothing here runs.
 */
import type { ChangeEvent, Orm } from '../../src';
import { FeedUser } from '../support/change-feed-entities';

export async function typedFeed(orm: Orm): Promise<void> {
  const feed = orm.changes(FeedUser, { where: { tenantId: 7, email: { $in: ['a@x.io'] }, updatedAt: { $gte: new Date() } } });
  for await (const ev of feed) {
    const email: readonly [string, string] | undefined = ev.changed.email;
    const tenant: number | undefined = ev.values.tenantId;
    const when: Date = ev.committedAt;
    const op: 'insert' | 'update' | 'delete' = ev.op;
    void [email, tenant, when, op];
    // @ts-expect-error an entity's events carry its properties only
    void ev.changed.nope;
  }
  // @ts-expect-error tenantId is a number
  orm.changes(FeedUser, { where: { tenantId: 'seven' } });
  // @ts-expect-error no such property
  orm.changes(FeedUser, { where: { nope: 1 } });
  // @ts-expect-error $in takes a list
  orm.changes(FeedUser, { where: { tenantId: { $in: 7 } } });
  // Resuming after the last event seen, with a bounded queue.
  const last = await orm.changes(FeedUser, { maxQueue: 100 }).next();
  orm.changes(FeedUser, { after: last.done ? undefined : last.value.id, maxQueue: 1000 });
  // @ts-expect-error after takes an event's id, a string
  orm.changes(FeedUser, { after: 7 });
  const typed: ChangeEvent<FeedUser> | undefined = (await feed.next()).value || undefined;
  void typed;
}
