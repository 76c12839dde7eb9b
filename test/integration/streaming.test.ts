import { BatchStream, ConnectionError, DriverError, LockWaitTimeoutError, Orm, QueryError, UsageError } from '../../src';
import { Author, Book, RELATION_ENTITIES } from '../support/relation-entities';
import { describeEachDialect } from '../support/dialect-fixture';
import { killOrmConnections } from '../support/session-killer';

const AUTHORS = 1234;
const name = (i: number) => `A${String(i).padStart(4, '0')}`;

/** Every item of a stream, and the sizes of the batches it came in. */
async function drain<T>(stream: BatchStream<T>): Promise<{ items: T[]; sizes: number[] }> {
  const items: T[] = [];
  const sizes: number[] = [];
  for await (const batch of stream.batches()) {
    sizes.push(batch.length);
    items.push(...batch);
  }
  return { items, sizes };
}

describeEachDialect(RELATION_ENTITIES, (fx) => {
  /** A second Orm on the same database with a single connection: a stream that kept it would starve the next one. */
  let small: Orm;
  beforeAll(async () => {
    small = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: RELATION_ENTITIES, pool: { min: 0, max: 1, acquireTimeoutMillis: 500 } });
  });
  afterAll(() => small?.close());

  let ids: number[];
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    const authors = Array.from({ length: AUTHORS }, (_, i) => em.create(Author, { name: name(i) }));
    em.create(Book, { title: 'B1', author: authors[0] });
    em.create(Book, { title: 'B2', author: authors[0] });
    em.create(Book, { title: 'B3', author: authors[1] });
    await em.flush();
    ids = authors.map((a) => a.id);
    fx.queries.length = 0;
  });

  test('em.stream yields every matching entity in orderBy order, with one statement', async () => {
    const { items } = await drain(fx.orm.em.fork().stream(Author, { name: { $ne: name(7) } }, { orderBy: { name: 'desc' }, batchSize: 100 }));
    expect(items).toHaveLength(AUTHORS - 1);
    expect(items.every((a) => a instanceof Author)).toBe(true);
    const expected = Array.from({ length: AUTHORS }, (_, i) => name(i)).filter((n) => n !== name(7)).reverse();
    expect(items.map((a) => a.name)).toEqual(expected);
    expect(items[0].id).toBe(ids[AUTHORS - 1]);
    expect(fx.queries).toHaveLength(1);
    expect(fx.queries[0].sql.toLowerCase()).toMatch(/^select .* order by .* desc$/);
  });

  test('batches hold batchSize rows, the last one the rest; an empty result has no batch', async () => {
    const em = fx.orm.em.fork();
    const sizes = async (batchSize: number) => (await drain(em.stream(Author, {}, { orderBy: { id: 'asc' }, batchSize }))).sizes;
    expect(await sizes(500)).toEqual([500, 500, 234]);
    expect(await sizes(617)).toEqual([617, 617]);
    expect(await sizes(5000)).toEqual([1234]);
    expect((await drain(em.stream(Author, { name: 'nobody' }))).sizes).toEqual([]);
    // Without batchSize: 500.
    expect((await drain(em.qb(Author).orderBy({ id: 'asc' }).stream())).sizes).toEqual([500, 500, 234]);
  });

  test('a builder streams entities in its order, or the plain rows of its select', async () => {
    const em = fx.orm.em.fork();
    const entities: Author[] = [];
    for await (const a of em.qb(Author, 'a').where({ 'a.name': { $lt: name(10) } }).orderBy({ 'a.id': 'desc' }).stream({ batchSize: 3 })) entities.push(a);
    expect(entities.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => name(9 - i)));
    expect(entities[0]).toBeInstanceOf(Author);

    const rows: { id: number; name: string }[] = [];
    for await (const row of em.qb(Author, 'a').select(['a.id', 'a.name']).where({ 'a.id': { $in: ids.slice(0, 4) } }).orderBy({ 'a.id': 'asc' }).stream({ batchSize: 2 })) {
      rows.push(row);
    }
    expect(rows).toEqual(ids.slice(0, 4).map((id, i) => ({ id, name: name(i) })));
  });

  test('streamed entities stay out of the identity map: managed ones keep their changes, a flush ignores streamed ones', async () => {
    const em = fx.orm.em.fork();
    const managed = (await em.findOne(Author, ids[0]))!;
    managed.name = 'changed, not flushed';
    const streamed: Author[] = [];
    for await (const a of em.stream(Author, { id: { $in: ids.slice(0, 3) } }, { orderBy: { id: 'asc' } })) streamed.push(a);
    expect(streamed[0]).not.toBe(managed);
    expect(streamed[0].name).toBe(name(0));
    expect(managed.name).toBe('changed, not flushed');

    // Not added either: loading a streamed row by key goes to the database.
    fx.queries.length = 0;
    const loaded = await em.findOne(Author, ids[1]);
    expect(loaded).not.toBe(streamed[1]);
    expect(fx.sent('select')).toHaveLength(1);

    streamed[2].name = 'lost';
    fx.queries.length = 0;
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    expect((await fx.raw.rows('author')).find((row) => Number(row.id) === ids[2])?.name).toBe(name(2));
  });

  test('a streamed entity holds its to-one target as a key stub; its collections cannot be loaded', async () => {
    const books = (await drain(fx.orm.em.fork().stream(Book, {}, { orderBy: { title: 'asc' } }))).items;
    expect(books.map((b) => b.author.id)).toEqual([ids[0], ids[0], ids[1]]);
    // Within a batch, one key is one stub.
    expect(books[0].author).toBe(books[1].author);
    await expect(books[0].tags.init()).rejects.toBeInstanceOf(UsageError);
  });

  test('break, a throw in the loop body and exhaustion each release the connection', async () => {
    const em = small.em.fork();
    for (let round = 0; round < 3; round++) {
      let seen = 0;
      for await (const a of em.stream(Author, {}, { orderBy: { id: 'asc' }, batchSize: 100 })) {
        expect(a.name).toBe(name(seen));
        if (++seen === 150) break;
      }
      expect(seen).toBe(150);

      const failure = new Error('the loop body failed');
      await expect(
        (async () => {
          for await (const _ of em.qb(Author).stream({ batchSize: 10 })) throw failure;
        })(),
      ).rejects.toBe(failure);

      expect((await drain(em.qb(Author).select('name').stream({ batchSize: 1000 }))).items).toHaveLength(AUTHORS);
    }
    // The single connection is free, and clean: an ordinary query runs on it.
    expect(await em.count(Author)).toBe(AUTHORS);
  });

  test('a stream holds its connection until the loop ends: with none left, a query in the loop body times out', async () => {
    const em = small.em.fork();
    let inside: unknown;
    for await (const _ of em.stream(Author, {}, { batchSize: 10 })) {
      inside = await em.count(Author).catch((error: unknown) => error);
      break;
    }
    expect(inside).toBeInstanceOf(ConnectionError);
    expect(await em.count(Author)).toBe(AUTHORS);
  });

  test('inside transactional the stream reads on the transaction, which runs nothing else until the loop ends', async () => {
    await fx.orm.em.fork().transactional(async (tx) => {
      tx.create(Author, { name: 'uncommitted' });
      await tx.flush();
      const names: string[] = [];
      for await (const a of tx.stream(Author, { name: { $in: ['uncommitted', name(3)] } }, { orderBy: { name: 'desc' } })) names.push(a.name);
      expect(names).toEqual(['uncommitted', name(3)]);

      let inside: unknown;
      for await (const _ of tx.stream(Author, {}, { batchSize: 10 })) {
        inside = await tx.count(Author).catch((error: unknown) => error);
        break;
      }
      expect(inside).toBeInstanceOf(UsageError);
      // The early exit left the transaction usable.
      expect(await tx.count(Author)).toBe(AUTHORS + 1);
    });
    expect(await fx.raw.count('author')).toBe(AUTHORS + 1);
  });

  test('a failing stream is a typed driver error carrying its SQL, and gives its connection back', async () => {
    await fx.raw.exec('drop table book_tags');
    await fx.raw.exec('drop table book');
    const stream = small.em.fork().stream(Book, {});
    const error = await drain(stream).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DriverError);
    expect((error as DriverError).code).toBeDefined();
    expect((error as DriverError).sql?.toLowerCase()).toMatch(/^select .* from "?`?book/);
    expect(await small.em.fork().count(Author)).toBe(AUTHORS);
  });

  test('options are checked before any SQL is sent', () => {
    const em = fx.orm.em.fork();
    expect(() => em.stream(Author, {}, { batchSize: 0 })).toThrow(QueryError);
    expect(() => em.qb(Author).stream({ batchSize: 2.5 })).toThrow(QueryError);
    expect(() => em.stream(Author, {}, { orderBy: { nope: 'asc' } as never })).toThrow(QueryError);
    expect(() => em.stream(Author, {}, { lockMode: 'pessimistic_write' })).toThrow(UsageError);
    expect(fx.queries).toHaveLength(0);
  });
});

describeEachDialect(
  RELATION_ENTITIES,
  (fx) => {
    test('a row lock met halfway through a locking stream is a LockWaitTimeoutError', async () => {
      const em = fx.orm.em.fork();
      const authors = Array.from({ length: 300 }, (_, i) => em.create(Author, { name: name(i) }));
      await em.flush();
      let release!: () => void;
      let locked!: () => void;
      const isLocked = new Promise<void>((resolve) => (locked = resolve));
      const holder = fx.orm.em.fork().transactional(async (tx) => {
        await tx.find(Author, { id: authors[250].id }, { lockMode: 'pessimistic_write' });
        locked();
        await new Promise<void>((resolve) => (release = resolve));
      });
      await isLocked;
      let received = 0;
      try {
        const error = await fx.orm.em
          .fork()
          .transactional(async (tx) => {
            const locking = tx.stream(Author, {}, { orderBy: { id: 'asc' }, batchSize: 50, lockMode: 'pessimistic_write', lockWait: 'nowait' });
            for await (const _ of locking) received++;
          })
          .catch((e: unknown) => e);
        expect(error).toBeInstanceOf(LockWaitTimeoutError);
        // The rows before the locked one arrived first: the error came mid-stream, and was still mapped.
        expect(received).toBe(250);
      } finally {
        release();
        await holder;
      }
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);

// mysql2 reads ahead whatever the socket holds, so a killed MariaDB session is noticed only past the rows already
// received; a PostgreSQL cursor asks the server for every batch, which makes the moment of the loss testable.
describeEachDialect(
  RELATION_ENTITIES,
  (fx) => {
    test('a connection lost halfway through a stream is a ConnectionError, and the pool replaces it', async () => {
      const em = fx.orm.em.fork();
      for (let i = 0; i < 300; i++) em.create(Author, { name: name(i) });
      await em.flush();
      let received = 0;
      const error = await (async () => {
        for await (const _ of fx.orm.em.fork().stream(Author, {}, { orderBy: { id: 'asc' }, batchSize: 100 })) {
          if (++received < 100) continue;
          await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
        }
      })().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConnectionError);
      expect(received).toBe(100);
      expect(await fx.orm.em.fork().count(Author)).toBe(300);
    });
  },
  { dialects: ['postgres'] },
);
