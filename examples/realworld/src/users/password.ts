import { compare, hash } from 'bcryptjs';

// bcrypt's cost 10: about 50-100 ms per hash in pure JS here, the usual trade-off for a login.
const COST = 10;

export function hashPassword(password: string): Promise<string> {
  return hash(password, COST);
}

export function passwordMatches(password: string, passwordHash: string): Promise<boolean> {
  return compare(password, passwordHash);
}
