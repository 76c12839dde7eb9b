import {
  Column,
  ConnectionError,
  Entity,
  MetadataError,
  NotFoundError,
  NotNullConstraintViolationError,
  Orm,
  PrimaryKey,
  QueryError,
  UniqueConstraintViolationError,
  UsageError,
  ValidationError,
  type FilterQuery,
} from '../../src';
import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';
import { testUrl } from '../support/test-databases';
import { killOrmConnections } from '../support/session-killer';

describeEachDialect([Author], (fx) => {
  test('a unique violation keeps the driver code and the SQL, and never the value', async () => {
    const em = fx.orm.em.fork();
    em.create(Author, { name: 'A', email: 'secret-value@x.io' });
    em.create(Author, { name: 'B', email: 'secret-value@x.io' });
    const error = (await em.flush().catch((e: unknown) => e)) as UniqueConstraintViolationError;
    expect(error).toBeInstanceOf(UniqueConstraintViolationError);
    expect(error.code).toEqual(
      { sqlite: 'SQLITE_CONSTRAINT_UNIQUE', postgres: '23505', mariadb: 'ER_DUP_ENTRY' }[fx.dialect],
    );
    expect(error.sql).toMatch(/^insert into/);
    expect(error.message).not.toContain('secret-value');
    expect(await fx.raw.count('authors')).toBe(0);
  });

  test('a NULL in a NOT NULL column is a NotNullConstraintViolationError', async () => {
    const em = fx.orm.em.fork();
    em.create(Author, { name: null as unknown as string, email: 'n@x.io' });
    await expect(em.flush()).rejects.toBeInstanceOf(NotNullConstraintViolationError);
  });

  test('a column left undefined without a default is a NotNullConstraintViolationError', async () => {
    const em = fx.orm.em.fork();
    em.create(Author, { email: 'n@x.io' });
    await expect(em.flush()).rejects.toBeInstanceOf(NotNullConstraintViolationError);
  });

  test('an unknown property in a filter, orderBy or fields throws before any SQL is sent', async () => {
    const em = fx.orm.em.fork();
    const unknownFilter = { nme: 'Ada' } as unknown as FilterQuery<Author>;
    await expect(em.find(Author, unknownFilter)).rejects.toThrow(new QueryError("Author has no property 'nme' (in filter)."));
    await expect(em.find(Author, {}, { orderBy: { nope: 'asc' } as never })).rejects.toThrow(/no property 'nope' \(in orderBy\)/);
    await expect(em.find(Author, {}, { fields: ['nope' as never] })).rejects.toThrow(/no property 'nope' \(in fields\)/);
    await expect(em.find(Author, { name: { $regex: 'x' } as never })).rejects.toThrow(/Unknown operator '\$regex'/);
    await expect(em.count(Author, { $or: [{ bogus: 1 } as never] })).rejects.toBeInstanceOf(QueryError);
    expect(() => em.create(Author, { nickname: 'x' } as never)).toThrow(/no property 'nickname' \(in data\)/);
    expect(fx.queries).toHaveLength(0);
  });

  test('findOneOrFail throws NotFoundError naming the entity', async () => {
    const em = fx.orm.em.fork();
    await expect(em.findOneOrFail(Author, 12345)).rejects.toThrow(new NotFoundError('Author not found (primary key 12345).', 'Author'));
  });

  test('persisting something that is not an entity, or removing one the EntityManager does not manage, is a ValidationError', () => {
    const em = fx.orm.em.fork();
    expect(() => em.persist({ name: 'plain object' })).toThrow(ValidationError);
    expect(() => em.remove(new Author())).toThrow(
      new ValidationError('Cannot remove this Author: this EntityManager does not manage it. Load or persist it here first.'),
    );
    expect(fx.queries).toHaveLength(0);
  });

  test('the global EntityManager refuses work outside a request context', async () => {
    await expect(fx.orm.em.find(Author, {})).rejects.toBeInstanceOf(UsageError);
    expect(() => fx.orm.em.create(Author, { name: 'x', email: 'y' })).toThrow(/outside a request context/);
    expect(fx.queries).toHaveLength(0);
  });

  test('a metadata mistake is a MetadataError at Orm.init naming class and property, before connecting', async () => {
    class NotDecorated {
      id!: number;
    }
    @Entity()
    class Broken {
      @PrimaryKey() id!: number;
      @Column() tags!: string[];
    }
    const url = fx.url;
    await expect(Orm.init({ dialect: fx.dialect, url, entities: [NotDecorated] })).rejects.toThrow(
      new MetadataError('NotDecorated is not an entity: decorate the class with @Entity().'),
    );
    const error = (await Orm.init({ dialect: fx.dialect, url, entities: [Broken] }).catch((e: unknown) => e)) as MetadataError;
    expect(error).toBeInstanceOf(MetadataError);
    expect(error.entity).toBe('Broken');
    expect(error.property).toBe('tags');
    expect(error.message).toContain('Broken.tags');
  });
});

describeEachDialect(
  [Author],
  (fx) => {
    test('an unreachable server is a ConnectionError whose message carries no credentials', async () => {
      const url = new URL(testUrl(fx.dialect));
      url.password = 's3cr3t-password';
      url.port = '1';
      const error = (await Orm.init({ dialect: fx.dialect, url: url.toString(), entities: [Author] }).catch((e: unknown) => e)) as Error;
      expect(error).toBeInstanceOf(ConnectionError);
      expect(error.message).not.toContain('s3cr3t-password');
    });

    test('an idle connection killed by the server is replaced without the user noticing', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'A', email: 'a@x.io' });
      await em.flush();
      await killOrmConnections(fx.dialect, [fx.raw.sessionId!]);
      expect(await fx.orm.em.fork().count(Author)).toBe(1);
    });

    test('a connection lost inside a transaction is a ConnectionError, nothing is written, the pool recovers', async () => {
      const em = fx.orm.em.fork();
      const failure = await em
        .transactional(async (tx) => {
          tx.create(Author, { name: 'Lost', email: 'lost@x.io' });
          await tx.flush();
          await killOrmConnections(fx.dialect, [fx.raw.sessionId!], true);
          await tx.find(Author, {});
        })
        .catch((e: unknown) => e);
      expect(failure).toBeInstanceOf(ConnectionError);
      expect(await fx.raw.count('authors')).toBe(0);
      expect(await fx.orm.em.fork().count(Author)).toBe(0);
    });
  },
  { dialects: ['postgres', 'mariadb'], pool: { min: 0, max: 1 } },
);

describeEachDialect(
  [Author],
  (fx) => {
    test('a SQLite file that cannot be opened is a ConnectionError; a closed Orm refuses work', async () => {
      await expect(Orm.init({ dialect: 'sqlite', url: '/nonexistent-dir/x/y.sqlite', entities: [Author] })).rejects.toBeInstanceOf(ConnectionError);
      const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author] });
      await orm.close();
      // Refused before the driver is asked (orm.close() starts no new work): a UsageError, not a lost connection.
      await expect(orm.em.fork().find(Author, {})).rejects.toThrow(UsageError);
      await expect(orm.em.fork().find(Author, {})).rejects.toThrow(/orm\.close\(\) was called/);
    });
  },
  { dialects: ['sqlite'] },
);
