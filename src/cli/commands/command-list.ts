import type { Command } from '../command';
import { dbAnalyze } from './analyze-command';
import { dbBackup, dbRestore } from './backup-commands';
import { dbConsole } from './console-command';
import { dbStatus } from './db-status-command';
import {
  migrationCheck,
  migrationCreate,
  migrationDown,
  migrationGenerate,
  migrationRedo,
  migrationReset,
  migrationStatus,
  migrationUp,
} from './migration-commands';
import { schemaCreate, schemaDiff, schemaDrop, schemaUpdate } from './schema-commands';
import { seed } from './seed-command';

/** Every `tessera` command, in the order `tessera --help` lists them. */
export const COMMANDS: readonly Command[] = [
  migrationGenerate,
  migrationCreate,
  migrationUp,
  migrationDown,
  migrationStatus,
  migrationCheck,
  migrationRedo,
  migrationReset,
  schemaCreate,
  schemaDrop,
  schemaUpdate,
  schemaDiff,
  seed,
  dbStatus,
  dbBackup,
  dbRestore,
  dbAnalyze,
  dbConsole,
];
