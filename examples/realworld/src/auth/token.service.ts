import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey, type KeyObject } from 'node:crypto';
import { sign, verify } from 'jsonwebtoken';

/** The injection token of the secret tokens are signed with. */
export const JWT_SECRET = Symbol('JWT_SECRET');

/** Signs and checks the JWTs users send back as `Authorization: Token <jwt>`. */
@Injectable()
export class TokenService {
  // A key object made once: given a string, jsonwebtoken tries it as a public key first on every call.
  private readonly key: KeyObject;

  constructor(@Inject(JWT_SECRET) secret: string) {
    this.key = createSecretKey(Buffer.from(secret, 'utf8'));
  }

  sign(user: { id: number; username: string }): string {
    return sign({ sub: String(user.id), username: user.username }, this.key, { algorithm: 'HS256', expiresIn: '60d' });
  }

  /** The user id a token was issued for, or undefined when it is malformed, forged or expired. */
  verify(token: string): number | undefined {
    try {
      const payload = verify(token, this.key, { algorithms: ['HS256'] });
      const id = typeof payload === 'object' ? Number(payload.sub) : NaN;
      return Number.isSafeInteger(id) && id > 0 ? id : undefined;
    } catch {
      return undefined;
    }
  }
}
