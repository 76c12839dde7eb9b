import { Inject, Injectable, type NestMiddleware } from '@nestjs/common';
import type { RequestContextMiddleware } from '../../em/request-middleware';
import { Orm } from '../../orm';

/**
 * Runs the rest of each request (guards, interceptors, pipes, the handler) in a request context of its own:
 * `TesseraModule.forRoot` applies it to every route; with `requestContext: false`, apply it where you want it.
 * It works on the Express and the Fastify adapters.
 * @example
 * consumer.apply(TesseraRequestContextMiddleware).forRoutes(ArticlesController);
 */
@Injectable()
export class TesseraRequestContextMiddleware implements NestMiddleware {
  private readonly middleware: RequestContextMiddleware;

  constructor(@Inject(Orm) orm: Orm) {
    this.middleware = orm.middleware();
  }

  use(request: unknown, response: unknown, next: (error?: unknown) => void): void {
    this.middleware(request, response, next);
  }
}
