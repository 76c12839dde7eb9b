import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ForeignKeyFunctions } from '../foreign-key';
import { comparableExpression, comparableHelpers, isComparableAsIs } from './comparable-expression';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `snapshot(entity) → plain object` of every property's comparable form: what the database holds. A foreign key's
 * comparable form is its target's key. One object literal, so every snapshot of an entity class shares one shape
 * (the literal's), however often the objects die and are collected.
 */
export function emitSnapshot(meta: EntityMetadata, foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>): EmittedFunction {
  const helpers: Record<string, unknown> = { ...comparableHelpers };
  const lines = [`// snapshot ${meta.name}`, 'return function snapshot(e) {', '  let v;', '  return {'];
  for (const p of meta.properties) {
    const key = JSON.stringify(p.name);
    const value = access('e', p.name);
    const foreignKey = foreignKeys.get(p.index);
    if (foreignKey) {
      const name = helperName('key', p.index, p.name);
      helpers[name] = foreignKey.comparable;
      lines.push(`    ${key}: (v = ${value}) == null ? v : ${name}(v),`);
    } else if (isComparableAsIs(p)) {
      lines.push(`    ${key}: ${value},`);
    } else {
      lines.push(`    ${key}: (v = ${value}) == null ? v : ${comparableExpression(p, 'v')},`);
    }
  }
  lines.push('  };', '};');
  return { source: lines.join('\n'), helpers };
}
