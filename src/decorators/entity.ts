import { MetadataRegistry, type EntityOptions } from '../metadata/metadata-registry';

/**
 * Marks a class as an entity mapped to a table.
 * @example
 * @Entity({ table: 'authors' })
 * class Author { @PrimaryKey() id!: number; }
 */
export function Entity(options: EntityOptions = {}): ClassDecorator {
  return (target) => MetadataRegistry.addEntity(target, options);
}
