import { runProbe } from '../child-process';
import { STARTUP_ENTITY_COUNT } from '../startup/startup-entities';
import type { Scenario } from './scenario';
import { VerificationError } from './verification-error';

export const startUp: Scenario = {
  id: 'S12',
  title: `start-up with ${STARTUP_ENTITY_COUNT} entity classes`,
  timed:
    `in a fresh process, evaluating a compiled module of ${STARTUP_ENTITY_COUNT} generated entities (five columns ` +
    'and a many-to-one to the previous one each) and bringing the ORM up: Orm.init, MikroORM.init, ' +
    "DataSource.initialize, drizzle({ schema }) (discovery, metadata, code generation; MikroORM and TypeORM also " +
    'connect); the library itself is loaded before the clock starts',
  runsFor: (contender) => contender.name !== 'raw',
  ownProcess: true,
  async run({ contender, target }) {
    const { ms, maxRssKiB } = await runProbe<{ ms: number; maxRssKiB: number }>('src/startup/startup-probe.ts', [
      contender.name,
      target.dialect,
      target.url,
    ]);
    if (!(ms > 0)) throw new VerificationError(`${this.id} ${contender.name}: the probe reported ${ms} ms`);
    return { value: ms, extras: { 'peak RSS MiB': maxRssKiB / 1024 } };
  },
};
