import type { IntrospectionQuery, Introspector } from '../dialect';
import { checkItems } from '../../sql/schema-model/check-items';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import { normalizeExpression } from '../../sql/schema-model/default-expression';
import { SchemaBuilder } from '../../sql/schema-model/schema-builder';
import { compareNames } from '../../sql/schema-model/schema-order';
import { isJsonCheck, mysqlColumnType, mysqlDefault, mysqlEnumItems, mysqlReferentialAction } from './mysql-schema-normalizer';

/*
 * Every query reads information_schema for the current database only (`database()`, never a concatenated
 * name). Columns are aliased in lower case: MySQL 8 returns information_schema names in upper case otherwise.
 */
const COLUMNS = `
select table_name as table_name, column_name as column_name, column_type as column_type, data_type as data_type,
       character_maximum_length as character_length, numeric_precision as numeric_precision,
       numeric_scale as numeric_scale, datetime_precision as datetime_precision, column_default as column_default,
       is_nullable as is_nullable, extra as extra
  from information_schema.columns
 where table_schema = database()
 order by table_name, ordinal_position`;

// MariaDB only: MySQL 8's check_constraints has no table_name, and its JSON is a real type.
const CHECKS = `
select table_name as table_name, constraint_name as constraint_name, check_clause as check_clause
  from information_schema.check_constraints
 where constraint_schema = database()`;

const FOREIGN_KEYS = `
select k.table_name as table_name, k.constraint_name as constraint_name, k.column_name as column_name,
       k.referenced_table_name as referenced_table, nullif(k.referenced_table_schema, database()) as referenced_schema,
       k.referenced_column_name as referenced_column, r.delete_rule as on_delete, r.update_rule as on_update
  from information_schema.key_column_usage k
  join information_schema.referential_constraints r
    on r.constraint_schema = k.constraint_schema and r.constraint_name = k.constraint_name and r.table_name = k.table_name
 where k.table_schema = database() and k.referenced_table_name is not null
 order by k.table_name, k.constraint_name, k.ordinal_position`;

// `select *`: MySQL 8 has an EXPRESSION column for functional key parts, MariaDB has none. Upper-case keys.
const INDEXES = `
select * from information_schema.statistics
 where table_schema = database()
 order by table_name, index_name, seq_in_index`;

/** What MariaDB's check constraints say about columns, by table and column. */
interface ColumnChecks {
  readonly json: Set<string>;
  readonly items: Map<string, string[]>;
}

interface ForeignKeyColumns {
  readonly table: string;
  readonly name: string;
  readonly columns: string[];
}

export class MysqlIntrospector implements Introspector {
  constructor(private readonly run: IntrospectionQuery) {}

  async serverVersion(): Promise<string> {
    const [{ version }] = await this.run('select version() as version');
    // MariaDB names itself in its version string; MySQL does not.
    return /mariadb/i.test(String(version)) ? String(version) : `MySQL ${String(version)}`;
  }

  async listTables(): Promise<string[]> {
    const rows = await this.run(
      "select table_name as name from information_schema.tables where table_schema = database() and table_type = 'BASE TABLE' order by table_name",
    );
    // The server's collation may order `_` after letters; the schema model sorts by code unit.
    return rows.map((r) => String(r.name)).sort(compareNames);
  }

  /**
   * The current database's tables. MySQL keeps no distinction between a unique constraint and a unique
   * index, so every unique key is reported as a unique index.
   * @example
   * const schema = await introspector.introspect();
   */
  async introspect(): Promise<DatabaseSchema> {
    const builder = new SchemaBuilder();
    for (const table of await this.listTables()) builder.addTable(table);
    const [{ version }] = await this.run('select version() as version');
    const mariaDb = /mariadb/i.test(String(version));
    const checks = mariaDb ? await this.columnChecks() : { json: new Set<string>(), items: new Map<string, string[]>() };
    for (const row of await this.run(COLUMNS)) this.addColumn(builder, row, mariaDb, checks);
    const foreignKeys = await this.addForeignKeys(builder);
    this.addIndexes(builder, await this.run(INDEXES), foreignKeys);
    return builder.build();
  }

  private addColumn(builder: SchemaBuilder, row: Record<string, unknown>, mariaDb: boolean, checks: ColumnChecks): void {
    const table = String(row.table_name);
    const name = String(row.column_name);
    const columnType = String(row.column_type);
    const extra = String(row.extra ?? '');
    const normalized = mysqlColumnType({
      dataType: String(row.data_type),
      columnType,
      characterLength: optionalNumber(row.character_length),
      numericPrecision: optionalNumber(row.numeric_precision),
      numericScale: optionalNumber(row.numeric_scale),
      datetimePrecision: optionalNumber(row.datetime_precision),
      jsonCheck: checks.json.has(key(table, name)),
    });
    const generated = /\bGENERATED\b/i.test(extra) && !/\bDEFAULT_GENERATED\b/i.test(extra);
    const columnDefault = row.column_default === null ? null : String(row.column_default);
    builder.addColumn(table, {
      name,
      nativeType: columnType,
      type: normalized.type,
      length: normalized.length,
      precision: normalized.precision,
      scale: normalized.scale,
      nullable: row.is_nullable === 'YES',
      default: generated ? undefined : mysqlDefault(columnDefault, extra, mariaDb, normalized.valueKind),
      identity: /\bauto_increment\b/i.test(extra),
      items: mysqlEnumItems(columnType) ?? checks.items.get(key(table, name)),
    });
  }

  /**
   * MariaDB's column checks: the implicit `json_valid(col)` that marks its JSON (a LONGTEXT), and the
   * `col in (...)` of an enum Tessera keeps in an int column. A column-level check is named after its column.
   */
  private async columnChecks(): Promise<ColumnChecks> {
    const checks: ColumnChecks = { json: new Set(), items: new Map() };
    for (const row of await this.run(CHECKS)) {
      const name = String(row.constraint_name);
      const clause = String(row.check_clause);
      if (isJsonCheck(name, clause)) checks.json.add(key(String(row.table_name), name));
      const items = checkItems(clause, name);
      if (items) checks.items.set(key(String(row.table_name), name), items);
    }
    return checks;
  }

  private async addForeignKeys(builder: SchemaBuilder): Promise<ForeignKeyColumns[]> {
    const keys = new Map<string, ForeignKeyColumns>();
    for (const row of await this.run(FOREIGN_KEYS)) {
      const table = String(row.table_name);
      const name = String(row.constraint_name);
      const target = {
        name,
        referencedTable: String(row.referenced_table),
        referencedSchema: row.referenced_schema === null ? undefined : String(row.referenced_schema),
        onDelete: mysqlReferentialAction(String(row.on_delete)),
        onUpdate: mysqlReferentialAction(String(row.on_update)),
      };
      builder.addForeignKeyColumn(table, name, target, String(row.column_name), String(row.referenced_column));
      const entry = keys.get(key(table, name)) ?? { table, name, columns: [] };
      keys.set(key(table, name), entry);
      entry.columns.push(String(row.column_name));
    }
    return [...keys.values()];
  }

  private addIndexes(builder: SchemaBuilder, rows: readonly Record<string, unknown>[], foreignKeys: readonly ForeignKeyColumns[]): void {
    const indexes = new Map<string, { table: string; name: string; unique: boolean; parts: string[] }>();
    for (const row of rows) {
      const table = String(row.TABLE_NAME);
      const name = String(row.INDEX_NAME);
      const index = indexes.get(key(table, name)) ?? { table, name, unique: Number(row.NON_UNIQUE) === 0, parts: [] };
      indexes.set(key(table, name), index);
      index.parts.push(row.COLUMN_NAME === null ? `(${normalizeExpression(String(row.EXPRESSION))})` : String(row.COLUMN_NAME));
    }
    for (const index of indexes.values()) {
      if (index.name === 'PRIMARY') {
        for (const column of index.parts) builder.addPrimaryKeyColumn(index.table, index.name, column);
      } else if (!foreignKeys.some((fk) => createdForForeignKey(index, fk))) {
        for (const part of index.parts) builder.addIndexColumn(index.table, index.name, index.unique, part);
      }
    }
  }
}

/**
 * InnoDB creates an index for a foreign key that has none and names it after the constraint, or after the
 * first column when the constraint was unnamed. It comes and goes with the key, so it is not reported: a diff
 * would otherwise see an index the entities never declared.
 */
function createdForForeignKey(index: { table: string; name: string; unique: boolean; parts: string[] }, fk: ForeignKeyColumns): boolean {
  return (
    !index.unique &&
    index.table === fk.table &&
    (index.name === fk.name || index.name === fk.columns[0]) &&
    index.parts.join('\0') === fk.columns.join('\0')
  );
}

function key(table: string, name: string): string {
  return `${table}\0${name}`;
}

function optionalNumber(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}
