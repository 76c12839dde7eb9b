import { Injectable, UnauthorizedException, UnprocessableEntityException } from '@nestjs/common';
import { EntityManager, EntityRepository, UniqueConstraintViolationError } from 'tessera-orm';
import { InjectRepository } from 'tessera-orm/nestjs';
import { User } from '../entities';
import type { LoginUser, NewUser, UpdateUser } from './users.dto';
import { PasswordHasher } from './password-hasher';

/** Registration, login and the signed-in user's own record. Each write request flushes once. */
@Injectable()
export class UsersService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
    private readonly passwords: PasswordHasher,
  ) {}

  async register(data: NewUser): Promise<User> {
    await this.assertFree({ email: data.email, username: data.username });
    const user = this.users.create({ username: data.username, email: data.email, passwordHash: await this.passwords.hash(data.password) });
    await this.flushUnique();
    return user;
  }

  /** The user whose email and password these are; a 401 for any mismatch, without saying which. */
  async login(data: LoginUser): Promise<User> {
    const user = await this.users.findOne({ email: data.email });
    if (!user || !(await this.passwords.matches(data.password, user.passwordHash))) {
      throw new UnauthorizedException('email or password is invalid');
    }
    return user;
  }

  /** The signed-in user; a token for a user that no longer exists is a 401. */
  async current(viewerId: number): Promise<User> {
    const user = await this.users.findOne({ id: viewerId });
    if (!user) throw new UnauthorizedException('the token names no user');
    return user;
  }

  async update(viewerId: number, data: UpdateUser): Promise<User> {
    const user = await this.current(viewerId);
    const changes = Object.entries(data).filter(([, value]) => value !== undefined);
    if (changes.length === 0) throw new UnprocessableEntityException(['user must have at least one field to update']);
    await this.assertFree({ email: data.email, username: data.username }, user.id);
    if (data.email !== undefined && data.email !== null) user.email = data.email;
    if (data.username !== undefined && data.username !== null) user.username = data.username;
    if (data.password) user.passwordHash = await this.passwords.hash(data.password);
    if (data.bio !== undefined) user.bio = data.bio ?? '';
    if (data.image !== undefined) user.image = data.image ?? '';
    user.updatedAt = new Date();
    await this.flushUnique();
    return user;
  }

  /** 422 when another user has this email or username (checked first for a clear message). */
  private async assertFree(wanted: { email?: string | null; username?: string | null }, self?: number): Promise<void> {
    const taken: string[] = [];
    for (const field of ['email', 'username'] as const) {
      const value = wanted[field];
      if (value === undefined || value === null) continue;
      const other = await this.users.findOne({ [field]: value });
      if (other && other.id !== self) taken.push(`${field} has already been taken`);
    }
    if (taken.length > 0) throw new UnprocessableEntityException(taken);
  }

  /** The one flush of the request; a concurrent registration that took the name first is a 422 too. */
  private async flushUnique(): Promise<void> {
    try {
      await this.em.flush();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationError) throw new UnprocessableEntityException(['email or username has already been taken']);
      throw error;
    }
  }
}
