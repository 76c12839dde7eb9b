import type { Dialect, IntrospectionQuery, Introspector, SchemaGenerator } from '../dialects/dialect';
import type { SqlCompiler } from './sql-compiler';

/** A dialect on a SQL database: the seam's SQL-only parts are all there, and its compiler is a `SqlCompiler`. */
export interface SqlDialect extends Dialect {
  createCompiler(): SqlCompiler;
  readonly schema: SchemaGenerator;
  createIntrospector(run: IntrospectionQuery): Introspector;
}
