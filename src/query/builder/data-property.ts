import { QueryError } from '../../errors/query-error';
import type { EntityMetadata } from '../../metadata/entity-metadata';
import type { PropertyMetadata } from '../../metadata/property-metadata';

/** The column property a write names (a scalar or a to-one foreign key); a collection or a typo is a `QueryError`. */
export function dataProperty(meta: EntityMetadata, name: string): PropertyMetadata {
  const property = meta.propertiesByName.get(name);
  if (!property) throw QueryError.unknownProperty(meta.class, name, 'data');
  return property;
}
