import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ForeignKeyFunctions } from '../foreign-key';
import { comparableExpression, comparableHelpers, isComparableAsIs } from './comparable-expression';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `diff(snapshot, entity) → indexes of changed properties | undefined`. The primary key and the version are
 * not user-changeable columns, so they are never compared.
 */
export function emitDiff(meta: EntityMetadata, foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>): EmittedFunction {
  const helpers: Record<string, unknown> = { ...comparableHelpers };
  const lines = [`// diff ${meta.name}`, 'return function diff(s, e) {', '  let v;', '  let changed;'];
  for (const p of meta.properties) {
    if (p.primary || p.version) continue;
    const before = access('s', p.name);
    const value = access('e', p.name);
    const foreignKey = foreignKeys.get(p.index);
    if (foreignKey) {
      const name = helperName('key', p.index, p.name);
      helpers[name] = foreignKey.comparable;
      lines.push(`  v = ${value};`, `  if (${before} !== (v == null ? v : ${name}(v))) (changed ??= []).push(${p.index});`);
    } else if (isComparableAsIs(p)) {
      lines.push(`  if (${before} !== ${value}) (changed ??= []).push(${p.index});`);
    } else {
      lines.push(
        `  v = ${value};`,
        `  if (${before} !== (v == null ? v : ${comparableExpression(p, 'v')})) (changed ??= []).push(${p.index});`,
      );
    }
  }
  lines.push('  return changed;', '};');
  return { source: lines.join('\n'), helpers };
}
