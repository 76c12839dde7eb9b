import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ForeignKeyFunctions } from '../foreign-key';
import { comparableExpression, comparableHelpers, isComparableAsIs } from './comparable-expression';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `snapshot(entity) → plain object` of every property's comparable form: what the database holds. A foreign key's
 * comparable form is its target's key.
 */
export function emitSnapshot(meta: EntityMetadata, foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>): EmittedFunction {
  const helpers: Record<string, unknown> = { ...comparableHelpers };
  const lines = [`// snapshot ${meta.name}`, 'return function snapshot(e) {', '  let v;', '  const s = {};'];
  for (const p of meta.properties) {
    const target = access('s', p.name);
    const value = access('e', p.name);
    const foreignKey = foreignKeys.get(p.index);
    if (foreignKey) {
      const name = helperName('key', p.index, p.name);
      helpers[name] = foreignKey.comparable;
      lines.push(`  v = ${value};`, `  ${target} = v == null ? v : ${name}(v);`);
    } else if (isComparableAsIs(p)) {
      lines.push(`  ${target} = ${value};`);
    } else {
      lines.push(`  v = ${value};`, `  ${target} = v == null ? v : ${comparableExpression(p, 'v')};`);
    }
  }
  lines.push('  return s;', '};');
  return { source: lines.join('\n'), helpers };
}
