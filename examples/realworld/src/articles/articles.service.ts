import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager, EntityRepository, type FilterQuery } from 'tessera-orm';
import { InjectRepository } from 'tessera-orm/nestjs';
import { Article, Tag } from '../entities';
import { UsersService } from '../users/users.service';
import { ArticleViews, type ArticleView, type ShownArticle } from './article-views';
import type { ListArticlesQuery, NewArticle, PageQuery, UpdateArticle } from './articles.dto';
import { slugify, suffixed } from './slug';

export interface ArticleList {
  articles: ArticleView[];
  articlesCount: number;
}

const DEFAULT_LIMIT = 20;

/** Articles: lists, the feed, one by slug, writes and favorites. Each write request flushes once. */
@Injectable()
export class ArticlesService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(Article) private readonly articles: EntityRepository<Article>,
    @InjectRepository(Tag) private readonly tags: EntityRepository<Tag>,
    private readonly accounts: UsersService,
    private readonly views: ArticleViews,
  ) {}

  /** Most recent first, filtered by tag, author and who favorited them (all given must hold). */
  list(query: ListArticlesQuery, viewerId: number | undefined): Promise<ArticleList> {
    const where: FilterQuery<Article> = {};
    if (query.tag !== undefined) where.tags = { name: query.tag };
    if (query.author !== undefined) where.author = { username: query.author };
    if (query.favorited !== undefined) where.favoritedBy = { username: query.favorited };
    return this.page(where, query, viewerId);
  }

  /** Most recent first, by the users the viewer follows. */
  feed(query: PageQuery, viewerId: number): Promise<ArticleList> {
    return this.page({ author: { followers: { id: viewerId } } }, query, viewerId);
  }

  async get(slug: string, viewerId: number | undefined): Promise<ArticleView> {
    return this.view(await this.bySlug(slug), viewerId);
  }

  async create(data: NewArticle, viewerId: number): Promise<ArticleView> {
    const author = await this.accounts.current(viewerId);
    const now = new Date();
    const article = this.articles.create({
      slug: await this.freeSlug(data.title),
      title: data.title,
      description: data.description,
      body: data.body,
      author,
      createdAt: now,
      updatedAt: now,
      tags: await this.tagsNamed(data.tagList ?? []),
    });
    await this.em.flush();
    return this.view(article as ShownArticle, viewerId);
  }

  async update(slug: string, data: UpdateArticle, viewerId: number): Promise<ArticleView> {
    const article = await this.ownArticle(slug, viewerId);
    if (data.title !== undefined && data.title !== article.title) {
      article.title = data.title;
      const wanted = slugify(data.title);
      if (wanted !== article.slug) article.slug = await this.freeSlug(data.title);
    }
    if (data.description !== undefined) article.description = data.description;
    if (data.body !== undefined) article.body = data.body;
    if (data.title !== undefined || data.description !== undefined || data.body !== undefined) article.updatedAt = new Date();
    await this.em.flush();
    return this.view(article, viewerId);
  }

  async delete(slug: string, viewerId: number): Promise<void> {
    const article = await this.ownArticle(slug, viewerId);
    // Its comments, tag links and favorites go with it (ON DELETE CASCADE).
    this.em.remove(article);
    await this.em.flush();
  }

  async favorite(slug: string, viewerId: number): Promise<ArticleView> {
    const viewer = await this.accounts.current(viewerId);
    const article = await this.bySlug(slug);
    // Not loaded, the collection writes only what is added: add the link only when it is not there yet.
    const already = await this.articles.count({ id: article.id, favoritedBy: { id: viewerId } });
    if (already === 0) article.favoritedBy.add(viewer);
    await this.em.flush();
    return this.view(article, viewerId);
  }

  async unfavorite(slug: string, viewerId: number): Promise<ArticleView> {
    const viewer = await this.accounts.current(viewerId);
    const article = await this.bySlug(slug);
    article.favoritedBy.remove(viewer);
    await this.em.flush();
    return this.view(article, viewerId);
  }

  /**
   * One page and the total: the count, the page, its authors and tags (one query each, select-in), then the
   * views' flags. A fixed number of statements whatever the page size.
   */
  private async page(where: FilterQuery<Article>, query: PageQuery, viewerId: number | undefined): Promise<ArticleList> {
    const articlesCount = await this.articles.count(where);
    const page = await this.em.find(Article, where, {
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: query.limit ?? DEFAULT_LIMIT,
      offset: query.offset ?? 0,
      populate: ['author', 'tags'],
    });
    return { articles: await this.views.render(page, viewerId, { body: false }), articlesCount };
  }

  private async view(article: ShownArticle, viewerId: number | undefined): Promise<ArticleView> {
    const [view] = await this.views.render([article], viewerId, { body: true });
    return view;
  }

  private async bySlug(slug: string): Promise<ShownArticle> {
    const article = await this.em.findOne(Article, { slug }, { populate: ['author', 'tags'] });
    if (!article) throw new NotFoundException(`article ${slug} not found`);
    return article;
  }

  /** The article, if the viewer wrote it: 404 when there is none, 403 when it is someone else's. */
  private async ownArticle(slug: string, viewerId: number): Promise<ShownArticle> {
    await this.accounts.current(viewerId);
    const article = await this.bySlug(slug);
    if (article.author.id !== viewerId) throw new ForbiddenException('only the author may change this article');
    return article;
  }

  /** The slug of the title, or that slug with a random suffix when another article has it. */
  private async freeSlug(title: string): Promise<string> {
    let slug = slugify(title);
    while ((await this.articles.count({ slug })) > 0) slug = suffixed(slugify(title));
    return slug;
  }

  /** The tags of these names, created where new (written by the request's flush). */
  private async tagsNamed(names: readonly string[]): Promise<Tag[]> {
    const wanted = [...new Set(names.map((n) => n.trim()).filter((n) => n.length > 0))];
    if (wanted.length === 0) return [];
    const existing = await this.tags.find({ name: { $in: wanted } });
    const known = new Map(existing.map((t) => [t.name, t]));
    // MariaDB compares names without case (its default collation): take the tag it found for a name.
    const alike = (name: string) => existing.find((t) => t.name.toLowerCase() === name.toLowerCase());
    return wanted.map((name) => known.get(name) ?? alike(name) ?? this.tags.create({ name }));
  }
}
