import { Collection, Column, Entity, ManyToMany, ManyToOne, OneToMany, PrimaryKey } from 'tessera-orm';

// S6 and S7's tables as Tessera entities, on Tessera's relation API. The harness owns the tables; Tessera's schema
// tools are not used. Author comes first: Book's reflected `author` type refers to it.

@Entity({ table: 'author' })
export class TesseraAuthor {
  @PrimaryKey()
  id!: number;

  @Column()
  name!: string;

  @OneToMany(() => TesseraBook, (book: TesseraBook) => book.author, { cascade: ['persist'] })
  books = new Collection<TesseraBook>(this);
}

@Entity({ table: 'book' })
export class TesseraBook {
  @PrimaryKey()
  id!: number;

  @Column()
  title!: string;

  // The foreign key column defaults to author_id.
  @ManyToOne(() => TesseraAuthor)
  author!: TesseraAuthor;

  @ManyToMany(() => TesseraTag, (tag: TesseraTag) => tag.books, {
    owner: true,
    pivotTable: 'book_tags',
    joinColumn: 'book_id',
    inverseJoinColumn: 'tag_id',
  })
  tags = new Collection<TesseraTag>(this);
}

@Entity({ table: 'tag' })
export class TesseraTag {
  @PrimaryKey()
  id!: number;

  @Column()
  name!: string;

  @ManyToMany(() => TesseraBook, (book: TesseraBook) => book.tags)
  books = new Collection<TesseraBook>(this);
}
