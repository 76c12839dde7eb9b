import { heapAfterGc, measure } from '../stopwatch';
import { expectViews, seededNames } from './item-checks';
import type { Scenario } from './scenario';

export const loadAll: Scenario = {
  id: 'S2',
  title: 'load 10,000 (fresh context)',
  timed: 'opening a fresh context and loading every row as entities',
  async run({ table, items, contender }) {
    await table.reset();
    const ids = await table.seed(items);
    const heapBefore = heapAfterGc();
    const { ms, value: loaded } = await measure(() => contender.loadAll());
    // Weighed while the entities and their context (identity map, snapshots) are still held.
    const bytesPerEntity = (heapAfterGc() - heapBefore) / ids.length;

    // No ORDER BY was asked for, so the check sorts.
    const sorted = [...loaded.items].sort((a, b) => Number(a.id) - Number(b.id));
    expectViews(sorted, ids, seededNames(ids, items), this.id, contender.name);
    return { value: ms, extras: { 'bytes/entity': bytesPerEntity } };
  },
};
