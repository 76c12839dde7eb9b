import { CommandLineError } from '../../errors/command-line-error';
import type { Orm } from '../../orm';
import type { Command } from '../command';
import { describeOperation } from '../describe-operation';
import type { Terminal } from '../terminal';

const NAME = { name: 'name', required: true, description: 'What the migration does, e.g. "add author nickname"' } as const;

/**
 * Prints each migration as it runs (`↑ name (3 statements, 12 ms)`) and the warnings a run reports (MySQL runs DDL
 * outside transactions); returns the unsubscribe.
 */
function reportMigrations(orm: Orm, terminal: Terminal): () => void {
  return orm.on('migration', (event) => {
    if (event.kind === 'warning') terminal.warn(event.message);
    else if (event.kind === 'start') terminal.progressLine(`${event.direction === 'up' ? '↑' : '↓'} ${event.name} ...`);
    else {
      const arrow = terminal.style('green', event.direction === 'up' ? '↑' : '↓');
      terminal.line(`${arrow} ${event.name} (${event.statements} statement${event.statements === 1 ? '' : 's'}, ${Math.round(event.durationMs)} ms)`);
    }
  });
}

async function runMigrations(orm: Orm, terminal: Terminal, work: () => Promise<string[]>, verb: string): Promise<number> {
  const unsubscribe = reportMigrations(orm, terminal);
  try {
    const names = await work();
    terminal.line(names.length === 0 ? `No migrations ${verb}.` : `${terminal.style('green', '✓')} ${names.length} migration${names.length === 1 ? '' : 's'} ${verb}`);
    return 0;
  } finally {
    unsubscribe();
  }
}

export const migrationGenerate: Command = {
  name: 'migration:generate',
  summary: 'Write a migration from the difference between the entities and the database',
  description:
    'Compares the entities with the migrated database and writes a TypeScript migration with up() and its exact ' +
    'down() to the configured migrations.path. Steps that lose data are marked in the file and listed here. ' +
    'Writes nothing when there is no difference; refuses while migrations are pending.',
  arguments: [NAME],
  async run({ terminal, openOrm }, { args }) {
    const orm = await openOrm();
    const written = await orm.migrator.generate(args.name as string);
    if (!written) {
      terminal.line('No changes: the entities and the database agree.');
      return 0;
    }
    terminal.line(`${terminal.style('green', '✓')} Wrote ${written.path}`);
    for (const op of written.operations) terminal.line(`  ${describeOperation(op)}`);
    for (const warning of written.warnings) terminal.warn(warning);
    return 0;
  },
};

export const migrationCreate: Command = {
  name: 'migration:create',
  summary: 'Write an empty migration to fill in by hand',
  arguments: [NAME],
  async run({ terminal, openOrm }, { args }) {
    const orm = await openOrm({ entities: false });
    const written = await orm.migrator.create(args.name as string);
    terminal.line(`${terminal.style('green', '✓')} Wrote ${written.path}`);
    return 0;
  },
};

export const migrationUp: Command = {
  name: 'migration:up',
  summary: 'Run the pending migrations (all, or up to --to)',
  description: 'Runs the pending migrations in order, each in its own transaction where the database has transactional DDL.',
  options: { to: { type: 'string', value: 'name', description: 'Stop after this migration' } },
  async run({ terminal, openOrm }, { options }) {
    const orm = await openOrm({ entities: false });
    return runMigrations(orm, terminal, () => orm.migrator.up({ to: options.to as string | undefined }), 'applied');
  },
};

export const migrationDown: Command = {
  name: 'migration:down',
  summary: 'Revert the last migration (or --step N, or down to --to)',
  description: 'Reverts executed migrations, latest first: the last one by default, the last N with --step, or every one after --to and --to itself.',
  options: {
    step: { type: 'string', value: 'n', description: 'How many migrations to revert (default 1)' },
    to: { type: 'string', value: 'name', description: 'Revert down to and including this migration' },
  },
  async run({ terminal, openOrm }, { options }) {
    if (options.step !== undefined && options.to !== undefined) throw CommandLineError.badArguments('migration:down', '--step and --to cannot be combined');
    const step = options.step === undefined ? undefined : Number(options.step);
    if (step !== undefined && !(Number.isInteger(step) && step > 0)) {
      throw CommandLineError.badArguments('migration:down', `--step must be a positive whole number, not '${String(options.step)}'`);
    }
    const orm = await openOrm({ entities: false });
    return runMigrations(orm, terminal, () => orm.migrator.down({ step, to: options.to as string | undefined }), 'reverted');
  },
};

export const migrationStatus: Command = {
  name: 'migration:status',
  summary: 'List the executed and the pending migrations',
  async run({ terminal, openOrm }) {
    const orm = await openOrm({ entities: false });
    const { executed, pending } = await orm.migrator.status();
    if (executed.length + pending.length === 0) terminal.line('No migrations.');
    for (const { name, executedAt } of executed) terminal.line(`${terminal.style('green', 'executed')}  ${name}  ${executedAt.toISOString()}`);
    for (const name of pending) terminal.line(`${terminal.style('yellow', 'pending ')}  ${name}`);
    return 0;
  },
};

export const migrationReset: Command = {
  name: 'migration:reset',
  summary: 'Revert every executed migration',
  async run({ terminal, openOrm }) {
    const orm = await openOrm({ entities: false });
    return runMigrations(orm, terminal, () => orm.migrator.reset(), 'reverted');
  },
};

export const migrationRedo: Command = {
  name: 'migration:redo',
  summary: 'Revert the last migration and run it again',
  async run({ terminal, openOrm }) {
    const orm = await openOrm({ entities: false });
    return runMigrations(orm, terminal, () => orm.migrator.redo(), 'redone');
  },
};

export const migrationCheck: Command = {
  name: 'migration:check',
  summary: 'Exit 1 when the entities and the migrated database disagree (for CI)',
  description:
    'Compares the entities with the database the migrations built (run migration:up first) and exits 1, listing ' +
    'the differences, when an entity changed without a migration; exits 0 when they agree.',
  async run({ terminal, openOrm }) {
    const orm = await openOrm();
    const { pending } = await orm.migrator.status();
    const drift = await orm.migrator.check();
    if (drift.length === 0 && pending.length === 0) {
      terminal.line(`${terminal.style('green', '✓')} The entities and the migrations agree.`);
      return 0;
    }
    if (pending.length > 0) terminal.error(`${pending.length} migration${pending.length === 1 ? ' is' : 's are'} pending: run tessera migration:up first (${pending.join(', ')}).`);
    if (drift.length > 0) {
      terminal.error('The entities differ from the migrated database; generate a migration (tessera migration:generate <name>):');
      for (const op of drift) terminal.note(`  ${describeOperation(op)}`);
    }
    return 1;
  },
};
