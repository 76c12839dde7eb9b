/**
 * `orm.middleware()`: one function that Express and Connect (`(req, res, next)`), Fastify (an `onRequest` hook,
 * `(request, reply, done)`) and Koa (`(ctx, next)`) all accept, so the core knows no framework.
 */
export interface RequestContextMiddleware {
  /** Express, Connect, and Fastify's `onRequest` hook: the rest of the request runs inside the context. */
  (request: unknown, response: unknown, next: () => void): void;
  /**
   * Koa: the downstream middleware run inside the context; it returns their promise. Typed `unknown`, not a
   * promise, because Fastify's types take any function that may return a promise for an async hook.
   */
  (context: unknown, next: () => Promise<unknown>): unknown;
}

/** Wraps `run` (a fresh request context around a callback) as middleware for whichever framework calls it. */
export function requestContextMiddleware(run: <R>(handler: () => R) => R): RequestContextMiddleware {
  // A plain function of three parameters: Fastify reads a hook's arity (three means it calls `done`), and an
  // async function would be refused there.
  return function tesseraRequestContext(_request: unknown, second: unknown, third?: unknown): unknown {
    // Koa calls with two arguments and awaits the result; the others hand a callback as the third.
    const next = (typeof third === 'function' ? third : second) as () => unknown;
    return run(() => next());
  } as RequestContextMiddleware;
}
