import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { ConverterLookup } from '../value-converter';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `hydrate(row) → entity` for the given properties: a new instance (no constructor call, as a row is not a
 * construction) with one statement per property, converting driver values through the dialect's converters.
 */
export function emitHydrate(
  meta: EntityMetadata,
  properties: readonly PropertyMetadata[],
  converterFor: ConverterLookup,
): EmittedFunction {
  const helpers: Record<string, unknown> = { proto: meta.class.prototype };
  const lines = [`// hydrate ${meta.name}`, `return function hydrate${safe(meta.name)}(row) {`, '  const e = Object.create(proto);'];
  for (const p of properties) {
    const column = `row[${JSON.stringify(p.column)}]`;
    const fromDb = converterFor(p)?.fromDb;
    if (fromDb) {
      const name = helperName('fromDb', p.index, p.name);
      helpers[name] = fromDb;
      lines.push(`  ${access('e', p.name)} = ${column} == null ? null : ${name}(${column});`);
    } else {
      lines.push(`  ${access('e', p.name)} = ${column};`);
    }
  }
  lines.push('  return e;', '};');
  return { source: lines.join('\n'), helpers };
}

function safe(name: string): string {
  return name.replace(/[^\w$]/g, '_');
}
