import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TesseraModule } from 'tessera-orm/nestjs';
import { ArticleViews } from './articles/article-views';
import { ArticlesController } from './articles/articles.controller';
import { ArticlesService } from './articles/articles.service';
import { AuthGuard } from './auth/auth.guard';
import { JWT_SECRET, TokenService } from './auth/token.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsService } from './comments/comments.service';
import { ErrorsFilter } from './common/errors-filter';
import type { ConduitConfig } from './config';
import { Article, Comment, Tag, User } from './entities';
import { ProfilesController } from './profiles/profiles.controller';
import { ProfilesService } from './profiles/profiles.service';
import { TagsController } from './tags/tags.controller';
import { UsersController } from './users/users.controller';
import { BCRYPT_COST, PasswordHasher } from './users/password-hasher';
import { UsersService } from './users/users.service';

/** The whole Conduit API over one Orm: repositories and the EntityManager resolve to each request's fork. */
@Module({})
export class AppModule {
  static forRoot(config: ConduitConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [TesseraModule.forRoot(config.orm), TesseraModule.forFeature([User, Article, Tag, Comment])],
      controllers: [UsersController, ProfilesController, ArticlesController, CommentsController, TagsController],
      providers: [
        { provide: JWT_SECRET, useValue: config.jwtSecret },
        TokenService,
        { provide: BCRYPT_COST, useValue: config.bcryptCost ?? 10 },
        PasswordHasher,
        UsersService,
        ProfilesService,
        ArticleViews,
        ArticlesService,
        CommentsService,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_FILTER, useClass: ErrorsFilter },
      ],
    };
  }
}
