import { measure } from '../stopwatch';
import { expectRowCount } from './item-checks';
import type { Scenario } from './scenario';

export const removeAll: Scenario = {
  id: 'S5',
  title: 'remove 10,000 (one flush)',
  timed: 'removing every loaded entity, and the flush (loading is not timed)',
  async run({ table, items, contender }) {
    await table.reset();
    await table.seed(items);
    const step = await contender.prepareRemoveAll();
    const { ms } = await measure(step);

    await expectRowCount(table, 0, this.id, contender.name);
    return ms;
  },
};
