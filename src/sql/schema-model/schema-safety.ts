import type { ColumnSchema } from './column-schema';
import type { SchemaOperation } from './schema-operation';

/** Why an operation can lose data or fail on the data a table holds. */
export type DestructiveReason = 'drop table' | 'drop column' | 'type narrowing' | 'not null without default';

/** One operation that loses data, or may: a migration generator comments it, `schema.update()` refuses it without `force`. */
export interface DestructiveChange {
  readonly operation: SchemaOperation;
  readonly reason: DestructiveReason;
  readonly table: string;
  readonly column?: string;
  /**
   * Set on 'not null without default': the change is destructive only if the table holds rows (an added
   * column) or NULLs in the column (an altered one), which only the live database can say.
   */
  readonly dataCheck?: 'rows' | 'nulls';
  /** One line for a person: `drop column users.nickname (its values are lost)`. */
  readonly message: string;
}

/**
 * The operations that drop data (a table, a column), narrow a type (a shorter varchar, a smaller number, a
 * different type that is no widening of the old one, enum items removed) or make a column NOT NULL without
 * a default. Pure: a 'not null without default' entry carries the data check that decides it.
 * @example
 * const risky = destructiveChanges(await orm.schema.diff());
 */
export function destructiveChanges(operations: readonly SchemaOperation[]): DestructiveChange[] {
  const changes: DestructiveChange[] = [];
  for (const op of operations) {
    if (op.kind === 'dropTable') {
      changes.push({ operation: op, reason: 'drop table', table: op.table.name, message: `drop table ${op.table.name} (its rows are lost)` });
    } else if (op.kind === 'dropColumn') {
      const where = `${op.table}.${op.column.name}`;
      changes.push({ operation: op, reason: 'drop column', table: op.table, column: op.column.name, message: `drop column ${where} (its values are lost)` });
    } else if (op.kind === 'addColumn' && requiresValue(op.column)) {
      const where = `${op.table}.${op.column.name}`;
      const message = `add column ${where} not null without a default (fails or fills in a value where the table has rows)`;
      changes.push({ operation: op, reason: 'not null without default', table: op.table, column: op.column.name, dataCheck: 'rows', message });
    } else if (op.kind === 'alterColumn') {
      const where = `${op.table}.${op.to.name}`;
      if (narrows(op.from, op.to)) {
        const message = `alter column ${where} from ${describe(op.from)} to ${describe(op.to)} (values may be cut or refused)`;
        changes.push({ operation: op, reason: 'type narrowing', table: op.table, column: op.to.name, message });
      }
      if (op.from.nullable && requiresValue(op.to)) {
        const message = `alter column ${where} to not null without a default (fails where it holds NULLs)`;
        changes.push({ operation: op, reason: 'not null without default', table: op.table, column: op.to.name, dataCheck: 'nulls', message });
      }
    }
  }
  return changes;
}

function requiresValue(column: ColumnSchema): boolean {
  return !column.nullable && column.default === undefined && !column.identity;
}

/** Types whose every value another type holds exactly: an int fits a bigint, a varchar a text. */
const WIDENS_TO: Readonly<Record<string, readonly string[]>> = {
  int: ['bigint', 'decimal', 'double'],
  float: ['double'],
  string: ['text'],
  uuid: ['string', 'text'],
  enum: ['string', 'text'],
  date: ['timestamp'],
};

/** Whether some value of `from` may not survive as a value of `to`. */
export function narrows(from: ColumnSchema, to: ColumnSchema): boolean {
  if (from.type === undefined || to.type === undefined) return from.nativeType.toLowerCase() !== to.nativeType.toLowerCase();
  if (from.type !== to.type) {
    if (!WIDENS_TO[from.type]?.includes(to.type)) return true;
    if (from.type === 'uuid' && to.type === 'string') return (to.length ?? Infinity) < 36;
    if (from.type === 'int' && to.type === 'decimal') return (to.precision ?? 0) - (to.scale ?? 0) < 10;
    if (from.type === 'enum' && to.type === 'string') return (from.items ?? []).some((i) => i.length > (to.length ?? Infinity));
    return false;
  }
  if (smaller(to.length, from.length)) return true;
  if (from.type === 'decimal') {
    const digits = (c: ColumnSchema) => (c.precision ?? 0) - (c.scale ?? 0);
    return smaller(to.scale, from.scale) || digits(to) < digits(from);
  }
  if (smaller(to.precision, from.precision)) return true;
  return (from.items ?? []).some((i) => !(to.items ?? []).includes(i));
}

/** `a` is a limit below `b` (undefined: no limit). */
function smaller(a: number | undefined, b: number | undefined): boolean {
  return a !== undefined && (b === undefined || a < b);
}

function describe(column: ColumnSchema): string {
  if (column.type === undefined) return column.nativeType;
  if (column.length !== undefined) return `${column.type}(${column.length})`;
  if (column.type === 'decimal') return `decimal(${column.precision}, ${column.scale})`;
  return column.type;
}
