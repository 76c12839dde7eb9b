import { Inject } from '@nestjs/common';
import type { EntityClass } from '../../metadata/entity-metadata';

const tokens = new WeakMap<EntityClass, symbol>();

/**
 * The injection token of an entity's repository (what `@InjectRepository(entity)` injects), e.g. to override it in
 * a testing module.
 * @example
 * Test.createTestingModule({ ... }).overrideProvider(getRepositoryToken(User)).useValue(fakeUsers);
 */
export function getRepositoryToken(entity: EntityClass): symbol {
  let token = tokens.get(entity);
  if (!token) {
    token = Symbol(`${entity.name}Repository`);
    tokens.set(entity, token);
  }
  return token;
}

/**
 * Injects the repository of `entity` that `TesseraModule.forFeature([entity])` provides: its own repository class
 * when `@Entity({ repository })` names one, else an `EntityRepository`. A singleton that works through the current
 * request's EntityManager (or the `@Transactional()` transaction's).
 * @example
 * constructor(@InjectRepository(User) private readonly users: EntityRepository<User>) {}
 */
export function InjectRepository(entity: EntityClass): PropertyDecorator & ParameterDecorator {
  return Inject(getRepositoryToken(entity));
}
