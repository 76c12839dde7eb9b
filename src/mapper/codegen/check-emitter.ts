import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';
import type { EmittedFunction } from './emitted-function';
import { valueTest } from './value-test';

/**
 * `check(v) → boolean`: whether a value (not null or undefined) is valid for one property, by the same rule the
 * generated dehydrate inlines. Used where single values leave JS: filters, keys, changed columns, query-builder
 * writes.
 */
export function emitCheck(meta: EntityMetadata, property: PropertyMetadata): EmittedFunction {
  const { source, helpers } = valueTest(property);
  return {
    source: [`// check ${meta.name}.${property.name}`, 'return function check(v) {', `  return ${source};`, '};'].join('\n'),
    helpers,
  };
}
