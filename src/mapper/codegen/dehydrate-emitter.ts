import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ForeignKeyFunctions } from '../foreign-key';
import type { ConverterLookup } from '../value-converter';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `dehydrate(entity) → values` in the driver's form, one per property in metadata order. undefined stays
 * undefined (the planner leaves such columns out of an INSERT so database defaults apply); null stays null.
 * A foreign key is its target's key, or a `PendingKey` while the target awaits its generated key.
 */
export function emitDehydrate(
  meta: EntityMetadata,
  converterFor: ConverterLookup,
  foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>,
): EmittedFunction {
  const helpers: Record<string, unknown> = {};
  const lines = [
    `// dehydrate ${meta.name}`,
    'return function dehydrate(e) {',
    '  let v;',
    `  const out = new Array(${meta.properties.length});`,
  ];
  for (const p of meta.properties) {
    const toDb = foreignKeys.get(p.index)?.toDb ?? converterFor(p)?.toDb;
    if (toDb) {
      const name = helperName('toDb', p.index, p.name);
      helpers[name] = toDb;
      lines.push(`  v = ${access('e', p.name)};`, `  out[${p.index}] = v == null ? v : ${name}(v);`);
    } else {
      lines.push(`  out[${p.index}] = ${access('e', p.name)};`);
    }
  }
  lines.push('  return out;', '};');
  return { source: lines.join('\n'), helpers };
}
