import type { ColumnSchema, DatabaseSchema } from '../../src';

/**
 * A schema as a diff compares it: native type spellings dropped (`int(11)` and `int` agree). Target and live
 * schemas that agree have equal shapes. `like` keeps only the tables it has (a test database holds other suites' tables too).
 */
export function schemaShape(schema: DatabaseSchema, like?: DatabaseSchema): unknown {
  const column = ({ nativeType: _native, ...rest }: ColumnSchema) => rest;
  return {
    enums: schema.enums,
    tables: schema.tables.filter((t) => !like || like.tables.some((l) => l.name === t.name)).map((t) => ({ ...t, columns: t.columns.map(column) })),
  };
}
