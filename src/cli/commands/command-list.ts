import type { Command } from '../command';
import { dbStatus } from './db-status-command';
import { schemaCreate, schemaDiff, schemaDrop, schemaUpdate } from './schema-commands';
import { seed } from './seed-command';

/** Every `tessera` command, in the order `tessera --help` lists them. */
export const COMMANDS: readonly Command[] = [schemaCreate, schemaDrop, schemaUpdate, schemaDiff, seed, dbStatus];
