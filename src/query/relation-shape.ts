/*
 * How the types recognise relation properties. Collections and references are matched by their shape: query/
 * sits below relations/ and may not import their types.
 */

/** Values that are never relations. */
export type Scalar = string | number | boolean | bigint | symbol | Date | Buffer | Uint8Array | RegExp | readonly unknown[];

/** A to-many relation (`Collection<U>`). */
export type ToMany<U> = { add(...items: U[]): void; init(): Promise<unknown> };

/** A lazy to-one relation (`Reference<U>`). */
export type ToOneReference<U> = { load(): Promise<U>; unwrap(): U };

/** `T`'s relation properties: entities, references and collections. */
export type RelationKey<T> = {
  [K in keyof T & string]-?: NonNullable<T[K]> extends Scalar
    ? never
    : NonNullable<T[K]> extends (...args: never[]) => unknown
      ? never
      : NonNullable<T[K]> extends object
        ? K
        : never;
}[keyof T & string];

/** The entity a relation property leads to: a collection's or a reference's item, or the entity itself. */
export type RelationTargetOf<V> = V extends ToMany<infer U> ? U : V extends ToOneReference<infer U> ? U : V;
