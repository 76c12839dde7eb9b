import { Author } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    const people: [string, number | null][] = [
      ['Ada', 36],
      ['Alan', 41],
      ['Bob', 17],
      ['Carol', null],
      ['dave', 25],
    ];
    for (const [name, age] of people) em.create(Author, { name, email: `${name.toLowerCase()}@x.io`, age });
    await em.flush();
    fx.queries.length = 0;
  });

  const names = async (where: object, options: object = {}) =>
    (await fx.orm.em.fork().find(Author, where as never, { orderBy: { name: 'asc' }, ...options })).map((a) => a.name);

  test('comparison operators', async () => {
    expect(await names({ age: { $gte: 36 } })).toEqual(['Ada', 'Alan']);
    expect(await names({ age: { $gt: 36 } })).toEqual(['Alan']);
    expect(await names({ age: { $lt: 25 } })).toEqual(['Bob']);
    expect(await names({ age: { $lte: 25 } })).toEqual(['Bob', 'dave']);
    expect(await names({ age: { $eq: 17 } })).toEqual(['Bob']);
    expect(await names({ age: { $ne: 17 } })).toEqual(['Ada', 'Alan', 'dave']);
    expect(await names({ age: { $gte: 20, $lte: 40 } })).toEqual(['Ada', 'dave']);
  });

  test('in, not in, and empty lists', async () => {
    expect(await names({ name: { $in: ['Ada', 'Bob', 'Zed'] } })).toEqual(['Ada', 'Bob']);
    expect(await names({ name: ['Ada', 'Bob'] })).toEqual(['Ada', 'Bob']);
    expect(await names({ age: { $nin: [36, 41] } })).toEqual(['Bob', 'dave']);
    expect(await names({ name: { $in: [] } })).toEqual([]);
    expect(await names({ name: { $nin: [] } })).toHaveLength(5);
  });

  test('null: literal, $eq/$ne null, $null', async () => {
    expect(await names({ age: null })).toEqual(['Carol']);
    expect(await names({ age: { $eq: null } })).toEqual(['Carol']);
    expect(await names({ age: { $ne: null } })).toHaveLength(4);
    expect(await names({ age: { $null: true } })).toEqual(['Carol']);
    expect(await names({ age: { $null: false } })).toHaveLength(4);
  });

  test('like and ilike', async () => {
    expect(await names({ name: { $like: 'A%' } })).toEqual(['Ada', 'Alan']);
    expect(await names({ name: { $ilike: 'DA%' } })).toEqual(['dave']);
    expect(await names({ name: { $ilike: '%A%' } })).toEqual(['Ada', 'Alan', 'Carol', 'dave']);
  });

  test('$and, $or, $not, combined with properties', async () => {
    expect(await names({ age: { $gte: 18 }, $or: [{ name: { $like: 'A%' } }, { email: 'dave@x.io' }] })).toEqual(['Ada', 'Alan', 'dave']);
    expect(await names({ $and: [{ age: { $gt: 20 } }, { age: { $lt: 40 } }] })).toEqual(['Ada', 'dave']);
    expect(await names({ $not: { name: { $like: 'A%' } } })).toEqual(['Bob', 'Carol', 'dave']);
    expect(await names({ $or: [] })).toEqual([]);
  });

  test('orderBy several columns, limit and offset, offset alone', async () => {
    const em = fx.orm.em.fork();
    const byAge = await em.find(Author, { age: { $ne: null } }, { orderBy: [{ age: 'desc' }, { name: 'asc' }] });
    expect(byAge.map((a) => a.name)).toEqual(['Alan', 'Ada', 'dave', 'Bob']);
    expect(await names({}, { limit: 2, offset: 1 })).toEqual(['Alan', 'Bob']);
    expect(await names({}, { offset: 3 })).toEqual(['Carol', 'dave']);
    expect(await names({}, { limit: 0 })).toEqual([]);
  });

  test('fields loads only the named properties and the key', async () => {
    const [ada] = await fx.orm.em.fork().find(Author, { name: 'Ada' }, { fields: ['name'] });
    expect(ada.id).toEqual(expect.any(Number));
    expect(ada.name).toBe('Ada');
    expect(ada.email).toBeUndefined();
    expect(fx.queries[0].sql).not.toContain('email');
  });

  test('count and findOne', async () => {
    const em = fx.orm.em.fork();
    expect(await em.count(Author)).toBe(5);
    expect(await em.count(Author, { age: { $gte: 18 } })).toBe(3);
    expect((await em.findOne(Author, { email: 'bob@x.io' }))?.name).toBe('Bob');
    expect(await em.findOne(Author, { email: 'nobody@x.io' })).toBeNull();
    const [sent] = fx.sent('select').slice(-2);
    expect(sent.sql.toLowerCase()).toContain('limit');
  });

  test('every value is a bound parameter', async () => {
    await names({ name: 'Ada', age: { $in: [36, 41] } }, { limit: 7, offset: 0 });
    const [q] = fx.queries;
    expect(q.params).toEqual(['Ada', 36, 41, 7, 0]);
    expect(q.sql).not.toContain('Ada');
    expect(q.sql).not.toMatch(/\b(36|41|7)\b/);
  });
});
