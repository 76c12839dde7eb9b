import {
  Global,
  Inject,
  Module,
  RequestMethod,
  type DynamicModule,
  type MiddlewareConsumer,
  type NestModule,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { EntityManager } from '../../em/entity-manager';
import { Orm } from '../../orm';
import { TesseraHealthIndicator } from './health-indicator';
import { TESSERA_MODULE_OPTIONS, type TesseraModuleAsyncOptions, type TesseraModuleOptions } from './module-options';
import { registerOrm, unregisterOrm } from './orm-registry';
import { TesseraRequestContextMiddleware } from './request-context-middleware';

/**
 * @internal What `TesseraModule.forRoot` imports, once per application: the Orm, the request-bound `EntityManager`
 * (the global `orm.em`, which works through the request context's fork), the health indicator, the request context
 * for every route, and `orm.close()` at shutdown. Global, so that `forFeature` modules and services anywhere
 * inject them.
 */
@Global()
@Module({})
export class TesseraCoreModule implements NestModule, OnApplicationShutdown {
  constructor(
    @Inject(TESSERA_MODULE_OPTIONS) private readonly options: TesseraModuleOptions,
    @Inject(Orm) private readonly orm: Orm,
  ) {}

  static forRoot(options: TesseraModuleOptions): DynamicModule {
    return TesseraCoreModule.with({ provide: TESSERA_MODULE_OPTIONS, useValue: options }, []);
  }

  static forRootAsync(options: TesseraModuleAsyncOptions): DynamicModule {
    const factory = options.useFactory as (...args: unknown[]) => TesseraModuleOptions | Promise<TesseraModuleOptions>;
    return TesseraCoreModule.with({ provide: TESSERA_MODULE_OPTIONS, useFactory: factory, inject: [...(options.inject ?? [])] }, options.imports ?? []);
  }

  private static with(options: Provider, imports: NonNullable<DynamicModule['imports']>): DynamicModule {
    return {
      module: TesseraCoreModule,
      imports,
      providers: [
        options,
        { provide: Orm, useFactory: openOrm, inject: [TESSERA_MODULE_OPTIONS] },
        { provide: EntityManager, useFactory: (orm: Orm) => orm.em, inject: [Orm] },
        TesseraHealthIndicator,
      ],
      exports: [Orm, EntityManager, TesseraHealthIndicator],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    if (this.options.requestContext === false) return;
    consumer.apply(TesseraRequestContextMiddleware).forRoutes({ path: '*', method: RequestMethod.ALL });
  }

  async onApplicationShutdown(): Promise<void> {
    unregisterOrm(this.orm);
    await this.orm.close();
  }
}

async function openOrm(options: TesseraModuleOptions): Promise<Orm> {
  const { requestContext: _, ...ormOptions } = options;
  const orm = await Orm.init(ormOptions);
  registerOrm(orm);
  return orm;
}
