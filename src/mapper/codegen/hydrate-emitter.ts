import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import { isSyncedToOne, relationSlot } from '../../metadata/entity-link';
import type { ConverterLookup } from '../value-converter';
import { access, helperName, type EmittedFunction } from './emitted-function';

/**
 * `hydrate(row, ctx) → entity` for the given properties: a new instance (no constructor call, as a row is not a
 * construction) with one statement per property, converting driver values through the dialect's converters.
 * A foreign key becomes the managed target (`ctx.toOne`), written to the slot behind a synced accessor so that
 * loading does not count as a change of the other side; every to-many relation gets an unloaded collection.
 * `prefix` reads columns aliased for a joined load (`t1__title`).
 */
export function emitHydrate(
  meta: EntityMetadata,
  properties: readonly PropertyMetadata[],
  converterFor: ConverterLookup,
  prefix = '',
): EmittedFunction {
  const helpers: Record<string, unknown> = { proto: meta.class.prototype };
  const lines = [`// hydrate ${meta.name}`, `return function hydrate${safe(meta.name)}(row, ctx) {`, '  const e = Object.create(proto);'];
  if (properties.some((p) => p.relation)) lines.push('  let v;');
  for (const p of properties) {
    const column = `row[${JSON.stringify(prefix + p.column)}]`;
    const fromDb = converterFor(p)?.fromDb;
    if (p.relation) {
      const relation = helperName('relation', p.index, p.name);
      helpers[relation] = p.relation;
      let target = access('e', p.name);
      if (isSyncedToOne(p.relation)) {
        const slot = helperName('slot', p.index, p.name);
        helpers[slot] = relationSlot(p.name);
        target = `e[${slot}]`;
      }
      let key = 'v';
      if (fromDb) {
        const name = helperName('fromDb', p.index, p.name);
        helpers[name] = fromDb;
        key = `${name}(v)`;
      }
      lines.push(`  v = ${column};`, `  ${target} = v == null ? null : ctx.toOne(${relation}, ${key});`);
    } else if (fromDb) {
      const name = helperName('fromDb', p.index, p.name);
      helpers[name] = fromDb;
      lines.push(`  ${access('e', p.name)} = ${column} == null ? null : ${name}(${column});`);
    } else {
      lines.push(`  ${access('e', p.name)} = ${column};`);
    }
  }
  meta.toMany.forEach((relation, i) => {
    const name = helperName('many', i, relation.name);
    helpers[name] = relation;
    lines.push(`  ${access('e', relation.name)} = ctx.toMany(e, ${name});`);
  });
  lines.push('  return e;', '};');
  return { source: lines.join('\n'), helpers };
}

function safe(name: string): string {
  return name.replace(/[^\w$]/g, '_');
}
