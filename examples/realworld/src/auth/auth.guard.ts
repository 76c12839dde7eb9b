import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_MODE, type AuthenticatedRequest, type AuthMode } from './auth.decorators';
import { TokenService } from './token.service';

/**
 * Reads `Authorization: Token <jwt>` (also `Bearer <jwt>`) and leaves the user's id on the request. It sends no
 * query: a handler that needs the user loads it, and a list needs only the id.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    const mode = this.reflector.get<AuthMode | undefined>(AUTH_MODE, context.getHandler()) ?? 'lenient';
    const request = context.switchToHttp().getRequest<AuthenticatedRequest & { headers: Record<string, string | undefined> }>();
    const header = request.headers.authorization;
    if (!header) {
      if (mode === 'required') throw new UnauthorizedException('missing authorization credentials');
      return true;
    }
    const match = /^(?:Token|Bearer)\s+(\S+)\s*$/i.exec(header);
    const viewerId = match ? this.tokens.verify(match[1]) : undefined;
    if (viewerId === undefined) {
      if (mode === 'lenient') return true;
      throw new UnauthorizedException('invalid or expired token');
    }
    request.viewerId = viewerId;
    request.token = match![1];
    return true;
  }
}
