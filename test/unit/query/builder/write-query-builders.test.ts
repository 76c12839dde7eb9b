import { builderFor, compileAll } from '../../../support/offline-query-builder';
import { Author, Tag } from '../../../support/relation-entities';
import { queryErrorOf } from '../../../support/thrown-error';


describe('write builders: golden SQL per dialect', () => {
  it('inserts many rows in one statement, columns in a stable order', () => {
    const build = (d: 'sqlite' | 'postgres' | 'mysql') => builderFor(d, Author, 'a').insert([{ name: 'Ada', mentor: 7 }, { mentor: null, name: 'Grace' }]);
    expect(compileAll(build)).toEqual({
      sqlite: { sql: 'insert into "author" ("mentor_id", "name") values (?, ?), (?, ?)', params: [7, 'Ada', null, 'Grace'] },
      postgres: { sql: 'insert into "author" ("mentor_id", "name") values ($1, $2), ($3, $4)', params: [7, 'Ada', null, 'Grace'] },
      mysql: { sql: 'insert into `author` (`mentor_id`, `name`) values (?, ?), (?, ?)', params: [7, 'Ada', null, 'Grace'] },
    });
  });

  it('upserts: ON CONFLICT on PostgreSQL and SQLite, ON DUPLICATE KEY UPDATE on MySQL', () => {
    const merge = (d: 'sqlite' | 'postgres' | 'mysql') => builderFor(d, Tag, 't').insert({ id: 1, name: 'red' }).onConflict(['id']).merge(['name']);
    expect(compileAll(merge)).toEqual({
      sqlite: { sql: 'insert into "tag" ("id", "name") values (?, ?) on conflict ("id") do update set "name" = excluded."name"', params: [1, 'red'] },
      postgres: { sql: 'insert into "tag" ("id", "name") values ($1, $2) on conflict ("id") do update set "name" = excluded."name"', params: [1, 'red'] },
      mysql: { sql: 'insert into `tag` (`id`, `name`) values (?, ?) on duplicate key update `name` = values(`name`)', params: [1, 'red'] },
    });
    const ignore = (d: 'sqlite' | 'postgres' | 'mysql') => builderFor(d, Tag, 't').insert({ id: 1, name: 'red' }).onConflict(['id']).ignore();
    const sql = compileAll(ignore);
    expect(sql.postgres.sql).toBe('insert into "tag" ("id", "name") values ($1, $2) on conflict ("id") do nothing');
    expect(sql.mysql.sql).toBe('insert into `tag` (`id`, `name`) values (?, ?) on duplicate key update `id` = `id`');
  });

  it('returns columns where the dialect has INSERT .. RETURNING, and says so where it does not', () => {
    expect(builderFor('postgres', Tag, 't').insert({ name: 'red' }).returning(['id', 'name']).getSql()).toBe(
      'insert into "tag" ("name") values ($1) returning "id", "name"',
    );
    expect(builderFor('sqlite', Tag, 't').insert({ name: 'red' }).returning(['id']).getSql()).toBe('insert into "tag" ("name") values (?) returning "id"');
    expect(queryErrorOf(() => builderFor('mysql', Tag, 't').insert({ name: 'red' }).returning(['id']))).toMatch(/^mysql has no INSERT \.\. RETURNING/);
  });

  it('returns updated and deleted rows where the dialect has UPDATE/DELETE .. RETURNING, and says so where it does not', () => {
    const update = (d: 'sqlite' | 'postgres') => builderFor(d, Author, 'a').update({ name: 'X' }).where({ id: 1 }).returning(['id', 'name']);
    expect(compileAll((d) => update(d === 'mysql' ? 'sqlite' : d))).toMatchObject({
      sqlite: { sql: 'update "author" set "name" = ? where "id" = ? returning "id", "name"', params: ['X', 1] },
      postgres: { sql: 'update "author" set "name" = $1 where "id" = $2 returning "id", "name"', params: ['X', 1] },
    });
    expect(builderFor('postgres', Author, 'a').delete().where({ id: 1 }).returning(['name']).getSql()).toBe(
      'delete from "author" where "id" = $1 returning "name"',
    );
    expect(builderFor('sqlite', Author, 'a').delete().returning(['id']).getSql()).toBe('delete from "author" returning "id"');
    expect(queryErrorOf(() => builderFor('mysql', Author, 'a').update({ name: 'X' }).returning(['id']))).toMatch(/^mysql has no UPDATE \.\. RETURNING/);
    expect(queryErrorOf(() => builderFor('mysql', Author, 'a').delete().returning(['id']))).toMatch(/^mysql has no DELETE \.\. RETURNING/);
    expect(queryErrorOf(() => builderFor('sqlite', Author, 'a').delete().returning(['nope' as 'id']))).toMatch(/nope/);
  });

  it('updates and deletes the rows a filter matches', () => {
    const update = (d: 'sqlite' | 'postgres' | 'mysql') => builderFor(d, Author, 'a').update({ name: 'X' }).where({ id: { $in: [1, 2] } }).where({ mentor: null });
    expect(compileAll(update)).toEqual({
      sqlite: { sql: 'update "author" set "name" = ? where ("id" in (?, ?) and "mentor_id" is null)', params: ['X', 1, 2] },
      postgres: { sql: 'update "author" set "name" = $1 where ("id" in ($2, $3) and "mentor_id" is null)', params: ['X', 1, 2] },
      mysql: { sql: 'update `author` set `name` = ? where (`id` in (?, ?) and `mentor_id` is null)', params: ['X', 1, 2] },
    });
    const remove = (d: 'sqlite' | 'postgres' | 'mysql') => builderFor(d, Author, 'a').delete().where({ name: { $like: 'test%' } });
    expect(compileAll(remove)).toEqual({
      sqlite: { sql: 'delete from "author" where "name" like ?', params: ['test%'] },
      postgres: { sql: 'delete from "author" where "name" like $1', params: ['test%'] },
      mysql: { sql: 'delete from `author` where `name` like ?', params: ['test%'] },
    });
  });

  it('rejects unknown columns, uneven rows, empty writes and merge without onConflict', () => {
    const qb = builderFor('postgres', Author, 'a');
    expect(queryErrorOf(() => qb.insert({ nope: 1 } as never))).toBe("Author has no property 'nope' (in data).");
    expect(queryErrorOf(() => qb.insert({ books: [] } as never))).toBe("Author has no property 'books' (in data).");
    expect(queryErrorOf(() => qb.insert([{ name: 'a' }, { name: 'b', mentor: 1 }]))).toBe('Every row of a multi-row insert of Author must set the same properties.');
    expect(queryErrorOf(() => qb.insert([]))).toBe('A query builder insert of Author has no rows.');
    expect(queryErrorOf(() => qb.update({}))).toBe('A query builder update of Author has no values to set.');
    expect(queryErrorOf(() => qb.insert({ name: 'a' }).merge(['name']))).toBe('An upsert of Author needs onConflict(columns) before merge() or ignore().');
    expect(queryErrorOf(() => qb.delete().where({ nope: 1 } as never))).toBe("Author has no property 'nope' (in filter).");
  });
});
