import { CommandLineError } from '../../errors/command-line-error';
import { runSeeder } from '../../seeding/run-seeder';
import type { Command } from '../command';
import { runWithProgress } from './run-with-progress';

export const seed: Command = {
  name: 'seed',
  summary: 'Run a seeder (default: the first in the config)',
  description:
    "Runs a seeder from the config's `seeders` list, by class name (default: the first one), in one transaction: " +
    'a seeder that fails leaves no rows behind.',
  arguments: [{ name: 'name', required: false, description: 'The seeder class name, e.g. DatabaseSeeder' }],
  async run({ terminal, config, openOrm }, { args }) {
    const seeders = (await config()).config.seeders ?? [];
    const seeder = args.name === undefined ? seeders[0] : seeders.find((s) => s.name === args.name);
    if (!seeder) throw CommandLineError.unknownSeeder(args.name ?? '(default)', seeders.map((s) => s.name));
    const orm = await openOrm();
    const { summary } = await runWithProgress(orm, terminal, seeder.name, () => runSeeder(orm.em, seeder));
    terminal.line(`${terminal.style('green', '✓')} Seeded with ${seeder.name} (${summary})`);
    return 0;
  },
};
