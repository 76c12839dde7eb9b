import { relations } from 'drizzle-orm';
import { customType, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

// The harness stores dates as ISO-8601 text on SQLite (fixture/sqlite-timestamp.ts); a custom type maps them.
const isoDate = customType<{ data: Date; driverData: string }>({
  dataType: () => 'timestamp',
  toDriver: (value) => value.toISOString(),
  fromDriver: (value) => new Date(value),
});

// The harness's tables as Drizzle's SQLite schema; the harness owns the DDL, so these only steer mapping.

export const item = sqliteTable('bench_item', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull(),
  age: integer('age').notNull(),
  score: real('score').notNull(),
  createdAt: isoDate('created_at').notNull(),
});

export const author = sqliteTable('author', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

export const book = sqliteTable('book', {
  id: integer('id').primaryKey(),
  title: text('title').notNull(),
  authorId: integer('author_id').notNull().references(() => author.id),
});

export const tag = sqliteTable('tag', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

export const bookTags = sqliteTable(
  'book_tags',
  {
    bookId: integer('book_id').notNull().references(() => book.id),
    tagId: integer('tag_id').notNull().references(() => tag.id),
  },
  (table) => [primaryKey({ columns: [table.bookId, table.tagId] })],
);

export const reportAuthor = sqliteTable('report_author', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
});

export const reportBook = sqliteTable('report_book', {
  id: integer('id').primaryKey(),
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
