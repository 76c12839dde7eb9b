import { IsEmail, Length } from 'class-validator';
import { AfterLoad, BeforeCreate, BeforeUpdate, Column, Entity, Orm, PrimaryKey, ValidationError, type HookArgs } from '../src';

@Entity({ table: 'lc_users' })
export class User {
  @PrimaryKey() id!: number;
  @Column() @IsEmail() email!: string;
  @Column() @Length(2, 50) name!: string;
  @Column({ type: 'timestamp' }) updatedAt = new Date();
  /** Not a column: derived when the row is loaded. */
  initials?: string;

  @BeforeCreate() @BeforeUpdate() normalize({ changed }: HookArgs<User>) {
    this.email = this.email.toLowerCase();
    if (changed.length > 0) this.updatedAt = new Date();
  }

  @AfterLoad() derive() {
    this.initials = this.name.split(' ').map((word) => word[0]).join('');
  }
}

@Entity({ table: 'lc_audit' })
export class AuditEntry {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

/** Creates a user, fails to create an invalid one, changes the first, loads it again; returns what happened. */
export async function lifecycleExample(orm: Orm): Promise<string[]> {
  const out: string[] = [];
  const off = orm.subscribe({
    // Written by the same flush, in the same transaction.
    onFlush({ session, changeSets }) {
      for (const cs of changeSets) if (cs.type === 'update' && cs.entity instanceof User) session.create(AuditEntry, { text: `user ${cs.key} changed` });
    },
    afterCommit({ tables }) {
      out.push(`committed: ${tables.map((t) => t.table).join(', ')}`);
    },
  });
  try {
    const em = orm.em.fork();
    const ada = em.create(User, { email: 'Ada@Example.COM', name: 'Ada Lovelace' });
    await em.flush();
    out.push(`created ${ada.email}`);

    const bob = em.create(User, { email: 'bob@example.com', name: 'B' });
    await em.flush().catch((error: unknown) => {
      if (!(error instanceof ValidationError)) throw error;
      out.push(...error.failures.map((f) => `refused ${f.entity}.${f.property}: ${f.constraint}`));
    });
    em.remove(bob); // still new: forgotten

    ada.name = 'Ada King';
    await em.flush();
    const again = await orm.em.fork().findOneOrFail(User, ada.id);
    out.push(`loaded ${again.initials}`);
  } finally {
    off();
  }
  return out;
}

// `node -r ./scripts/register.js demo/lifecycle.ts` runs it on an in-memory SQLite database.
if (require.main === module) {
  void (async () => {
    const orm = await Orm.init({ entities: [User, AuditEntry] });
    await orm.schema.create();
    console.log((await lifecycleExample(orm)).join('\n'));
    await orm.close();
  })();
}
