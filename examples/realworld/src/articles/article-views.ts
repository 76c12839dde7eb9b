import { Injectable } from '@nestjs/common';
import { EntityManager, type Loaded } from 'tessera-orm';
import { Article } from '../entities';
import { followedBy } from '../profiles/following';
import { profileView, type ProfileView } from '../users/user-views';

/** An article loaded with what every view shows. */
export type ShownArticle = Loaded<Article, 'author' | 'tags'>;

/** The spec's Article, as the viewer sees it (lists leave out `body`). */
export interface ArticleView {
  slug: string;
  title: string;
  description: string;
  body?: string;
  tagList: string[];
  createdAt: string;
  updatedAt: string;
  favorited: boolean;
  favoritesCount: number;
  author: ProfileView;
}

/**
 * Turns loaded articles into views with their per-viewer flags. Whatever the number of articles it sends the
 * same statements: the favorites count of every article (one grouped query), which of them the viewer
 * favorited (one) and which authors the viewer follows (one); none of the last two for an anonymous viewer.
 */
@Injectable()
export class ArticleViews {
  constructor(private readonly em: EntityManager) {}

  async render(articles: readonly ShownArticle[], viewerId: number | undefined, options: { body: boolean }): Promise<ArticleView[]> {
    if (articles.length === 0) return [];
    const ids = articles.map((a) => a.id);
    const counts = await this.favoritesCounts(ids);
    const favorited = await this.favoritedBy(viewerId, ids);
    const following = await followedBy(this.em, viewerId, articles.map((a) => a.author.id));
    return articles.map((article) => ({
      slug: article.slug,
      title: article.title,
      description: article.description,
      ...(options.body ? { body: article.body } : {}),
      tagList: article.tags.getItems().map((t) => t.name).sort(),
      createdAt: article.createdAt.toISOString(),
      updatedAt: article.updatedAt.toISOString(),
      favorited: favorited.has(article.id),
      favoritesCount: counts.get(article.id) ?? 0,
      author: profileView(article.author, following.has(article.author.id)),
    }));
  }

  private async favoritesCounts(ids: readonly number[]): Promise<Map<number, number>> {
    const rows = await this.em
      .qb(Article, 'a')
      .innerJoin('a.favoritedBy', 'f')
      .select(['a.id'])
      .aggregate({ favorites: { $count: 'f.id' } })
      .where({ 'a.id': { $in: [...ids] } })
      .groupBy(['a.id'])
      .execute();
    return new Map(rows.map((r) => [r.id, Number(r.favorites)]));
  }

  private async favoritedBy(viewerId: number | undefined, ids: readonly number[]): Promise<Set<number>> {
    if (viewerId === undefined) return new Set();
    const favorited = await this.em.find(Article, { id: { $in: [...ids] }, favoritedBy: { id: viewerId } }, { fields: ['id'] });
    return new Set(favorited.map((a) => a.id));
  }
}
