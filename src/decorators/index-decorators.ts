import { MetadataRegistry, type IndexOptions } from '../metadata/metadata-registry';

type ClassOrPropertyDecorator = (target: object, property?: string | symbol) => void;

function indexDecorator(unique: boolean, options: IndexOptions): ClassOrPropertyDecorator {
  return (target, property) => {
    // On a property, `target` is the prototype; on the class, the constructor itself.
    const cls = property === undefined ? (target as Function) : target.constructor;
    const properties = property === undefined ? (options.properties ?? []) : [String(property)];
    MetadataRegistry.addIndex(cls, { properties, name: options.name, unique });
  };
}

/**
 * Declares an index on a property, or a composite one on the class.
 * @example
 * @Index({ properties: ['lastName', 'firstName'] }) @Entity() class Person { ... }
 */
export function Index(options: IndexOptions = {}): ClassOrPropertyDecorator {
  return indexDecorator(false, options);
}

/**
 * Declares a unique constraint on a property, or a composite one on the class.
 * @example
 * @Unique({ properties: ['tenantId', 'email'] }) @Entity() class Account { ... }
 */
export function Unique(options: IndexOptions = {}): ClassOrPropertyDecorator {
  return indexDecorator(true, options);
}
