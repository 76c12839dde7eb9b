import {
  Column,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
} from 'typeorm';

// S6 and S7's tables as TypeORM entities. The harness owns the tables; the join columns are named explicitly
// because TypeORM's defaults are camelCase (`authorId`, `typeormBookId`). Author comes first: Book's reflected
// `author` type refers to it.

@Entity({ name: 'author' })
export class TypeormAuthor {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @OneToMany(() => TypeormBook, (book) => book.author, { cascade: ['insert'] })
  books!: TypeormBook[];
}

@Entity({ name: 'book' })
export class TypeormBook {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  title!: string;

  @ManyToOne(() => TypeormAuthor, (author) => author.books, { nullable: false })
  @JoinColumn({ name: 'author_id' })
  author!: TypeormAuthor;

  @ManyToMany(() => TypeormTag, (tag) => tag.books)
  @JoinTable({
    name: 'book_tags',
    joinColumn: { name: 'book_id', referencedColumnName: 'id' },
    inverseJoinColumn: { name: 'tag_id', referencedColumnName: 'id' },
  })
  tags!: TypeormTag[];
}

@Entity({ name: 'tag' })
export class TypeormTag {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'varchar', length: 255 })
  name!: string;

  @ManyToMany(() => TypeormBook, (book) => book.tags)
  books!: TypeormBook[];
}
