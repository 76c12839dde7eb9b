import { Audited, Column, Entity, Orm, PrimaryKey, type AuditRecord } from 'tessera-orm';

@Entity({ table: 'users' })
@Audited({ exclude: ['passwordHash'] })
class User {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  @Column() passwordHash!: string;
}

export async function main(): Promise<AuditRecord<User>[]> {
  const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [User] });
  await orm.schema.create(); // creates `users` and the audit table, `tessera_audit`

  let id = 0;
  await orm.requestContext({ actor: 'admin:1' }, async () => {
    const ada = orm.em.create(User, { email: 'ada@example.com', passwordHash: 'h1' });
    await orm.em.flush(); // INSERT users, INSERT tessera_audit: one transaction
    id = ada.id;
    ada.email = 'ada@lovelace.dev';
    ada.passwordHash = 'h2';
    await orm.em.flush();
  });
  const job = orm.em.fork({ actor: 'job:cleanup' });
  job.remove(await job.findOneOrFail(User, id));
  await job.flush();

  const history = await orm.audit.history(User, id);
  for (const { operation, changes, actor, at } of history) console.log(operation, changes, actor, at.toISOString());
  // insert { email: [ null, 'ada@example.com' ] } admin:1 2026-…
  // update { email: [ 'ada@example.com', 'ada@lovelace.dev' ] } admin:1 2026-…
  // delete { email: [ 'ada@lovelace.dev', null ] } job:cleanup 2026-…
  await orm.close();
  return history;
}
