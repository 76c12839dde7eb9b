import { Orm, UsageError } from '../../src';
import { Author } from '../support/entities';
import { thrownBy } from '../support/thrown-error';

// The check runs before any SQL and is the same for every dialect: an in-memory SQLite Orm is enough.
describe('orm.on', () => {
  let orm: Orm;
  beforeAll(async () => {
    orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author] });
    await orm.schema.create();
  });
  afterAll(() => orm.close());

  test('an unknown event is refused with the known ones named, and its listener never hears a statement', async () => {
    const heard: unknown[] = [];
    const error = thrownBy(UsageError, () => orm.on('slow-queries' as 'query', (q) => heard.push(q)));
    expect(error.message).toBe("orm.on() has no event 'slow-queries'. The events are: 'query', 'migration', 'slow-query', 'n-plus-one'.");

    const em = orm.em.fork();
    em.create(Author, { name: 'Ada', email: 'ada@example.com' });
    await em.flush();
    expect(heard).toEqual([]);
  });

  test("'query' and 'migration' still subscribe", async () => {
    const sent: string[] = [];
    const off = orm.on('query', (q) => sent.push(q.sql));
    orm.on('migration', () => undefined)();
    await orm.em.fork().find(Author, {});
    off();
    expect(sent).toEqual([expect.stringMatching(/^select /)]);
  });
});
