import type { EntityManager } from 'tessera-orm';
import { User } from '../entities';

/**
 * Which of `userIds` the viewer follows: one query whatever their number (none for an anonymous viewer or an
 * empty list).
 */
export async function followedBy(em: EntityManager, viewerId: number | undefined, userIds: readonly number[]): Promise<Set<number>> {
  if (viewerId === undefined || userIds.length === 0) return new Set();
  const followed = await em.find(User, { id: { $in: [...new Set(userIds)] }, followers: { id: viewerId } }, { fields: ['id'] });
  return new Set(followed.map((u) => u.id));
}
