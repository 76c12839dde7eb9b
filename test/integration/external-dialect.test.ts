import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Collection, Column, Entity, ManyToOne, NotNullConstraintViolationError, OneToMany, Orm, PrimaryKey, UsageError, type QueryEvent } from 'tessera-orm';
import { externalDialect } from '../support/external-dialect/external-dialect';

@Entity({ table: 'ext_writers' })
class Writer {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'int', nullable: true }) age: number | null = null;
  @OneToMany(() => Story, (s) => s.writer) stories = new Collection<Story>(this);
}

@Entity({ table: 'ext_stories' })
class Story {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Writer) writer!: Writer;
}

/** The core's flush and load paths on a dialect defined outside src/, against only the public entries. */
describe('a dialect written outside src/ against tessera-orm/dialect', () => {
  const file = join(tmpdir(), `tessera-external-${process.pid}-${process.env.JEST_WORKER_ID ?? 1}.sqlite`);
  let orm: Orm;
  const queries: QueryEvent[] = [];
  const sent = (verb: string) => queries.filter((q) => q.sql.startsWith(verb));
  const rows = (sql: string) => {
    const db = new Database(file, { readonly: true });
    try {
      return db.prepare(sql).all();
    } finally {
      db.close();
    }
  };

  beforeAll(async () => {
    orm = await Orm.init({ dialect: externalDialect, url: file, entities: [Writer, Story] });
    orm.on('query', (q) => queries.push(q));
  });
  beforeEach(async () => {
    await orm.schema.drop();
    await orm.schema.create();
    queries.length = 0;
  });
  afterAll(async () => {
    await orm?.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  });

  test('a flush inserts each table in one statement, through its compiler, and the ids come back', async () => {
    const em = orm.em.fork();
    const ada = em.create(Writer, { name: 'Ada', age: 36 });
    em.create(Writer, { name: 'Bo' });
    em.create(Story, { title: 'Engines', writer: ada });
    await em.flush();
    expect(sent('insert').map((q) => q.sql)).toEqual([
      'insert into `ext_writers` (`name`, `age`) values (?, ?), (?, ?) returning `id`',
      'insert into `ext_stories` (`title`, `writer_id`) values (?, ?) returning `id`',
    ]);
    expect(queries.every((q) => q.dialect === 'external-sqlite')).toBe(true);
    expect(ada.id).toBe(1);
    expect(rows('select id, name, age from ext_writers order by id')).toEqual([
      { id: 1, name: 'Ada', age: 36 },
      { id: 2, name: 'Bo', age: null },
    ]);
  });

  test('find, findOne and the identity map: a row loaded twice is one object', async () => {
    const seed = orm.em.fork();
    seed.create(Writer, { name: 'Ada', age: 36 });
    seed.create(Writer, { name: 'Bo', age: 12 });
    await seed.flush();

    const em = orm.em.fork();
    const adults = await em.find(Writer, { age: { $gte: 18 } });
    expect(adults.map((w) => w.name)).toEqual(['Ada']);
    const again = await em.findOne(Writer, { name: 'Ada' });
    expect(again).toBe(adults[0]);
    expect(sent('select').at(-1)?.sql).toContain('from `ext_writers`');
  });

  test('an update writes the changed columns only; a remove deletes the row', async () => {
    const seed = orm.em.fork();
    seed.create(Writer, { name: 'Ada', age: 36 });
    seed.create(Writer, { name: 'Bo', age: 12 });
    await seed.flush();

    const em = orm.em.fork();
    const [ada, bo] = await em.find(Writer, {}, { orderBy: { id: 'asc' } });
    ada.age = 37;
    em.remove(bo);
    queries.length = 0;
    await em.flush();
    expect(sent('update').map((q) => q.sql)).toEqual(['update `ext_writers` set `age` = ? where `id` = ?']);
    expect(sent('delete').map((q) => q.sql)).toEqual(['delete from `ext_writers` where `id` = ?']);
    expect(rows('select name, age from ext_writers')).toEqual([{ name: 'Ada', age: 37 }]);
  });

  test('a relation populates in one query per level', async () => {
    const seed = orm.em.fork();
    const ada = seed.create(Writer, { name: 'Ada' });
    seed.create(Story, { title: 'Engines', writer: ada });
    seed.create(Story, { title: 'Notes', writer: ada });
    await seed.flush();

    queries.length = 0;
    const [writer] = await orm.em.fork().find(Writer, {}, { populate: ['stories'] });
    expect(writer.stories.getItems().map((s) => s.title).sort()).toEqual(['Engines', 'Notes']);
    expect(sent('select')).toHaveLength(2);
  });

  test('a transaction commits its work, and a failed one leaves nothing', async () => {
    await orm.em.fork().transactional(async (tx) => {
      tx.create(Writer, { name: 'Ada' });
    });
    await expect(
      orm.em.fork().transactional(async (tx) => {
        tx.create(Writer, { name: 'Bo' });
        await tx.flush();
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    expect(rows('select name from ext_writers')).toEqual([{ name: 'Ada' }]);
    expect(sent('begin').length).toBeGreaterThanOrEqual(2);
  });

  test('without savepoints, a flush that fails inside a transaction dooms it, even when its error is caught', async () => {
    const doomed = orm.em.fork().transactional(async (tx) => {
      tx.create(Writer, { name: 'Ada' });
      await tx.flush();
      // NOT NULL refuses it; nothing can undo this flush alone, so the whole transaction must roll back.
      const bad = tx.create(Writer, { name: null as never });
      await tx.flush().catch(() => undefined);
      tx.remove(bad);
    });
    await expect(doomed).rejects.toBeInstanceOf(NotNullConstraintViolationError);
    expect(sent('savepoint')).toEqual([]);
    expect(sent('rollback')).toHaveLength(1);
    expect(sent('commit')).toEqual([]);
    expect(rows('select name from ext_writers')).toEqual([]);
  });

  test('a nested transaction is a UsageError naming the dialect, since its driver has no savepoints', async () => {
    const nested = orm.em.fork().transactional(async (tx) => {
      tx.create(Writer, { name: 'Ada' });
      await tx.transactional(async () => undefined);
    });
    await expect(nested).rejects.toThrow(UsageError);
    await expect(nested).rejects.toThrow("The 'external-sqlite' dialect has no savepoints, which a nested transaction needs.");
    expect(sent('savepoint')).toEqual([]);
    expect(rows('select name from ext_writers')).toEqual([]);
  });
});
