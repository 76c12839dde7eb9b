/**
 * Compile-time checks of the framework integrations, run by `npm run typecheck`: each `@ts-expect-error` must meet
 * an error, so a typing that lets these through fails the build. Nothing here runs.
 */
import type { RequestHandler } from 'express';
import type { onRequestHookHandler } from 'fastify';
import type { Middleware } from 'koa';
import { Column, Entity, EntityManager, EntityRepository, PrimaryKey, type Orm } from '../../src';
import { TesseraModule, Transactional } from '../../src/nestjs';

declare const orm: Orm;

// One middleware for the three frameworks, each with its own handler type.
export const express: RequestHandler = orm.middleware();
export const fastify: onRequestHookHandler = orm.middleware();
export const koa: Middleware = orm.middleware();

class Thing {
  id!: number;
}

class ThingRepository extends EntityRepository<Thing> {}

/** A "repository" whose constructor wants more than the EntityManager and the entity class. */
class GreedyRepository extends EntityRepository<Thing> {
  constructor(em: EntityManager, entity: typeof Thing, extra: string) {
    super(em, entity);
    void extra;
  }
}

@Entity({ repository: () => ThingRepository })
export class OwnRepository {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

// @ts-expect-error a repository class is constructed with (em, entity) only
@Entity({ repository: () => GreedyRepository })
export class BadRepository {
  @PrimaryKey() id!: number;
}

export class Service {
  @Transactional()
  async fine(): Promise<number> {
    return 1;
  }

  // @ts-expect-error @Transactional() runs the method in a transaction, which is asynchronous: it must return a promise
  @Transactional()
  notAsync(): number {
    return 1;
  }
}

TesseraModule.forRootAsync({ useFactory: (url: string) => ({ url, entities: [OwnRepository] }), inject: ['URL'] });
// @ts-expect-error forRootAsync's factory returns the module's options
TesseraModule.forRootAsync({ useFactory: () => ({ url: 'x' }) });
