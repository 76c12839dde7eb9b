import { Column, DriverError, Entity, PrimaryKey } from '../../src';
import { describeEachDialect, withOrm, type Fixture } from '../support/dialect-fixture';

@Entity({ table: 'sc_note' })
class Note {
  @PrimaryKey() id!: number;
  @Column({ length: 50 }) body!: string;
}

/** The same table after a deploy's migration: `body` became text, so its result type changed. */
@Entity({ table: 'sc_note' })
class NoteAsText {
  @PrimaryKey() id!: number;
  @Column({ type: 'text' }) body!: string;
}

/** Another process (a deploy) migrates the table while this Orm's pool keeps its prepared statements. */
async function migrateElsewhere(fx: Fixture): Promise<void> {
  await withOrm(fx, [NoteAsText], async (other) => {
    expect((await other.schema.update()).map((op) => op.kind)).toEqual(['alterColumn']);
  });
}

/** The same find on every pooled connection at once, so each has it prepared. */
function findOnEveryConnection(fx: Fixture): Promise<string[][]> {
  return Promise.all([1, 2, 3, 4].map(async () => (await fx.orm.em.fork().find(Note, {}, { orderBy: { id: 'asc' } })).map((n) => n.body)));
}

describeEachDialect([Note], (fx) => {
  test('statements prepared before another process changed a column type keep working after it', async () => {
    const em = fx.orm.em.fork();
    em.create(Note, { body: 'first' });
    em.create(Note, { body: 'second' });
    await em.flush();
    expect(await findOnEveryConnection(fx)).toEqual(Array(4).fill(['first', 'second']));

    await migrateElsewhere(fx);

    expect(await findOnEveryConnection(fx)).toEqual(Array(4).fill(['first', 'second']));
  });
});

describeEachDialect(
  [Note],
  (fx) => {
    test('inside a transaction the stale plan fails the transaction (it is aborted already); the next statement runs', async () => {
      const em = fx.orm.em.fork();
      em.create(Note, { body: 'first' });
      await em.flush();
      await fx.orm.em.fork().find(Note, {});

      await migrateElsewhere(fx);

      const failure = fx.orm.em.fork().transactional((tx) => tx.find(Note, {}));
      await expect(failure).rejects.toBeInstanceOf(DriverError);
      await expect(failure).rejects.toMatchObject({ code: '0A000' });
      expect((await fx.orm.em.fork().find(Note, {})).map((n) => n.body)).toEqual(['first']);
    });
  },
  { dialects: ['postgres'], pool: { min: 0, max: 1 } },
);
