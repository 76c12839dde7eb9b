import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager, EntityRepository } from 'tessera-orm';
import { InjectRepository } from 'tessera-orm/nestjs';
import { Article, Comment } from '../entities';
import { followedBy } from '../profiles/following';
import { UsersService } from '../users/users.service';
import { profileView, type ProfileView } from '../users/user-views';

/** The spec's Comment, as the viewer sees its author. */
export interface CommentView {
  id: number;
  createdAt: string;
  updatedAt: string;
  body: string;
  author: ProfileView;
}

/** An article's comments. Each write request flushes once. */
@Injectable()
export class CommentsService {
  constructor(
    private readonly em: EntityManager,
    @InjectRepository(Comment) private readonly comments: EntityRepository<Comment>,
    @InjectRepository(Article) private readonly articles: EntityRepository<Article>,
    private readonly accounts: UsersService,
  ) {}

  /** Newest first, with their authors and whether the viewer follows them: three queries in all. */
  async list(slug: string, viewerId: number | undefined): Promise<CommentView[]> {
    const article = await this.bySlug(slug);
    const comments = await this.em.find(Comment, { article }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], populate: ['author'] });
    const following = await followedBy(this.em, viewerId, comments.map((c) => c.author.id));
    return comments.map((c) => view(c, following.has(c.author.id)));
  }

  async create(slug: string, body: string, viewerId: number): Promise<CommentView> {
    const author = await this.accounts.current(viewerId);
    const article = await this.bySlug(slug);
    const now = new Date();
    const comment = this.comments.create({ body, article, author, createdAt: now, updatedAt: now });
    await this.em.flush();
    return view(comment, false);
  }

  async delete(slug: string, id: number, viewerId: number): Promise<void> {
    await this.accounts.current(viewerId);
    const article = await this.bySlug(slug);
    const comment = await this.comments.findOne({ id, article });
    if (!comment) throw new NotFoundException(`comment ${id} not found`);
    if (comment.author.id !== viewerId) throw new ForbiddenException('only the author may delete this comment');
    this.em.remove(comment);
    await this.em.flush();
  }

  private async bySlug(slug: string): Promise<Article> {
    const article = await this.articles.findOne({ slug });
    if (!article) throw new NotFoundException(`article ${slug} not found`);
    return article;
  }
}

function view(comment: Comment, following: boolean): CommentView {
  return {
    id: comment.id,
    createdAt: comment.createdAt.toISOString(),
    updatedAt: comment.updatedAt.toISOString(),
    body: comment.body,
    author: profileView(comment.author, following),
  };
}
