import type { EntityMetadata } from '../metadata/entity-metadata';
import { ValidationError } from '../errors/validation-error';
import type { PropertyMetadata } from '../metadata/property-metadata';
import { emitCheck } from './codegen/check-emitter';
import { compileFunction } from './codegen/compile';
import { emitDehydrate } from './codegen/dehydrate-emitter';
import { emitDiff } from './codegen/diff-emitter';
import type { EmittedFunction } from './codegen/emitted-function';
import { emitHydrate } from './codegen/hydrate-emitter';
import { emitSnapshot } from './codegen/snapshot-emitter';
import { valueTest } from './codegen/value-test';
import { foreignKeyFunctions, type ForeignKeyFunctions, type TargetOf } from './foreign-key';
import type { HydrationContext } from './hydration-context';
import type { ConverterLookup, ValueConverter } from './value-converter';

/** A database row keyed by column name, as drivers return it. */
export type Row = Record<string, unknown>;

/** The comparable values of an entity's properties as last read from or written to the database. */
export type Snapshot = Record<string, unknown>;

export type GeneratedFunctionKind = 'hydrate' | 'snapshot' | 'diff' | 'dehydrate';

/**
 * The per-entity functions of the load and flush paths, generated once from metadata and the dialect's
 * converters. Their source can be printed with `sourceOf(kind)`.
 */
export type Hydrator<T> = (row: Row, context: HydrationContext) => T;

export class EntityMapper<T extends object = object> {
  readonly hydrate: Hydrator<T>;
  readonly snapshot: (entity: T) => Snapshot;
  /** Indexes (into `meta.properties`) of the properties that differ from the snapshot, or undefined. */
  readonly diff: (snapshot: Snapshot, entity: T) => number[] | undefined;
  /** Every property's value in the driver's form, in metadata order. */
  readonly dehydrate: (entity: T) => unknown[];

  private readonly sources = new Map<GeneratedFunctionKind, string>();
  private readonly invalid: (index: number, value: unknown) => never;
  private readonly partialHydrators = new Map<string, Hydrator<T>>();
  /** The dialect's converter per property (by `index`), resolved once. */
  private readonly converters: readonly (ValueConverter | undefined)[];
  /** Key functions of the foreign-key properties, by property index. */
  private readonly foreignKeys: ReadonlyMap<number, ForeignKeyFunctions>;
  /** Whether a value (not null) is valid for a property, by property index (`value-test.ts`). */
  private readonly accepts: readonly ((value: unknown) => boolean)[];

  /** `targetOf` unwraps a to-one value (an entity or a `Reference`) to its entity. */
  constructor(
    readonly meta: EntityMetadata<T>,
    private readonly converterFor: ConverterLookup,
    targetOf: TargetOf = (value) => value,
  ) {
    this.converters = meta.properties.map((p) => converterFor(p));
    this.accepts = meta.properties.map((p) => {
      const emitted = emitCheck(meta, p);
      return compileFunction<(value: unknown) => boolean>(emitted.source, emitted.helpers);
    });
    const invalid = (this.invalid = (index: number, value: unknown): never => {
      const property = meta.properties[index];
      throw ValidationError.badValue(meta.class, property.name, expectedOf(property), value);
    });
    this.foreignKeys = new Map(
      meta.toOne.map((r) => {
        const { index } = r.property as PropertyMetadata;
        return [index, foreignKeyFunctions(meta.properties[index], this.converters[index], targetOf, this.accepts[index], (v) => invalid(index, v))];
      }),
    );
    this.hydrate = this.build('hydrate', emitHydrate(meta, meta.properties, converterFor));
    this.snapshot = this.build('snapshot', emitSnapshot(meta, this.foreignKeys));
    this.diff = this.build('diff', emitDiff(meta, this.foreignKeys));
    this.dehydrate = this.build('dehydrate', emitDehydrate(meta, converterFor, this.foreignKeys, invalid));
  }

  /**
   * A hydrator for rows that hold only some columns (`fields`), or whose columns carry a prefix (a joined load),
   * compiled once per column set and prefix.
   */
  hydratorFor(properties: readonly PropertyMetadata[], prefix = ''): Hydrator<T> {
    if (properties.length === this.meta.properties.length && prefix === '') return this.hydrate;
    const key = `${prefix}|${properties.map((p) => p.index).join(',')}`;
    let hydrate = this.partialHydrators.get(key);
    if (!hydrate) {
      const emitted = emitHydrate(this.meta, properties, this.converterFor, prefix);
      hydrate = compileFunction<Hydrator<T>>(emitted.source, emitted.helpers);
      this.partialHydrators.set(key, hydrate);
    }
    return hydrate;
  }

  /**
   * A property value in the driver's form (for filters, keys and changed columns); a foreign key may be an entity.
   * A value not of the property's type is a `ValidationError`.
   */
  toDb(property: PropertyMetadata, value: unknown): unknown {
    if (value == null) return value;
    if (property.relation) return (this.foreignKeys.get(property.index) as ForeignKeyFunctions).toDb(value);
    if (!this.accepts[property.index](value)) this.invalid(property.index, value);
    const toDb = this.converters[property.index]?.toDb;
    return toDb ? toDb(value) : value;
  }

  /** A column value read by a plain-row query, in its JS form; a foreign key stays the driver's key. */
  fromDb(property: PropertyMetadata, value: unknown): unknown {
    if (value == null || property.relation) return value;
    const fromDb = this.converters[property.index]?.fromDb;
    return fromDb ? fromDb(value) : value;
  }

  /** A primary key the database handed back (RETURNING, insertId), in its JS form. */
  keyFromDb(value: unknown): unknown {
    const fromDb = this.converters[this.meta.primaryKey.index]?.fromDb;
    return fromDb && value != null ? fromDb(value) : value;
  }

  /** The generated source of one function, as compiled. */
  sourceOf(kind: GeneratedFunctionKind): string {
    return this.sources.get(kind) ?? '';
  }

  private build<F extends Function>(kind: GeneratedFunctionKind, emitted: EmittedFunction): F {
    this.sources.set(kind, emitted.source);
    return compileFunction<F>(emitted.source, emitted.helpers);
  }
}

/** What a property accepts, in words: a to-one relation takes its target or the target's key. */
function expectedOf(property: PropertyMetadata): string {
  const { expected } = valueTest(property);
  return property.relation ? `a ${property.relation.target.name} or its key (${expected})` : expected;
}
