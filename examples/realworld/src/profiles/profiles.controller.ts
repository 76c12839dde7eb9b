import { Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Auth, ViewerId } from '../auth/auth.decorators';
import type { ProfileView } from '../users/user-views';
import { ProfilesService } from './profiles.service';

@Controller('profiles/:username')
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @Get()
  @Auth('optional')
  async get(@Param('username') username: string, @ViewerId() viewerId: number | undefined): Promise<{ profile: ProfileView }> {
    return { profile: await this.profiles.get(username, viewerId) };
  }

  @Post('follow')
  @HttpCode(200)
  @Auth('required')
  async follow(@Param('username') username: string, @ViewerId() viewerId: number): Promise<{ profile: ProfileView }> {
    return { profile: await this.profiles.follow(username, viewerId) };
  }

  @Delete('follow')
  @Auth('required')
  async unfollow(@Param('username') username: string, @ViewerId() viewerId: number): Promise<{ profile: ProfileView }> {
    return { profile: await this.profiles.unfollow(username, viewerId) };
  }
}
