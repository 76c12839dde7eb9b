import type { ColumnType } from './column-type';
import type { HookEvent } from './hook-metadata';
import type { FilterMetadata } from './filter-metadata';
import type { CascadeType, RelationKind } from './relation-metadata';

/**
 * A repository class for one entity: `class UserRepository extends EntityRepository<User>`. Its constructor takes
 * what `EntityRepository`'s does (the EntityManager, the entity class); `never` keeps this folder free of the
 * EntityManager's type while still refusing a constructor that wants more.
 */
export type RepositoryClass = new (em: never, entity: never) => object;

/** What @Entity() records. */
export interface EntityOptions {
  /** Table name; the naming strategy derives it from the class name when left out. */
  table?: string;
  /**
   * The class `em.getRepository(entity)` (and `@InjectRepository(entity)`) returns, instead of a plain
   * `EntityRepository`. A thunk, so that the repository's file may import the entity's.
   * @example
   * @Entity({ repository: () => UserRepository })
   */
  repository?: () => RepositoryClass;
  /**
   * Every committed insert, update and delete of this entity is written to the change outbox and published to
   * `orm.changes()` consumers in every process (see docs/audit-and-change-feed.md). Default false: only changes
   * made while this process itself subscribes to the entity are.
   */
  changeEvents?: boolean;
  /**
   * The second-level entity cache for this class (needs the Orm's `cache` option): loads by primary key
   * (`findOne` by key, `Reference.load()`, to-one populate, lazy loads) look in the cache first. `ttl` in seconds.
   * See docs/caching.md.
   * @example
   * @Entity({ cache: { ttl: 600 } }) class Country { ... }
   */
  cache?: { ttl: number };
}

/** What @Column(), @PrimaryKey() and @Version() record. */
export interface ColumnOptions {
  type?: ColumnType | string;
  column?: string;
  nullable?: boolean;
  unique?: boolean;
  length?: number;
  precision?: number;
  scale?: number;
  items?: readonly (string | number)[];
  default?: string | number | boolean | null;
  /**
   * The column's previous name: the schema diff renames that column instead of dropping it and adding this
   * one. Remove it once every database has been migrated.
   */
  renamedFrom?: string;
}

/** What @Audited() records. */
export interface AuditedOptions {
  /** Properties left out of audit rows (a secret, a large blob): their old and new values are never written. */
  exclude?: readonly string[];
}

/** What @Index() and @Unique() record. */
export interface IndexOptions {
  name?: string;
  /** Properties of a composite index, when the decorator sits on the class. */
  properties?: readonly string[];
}

/** What the relation decorators record. */
export interface RelationOptions {
  /** The foreign key may be NULL (to-one); default false. */
  nullable?: boolean;
  /** Hold the target in a `Reference<T>` (a lazy handle) rather than as the entity itself. */
  ref?: boolean;
  /** What persist and remove carry along this relation; default `['persist']`. */
  cascade?: readonly CascadeType[];
  /** One-to-many: delete a child once it is removed from the collection (implies cascading remove). */
  orphanRemoval?: boolean;
  /** One-to-one and many-to-many: this side holds the foreign key or writes the pivot table. */
  owner?: boolean;
  /** The foreign-key column (to-one), or the pivot column referencing this side (many-to-many). */
  joinColumn?: string;
  /** Many-to-many: the pivot column referencing the other side. */
  inverseJoinColumn?: string;
  /** Many-to-many: the pivot table's name; default `<owner entity>_<property>` in snake_case (`book_tags`). */
  pivotTable?: string;
  /** What the database does with this row when the referenced row is deleted; default 'no action'. */
  onDelete?: 'no action' | 'cascade' | 'set null';
}

/** @internal */
export interface RawRelation {
  readonly name: string;
  readonly kind: RelationKind;
  readonly target: () => Function;
  /** Names the other side's property: `(book) => book.author`. */
  readonly inverse?: (target: never) => unknown;
  readonly options: RelationOptions;
}

/** @internal The raw facts one decorator saw, before discovery resolves and validates them. */
export interface RawProperty {
  readonly name: string;
  readonly designType: unknown;
  readonly options: ColumnOptions;
  readonly primary: boolean;
  readonly version: boolean;
  /** @SoftDelete(): the column `em.remove()` sets instead of deleting the row. */
  readonly softDelete?: boolean;
}

/** @internal */
export interface RawIndex {
  readonly properties: readonly string[];
  readonly name?: string;
  readonly unique: boolean;
}

/** @internal A hook decorator as it saw its target: `method` is false when it sat on anything but a method. */
export interface RawHook {
  readonly event: HookEvent;
  readonly name: string;
  readonly method: boolean;
}

/** @internal */
export interface RawEntity {
  options?: EntityOptions;
  readonly properties: Map<string, RawProperty>;
  readonly relations: Map<string, RawRelation>;
  readonly indexes: RawIndex[];
  audit?: AuditedOptions;
  readonly hooks: RawHook[];
  readonly filters: FilterMetadata[];
}

/**
 * @internal Decorators write here and nothing else; `Orm.init` reads it once through discovery.
 * Keyed by the class itself, so two classes with one name never collide.
 */
export class MetadataRegistry {
  private static readonly entities = new Map<Function, RawEntity>();

  static entry(target: Function): RawEntity {
    let entry = this.entities.get(target);
    if (!entry) {
      entry = { properties: new Map(), relations: new Map(), indexes: [], hooks: [], filters: [] };
      this.entities.set(target, entry);
    }
    return entry;
  }

  static find(target: Function): RawEntity | undefined {
    return this.entities.get(target);
  }

  static addEntity(target: Function, options: EntityOptions): void {
    this.entry(target).options = options;
  }

  static addProperty(target: Function, property: RawProperty): void {
    const properties = this.entry(target).properties;
    const previous = properties.get(property.name);
    // @Version() or @PrimaryKey() stacked on a @Column(): merge what each saw.
    properties.set(
      property.name,
      previous
        ? {
            ...property,
            options: { ...previous.options, ...property.options },
            primary: previous.primary || property.primary,
            version: previous.version || property.version,
            softDelete: previous.softDelete || property.softDelete,
          }
        : property,
    );
  }

  static addRelation(target: Function, relation: RawRelation): void {
    this.entry(target).relations.set(relation.name, relation);
  }

  static addAudited(target: Function, options: AuditedOptions): void {
    this.entry(target).audit = options;
  }

  static addIndex(target: Function, index: RawIndex): void {
    this.entry(target).indexes.push(index);
  }

  static addHook(target: Function, hook: RawHook): void {
    this.entry(target).hooks.push(hook);
  }

  static addFilter(target: Function, filter: FilterMetadata): void {
    // Class decorators run bottom-up: unshift keeps the order they are written in.
    this.entry(target).filters.unshift(filter);
  }
}
