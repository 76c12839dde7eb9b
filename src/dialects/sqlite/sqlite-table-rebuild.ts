import type { SchemaStatement } from '../dialect';
import type { ColumnSchema } from '../../sql/schema-model/column-schema';
import type { DatabaseSchema } from '../../sql/schema-model/database-schema';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import { TableSchema } from '../../sql/schema-model/table-schema';

/*
 * SQLite's way to change what ALTER TABLE cannot ("Making Other Kinds Of Table Schema Changes" in its docs):
 * create the new table under a temporary name, copy the rows, drop the old table, rename the new one, and
 * create the indexes again. Foreign keys must be off meanwhile (the renderer turns them off around the
 * transaction and checks them before it commits).
 */

/** The rows of one table copied into its new definition. */
export class TableRebuild {
  readonly temporaryName: string;

  constructor(
    private readonly from: TableSchema,
    private readonly to: TableSchema,
    private readonly quote: (name: string) => string,
  ) {
    this.temporaryName = `__tessera_new_${to.name}`;
  }

  /**
   * `insert into new (..) select .. from old` for the columns both tables have; a column that became NOT NULL
   * with a default takes the default where it held NULL.
   */
  copy(defaultSql: (column: ColumnSchema) => string): SchemaStatement[] {
    const kept = this.to.columns.filter((c) => TableSchema.column(this.from, c.name));
    if (kept.length === 0) return [];
    const values = kept.map((c) => {
      const old = TableSchema.column(this.from, c.name) as ColumnSchema;
      const column = this.quote(c.name);
      return old.nullable && !c.nullable && c.default !== undefined ? `coalesce(${column}, ${defaultSql(c)})` : column;
    });
    const names = kept.map((c) => this.quote(c.name)).join(', ');
    return [{ sql: `insert into ${this.quote(this.temporaryName)} (${names}) select ${values.join(', ')} from ${this.quote(this.from.name)}` }];
  }
}

/**
 * The run of operations from `start` that one rebuild covers: consecutive changes to one table, the first of
 * which needs a rebuild, and none of which renames anything (the copy matches columns by name). Empty when
 * the operation at `start` needs no rebuild.
 */
export function rebuildGroup(
  ops: readonly SchemaOperation[],
  start: number,
  needsRebuild: (op: SchemaOperation, schema: DatabaseSchema) => boolean,
  schema: DatabaseSchema,
): SchemaOperation[] {
  if (!needsRebuild(ops[start], schema)) return [];
  const table = tableName(ops[start]);
  const group: SchemaOperation[] = [];
  for (let i = start; i < ops.length && tableName(ops[i]) === table && REBUILT.has(ops[i].kind); i++) group.push(ops[i]);
  return group;
}

const REBUILT = new Set<SchemaOperation['kind']>(['alterColumn', 'dropColumn', 'addColumn', 'addForeignKey', 'dropForeignKey', 'addUnique', 'dropUnique']);

/**
 * The list with each foreign key added to a table that the list itself creates folded into that table's
 * CREATE TABLE (where nothing else changes the table in between), so that a new table is never rebuilt.
 */
export function foldForeignKeys(operations: readonly SchemaOperation[]): SchemaOperation[] {
  const ops: (SchemaOperation | undefined)[] = [...operations];
  ops.forEach((op, i) => {
    if (op?.kind !== 'createTable') return;
    let table = op.table;
    for (let j = i + 1; j < ops.length; j++) {
      const other = ops[j];
      if (!other || tableName(other) !== table.name) continue;
      if (other.kind === 'addForeignKey') {
        table = TableSchema.create({ ...table, foreignKeys: [...table.foreignKeys, other.foreignKey] });
        ops[j] = undefined;
      } else if (other.kind !== 'createIndex') break;
    }
    ops[i] = { kind: 'createTable', table };
  });
  return ops.filter((op): op is SchemaOperation => op !== undefined);
}

function tableName(op: SchemaOperation): string | undefined {
  if ('table' in op) return typeof op.table === 'string' ? op.table : op.table.name;
  if (op.kind === 'renameTable') return op.from;
  return undefined;
}
