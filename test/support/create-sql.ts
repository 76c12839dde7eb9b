import type { EntityClass } from '../../src';
import type { SqlDialect } from '../../src/sql/sql-dialect';
import { DatabaseSchema, diffSchemas, SnakeCaseNamingStrategy } from '../../src';
import { targetSchema } from '../../src/sql/target-schema';
import { discoverMetadata } from '../../src/metadata/metadata-discovery';

/** The statements `orm.schema.create()` runs for `entities` on `dialect`, without a database. */
export function createSql(dialect: SqlDialect, ...entities: EntityClass[]): string[] {
  const empty = DatabaseSchema.create([], []);
  const target = targetSchema(discoverMetadata(entities, new SnakeCaseNamingStrategy()), dialect.schema);
  return dialect.schema.render(diffSchemas(target, empty), empty).map((s) => s.sql);
}
