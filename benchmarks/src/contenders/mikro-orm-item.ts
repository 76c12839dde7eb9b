import { Entity, PrimaryKey, Property } from '@mikro-orm/decorators/legacy';

/** `bench_item` as a MikroORM entity; the harness owns the table, so these options only steer mapping. */
@Entity({ tableName: 'bench_item' })
export class MikroItem {
  @PrimaryKey()
  id!: number;

  @Property({ length: 255 })
  name!: string;

  @Property({ length: 255 })
  email!: string;

  @Property()
  age!: number;

  @Property({ type: 'double', runtimeType: 'number' })
  score!: number;

  @Property({ fieldName: 'created_at' })
  createdAt!: Date;
}
