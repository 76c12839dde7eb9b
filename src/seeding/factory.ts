import type { EntityManager } from '../em/entity-manager';
import type { EntityClass } from '../metadata/entity-metadata';
import type { EntityData } from '../query/filter-query';

/** Values that replace the definition's: fixed, or computed from the sequence number. */
export type FactoryOverrides<T> = EntityData<T> | ((sequence: number) => EntityData<T>);

/**
 * Builds entities for tests and seeders from a `definition`. Each entity built gets the next sequence number
 * (1, 2, 3 ... per factory instance), which the definition can use for unique values. Relations are set through
 * the definition or the overrides (an entity, a reference, or another factory's result).
 * @example
 * class AuthorFactory extends Factory<Author> {
 *   readonly entity = Author;
 *   definition(i: number) {
 *     return { name: `Author ${i}`, email: `author${i}@example.com` };
 *   }
 * }
 * const authors = await new AuthorFactory(em).create(3);            // persisted, in one flush
 * const draft = new AuthorFactory(em).makeOne({ name: 'Ada' });     // not persisted
 */
export abstract class Factory<T extends object> {
  abstract readonly entity: EntityClass<T>;
  private sequence = 0;

  constructor(protected readonly em: EntityManager) {}

  /** The values of the `sequence`-th entity this factory builds. */
  protected abstract definition(sequence: number): EntityData<T>;

  /**
   * `count` entities, not persisted (the constructor runs and the values are assigned).
   * @example
   * const [a, b] = factory.make(2, { age: 30 });
   */
  make(count: number, overrides?: FactoryOverrides<T>): T[] {
    return this.build(count, overrides, false);
  }

  /** One entity, not persisted. */
  makeOne(overrides?: FactoryOverrides<T>): T {
    return this.make(1, overrides)[0];
  }

  /**
   * `count` entities, persisted in one flush (with anything else pending on the EntityManager).
   * @example
   * const books = await new BookFactory(em).create(5, { author });
   */
  async create(count: number, overrides?: FactoryOverrides<T>): Promise<T[]> {
    const entities = this.build(count, overrides, true);
    await this.em.flush();
    return entities;
  }

  /** One entity, persisted. */
  async createOne(overrides?: FactoryOverrides<T>): Promise<T> {
    return (await this.create(1, overrides))[0];
  }

  private build(count: number, overrides: FactoryOverrides<T> | undefined, persist: boolean): T[] {
    return Array.from({ length: count }, () => {
      const sequence = ++this.sequence;
      const extra = typeof overrides === 'function' ? overrides(sequence) : overrides;
      return this.em.create(this.entity, { ...this.definition(sequence), ...extra }, { persist });
    });
  }
}
