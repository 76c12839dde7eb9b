import { randomUUID } from 'node:crypto';
import { Collection, Column, Entity, ManyToMany, ManyToOne, OneToMany, OneToOne, PrimaryKey, type Reference } from '../../src';

/** The relation model of issue #3: every kind of relation, a self-reference, a lazy reference and a pivot. */
@Entity()
export class Publisher {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @OneToMany(() => Book, (b) => b.publisher) books = new Collection<Book>(this);
}

@Entity()
export class Profile {
  @PrimaryKey() id!: number;
  @Column() bio!: string;
  @OneToOne(() => Author, (a) => a.profile) author: Author | null = null;
}

@Entity()
export class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @OneToMany(() => Book, (b) => b.author, { cascade: ['persist', 'remove'], orphanRemoval: true }) books = new Collection<Book>(this);
  @OneToOne(() => Profile, (p) => p.author, { owner: true, nullable: true }) profile: Profile | null = null;
  @ManyToOne(() => Author, { nullable: true }) mentor: Author | null = null;
}

@Entity()
export class Book {
  @PrimaryKey({ type: 'uuid' }) id = randomUUID();
  @Column() title!: string;
  @ManyToOne(() => Author) author!: Author;
  @ManyToOne(() => Publisher, { ref: true, nullable: true }) publisher: Reference<Publisher> | null = null;
  @ManyToMany(() => Tag, (t) => t.books, { owner: true }) tags = new Collection<Tag>(this);
}

@Entity()
export class Tag {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToMany(() => Book, (b) => b.tags) books = new Collection<Book>(this);
}

/** A relation that opts out of cascading persist. */
@Entity()
export class Review {
  @PrimaryKey() id!: number;
  @Column() text!: string;
  @ManyToOne(() => Author, { cascade: [] }) author!: Author;
}

export const RELATION_ENTITIES = [Publisher, Profile, Author, Book, Tag, Review];
