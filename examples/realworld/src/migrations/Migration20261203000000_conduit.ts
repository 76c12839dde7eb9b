import { Migration } from 'tessera-orm';

/**
 * The Conduit schema: users, follows, articles, tags, favorites and comments. Written against the entities
 * (`migration:check` finds no difference on any dialect); foreign keys inline, so tables come parents first.
 */
export class Migration20261203000000_conduit extends Migration {
  up(): void {
    this.schema.createTable('users', (t) => {
      t.increments('id');
      t.string('username', 255);
      t.index(['username'], { name: 'users_username_unique', unique: true });
      t.string('email', 255);
      t.index(['email'], { name: 'users_email_unique', unique: true });
      t.string('password_hash', 255);
      t.text('bio');
      t.text('image');
      t.timestamp('created_at');
      t.timestamp('updated_at');
    });
    this.schema.createTable('follows', (t) => {
      t.integer('follower_id').references('users', 'id', { onDelete: 'cascade' });
      t.integer('followee_id').references('users', 'id', { onDelete: 'cascade' });
      t.primary(['follower_id', 'followee_id']);
      t.index(['followee_id'], { name: 'follows_followee_id_index' });
    });
    this.schema.createTable('tags', (t) => {
      t.increments('id');
      t.string('name', 255);
      t.index(['name'], { name: 'tags_name_unique', unique: true });
    });
    this.schema.createTable('articles', (t) => {
      t.increments('id');
      t.string('slug', 255);
      t.index(['slug'], { name: 'articles_slug_unique', unique: true });
      t.string('title', 255);
      t.text('description');
      t.text('body');
      t.timestamp('created_at');
      t.timestamp('updated_at');
      t.integer('author_id').references('users', 'id');
      t.index(['author_id'], { name: 'articles_author_id_index' });
      t.index(['created_at'], { name: 'articles_created_at_index' });
    });
    this.schema.createTable('article_tags', (t) => {
      t.integer('article_id').references('articles', 'id', { onDelete: 'cascade' });
      t.integer('tag_id').references('tags', 'id', { onDelete: 'cascade' });
      t.primary(['article_id', 'tag_id']);
      t.index(['tag_id'], { name: 'article_tags_tag_id_index' });
    });
    this.schema.createTable('favorites', (t) => {
      t.integer('article_id').references('articles', 'id', { onDelete: 'cascade' });
      t.integer('user_id').references('users', 'id', { onDelete: 'cascade' });
      t.primary(['article_id', 'user_id']);
      t.index(['user_id'], { name: 'favorites_user_id_index' });
    });
    this.schema.createTable('comments', (t) => {
      t.increments('id');
      t.text('body');
      t.timestamp('created_at');
      t.timestamp('updated_at');
      t.integer('article_id').references('articles', 'id', { onDelete: 'cascade' });
      t.integer('author_id').references('users', 'id');
      t.index(['article_id'], { name: 'comments_article_id_index' });
      t.index(['author_id'], { name: 'comments_author_id_index' });
    });
  }

  down(): void {
    for (const table of ['comments', 'favorites', 'article_tags', 'articles', 'tags', 'follows', 'users']) {
      this.schema.dropTable(table);
    }
  }
}
