import { measure } from '../stopwatch';
import { expectRowCount } from './item-checks';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

const SAMPLE_STRIDE = 499;

export const insertMany: Scenario = {
  id: 'S1',
  title: 'insert 10,000 (one flush)',
  timed: 'creating and persisting every entity, and the flush',
  async run({ table, items, contender }) {
    await table.reset();
    const { ms, value: created } = await measure(() => contender.insertMany(items));

    const scenario = this.id;
    if (created.length !== items.length) {
      throw VerificationError.wrongResultCount(scenario, contender.name, items.length, created.length);
    }
    const ids = created.map((item, i) => {
      const id = Number(item.id);
      if (!Number.isInteger(id) || id <= 0) throw VerificationError.badId(scenario, contender.name, i, item.id);
      return id;
    });
    if (new Set(ids).size !== ids.length) throw new VerificationError(`${scenario} ${contender.name}: duplicate ids`);
    await expectRowCount(table, items.length, scenario, contender.name);

    // The ids on the objects must be the rows' ids: a sample is read back by id and compared by name.
    const sample = items.map((_, i) => i).filter((i) => i % SAMPLE_STRIDE === 0 || i === items.length - 1);
    const stored = await table.namesById(sample.map((i) => ids[i]));
    for (const i of sample) {
      if (stored.get(ids[i]) !== items[i].name) {
        throw VerificationError.mismatch(scenario, contender.name, ids[i], `is not ${items[i].name}`);
      }
    }
    return ms;
  },
};
