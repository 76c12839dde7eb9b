import { Column, Entity, PrimaryKey, Version } from '../../src';

/** The example entity: identity key, unique email, nullable int, timestamp, json, version. */
@Entity({ table: 'authors' })
export class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ unique: true }) email!: string;
  @Column({ type: 'int', nullable: true }) age: number | null = null;
  @Column({ type: 'timestamp' }) createdAt = new Date();
  @Column({ type: 'json', nullable: true }) meta: Record<string, unknown> | null = null;
  @Version() version!: number;
}

/** An entity without a version and with a uuid key generated in JS. */
@Entity()
export class Note {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Column({ type: 'text' }) body!: string;
  @Column({ type: 'int', default: 0 }) likes!: number;
}
