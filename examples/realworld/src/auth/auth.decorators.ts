import { createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';

/**
 * How a route treats the `Authorization` header:
 * - `required`: no token, or a bad one, is 401;
 * - `optional`: no token is an anonymous viewer, a bad one is 401 (the spec lists 401 for these routes);
 * - `lenient`: a bad token is an anonymous viewer too (the spec lists no 401 for GET /articles/{slug}, /tags).
 */
export type AuthMode = 'required' | 'optional' | 'lenient';

export const AUTH_MODE = 'conduit:auth-mode';

export const Auth = (mode: AuthMode): MethodDecorator => SetMetadata(AUTH_MODE, mode);

/** What the auth guard leaves on the request. */
export interface AuthenticatedRequest {
  viewerId?: number;
  token?: string;
}

/** The signed-in user's id, undefined for an anonymous viewer. */
export const ViewerId = createParamDecorator((_: unknown, ctx: ExecutionContext): number | undefined => {
  return ctx.switchToHttp().getRequest<AuthenticatedRequest>().viewerId;
});
