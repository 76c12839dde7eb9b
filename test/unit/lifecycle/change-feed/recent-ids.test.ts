import { RecentIds } from '../../../../src/lifecycle/change-feed/recent-ids';

it('remembers the last ids up to its capacity, forgetting the oldest first', () => {
  const recent = new RecentIds(3);
  expect(['a', 'b', 'c'].map((id) => recent.seen(id))).toEqual([false, false, false]);
  expect(recent.seen('a')).toBe(true);
  expect(recent.seen('d')).toBe(false); // forgets a
  expect(recent.seen('a')).toBe(false); // forgets b
  expect([recent.seen('c'), recent.seen('d'), recent.seen('b')]).toEqual([true, true, false]);
});
