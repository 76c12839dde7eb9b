import { Body, Controller, Get, HttpCode, Post, Put, Req } from '@nestjs/common';
import { Auth, ViewerId, type AuthenticatedRequest } from '../auth/auth.decorators';
import { TokenService } from '../auth/token.service';
import { LoginUserRequest, NewUserRequest, UpdateUserRequest } from './users.dto';
import { userView, type UserView } from './user-views';
import { UsersService } from './users.service';

@Controller()
export class UsersController {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokenService,
  ) {}

  @Post('users')
  async register(@Body() body: NewUserRequest): Promise<{ user: UserView }> {
    const user = await this.users.register(body.user);
    return userView(user, this.tokens.sign(user));
  }

  @Post('users/login')
  @HttpCode(200)
  async login(@Body() body: LoginUserRequest): Promise<{ user: UserView }> {
    const user = await this.users.login(body.user);
    return userView(user, this.tokens.sign(user));
  }

  @Get('user')
  @Auth('required')
  async current(@ViewerId() viewerId: number, @Req() request: AuthenticatedRequest): Promise<{ user: UserView }> {
    return userView(await this.users.current(viewerId), request.token!);
  }

  @Put('user')
  @Auth('required')
  async update(@ViewerId() viewerId: number, @Req() request: AuthenticatedRequest, @Body() body: UpdateUserRequest): Promise<{ user: UserView }> {
    return userView(await this.users.update(viewerId, body.user), request.token!);
  }
}
