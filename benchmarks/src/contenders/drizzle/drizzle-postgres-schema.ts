import { relations } from 'drizzle-orm';
import { doublePrecision, integer, pgTable, primaryKey, timestamp, varchar } from 'drizzle-orm/pg-core';

// The harness's tables as Drizzle's PostgreSQL schema; the harness owns the DDL, so these only steer mapping.

export const item = pgTable('bench_item', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
  email: varchar('email', { length: 255 }).notNull(),
  age: integer('age').notNull(),
  score: doublePrecision('score').notNull(),
  createdAt: timestamp('created_at', { precision: 3, mode: 'date' }).notNull(),
});

export const author = pgTable('author', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const book = pgTable('book', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  title: varchar('title', { length: 255 }).notNull(),
  authorId: integer('author_id').notNull().references(() => author.id),
});

export const tag = pgTable('tag', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const bookTags = pgTable(
  'book_tags',
  {
    bookId: integer('book_id').notNull().references(() => book.id),
    tagId: integer('tag_id').notNull().references(() => tag.id),
  },
  (table) => [primaryKey({ columns: [table.bookId, table.tagId] })],
);

export const reportAuthor = pgTable('report_author', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  name: varchar('name', { length: 255 }).notNull(),
});

export const reportBook = pgTable('report_book', {
  id: integer('id').primaryKey().generatedByDefaultAsIdentity(),
  authorId: integer('author_id').notNull().references(() => reportAuthor.id),
  price: integer('price').notNull(),
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
