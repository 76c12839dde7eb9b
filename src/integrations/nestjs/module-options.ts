import type { ModuleMetadata } from '@nestjs/common';
import type { OrmOptions } from '../../orm';

/** `TesseraModule.forRoot` options: the Orm's, plus what the module does with it. */
export type TesseraModuleOptions = OrmOptions & {
  /**
   * Run every HTTP request in a request context of its own (a Nest middleware for all routes, on the Express and
   * the Fastify adapters). Default true; with false, apply `TesseraRequestContextMiddleware` yourself.
   */
  requestContext?: boolean;
};

/** `TesseraModule.forRootAsync`: options computed by a factory, e.g. from a configuration service. */
export interface TesseraModuleAsyncOptions {
  /** Modules whose providers `inject` names. */
  imports?: ModuleMetadata['imports'];
  /** Receives the providers `inject` names, in order. */
  useFactory: (...args: never[]) => TesseraModuleOptions | Promise<TesseraModuleOptions>;
  inject?: readonly (string | symbol | Function)[];
}

/** @internal The token of the module's options inside the module. */
export const TESSERA_MODULE_OPTIONS = Symbol('TesseraModuleOptions');
