import { UniqueConstraintViolationError, ValidationError } from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect(
  [Author],
  (fx) => {
    test('a unique violation in the 3rd of 5 batches writes nothing and keeps entities pending', async () => {
      const setup = fx.orm.em.fork();
      setup.create(Author, { name: 'Taken', email: 'taken@x.io' });
      await setup.flush();
      fx.queries.length = 0;

      const em = fx.orm.em.fork();
      const authors = Array.from({ length: 10 }, (_, i) =>
        em.create(Author, { name: `A${i}`, email: i === 5 ? 'taken@x.io' : `a${i}@x.io` }),
      );
      const failure = await em.flush().catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(UniqueConstraintViolationError);
      expect(fx.sent('insert')).toHaveLength(3);
      expect(fx.sent('rollback')).toHaveLength(1);
      expect(await fx.raw.count('authors')).toBe(1);
      for (const a of authors) {
        expect(a.id).toBeUndefined();
        expect(a.version).toBeUndefined();
      }

      authors[5].email = 'fixed@x.io';
      fx.queries.length = 0;
      await em.flush();
      expect(fx.sent('insert')).toHaveLength(5);
      expect(await fx.raw.count('authors')).toBe(11);
      expect(authors.every((a) => typeof a.id === 'number' && a.version === 1)).toBe(true);
    });

    test('a failing update rolls back the inserts of the same flush', async () => {
      const setup = fx.orm.em.fork();
      setup.create(Author, { name: 'One', email: 'one@x.io' });
      setup.create(Author, { name: 'Two', email: 'two@x.io' });
      await setup.flush();
      const em = fx.orm.em.fork();
      const [one] = await em.find(Author, { name: 'One' });
      em.create(Author, { name: 'New', email: 'new@x.io' });
      one.email = 'two@x.io';
      await expect(em.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationError);
      expect((await fx.raw.rows('authors')).map((r) => r.name)).toEqual(['One', 'Two']);
    });

    test('transactional commits the work and flushes before commit', async () => {
      const em = fx.orm.em.fork();
      const result = await em.transactional(async (tx) => {
        tx.create(Author, { name: 'In tx', email: 'tx@x.io' });
        return 42;
      });
      expect(result).toBe(42);
      expect(await fx.raw.count('authors')).toBe(1);
      // The committed entity is managed by the outer EntityManager afterwards.
      const before = fx.queries.length;
      const [found] = await em.find(Author, {});
      expect(await em.findOne(Author, found.id)).toBe(found);
      expect(fx.queries.length).toBe(before + 1);
    });

    test('an error in transactional rolls everything back and leaves the EntityManager as it was', async () => {
      const em = fx.orm.em.fork();
      const failure = await em
        .transactional(async (tx) => {
          tx.create(Author, { name: 'Flushed', email: 'f@x.io' });
          await tx.flush();
          throw new Error('boom');
        })
        .catch((e: Error) => e);
      expect((failure as Error).message).toBe('boom');
      expect(await fx.raw.count('authors')).toBe(0);
      fx.queries.length = 0;
      await em.flush();
      expect(fx.queries).toHaveLength(0);
    });

    test('nested transactional uses a savepoint: a caught inner failure rolls back only the inner part', async () => {
      const em = fx.orm.em.fork();
      await em.transactional(async (outer) => {
        outer.create(Author, { name: 'Outer', email: 'outer@x.io' });
        await outer.flush();
        await outer
          .transactional(async (inner) => {
            inner.create(Author, { name: 'Inner', email: 'inner@x.io' });
            await inner.flush();
            inner.create(Author, { name: 'Duplicate', email: 'outer@x.io' });
          })
          .catch((e: unknown) => expect(e).toBeInstanceOf(UniqueConstraintViolationError));
        outer.create(Author, { name: 'After', email: 'after@x.io' });
      });
      expect(fx.sent('savepoint').length).toBeGreaterThan(0);
      expect((await fx.raw.rows('authors')).map((r) => r.name)).toEqual(['Outer', 'After']);
    });

    test('isolationLevel reaches the database', async () => {
      const em = fx.orm.em.fork();
      await em.transactional(async (tx) => void tx.create(Author, { name: 'S', email: 's@x.io' }), {
        isolationLevel: 'serializable',
      });
      const opened = fx.queries[0].sql.toLowerCase();
      if (fx.dialect === 'sqlite') expect(opened).toBe('begin immediate');
      else expect(opened).toContain('isolation level serializable');
      expect(await fx.raw.count('authors')).toBe(1);
    });

    test('an unknown isolation level is refused before anything is sent', async () => {
      const em = fx.orm.em.fork();
      const level = 'serializable; drop table authors' as 'serializable';
      await expect(em.transactional(async () => undefined, { isolationLevel: level })).rejects.toBeInstanceOf(ValidationError);
      expect(fx.queries.filter((q) => q.sql.includes('drop'))).toHaveLength(0);
      expect(await fx.raw.count('authors')).toBe(0);
    });
  },
  { batchSize: 2 },
);
