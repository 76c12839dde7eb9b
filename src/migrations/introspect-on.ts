import type { Dialect, Introspector, SchemaGenerator } from '../dialects/dialect';
import type { Connection } from '../dialects/driver';
import { UsageError } from '../errors/usage-error';
import { CompiledQuery } from '../query/compiler/compiled-query';

/** @internal The dialect's introspector, reading through `connection` (inside its transaction, if one is open). */
export function introspectorOn(dialect: Dialect, connection: Connection): Introspector {
  if (!dialect.createIntrospector) throw UsageError.unsupportedByDialect(dialect.name, 'schema introspection', 'orm.schema (and migrations)');
  return dialect.createIntrospector(async (sql, params = []) => (await connection.execute(CompiledQuery.create(sql, params))).rows);
}

/** @internal The dialect's DDL writer: only SQL dialects have one. */
export function schemaGeneratorOf(dialect: Dialect): SchemaGenerator {
  if (!dialect.schema) throw UsageError.unsupportedByDialect(dialect.name, 'DDL (a schema generator)', 'orm.schema (and migrations)');
  return dialect.schema;
}
