/**
 * The Conduit domain: users who follow each other, articles with tags and favorites, comments. One file, since
 * the classes refer to each other both ways: the decorator metadata of `author!: User` needs User defined
 * first, which separate modules importing each other cannot promise.
 */
import { Collection, Column, Entity, Index, ManyToMany, ManyToOne, OneToMany, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'users' })
export class User {
  @PrimaryKey() id!: number;
  @Column({ type: 'string', unique: true }) username!: string;
  @Column({ type: 'string', unique: true }) email!: string;
  @Column({ type: 'string' }) passwordHash!: string;
  // The spec's bio and image are strings, never null: a new user has empty ones.
  @Column({ type: 'text' }) bio = '';
  @Column({ type: 'text' }) image = '';
  @Column({ type: 'timestamp' }) createdAt = new Date();
  @Column({ type: 'timestamp' }) updatedAt = new Date();

  /** The users this one follows (pivot `follows`: follower_id → followee_id). */
  @ManyToMany(() => User, (u) => u.followers, {
    owner: true,
    pivotTable: 'follows',
    joinColumn: 'follower_id',
    inverseJoinColumn: 'followee_id',
  })
  following = new Collection<User>(this);

  @ManyToMany(() => User, (u) => u.following) followers = new Collection<User>(this);

  @ManyToMany(() => Article, (a) => a.favoritedBy) favorites = new Collection<Article>(this);
}

@Entity({ table: 'tags' })
export class Tag {
  @PrimaryKey() id!: number;
  @Column({ type: 'string', unique: true }) name!: string;
  @ManyToMany(() => Article, (a) => a.tags) articles = new Collection<Article>(this);
}

@Entity({ table: 'articles' })
export class Article {
  @PrimaryKey() id!: number;
  @Column({ type: 'string', unique: true }) slug!: string;
  @Column({ type: 'string' }) title!: string;
  @Column({ type: 'text' }) description!: string;
  @Column({ type: 'text' }) body!: string;
  // Every list is ordered by it, newest first.
  @Index() @Column({ type: 'timestamp' }) createdAt = new Date();
  @Column({ type: 'timestamp' }) updatedAt = new Date();
  @ManyToOne(() => User) author!: User;

  @ManyToMany(() => Tag, (t) => t.articles, { owner: true, pivotTable: 'article_tags' })
  tags = new Collection<Tag>(this);

  @ManyToMany(() => User, (u) => u.favorites, { owner: true, pivotTable: 'favorites' })
  favoritedBy = new Collection<User>(this);

  @OneToMany(() => Comment, (c) => c.article) comments = new Collection<Comment>(this);
}

@Entity({ table: 'comments' })
export class Comment {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'timestamp' }) createdAt = new Date();
  @Column({ type: 'timestamp' }) updatedAt = new Date();
  // Deleting an article deletes its comments in the database: one DELETE, no comment loaded.
  @ManyToOne(() => Article, { onDelete: 'cascade' }) article!: Article;
  @ManyToOne(() => User) author!: User;
}

/** Every entity of the application, for `Orm.init` and the migrations. */
export const ENTITIES = [User, Article, Tag, Comment];
