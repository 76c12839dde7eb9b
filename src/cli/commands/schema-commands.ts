import type { Command } from '../command';
import { runWithProgress } from './run-with-progress';

const DUMP = { type: 'boolean', description: 'Print the SQL instead of running it' } as const;

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
