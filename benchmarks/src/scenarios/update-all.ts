import { AGE_BUMP } from '../scenario-data';
import { measure } from '../stopwatch';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

export const updateAll: Scenario = {
  id: 'S3',
  title: 'update 10,000 (one column, one flush)',
  timed: 'changing one column on every loaded entity, and the flush (loading is not timed)',
  async run({ table, items, contender }) {
    await table.reset();
    await table.seed(items);
    const step = await contender.prepareAgeUpdate(AGE_BUMP);
    const { ms } = await measure(step);

    const expectedSum = items.reduce((sum, item) => sum + item.age + AGE_BUMP, 0);
    const { atLeast, sum } = await table.ageSummary(AGE_BUMP);
    if (atLeast !== items.length || sum !== expectedSum) {
      throw VerificationError.notUpdated(this.id, contender.name, atLeast, items.length, sum, expectedSum);
    }
    return ms;
  },
};
