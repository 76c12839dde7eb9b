import { MetadataRegistry, type RelationOptions } from '../metadata/metadata-registry';
import type { RelationKind } from '../metadata/relation-metadata';

/** A thunk, so that classes declared later in the file (or in a module that imports this one) resolve at init. */
type Target<T> = () => abstract new (...args: never[]) => T;

function relation<T>(kind: RelationKind, target: Target<T>, inverse: ((t: T) => unknown) | undefined, options: RelationOptions): PropertyDecorator {
  return (prototype, name) =>
    MetadataRegistry.addRelation(prototype.constructor, {
      name: String(name),
      kind,
      target,
      inverse: inverse as ((t: never) => unknown) | undefined,
      options,
    });
}

/**
 * The owning side of a many-to-one: this table gets the foreign key (`<property>_id` by default).
 * @example
 * @ManyToOne(() => Author) author!: Author;
 * @ManyToOne(() => Publisher, { ref: true, nullable: true }) publisher: Reference<Publisher> | null = null;
 */
export function ManyToOne<T>(target: Target<T>, options: RelationOptions = {}): PropertyDecorator {
  return relation('m:1', target, undefined, options);
}

/**
 * The inverse side of a many-to-one: a `Collection` of the children whose `inverse` property points here.
 * @example
 * @OneToMany(() => Book, (b) => b.author, { cascade: ['persist', 'remove'], orphanRemoval: true })
 * books = new Collection<Book>(this);
 */
export function OneToMany<T>(target: Target<T>, inverse: (t: T) => unknown, options: RelationOptions = {}): PropertyDecorator {
  return relation('1:m', target, inverse, options);
}

/**
 * A one-to-one; the side with `owner: true` holds the (unique) foreign key, the other names it as its inverse.
 * @example
 * @OneToOne(() => Profile, (p) => p.author, { owner: true, nullable: true }) profile: Profile | null = null;
 */
export function OneToOne<T>(target: Target<T>, inverse?: (t: T) => unknown, options: RelationOptions = {}): PropertyDecorator {
  return relation('1:1', target, inverse, options);
}

/**
 * A many-to-many through a pivot table written by the side with `owner: true` (`<owner entity>_<property>`).
 * @example
 * @ManyToMany(() => Tag, (t) => t.books, { owner: true }) tags = new Collection<Tag>(this);
 */
export function ManyToMany<T>(target: Target<T>, inverse?: (t: T) => unknown, options: RelationOptions = {}): PropertyDecorator {
  return relation('m:n', target, inverse, options);
}
