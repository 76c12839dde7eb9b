import type { EntityClass } from '../metadata/entity-metadata';
import type { BatchStream } from '../query/batch-stream';
import type { EntityData, FilterQuery, FindOptions } from '../query/filter-query';
import type { EntityManager, StreamOptions } from './entity-manager';

/**
 * The EntityManager's methods for one entity class, for dependency injection. A repository of the global
 * `orm.em` works inside `orm.requestContext()` through that request's fork. Extend it for an entity's own queries
 * and name the subclass in `@Entity({ repository: () => UserRepository })`: `em.getRepository(User)` then returns
 * one, and its `this.em` is the EntityManager it was taken from.
 * @example
 * const authors = em.getRepository(Author);
 * const ada = await authors.findOneOrFail({ email: 'ada@example.com' });
 * @example
 * class UserRepository extends EntityRepository<User> {
 *   findByEmail(email: string): Promise<User | null> { return this.findOne({ email: email.toLowerCase() }); }
 * }
 */
export class EntityRepository<T extends object> {
  constructor(
    protected readonly em: EntityManager,
    readonly entity: EntityClass<T>,
  ) {}

  find(where: FilterQuery<T> = {}, options?: FindOptions<T>): Promise<T[]> {
    return this.em.find(this.entity, where, options);
  }

  findOne(where: FilterQuery<T>, options?: FindOptions<T>): Promise<T | null> {
    return this.em.findOne(this.entity, where, options);
  }

  findOneOrFail(where: FilterQuery<T>, options?: FindOptions<T>): Promise<T> {
    return this.em.findOneOrFail(this.entity, where, options);
  }

  stream(where: FilterQuery<T> = {}, options?: StreamOptions<T>): BatchStream<T> {
    return this.em.stream(this.entity, where, options);
  }

  count(where: FilterQuery<T> = {}): Promise<number> {
    return this.em.count(this.entity, where);
  }

  create(data: EntityData<T>): T {
    return this.em.create(this.entity, data);
  }

  persist(entity: T | readonly T[]): this {
    this.em.persist(entity);
    return this;
  }

  remove(entity: T | readonly T[]): this {
    this.em.remove(entity);
    return this;
  }
}
