import type { IntrospectionQuery, Introspector } from '../dialect';
import { checkItems } from '../../sql/schema-model/check-items';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import { normalizeExpression } from '../../sql/schema-model/default-expression';
import { parseReferentialAction } from '../../sql/schema-model/referential-action';
import { SchemaBuilder } from '../../sql/schema-model/schema-builder';
import { compareNames } from '../../sql/schema-model/schema-order';
import { checkExpressions, hasAutoincrement, indexKeyParts, isWithoutRowid } from './sqlite-create-sql';
import { sqliteColumnType, sqliteDefault } from './sqlite-schema-normalizer';

/*
 * The pragmas are read through their table-valued forms joined to sqlite_master (`pragma_table_xinfo(m.name)`),
 * so one query covers every table and no table name is ever written into SQL, quoted or not. Internal tables
 * (sqlite_sequence, sqlite_stat1, ..) are left out. The driver returns integers as bigints: hence Number().
 */
const USER_TABLES = "m.type = 'table' and m.name not like 'sqlite\\_%' escape '\\'";

// table_xinfo rather than table_info: it lists generated columns too (hidden 2 and 3); hidden 1 marks the
// hidden columns of a virtual table, which are not columns of its schema.
const COLUMNS = `
select m.name as table_name, m.sql as table_sql, c.name as column_name, c.type as declared_type,
       c."notnull" as not_null, c.dflt_value as default_value, c.pk as key_position, c.hidden as hidden
  from sqlite_master m join pragma_table_xinfo(m.name) c
 where ${USER_TABLES} and c.hidden <> 1
 order by m.name, c.cid`;

// Key columns only (`key = 1`): index_xinfo also lists the rowid an index carries.
const INDEXES = `
select m.name as table_name, il.name as index_name, il."unique" as is_unique, il.origin as origin,
       ii.seqno as position, ii.cid as column_id, ii.name as column_name, s.sql as index_sql
  from sqlite_master m
  join pragma_index_list(m.name) il
  join pragma_index_xinfo(il.name) ii
  left join sqlite_master s on s.type = 'index' and s.name = il.name
 where ${USER_TABLES} and ii.key = 1
 order by m.name, il.name, ii.seqno`;

const FOREIGN_KEYS = `
select m.name as table_name, f.id as id, f.seq as position, f."table" as referenced_table, f."from" as column_name,
       f."to" as referenced_column, f.on_delete as on_delete, f.on_update as on_update
  from sqlite_master m join pragma_foreign_key_list(m.name) f
 where ${USER_TABLES}
 order by m.name, f.id, f.seq`;

/** pragma index_xinfo's column id for a key part that is an expression. */
const EXPRESSION_COLUMN = -2;

export class SqliteIntrospector implements Introspector {
  constructor(private readonly run: IntrospectionQuery) {}

  async serverVersion(): Promise<string> {
    const [{ version }] = await this.run('select sqlite_version() as version');
    return `SQLite ${String(version)}`;
  }

  async listTables(): Promise<string[]> {
    const rows = await this.run(`select m.name as name from sqlite_master m where ${USER_TABLES} order by m.name`);
    // The server's collation may order `_` after letters; the schema model sorts by code unit.
    return rows.map((r) => String(r.name)).sort(compareNames);
  }

  /**
   * The main database's tables. SQLite keeps no names for primary keys, unique constraints or foreign keys,
   * so those are reported without one.
   * @example
   * const schema = await introspector.introspect();
   */
  async introspect(): Promise<DatabaseSchema> {
    const builder = new SchemaBuilder();
    for (const table of await this.listTables()) builder.addTable(table);
    const primaryKeys = this.addColumns(builder, await this.run(COLUMNS));
    for (const row of await this.run(INDEXES)) this.addIndexColumn(builder, row);
    for (const row of await this.run(FOREIGN_KEYS)) {
      const table = String(row.table_name);
      const referencedTable = String(row.referenced_table);
      const target = {
        referencedTable,
        onDelete: parseReferentialAction(String(row.on_delete)),
        onUpdate: parseReferentialAction(String(row.on_update)),
      };
      // `references parent` without columns means the parent's primary key, which the pragma leaves null.
      const referencedKey = primaryKeys.find(([name]) => name.toLowerCase() === referencedTable.toLowerCase())?.[1];
      const referencedColumn = row.referenced_column ?? referencedKey?.[Number(row.position)] ?? '';
      builder.addForeignKeyColumn(table, String(row.id), target, String(row.column_name), String(referencedColumn));
    }
    return builder.build();
  }

  /** Adds every column and primary key; returns each table's primary key columns in key order. */
  private addColumns(builder: SchemaBuilder, rows: readonly Record<string, unknown>[]): [string, string[]][] {
    const primaryKeys = new Map<string, string[]>();
    for (const row of rows) {
      const position = Number(row.key_position);
      if (position === 0) continue;
      const key = primaryKeys.get(String(row.table_name)) ?? [];
      primaryKeys.set(String(row.table_name), key);
      key[position - 1] = String(row.column_name);
    }
    // One parse of each CREATE TABLE for all its columns.
    const checks = new Map<string, string[]>();
    const checksOf = (table: string, sql: string) => checks.get(table) ?? checks.set(table, checkExpressions(sql)).get(table) ?? [];
    for (const row of rows) {
      const table = String(row.table_name);
      const declared = String(row.declared_type ?? '');
      const normalized = sqliteColumnType(declared);
      const tableSql = String(row.table_sql ?? '');
      const name = String(row.column_name);
      // An INTEGER PRIMARY KEY is the rowid: never null, and generated; AUTOINCREMENT (never reusing the ids
      // of deleted rows) is how Tessera declares its identity keys, so only that counts as identity.
      const rowid =
        primaryKeys.get(table)?.length === 1 &&
        Number(row.key_position) === 1 &&
        declared.toLowerCase() === 'integer' &&
        !isWithoutRowid(tableSql);
      builder.addColumn(table, {
        name,
        nativeType: declared,
        type: normalized.type,
        length: normalized.length,
        precision: normalized.precision,
        scale: normalized.scale,
        nullable: !Number(row.not_null) && !rowid,
        default: sqliteDefault(row.default_value === null ? null : String(row.default_value), normalized.valueKind),
        identity: rowid && hasAutoincrement(tableSql),
        items: checksOf(table, tableSql)
          .map((expression) => checkItems(expression, name))
          .find((items) => items !== undefined),
      });
    }
    for (const [table, columns] of primaryKeys) for (const column of columns) builder.addPrimaryKeyColumn(table, undefined, column);
    return [...primaryKeys.entries()];
  }

  private addIndexColumn(builder: SchemaBuilder, row: Record<string, unknown>): void {
    const table = String(row.table_name);
    const name = String(row.index_name);
    // A primary key's own index ('pk') is the key itself, read from table_xinfo.
    if (row.origin === 'pk') return;
    let part = String(row.column_name);
    if (Number(row.column_id) === EXPRESSION_COLUMN) {
      const expression = indexKeyParts(String(row.index_sql ?? ''))[Number(row.position)];
      part = `(${normalizeExpression(expression ?? '')})`;
    }
    if (row.origin === 'u') builder.addUniqueColumn(table, name, undefined, part);
    else builder.addIndexColumn(table, name, Boolean(Number(row.is_unique)), part);
  }
}
