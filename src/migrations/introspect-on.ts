import type { Dialect, Introspector } from '../dialects/dialect';
import type { Connection } from '../dialects/driver';
import { CompiledQuery } from '../query/compiler/compiled-query';

/** @internal The dialect's introspector, reading through `connection` (inside its transaction, if one is open). */
export function introspectorOn(dialect: Dialect, connection: Connection): Introspector {
  return dialect.createIntrospector(async (sql, params = []) => (await connection.execute(CompiledQuery.create(sql, params))).rows);
}
