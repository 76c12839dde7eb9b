import { FIND_COUNT, pickLookupIds } from '../scenario-data';
import { measure } from '../stopwatch';
import { expectViews, seededNames } from './item-checks';
import type { Scenario } from './scenario';

export const findById: Scenario = {
  id: 'S4',
  title: '5,000 finds by primary key',
  timed: 'all 5,000 sequential lookups, each in a fresh context',
  async run({ table, items, contender }) {
    await table.reset();
    const ids = await table.seed(items);
    const lookups = pickLookupIds(ids, FIND_COUNT);
    const { ms, value: found } = await measure(() => contender.findEach(lookups));

    expectViews(found, lookups, seededNames(ids, items), this.id, contender.name);
    return ms;
  },
};
