import { CompiledQuery } from '../../query/compiler/compiled-query';
import type { MigrationLock } from '../dialect';

/**
 * A session-level advisory lock (scoped to the current database by PostgreSQL itself). Advisory locks are
 * keyed by a 64-bit number: the key's name is hashed by the server.
 */
export const postgresMigrationLock: MigrationLock = Object.freeze({
  tryAcquire: (key: string) => CompiledQuery.create('select pg_try_advisory_lock(hashtext($1)) as acquired', [key]),
  release: (key: string) => CompiledQuery.create('select pg_advisory_unlock(hashtext($1)) as released', [key]),
});
