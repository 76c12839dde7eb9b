import { measure } from '../stopwatch';
import { expectViews, seededNames } from './item-checks';
import type { Scenario } from './scenario';

export const loadAll: Scenario = {
  id: 'S2',
  title: 'load 10,000 (fresh context)',
  timed: 'opening a fresh context and loading every row as entities',
  async run({ table, items, contender }) {
    await table.reset();
    const ids = await table.seed(items);
    const { ms, value: loaded } = await measure(() => contender.loadAll());

    // No ORDER BY was asked for, so the check sorts.
    const sorted = [...loaded].sort((a, b) => Number(a.id) - Number(b.id));
    expectViews(sorted, ids, seededNames(ids, items), this.id, contender.name);
    return ms;
  },
};
