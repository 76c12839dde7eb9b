import { Column, Entity, Filter, PrimaryKey, SoftDelete, type Orm } from 'tessera-orm';

@Filter({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: args.tenantId }), default: true })
@Entity({ table: 'documents' })
export class Document {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @Column({ type: 'int' }) tenantId!: number;
  @SoftDelete() deletedAt: Date | null = null;
}

export async function example(orm: Orm) {
  // One EntityManager per request, with the request's tenant.
  const em = orm.em.fork().setFilterParams('tenant', { tenantId: 7 });
  em.create(Document, { title: 'Plan', tenantId: 7 });
  em.create(Document, { title: 'Draft', tenantId: 7 });
  em.create(Document, { title: 'Theirs', tenantId: 8 });
  await em.flush();

  const mine = await em.find(Document, {}, { orderBy: { title: 'asc' } }); // where tenant_id = 7 and deleted_at is null
  const draft = mine[0];
  em.remove(draft); // a soft delete: update documents set deleted_at = <now> where id = ...
  await em.flush();

  return {
    mine: mine.map((d) => d.title), // ['Draft', 'Plan']
    deletedAt: draft.deletedAt, // the time written
    live: await em.count(Document), // 1
    withDeleted: await em.count(Document, {}, { withDeleted: true }), // 2
    everyTenant: await em.count(Document, {}, { filters: { tenant: false } }), // 2: Plan and Theirs
    nothingFiltered: await em.count(Document, {}, { filters: false }), // 3
  };
}
