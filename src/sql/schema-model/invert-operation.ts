import type { SchemaOperation } from './schema-operation';

/**
 * The operation that undoes `op`. Every operation carries what it removes or replaces, so the inverse needs
 * nothing else; only raw SQL without a `down` has none (undefined). A generated `down()` is the inverses of
 * `up()`'s operations in reverse order.
 * @example
 * invertOperation({ kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' });
 * // { kind: 'renameColumn', table: 'users', from: 'email', to: 'mail' }
 */
export function invertOperation(op: SchemaOperation): SchemaOperation | undefined {
  switch (op.kind) {
    case 'createTable':
      return { kind: 'dropTable', table: op.table };
    case 'dropTable':
      return { kind: 'createTable', table: op.table };
    case 'renameTable':
      return { kind: 'renameTable', from: op.to, to: op.from };
    case 'addColumn':
      return { kind: 'dropColumn', table: op.table, column: op.column };
    case 'dropColumn':
      return { kind: 'addColumn', table: op.table, column: op.column };
    case 'renameColumn':
      return { kind: 'renameColumn', table: op.table, from: op.to, to: op.from };
    case 'alterColumn':
      return { kind: 'alterColumn', table: op.table, from: op.to, to: op.from };
    case 'createIndex':
      return { kind: 'dropIndex', table: op.table, index: op.index };
    case 'dropIndex':
      return { kind: 'createIndex', table: op.table, index: op.index };
    case 'addUnique':
      return { kind: 'dropUnique', table: op.table, unique: op.unique };
    case 'dropUnique':
      return { kind: 'addUnique', table: op.table, unique: op.unique };
    case 'addForeignKey':
      return { kind: 'dropForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'dropForeignKey':
      return { kind: 'addForeignKey', table: op.table, foreignKey: op.foreignKey };
    case 'createEnum':
      return { kind: 'dropEnum', enum: op.enum };
    case 'dropEnum':
      return { kind: 'createEnum', enum: op.enum };
    case 'alterEnum':
      return { kind: 'alterEnum', from: op.to, to: op.from };
    case 'raw':
      return op.down === undefined ? undefined : { kind: 'raw', sql: op.down, down: op.sql };
  }
}

/**
 * The inverse of a whole list, last operation first; undefined if any step has no inverse.
 * @example
 * const down = invertOperations(up);
 */
export function invertOperations(ops: readonly SchemaOperation[]): SchemaOperation[] | undefined {
  const inverse: SchemaOperation[] = [];
  for (const op of [...ops].reverse()) {
    const inverted = invertOperation(op);
    if (!inverted) return undefined;
    inverse.push(inverted);
  }
  return inverse;
}
