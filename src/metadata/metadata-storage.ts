import { MetadataError } from '../errors/metadata-error';
import type { EntityClass, EntityMetadata } from './entity-metadata';
import { linkMetadata } from './entity-link';

/** The frozen metadata of one Orm's entities, looked up by class. */
export class MetadataStorage {
  private readonly byClass: Map<Function, EntityMetadata>;

  constructor(readonly all: readonly EntityMetadata[]) {
    this.byClass = new Map(all.map((m) => [m.class, m]));
    for (const meta of all) linkMetadata(meta);
  }

  /** The metadata of `cls`; a `MetadataError` when the class is not one of this Orm's entities. */
  get<T>(cls: EntityClass<T>): EntityMetadata<T> {
    const meta = this.byClass.get(cls);
    if (!meta) throw MetadataError.notAnEntity(cls);
    return meta as EntityMetadata<T>;
  }

  /** The metadata of an entity instance's class, or undefined for anything else. */
  ofInstance(entity: object): EntityMetadata | undefined {
    return this.byClass.get(entity.constructor);
  }
}
