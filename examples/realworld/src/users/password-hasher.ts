import { Inject, Injectable } from '@nestjs/common';
import { compare, hash } from 'bcryptjs';

/** The injection token of bcrypt's cost factor (ConduitConfig.bcryptCost). */
export const BCRYPT_COST = Symbol('BCRYPT_COST');

/** Hashes and checks passwords with bcrypt (bcryptjs: pure JavaScript, nothing to build at install). */
@Injectable()
export class PasswordHasher {
  constructor(@Inject(BCRYPT_COST) private readonly cost: number) {}

  hash(password: string): Promise<string> {
    return hash(password, this.cost);
  }

  matches(password: string, passwordHash: string): Promise<boolean> {
    return compare(password, passwordHash);
  }
}
