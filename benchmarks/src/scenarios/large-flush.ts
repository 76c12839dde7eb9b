import { measure } from '../stopwatch';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

const LARGE_COUNT = 100_000;
const CHANGED = 10;
// Seeded ages are 18..80, so the changed rows are exactly those at NEW_AGE.
const NEW_AGE = 1000;

export const largeFlush: Scenario = {
  id: 'S11',
  title: 'flush 10 changes among 100,000 managed entities',
  timed:
    'changing one column on 10 of 100,000 entities loaded into one context, and the flush (loading is not timed); ' +
    'raw: the 10 updates in one transaction',
  runsFor: (contender) => contender.prepareSparseUpdate !== undefined,
  async run({ table, contender }) {
    if (!contender.prepareSparseUpdate) throw new Error(`S11 has no identity map to flush for ${contender.name}`);
    await table.reset();
    await table.generate(LARGE_COUNT);
    const ids = Array.from({ length: CHANGED }, (_, i) => 1 + ((i * 9973 + 4321) % LARGE_COUNT));
    const expectedSum = (await table.ageSum()) - (await table.ageSum(ids)) + CHANGED * NEW_AGE;
    const step = await contender.prepareSparseUpdate(ids, NEW_AGE);
    const { ms } = await measure(step);

    const { atLeast, sum } = await table.ageSummary(NEW_AGE);
    if (atLeast !== CHANGED || sum !== expectedSum || (await table.ageSum(ids)) !== CHANGED * NEW_AGE) {
      throw VerificationError.notUpdated(this.id, contender.name, atLeast, CHANGED, sum, expectedSum);
    }
    return ms;
  },
};
