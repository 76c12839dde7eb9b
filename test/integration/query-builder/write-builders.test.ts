import { QueryError, type EntityManager } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author, RELATION_ENTITIES, Tag } from '../../support/relation-entities';

describeEachDialect(RELATION_ENTITIES, (fx) => {
  let em: EntityManager;
  beforeEach(() => {
    em = fx.orm.em.fork();
  });

  it('inserts many rows with one statement and reports the count', async () => {
    const written = await em.qb(Tag).insert([{ name: 'red' }, { name: 'green' }, { name: 'blue' }]).execute();
    expect(written).toBe(3);
    expect(fx.sent('insert')).toHaveLength(1);
    expect((await em.qb(Tag, 't').select('t.name').orderBy({ 't.name': 'asc' }).execute()).map((r) => r.name)).toEqual(['blue', 'green', 'red']);
  });

  it('converts values with the mapper: a to-one relation takes an entity', async () => {
    const ada = em.create(Author, { name: 'Ada' });
    await em.flush();
    await em.qb(Author).insert({ name: 'Grace', mentor: ada }).execute();
    const [row] = await em.qb(Author, 'a').select(['a.name', 'a.mentor']).where({ 'a.name': 'Grace' }).execute();
    expect(row).toEqual({ name: 'Grace', mentor: ada.id });
  });

  it('reads inserted rows back with RETURNING where the dialect has it', async () => {
    if (fx.dialect === 'mariadb') {
      expect(() => em.qb(Tag).insert({ name: 'red' }).returning(['id'])).toThrow(QueryError);
      return;
    }
    const rows = await em.qb(Tag).insert([{ name: 'red' }, { name: 'blue' }]).returning(['id', 'name']).execute();
    expect(rows.map((r) => r.name)).toEqual(['red', 'blue']);
    expect(rows.every((r) => typeof r.id === 'number')).toBe(true);
  });

  it('reads updated and deleted rows back with RETURNING where the dialect has it; MySQL/MariaDB refuse before sending', async () => {
    await em.qb(Author).insert([{ name: 'a1' }, { name: 'a2' }, { name: 'b1' }]).execute();
    if (fx.dialect === 'mariadb') {
      fx.queries.length = 0;
      expect(() => em.qb(Author).update({ name: 'x' }).returning(['id'])).toThrow(QueryError);
      expect(() => em.qb(Author).delete().returning(['id'])).toThrow(QueryError);
      expect(fx.queries).toHaveLength(0);
      return;
    }
    const updated = await em.qb(Author).update({ name: 'renamed' }).where({ name: { $like: 'a%' } }).returning(['id', 'name']).execute();
    expect(updated.map((r) => r.name)).toEqual(['renamed', 'renamed']);
    expect(updated.every((r) => typeof r.id === 'number')).toBe(true);
    const deleted = await em.qb(Author).delete().where({ name: 'renamed' }).returning(['id']).execute();
    expect(deleted.map((r) => r.id).sort()).toEqual(updated.map((r) => r.id).sort());
    expect((await em.qb(Author, 'a').select('a.name').execute()).map((r) => r.name)).toEqual(['b1']);
  });

  it('an upsert with returning reads the final row values, merged columns new and the others as stored', async () => {
    const mentor = em.create(Author, { name: 'Mentor' });
    await em.flush();
    await em.qb(Author).insert({ id: 100, name: 'Ada', mentor }).execute();
    if (fx.dialect === 'mariadb') {
      expect(() => em.qb(Author).insert({ id: 100, name: 'Ada 2', mentor: null }).onConflict(['id']).merge(['name']).returning(['id'])).toThrow(QueryError);
      return;
    }
    const rows = await em
      .qb(Author)
      .insert([{ id: 100, name: 'Ada 2', mentor: null }, { id: 101, name: 'Grace', mentor: null }])
      .onConflict(['id'])
      .merge(['name'])
      .returning(['id', 'name', 'mentor'])
      .execute();
    expect(rows).toEqual([
      { id: 100, name: 'Ada 2', mentor: mentor.id },
      { id: 101, name: 'Grace', mentor: null },
    ]);
  });

  it('upserts: merge updates the existing row, ignore skips it', async () => {
    await em.qb(Tag).insert({ id: 1, name: 'red' }).execute();
    const merged = await em.qb(Tag).insert([{ id: 1, name: 'crimson' }, { id: 2, name: 'blue' }]).onConflict(['id']).merge(['name']).execute();
    // MySQL/MariaDB count an updated duplicate as 2 rows.
    expect(merged).toBe(fx.dialect === 'mariadb' ? 3 : 2);
    await em.qb(Tag).insert([{ id: 2, name: 'navy' }, { id: 3, name: 'green' }]).onConflict(['id']).ignore().execute();
    const rows = await em.qb(Tag, 't').orderBy({ 't.id': 'asc' }).execute();
    expect(rows).toEqual([
      { id: 1, name: 'crimson' },
      { id: 2, name: 'blue' },
      { id: 3, name: 'green' },
    ]);
  });

  it('updates and deletes the matching rows and returns how many', async () => {
    await em.qb(Author).insert([{ name: 'a1' }, { name: 'a2' }, { name: 'b1' }]).execute();
    expect(await em.qb(Author).update({ name: 'renamed' }).where({ name: { $like: 'a%' } }).execute()).toBe(2);
    expect(await em.qb(Author).where({ name: 'renamed' }).count()).toBe(2);
    expect(await em.qb(Author).delete().where({ name: 'renamed' }).execute()).toBe(2);
    expect(await em.qb(Author).count()).toBe(1);
  });

  it('bypasses the unit of work: managed entities keep their values until a fresh EntityManager loads them', async () => {
    const ada = em.create(Author, { name: 'Ada' });
    await em.flush();
    await em.qb(Author).update({ name: 'Ada (bulk)' }).where({ id: ada.id }).execute();
    // The documented staleness: the managed instance, and a find in the same EntityManager, show the old value.
    expect(ada.name).toBe('Ada');
    expect((await em.findOneOrFail(Author, { name: 'Ada (bulk)' })).name).toBe('Ada');
    // A flush does not write the stale value back: the entity has no change of its own.
    fx.queries.length = 0;
    await em.flush();
    expect(fx.sent('update')).toHaveLength(0);
    expect((await fx.orm.em.fork().findOneOrFail(Author, ada.id)).name).toBe('Ada (bulk)');
  });

  it('a bulk delete leaves a managed entity in the identity map: found by key without a query, its later update writes nothing', async () => {
    const [ada, grace] = ['Ada', 'Grace'].map((name) => em.create(Author, { name }));
    await em.flush();
    expect(await em.qb(Author).delete().where({ id: ada.id }).execute()).toBe(1);
    fx.queries.length = 0;
    // The documented staleness: the identity map still answers for the deleted row.
    expect(await em.findOne(Author, ada.id)).toBe(ada);
    expect(fx.sent('select')).toHaveLength(0);
    // A change to it is flushed as an UPDATE that matches no row; nothing comes back to life.
    ada.name = 'Ada (edited)';
    grace.name = 'Grace (edited)';
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    const rows = await fx.orm.em.fork().qb(Author, 'a').select(['a.id', 'a.name']).execute();
    expect(rows).toEqual([{ id: grace.id, name: 'Grace (edited)' }]);
    // A fresh EntityManager sees the row gone.
    expect(await fx.orm.em.fork().findOne(Author, ada.id)).toBeNull();
  });
});
