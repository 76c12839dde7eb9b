import { CommandLineError } from '../../errors/command-line-error';
import { DestructiveChangeError } from '../../errors/destructive-change-error';
import type { Command } from '../command';
import { describeOperation } from '../describe-operation';
import { runWithProgress } from './run-with-progress';

const DUMP = { type: 'boolean', description: 'Print the SQL instead of running it' } as const;
const DROP_TABLES = { type: 'boolean', description: 'Also drop the tables the entities no longer have (default: leave them)' } as const;

export const schemaCreate: Command = {
  name: 'schema:create',
  summary: "Create the entities' tables, indexes and foreign keys",
  description: "Creates every entity's table, indexes and foreign keys from the metadata (in one transaction where the database has transactional DDL).",
  options: { dump: DUMP },
  async run({ terminal, openOrm }, { options }) {
    const orm = await openOrm();
    if (options.dump) {
      for (const sql of orm.schema.createSql()) terminal.line(`${sql};`);
      return 0;
    }
    const { summary } = await runWithProgress(orm, terminal, 'schema:create', () => orm.schema.create());
    terminal.line(`${terminal.style('green', '✓')} Created ${orm.metadata.all.length} entity tables (${summary})`);
    return 0;
  },
};

export const schemaDrop: Command = {
  name: 'schema:drop',
  summary: "Drop the entities' tables",
  description: "Drops every entity's table (and pivot table); tables that do not exist are skipped. The data in them is lost.",
  options: { dump: DUMP },
  async run({ terminal, openOrm }, { options }) {
    const orm = await openOrm();
    if (options.dump) {
      for (const sql of orm.schema.dropSql()) terminal.line(`${sql};`);
      return 0;
    }
    const { summary } = await runWithProgress(orm, terminal, 'schema:drop', () => orm.schema.drop());
    terminal.line(`${terminal.style('green', '✓')} Dropped the tables of ${orm.metadata.all.length} entities (${summary})`);
    return 0;
  },
};

export const schemaDiff: Command = {
  name: 'schema:diff',
  summary: 'Print the SQL that brings the database to the entities',
  description:
    'Compares the entities with the live database and prints the statements schema:update would run, one per line ' +
    '(nothing when they agree). Tables the entities do not know are left out unless --drop-tables is given.',
  options: { 'drop-tables': DROP_TABLES },
  async run({ terminal, openOrm }, { options }) {
    const orm = await openOrm();
    const statements = await orm.schema.diffSql({ dropTables: options['drop-tables'] === true });
    for (const sql of statements) terminal.line(`${sql};`);
    if (statements.length === 0) terminal.note('The database matches the entities.');
    return 0;
  },
};

export const schemaUpdate: Command = {
  name: 'schema:update',
  summary: 'Bring the database to the entities (development only)',
  description:
    'Applies the difference between the entities and the live database, for development: production uses migrations, ' +
    'so it refuses to run under NODE_ENV=production. Changes that lose data (dropped tables or columns, narrowed ' +
    'types, NOT NULL over NULLs) are refused, and nothing runs, unless --force is given.',
  options: {
    force: { type: 'boolean', description: 'Apply changes that lose data too' },
    'drop-tables': DROP_TABLES,
    dump: DUMP,
  },
  async run({ terminal, openOrm, env }, { options }) {
    if (env.NODE_ENV === 'production') throw CommandLineError.productionSchemaUpdate();
    const orm = await openOrm();
    const dropTables = options['drop-tables'] === true;
    if (options.dump) {
      for (const sql of await orm.schema.diffSql({ dropTables })) terminal.line(`${sql};`);
      return 0;
    }
    try {
      const { result, summary } = await runWithProgress(orm, terminal, 'schema:update', () =>
        orm.schema.update({ dropTables, force: options.force === true }),
      );
      if (result.length === 0) {
        terminal.line('The database already matches the entities.');
        return 0;
      }
      for (const op of result) terminal.line(`  ${describeOperation(op)}`);
      terminal.line(`${terminal.style('green', '✓')} Applied ${result.length} schema change${result.length === 1 ? '' : 's'} (${summary})`);
      return 0;
    } catch (error) {
      if (!(error instanceof DestructiveChangeError)) throw error;
      terminal.error('schema:update would lose data, so nothing was changed:');
      for (const change of error.changes) terminal.note(`  - ${change.message}`);
      terminal.note('Review them with `tessera schema:diff`, then run `tessera schema:update --force`, or write a migration.');
      return 1;
    }
  },
};
