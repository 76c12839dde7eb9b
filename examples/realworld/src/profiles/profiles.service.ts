import { Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager, EntityRepository } from 'tessera-orm';
import { InjectRepository } from 'tessera-orm/nestjs';
import { User } from '../entities';
import { UsersService } from '../users/users.service';
import { profileView, type ProfileView } from '../users/user-views';
import { followedBy } from './following';

/** Profiles as the viewer sees them, and following. Each write request flushes once. */
@Injectable()
export class ProfilesService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(User) private readonly users: EntityRepository<User>,
    private readonly accounts: UsersService,
  ) {}

  async get(username: string, viewerId: number | undefined): Promise<ProfileView> {
    const user = await this.byUsername(username);
    const followed = await followedBy(this.em, viewerId, [user.id]);
    return profileView(user, followed.has(user.id));
  }

  async follow(username: string, viewerId: number): Promise<ProfileView> {
    const viewer = await this.accounts.current(viewerId);
    const user = await this.byUsername(username);
    // The collection is not loaded: add() writes the one pivot row, so check first that it is not there.
    if (!(await followedBy(this.em, viewerId, [user.id])).has(user.id)) viewer.following.add(user);
    await this.em.flush();
    return profileView(user, true);
  }

  async unfollow(username: string, viewerId: number): Promise<ProfileView> {
    const viewer = await this.accounts.current(viewerId);
    const user = await this.byUsername(username);
    viewer.following.remove(user);
    await this.em.flush();
    return profileView(user, false);
  }

  private async byUsername(username: string): Promise<User> {
    const user = await this.users.findOne({ username });
    if (!user) throw new NotFoundException(`profile ${username} not found`);
    return user;
  }
}
