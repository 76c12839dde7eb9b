import { relations } from 'drizzle-orm';
import { double, int, mysqlTable, primaryKey, timestamp, varchar } from 'drizzle-orm/mysql-core';

// The harness's tables as Drizzle's MySQL schema (MariaDB); the harness owns the DDL, so these only steer mapping.

export const item = mysqlTable('bench_item', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 255 }).notNull(),
  email: varchar('email', { length: 255 }).notNull(),
  age: int('age').notNull(),
  score: double('score').notNull(),
  createdAt: timestamp('created_at', { fsp: 3, mode: 'date' }).notNull(),
});

export const author = mysqlTable('author', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const book = mysqlTable('book', {
  id: int('id').primaryKey().autoincrement(),
  title: varchar('title', { length: 255 }).notNull(),
  authorId: int('author_id').notNull().references(() => author.id),
});

export const tag = mysqlTable('tag', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const bookTags = mysqlTable(
  'book_tags',
  {
    bookId: int('book_id').notNull().references(() => book.id),
    tagId: int('tag_id').notNull().references(() => tag.id),
  },
  (table) => [primaryKey({ columns: [table.bookId, table.tagId] })],
);

export const reportAuthor = mysqlTable('report_author', {
  id: int('id').primaryKey().autoincrement(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const reportBook = mysqlTable('report_book', {
  id: int('id').primaryKey().autoincrement(),
  authorId: int('author_id').notNull().references(() => reportAuthor.id),
  price: int('price').notNull(),
});

export const authorRelations = relations(author, ({ many }) => ({ books: many(book) }));
export const bookRelations = relations(book, ({ one, many }) => ({
  author: one(author, { fields: [book.authorId], references: [author.id] }),
  bookTags: many(bookTags),
}));
export const tagRelations = relations(tag, ({ many }) => ({ bookTags: many(bookTags) }));
export const bookTagsRelations = relations(bookTags, ({ one }) => ({
  book: one(book, { fields: [bookTags.bookId], references: [book.id] }),
  tag: one(tag, { fields: [bookTags.tagId], references: [tag.id] }),
}));
