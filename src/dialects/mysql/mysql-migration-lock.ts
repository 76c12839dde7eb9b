import { CompiledQuery } from '../../query/compiler/compiled-query';
import type { MigrationLock } from '../dialect';

// GET_LOCK names are server-wide and at most 64 characters: the database's name keeps two databases apart,
// and a hash keeps the name short whatever the lengths.
const NAME = "concat('tessera:', sha1(concat(database(), '.', ?)))";

/** A named user lock (GET_LOCK), held by the connection that took it. */
export const mysqlMigrationLock: MigrationLock = Object.freeze({
  tryAcquire: (key: string) => CompiledQuery.create(`select get_lock(${NAME}, 0) as acquired`, [key]),
  release: (key: string) => CompiledQuery.create(`select release_lock(${NAME}) as released`, [key]),
});
