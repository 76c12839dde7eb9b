import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { ForeignKeyFunctions } from '../foreign-key';
import type { ConverterLookup } from '../value-converter';
import { access, helperName, type EmittedFunction } from './emitted-function';
import { valueTest } from './value-test';

/**
 * `dehydrate(entity) → values` in the driver's form, one per property in metadata order. undefined stays
 * undefined (the planner leaves such columns out of an INSERT so database defaults apply); null stays null.
 * A foreign key is its target's key, or a `PendingKey` while the target awaits its generated key (its key
 * function checks it). Every other value is checked against its column type inline, before it is converted;
 * `invalid(index, v)` throws the `ValidationError` naming the property.
 */
export function emitDehydrate(
  meta: EntityMetadata,
  converterFor: ConverterLookup,
  foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>,
  invalid: (index: number, value: unknown) => never,
): EmittedFunction {
  const helpers: Record<string, unknown> = { invalid };
  const lines = [
    `// dehydrate ${meta.name}`,
    'return function dehydrate(e) {',
    '  let v;',
    `  const out = new Array(${meta.properties.length});`,
  ];
  for (const p of meta.properties) {
    lines.push(`  v = ${access('e', p.name)};`);
    const foreignKey = foreignKeys.get(p.index);
    if (!foreignKey) {
      const test = valueTest(p);
      Object.assign(helpers, test.helpers);
      lines.push(`  if (v != null && !(${test.source})) invalid(${p.index}, v);`);
    }
    const toDb = foreignKey?.toDb ?? converterFor(p)?.toDb;
    if (toDb) {
      const name = helperName('toDb', p.index, p.name);
      helpers[name] = toDb;
      lines.push(`  out[${p.index}] = v == null ? v : ${name}(v);`);
    } else {
      lines.push(`  out[${p.index}] = v;`);
    }
  }
  lines.push('  return out;', '};');
  return { source: lines.join('\n'), helpers };
}
