import type { EntityMetadata } from '../metadata/entity-metadata';

/**
 * The parameters of each global filter, by name, for type checking: augment it and `setFilterParams`, the
 * `filters` option and `@Filter` conditions check names and parameters at compile time.
 * @example
 * declare module 'tessera-orm' {
 *   interface FilterParamTypes { tenant: { tenantId: number } }
 * }
 */
// eslint-disable-next-line @typescript-eslint/no-empty-interface, @typescript-eslint/no-empty-object-type
export interface FilterParamTypes {}

/** A filter's name: any string until `FilterParamTypes` is augmented, then one of its keys (or 'softDelete'). */
export type FilterName = [keyof FilterParamTypes] extends [never] ? string : (keyof FilterParamTypes & string) | 'softDelete';

/** The parameters of the filter `N`: its `FilterParamTypes` entry, else any object. */
export type FilterParamsOf<N extends string> = N extends keyof FilterParamTypes ? FilterParamTypes[N] : Record<string, unknown>;

/**
 * What a `cond` function receives: the filter's `FilterParamTypes` entry when its name is known there, else
 * whatever the function declares (its own annotation is the type).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type FilterArgsOf<N extends string> = string extends N ? any : N extends keyof FilterParamTypes ? FilterParamTypes[N] : any;

/** Per call: `false` turns a filter off, `true` on (with the EntityManager's parameters), an object on with these parameters. */
export type FilterSwitches = { [N in FilterName]?: boolean | FilterParamsOf<N> };

/** The options every read takes to change which filters apply. */
export interface ReadFilterOptions {
  /** `false`: no filter at all (soft delete included); an object: per-filter switches over the EntityManager's. */
  filters?: false | FilterSwitches;
  /** Include soft-deleted rows (the same as `filters: { softDelete: false }`). */
  withDeleted?: boolean;
}

/**
 * The seam between the read paths and the filters (`lifecycle/filters/`): what a read of `meta` must also match,
 * as a filter object, under the filters active for one call. Every read path (find, count, the loader, populate,
 * relation filters, the query builder) asks it; a read of an entity without filters gets undefined.
 */
export interface ReadFilters {
  conditionOf(meta: EntityMetadata): object | undefined;
  /** Soft-deleted rows are shown (soft delete is off for this read): decides for entities already in memory. */
  readonly withDeleted: boolean;
}

/** The filters of a model that declares none: every read as written. */
export const NO_READ_FILTERS: ReadFilters = Object.freeze({ conditionOf: () => undefined, withDeleted: true });
