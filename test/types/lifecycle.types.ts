/**
 * Compile-time checks of the lifecycle API, run by `npm run typecheck`: each `@ts-expect-error` must meet an error.
 * Nothing here runs.
 */
import { AfterLoad, BeforeCreate, BeforeUpdate, Column, Entity, PrimaryKey, type EventSubscriber, type HookArgs, type Orm } from '../../src';

@Entity()
export class TypedUser {
  @PrimaryKey() id!: number;
  @Column() email!: string;
  // @ts-expect-error a hook decorates methods, not properties
  @BeforeCreate() name!: string;

  @BeforeCreate() @BeforeUpdate() normalize({ em, changed, entity }: HookArgs<TypedUser>) {
    em.persist(entity);
    const names: readonly string[] = changed;
    void names;
  }

  @AfterLoad() noArgs() {}

  // @ts-expect-error a hook gets HookArgs, not a number
  @BeforeUpdate() wrongArgs(n: number) {
    void n;
  }
}

export function subscribers(orm: Orm): void {
  orm.subscribe({
    onFlush({ session, changeSets }) {
      for (const cs of changeSets) if (cs.type === 'update') void cs.changed.map((i) => cs.meta.properties[i].name);
      session.persist([]);
    },
    afterCommit({ tables, transactionId }) {
      void tables.map((t) => t.inserted.length + transactionId);
    },
  });
  const typed: EventSubscriber = { afterRollback: ({ error }) => void error };
  orm.subscribe(typed);
  // @ts-expect-error an unknown event name
  orm.subscribe({ afterComit() {} });
}
