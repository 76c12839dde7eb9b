import type { IntrospectionQuery, Introspector } from '../dialect';
import { checkItems } from '../../sql/schema-model/check-items';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import { normalizeExpression } from '../../sql/schema-model/default-expression';
import { SchemaBuilder } from '../../sql/schema-model/schema-builder';
import { compareNames } from '../../sql/schema-model/schema-order';
import { isSequenceDefault, postgresColumnType, postgresDefault, postgresReferentialAction } from './postgres-schema-normalizer';

/*
 * Every query reads pg_catalog for the current schema only (`current_schema()`, never a concatenated name),
 * ordinary and partitioned tables but not their partitions. pg_catalog rather than information_schema: it
 * has identity, enum labels, type modifiers and index key order, and it is not filtered by privileges.
 */
const TABLES = `
select c.relname as table_name
  from pg_class c join pg_namespace ns on ns.oid = c.relnamespace
 where ns.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition
 order by c.relname`;

const COLUMNS = `
select c.relname as table_name, a.attname as column_name, format_type(a.atttypid, a.atttypmod) as native_type,
       t.typname as type_name, t.typtype as type_kind, t.typcategory as type_category, a.atttypmod as type_modifier,
       a.attnotnull as not_null, a.attidentity <> '' as is_identity, a.attgenerated <> '' as is_generated,
       pg_get_expr(d.adbin, d.adrelid) as default_expression,
       array(select e.enumlabel::text from pg_enum e where e.enumtypid = t.oid order by e.enumsortorder) as enum_values
  from pg_attribute a
  join pg_class c on c.oid = a.attrelid
  join pg_namespace ns on ns.oid = c.relnamespace
  join pg_type t on t.oid = a.atttypid
  left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
 where ns.nspname = current_schema() and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
 order by c.relname, a.attnum`;

// Primary keys, unique constraints and foreign keys, one row per key column in key order.
const CONSTRAINTS = `
select c.relname as table_name, con.conname as constraint_name, con.contype as constraint_type,
       a.attname as column_name, fc.relname as referenced_table, nullif(fns.nspname, current_schema()) as referenced_schema,
       fa.attname as referenced_column, con.confdeltype as on_delete, con.confupdtype as on_update
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace ns on ns.oid = c.relnamespace
  cross join lateral unnest(con.conkey) with ordinality as k(attnum, position)
  join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
  left join pg_class fc on fc.oid = con.confrelid
  left join pg_namespace fns on fns.oid = fc.relnamespace
  left join pg_attribute fa on fa.attrelid = con.confrelid and fa.attnum = con.confkey[k.position::int]
 where ns.nspname = current_schema() and con.contype in ('p', 'u', 'f')
 order by c.relname, con.conname, k.position`;

// Indexes not owned by a constraint of their own table (a foreign key's conindid names the referenced
// table's index, hence the conrelid test). Key columns only, not INCLUDE columns; an expression key part
// has no attribute and is read back with pg_get_indexdef.
const INDEXES = `
select c.relname as table_name, ic.relname as index_name, i.indisunique as is_unique,
       a.attname as column_name, pg_get_indexdef(i.indexrelid, k.position, true) as key_expression
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_namespace ns on ns.oid = c.relnamespace
  join pg_class ic on ic.oid = i.indexrelid
  cross join lateral generate_series(1, i.indnkeyatts::int) as k(position)
  left join pg_attribute a on a.attrelid = i.indrelid and a.attnum = i.indkey[k.position - 1] and a.attnum > 0
 where ns.nspname = current_schema()
   and not exists (select 1 from pg_constraint con
                    where con.conindid = i.indexrelid and con.conrelid = i.indrelid and con.contype in ('p', 'u', 'x'))
 order by c.relname, ic.relname, k.position`;

// Single-column CHECK constraints: the `col in (...)` of a text enum (see check-items.ts).
const CHECKS = `
select c.relname as table_name, a.attname as column_name, pg_get_constraintdef(con.oid) as definition
  from pg_constraint con
  join pg_class c on c.oid = con.conrelid
  join pg_namespace ns on ns.oid = c.relnamespace
  join pg_attribute a on a.attrelid = con.conrelid and a.attnum = con.conkey[1]
 where ns.nspname = current_schema() and con.contype = 'c' and cardinality(con.conkey) = 1
 order by c.relname, con.conname`;

const ENUMS = `
select t.typname as enum_name, e.enumlabel as enum_value
  from pg_type t
  join pg_namespace ns on ns.oid = t.typnamespace
  join pg_enum e on e.enumtypid = t.oid
 where ns.nspname = current_schema()
 order by t.typname, e.enumsortorder`;

export class PostgresIntrospector implements Introspector {
  constructor(private readonly run: IntrospectionQuery) {}

  async serverVersion(): Promise<string> {
    const [{ version }] = await this.run("select current_setting('server_version') as version");
    return `PostgreSQL ${String(version)}`;
  }

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name",
    );
    // The server's collation may order `_` after letters; the schema model sorts by code unit.
    return rows.map((r) => String(r.table_name)).sort(compareNames);
  }

  /**
   * The current schema's tables and enum types.
   * @example
   * const schema = await introspector.introspect();
   */
  async introspect(): Promise<DatabaseSchema> {
    const builder = new SchemaBuilder();
    for (const row of await this.run(TABLES)) builder.addTable(String(row.table_name));
    const checks = new Map<string, string[]>();
    for (const row of await this.run(CHECKS)) {
      const items = checkItems(String(row.definition), String(row.column_name));
      if (items) checks.set(`${row.table_name}\0${row.column_name}`, items);
    }
    for (const row of await this.run(COLUMNS)) {
      const normalized = postgresColumnType(String(row.type_name), String(row.type_kind), String(row.type_category), Number(row.type_modifier));
      const expression = row.default_expression === null ? null : String(row.default_expression);
      const sequence = isSequenceDefault(expression);
      const values = row.enum_values as string[];
      builder.addColumn(String(row.table_name), {
        name: String(row.column_name),
        nativeType: String(row.native_type),
        type: normalized.type,
        length: normalized.length,
        precision: normalized.precision,
        scale: normalized.scale,
        nullable: !row.not_null,
        // A generated column's expression sits where a default would; it is not one.
        default: row.is_generated || sequence ? undefined : postgresDefault(expression, normalized.valueKind),
        identity: Boolean(row.is_identity) || sequence,
        items: values.length > 0 ? values : checks.get(`${row.table_name}\0${row.column_name}`),
      });
    }
    for (const row of await this.run(CONSTRAINTS)) this.addConstraintColumn(builder, row);
    for (const row of await this.run(INDEXES)) {
      const part = row.column_name === null ? `(${normalizeExpression(String(row.key_expression))})` : String(row.column_name);
      builder.addIndexColumn(String(row.table_name), String(row.index_name), Boolean(row.is_unique), part);
    }
    for (const row of await this.run(ENUMS)) builder.addEnumValue(String(row.enum_name), String(row.enum_value));
    return builder.build();
  }

  private addConstraintColumn(builder: SchemaBuilder, row: Record<string, unknown>): void {
    const table = String(row.table_name);
    const name = String(row.constraint_name);
    const column = String(row.column_name);
    if (row.constraint_type === 'p') return builder.addPrimaryKeyColumn(table, name, column);
    if (row.constraint_type === 'u') return builder.addUniqueColumn(table, name, name, column);
    const target = {
      name,
      referencedTable: String(row.referenced_table),
      referencedSchema: row.referenced_schema === null ? undefined : String(row.referenced_schema),
      onDelete: postgresReferentialAction(String(row.on_delete)),
      onUpdate: postgresReferentialAction(String(row.on_update)),
    };
    builder.addForeignKeyColumn(table, name, target, column, String(row.referenced_column));
  }
}
