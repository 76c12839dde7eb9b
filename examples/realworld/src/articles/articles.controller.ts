import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { Auth, ViewerId } from '../auth/auth.decorators';
import type { ArticleView } from './article-views';
import { ListArticlesQuery, NewArticleRequest, PageQuery, UpdateArticleRequest } from './articles.dto';
import { ArticlesService, type ArticleList } from './articles.service';

@Controller('articles')
export class ArticlesController {
  constructor(private readonly articles: ArticlesService) {}

  @Get()
  @Auth('optional')
  list(@Query() query: ListArticlesQuery, @ViewerId() viewerId: number | undefined): Promise<ArticleList> {
    return this.articles.list(query, viewerId);
  }

  // Declared before ':slug' so that "feed" is not taken for a slug.
  @Get('feed')
  @Auth('required')
  feed(@Query() query: PageQuery, @ViewerId() viewerId: number): Promise<ArticleList> {
    return this.articles.feed(query, viewerId);
  }

  @Post()
  @Auth('required')
  async create(@Body() body: NewArticleRequest, @ViewerId() viewerId: number): Promise<{ article: ArticleView }> {
    return { article: await this.articles.create(body.article, viewerId) };
  }

  @Get(':slug')
  @Auth('lenient')
  async get(@Param('slug') slug: string, @ViewerId() viewerId: number | undefined): Promise<{ article: ArticleView }> {
    return { article: await this.articles.get(slug, viewerId) };
  }

  @Put(':slug')
  @Auth('required')
  async update(@Param('slug') slug: string, @Body() body: UpdateArticleRequest, @ViewerId() viewerId: number): Promise<{ article: ArticleView }> {
    return { article: await this.articles.update(slug, body.article, viewerId) };
  }

  @Delete(':slug')
  @HttpCode(204)
  @Auth('required')
  async delete(@Param('slug') slug: string, @ViewerId() viewerId: number): Promise<void> {
    await this.articles.delete(slug, viewerId);
  }

  @Post(':slug/favorite')
  @HttpCode(200)
  @Auth('required')
  async favorite(@Param('slug') slug: string, @ViewerId() viewerId: number): Promise<{ article: ArticleView }> {
    return { article: await this.articles.favorite(slug, viewerId) };
  }

  @Delete(':slug/favorite')
  @Auth('required')
  async unfavorite(@Param('slug') slug: string, @ViewerId() viewerId: number): Promise<{ article: ArticleView }> {
    return { article: await this.articles.unfavorite(slug, viewerId) };
  }
}
