import { Cascade, Collection } from '@mikro-orm/core';
import { Entity, ManyToMany, ManyToOne, OneToMany, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

// S6 and S7's tables as MikroORM entities. The harness owns the tables, so the names are given explicitly rather
// than left to MikroORM's naming strategy. Author comes first: Book's reflected `author` type refers to it.

@Entity({ tableName: 'author' })
export class MikroAuthor {
  @PrimaryKey()
  id!: number;

  @Property({ length: 255 })
  name!: string;

  // Cascade.PERSIST is MikroORM's default; spelled out because S7 relies on it.
  @OneToMany(() => MikroBook, (book) => book.author, { cascade: [Cascade.PERSIST] })
  books = new Collection<MikroBook>(this);
}

@Entity({ tableName: 'book' })
export class MikroBook {
  @PrimaryKey()
  id!: number;

  @Property({ length: 255 })
  title!: string;

  @ManyToOne(() => MikroAuthor, { fieldName: 'author_id' })
  author!: MikroAuthor;

  @ManyToMany(() => MikroTag, (tag) => tag.books, {
    owner: true,
    pivotTable: 'book_tags',
    joinColumn: 'book_id',
    inverseJoinColumn: 'tag_id',
  })
  tags = new Collection<MikroTag>(this);
}

@Entity({ tableName: 'tag' })
export class MikroTag {
  @PrimaryKey()
  id!: number;

  @Property({ length: 255 })
  name!: string;

  @ManyToMany(() => MikroBook, (book) => book.tags)
  books = new Collection<MikroBook>(this);
}
