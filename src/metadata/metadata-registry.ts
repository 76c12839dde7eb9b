import type { ColumnType } from './column-type';

/** What @Entity() records. */
export interface EntityOptions {
  /** Table name; the naming strategy derives it from the class name when left out. */
  table?: string;
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
}

/** What @Index() and @Unique() record. */
export interface IndexOptions {
  name?: string;
  /** Properties of a composite index, when the decorator sits on the class. */
  properties?: readonly string[];
}

/** @internal The raw facts one decorator saw, before discovery resolves and validates them. */
export interface RawProperty {
  readonly name: string;
  readonly designType: unknown;
  readonly options: ColumnOptions;
  readonly primary: boolean;
  readonly version: boolean;
}

/** @internal */
export interface RawIndex {
  readonly properties: readonly string[];
  readonly name?: string;
  readonly unique: boolean;
}

/** @internal */
export interface RawEntity {
  options?: EntityOptions;
  readonly properties: Map<string, RawProperty>;
  readonly indexes: RawIndex[];
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
      entry = { properties: new Map(), indexes: [] };
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
          }
        : property,
    );
  }

  static addIndex(target: Function, index: RawIndex): void {
    this.entry(target).indexes.push(index);
  }
}
