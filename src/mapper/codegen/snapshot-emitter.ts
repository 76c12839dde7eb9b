import type { EntityMetadata } from '../../metadata/entity-metadata';
import { comparableExpression, comparableHelpers, isComparableAsIs } from './comparable-expression';
import { access, type EmittedFunction } from './emitted-function';

/** `snapshot(entity) → plain object` of every property's comparable form: what the database holds. */
export function emitSnapshot(meta: EntityMetadata): EmittedFunction {
  const lines = [`// snapshot ${meta.name}`, 'return function snapshot(e) {', '  let v;', '  const s = {};'];
  for (const p of meta.properties) {
    const target = access('s', p.name);
    const value = access('e', p.name);
    if (isComparableAsIs(p)) {
      lines.push(`  ${target} = ${value};`);
    } else {
      lines.push(`  v = ${value};`, `  ${target} = v == null ? v : ${comparableExpression(p, 'v')};`);
    }
  }
  lines.push('  return s;', '};');
  return { source: lines.join('\n'), helpers: comparableHelpers };
}
