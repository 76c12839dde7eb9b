import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { EntityManager } from '../../em/entity-manager';
import type { EntityClass } from '../../metadata/entity-metadata';
import { MetadataRegistry } from '../../metadata/metadata-registry';
import type { TesseraModuleAsyncOptions, TesseraModuleOptions } from './module-options';
import { getRepositoryToken } from './repository-token';
import { TesseraCoreModule } from './tessera-core-module';

/**
 * Tessera in a NestJS application: `forRoot` once (opens the Orm; provides `Orm`, the request-bound
 * `EntityManager` and `TesseraHealthIndicator` everywhere; runs every request in a request context; closes the
 * Orm at shutdown), `forFeature` in each module for the repositories it injects. See docs/nestjs.md.
 * @example
 * @Module({ imports: [TesseraModule.forRoot({ dialect: 'sqlite', url: 'app.sqlite', entities: [User] }), TesseraModule.forFeature([User])] })
 * class AppModule {}
 */
@Module({})
export class TesseraModule {
  static forRoot(options: TesseraModuleOptions): DynamicModule {
    return { module: TesseraModule, imports: [TesseraCoreModule.forRoot(options)] };
  }

  /**
   * @example
   * TesseraModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: (config: ConfigService) => ({ ... }) })
   */
  static forRootAsync(options: TesseraModuleAsyncOptions): DynamicModule {
    return { module: TesseraModule, imports: [TesseraCoreModule.forRootAsync(options)] };
  }

  /**
   * Provides `@InjectRepository(entity)` for each entity, and the entity's own repository class (from
   * `@Entity({ repository })`) as a token of its own, so that it injects by type too.
   */
  static forFeature(entities: readonly EntityClass[]): DynamicModule {
    const providers = entities.flatMap(repositoryProviders);
    return { module: TesseraModule, providers, exports: providers.map((p) => p.provide) };
  }
}

function repositoryProviders(entity: EntityClass): (Provider & { provide: symbol | Function })[] {
  const token = getRepositoryToken(entity);
  const providers: (Provider & { provide: symbol | Function })[] = [
    // The global EntityManager's repository: one singleton that works through each request's fork.
    { provide: token, useFactory: (em: EntityManager) => em.getRepository(entity), inject: [EntityManager] },
  ];
  const own = MetadataRegistry.find(entity)?.options?.repository?.();
  if (own) providers.push({ provide: own, useExisting: token });
  return providers;
}
