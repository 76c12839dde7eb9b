import { Inject, Injectable } from '@nestjs/common';
import { sign, verify } from 'jsonwebtoken';

/** The injection token of the secret tokens are signed with. */
export const JWT_SECRET = Symbol('JWT_SECRET');

/** Signs and checks the JWTs users send back as `Authorization: Token <jwt>`. */
@Injectable()
export class TokenService {
  constructor(@Inject(JWT_SECRET) private readonly secret: string) {}

  sign(user: { id: number; username: string }): string {
    return sign({ sub: String(user.id), username: user.username }, this.secret, { algorithm: 'HS256', expiresIn: '60d' });
  }

  /** The user id a token was issued for, or undefined when it is malformed, forged or expired. */
  verify(token: string): number | undefined {
    try {
      const payload = verify(token, this.secret, { algorithms: ['HS256'] });
      const id = typeof payload === 'object' ? Number(payload.sub) : NaN;
      return Number.isSafeInteger(id) && id > 0 ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
