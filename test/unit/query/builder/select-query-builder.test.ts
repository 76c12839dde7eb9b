import { ExplainNode } from '../../../../src/query/nodes/explain-node';
import { builderFor, compileAll, dialectCompiler, type DialectKey } from '../../../support/offline-query-builder';
import { Author, Book, Tag } from '../../../support/relation-entities';
import { queryErrorOf } from '../../../support/thrown-error';

const qb = builderFor;


describe('SelectQueryBuilder: golden SQL per dialect', () => {
  it('selects every root column by default, aliased by property', () => {
    expect(compileAll((d) => qb(d, Author, 'a'))).toEqual({
      sqlite: {
        sql: 'select "a"."id" as "id", "a"."name" as "name", "a"."profile_id" as "profile", "a"."mentor_id" as "mentor" from "author" as "a"',
        params: [],
      },
      postgres: {
        sql: 'select "a"."id" as "id", "a"."name" as "name", "a"."profile_id" as "profile", "a"."mentor_id" as "mentor" from "author" as "a"',
        params: [],
      },
      mysql: {
        sql: 'select `a`.`id` as `id`, `a`.`name` as `name`, `a`.`profile_id` as `profile`, `a`.`mentor_id` as `mentor` from `author` as `a`',
        params: [],
      },
    });
  });

  it('selects named aggregates next to grouped columns and orders by their names', () => {
    const build = (d: DialectKey) =>
      qb(d, Author, 'a')
        .innerJoin('a.books', 'b')
        .select(['a.id', 'a.name'])
        .aggregate({ books: { $count: 'b.id' }, first: { $min: 'b.title' } })
        .groupBy(['a.id', 'a.name'])
        .having({ $count: { 'b.id': { $gte: 2 } } })
        .orderBy({ books: 'desc', 'a.id': 'asc' })
        .limit(5);
    const tail = ' from "author" as "a" inner join "book" as "b" on "b"."author_id" = "a"."id" group by "a"."id", "a"."name"';
    expect(compileAll(build)).toEqual({
      sqlite: {
        sql: 'select "a"."id" as "id", "a"."name" as "name", count("b"."id") as "books", min("b"."title") as "first"' + tail +
          ' having count("b"."id") >= ? order by "books" desc, "a"."id" asc limit ?',
        params: [2, 5],
      },
      postgres: {
        sql: 'select "a"."id" as "id", "a"."name" as "name", count("b"."id") as "books", min("b"."title") as "first"' + tail +
          ' having count("b"."id") >= $1 order by "books" desc, "a"."id" asc limit $2',
        params: [2, 5],
      },
      mysql: {
        sql: 'select `a`.`id` as `id`, `a`.`name` as `name`, count(`b`.`id`) as `books`, min(`b`.`title`) as `first`' + tail.replace(/"/g, '`') +
          ' having count(`b`.`id`) >= ? order by `books` desc, `a`.`id` asc limit ?',
        params: [2, 5],
      },
    });
  });

  it('refuses a malformed aggregate, a name selected twice, and an unknown column, naming them', () => {
    const a = qb('sqlite', Author, 'a');
    expect(queryErrorOf(() => a.aggregate({ n: { $median: 'a.id' } } as never))).toBe("Unknown aggregate '$median'. Known: $count $sum $avg $min $max.");
    expect(queryErrorOf(() => a.aggregate({ n: { $count: 'a.id', $sum: 'a.id' } } as never))).toMatch(/'n' must be one operator/);
    expect(queryErrorOf(() => a.select('a.name').aggregate({ name: { $count: 'a.id' } }))).toMatch(/both named 'name'/);
    expect(queryErrorOf(() => a.aggregate({ n: { $count: 'a.nope' } } as never))).toMatch(/no column property 'nope'/);
  });

  it('writes forUpdate / forShare per dialect, last in the statement', () => {
    const head = (q: string) => `select ${q}a${q}.${q}id${q} as ${q}id${q} from ${q}author${q} as ${q}a${q} where ${q}a${q}.${q}id${q} = `;
    const locked = (d: DialectKey) => qb(d, Author, 'a').select('a.id').where({ 'a.id': 1 }).forUpdate({ skipLocked: true });
    expect(compileAll(locked)).toEqual({
      sqlite: { sql: `${head('"')}?`, params: [1] },
      postgres: { sql: `${head('"')}$1 for update skip locked`, params: [1] },
      mysql: { sql: `${head('`')}? for update skip locked`, params: [1] },
    });
    const shared = (d: DialectKey) => qb(d, Author, 'a').select('a.id').where({ 'a.id': 1 }).forShare({ nowait: true });
    expect(compileAll(shared)).toEqual({
      sqlite: { sql: `${head('"')}?`, params: [1] },
      postgres: { sql: `${head('"')}$1 for share nowait`, params: [1] },
      mysql: { sql: `${head('`')}? lock in share mode nowait`, params: [1] },
    });
  });

  it('joins a to-many relation, filters, groups, orders and paginates', () => {
    const build = (d: DialectKey) =>
      qb(d, Author, 'a')
        .select(['a.id', 'a.name'])
        .leftJoin('a.books', 'b')
        .where({ 'b.title': { $like: 'D%' }, 'a.name': { $ne: 'x' } })
        .groupBy(['a.id', 'a.name'])
        .having({ $count: { 'b.id': { $gte: 2 } } })
        .orderBy({ 'a.name': 'asc' })
        .limit(10)
        .offset(20);
    expect(compileAll(build)).toEqual({
      sqlite: {
        sql:
          'select "a"."id" as "id", "a"."name" as "name" from "author" as "a" left join "book" as "b" on "b"."author_id" = "a"."id"' +
          ' where ("b"."title" like ? and "a"."name" <> ?) group by "a"."id", "a"."name" having count("b"."id") >= ?' +
          ' order by "a"."name" asc limit ? offset ?',
        params: ['D%', 'x', 2, 10, 20],
      },
      postgres: {
        sql:
          'select "a"."id" as "id", "a"."name" as "name" from "author" as "a" left join "book" as "b" on "b"."author_id" = "a"."id"' +
          ' where ("b"."title" like $1 and "a"."name" <> $2) group by "a"."id", "a"."name" having count("b"."id") >= $3' +
          ' order by "a"."name" asc limit $4 offset $5',
        params: ['D%', 'x', 2, 10, 20],
      },
      mysql: {
        sql:
          'select `a`.`id` as `id`, `a`.`name` as `name` from `author` as `a` left join `book` as `b` on `b`.`author_id` = `a`.`id`' +
          ' where (`b`.`title` like ? and `a`.`name` <> ?) group by `a`.`id`, `a`.`name` having count(`b`.`id`) >= ?' +
          ' order by `a`.`name` asc limit ? offset ?',
        params: ['D%', 'x', 2, 10, 20],
      },
    });
  });

  it('joins a many-to-one through its foreign key and a many-to-many through its pivot', () => {
    const build = (d: DialectKey) =>
      qb(d, Book, 'b').innerJoin('b.author', 'a').innerJoin('b.tags', 't').select(['b.title', 'a.name', 't.id']);
    expect(compileAll(build).postgres.sql).toBe(
      'select "b"."title" as "title", "a"."name" as "name", "t"."id" as "id" from "book" as "b"' +
        ' inner join "author" as "a" on "a"."id" = "b"."author_id"' +
        ' inner join "book_tags" as "t_pivot" on "t_pivot"."book_id" = "b"."id"' +
        ' inner join "tag" as "t" on "t"."id" = "t_pivot"."tag_id"',
    );
  });
});

describe('SelectQueryBuilder: names are checked before any SQL exists', () => {
  it('names an unknown alias, column, relation or a reused alias', () => {
    const base = qb('postgres', Author, 'a');
    expect(queryErrorOf(() => base.select(['x.id' as never]))).toBe("Unknown alias 'x' in a query builder (known: a).");
    expect(queryErrorOf(() => base.select(['a.nope' as never]))).toBe("Author (alias 'a') has no column property 'nope'.");
    expect(queryErrorOf(() => base.where({ 'a.nope': 1 } as never))).toBe("Author has no property 'nope' (in filter).");
    expect(queryErrorOf(() => base.orderBy({ 'q.name': 'asc' } as never))).toBe("Unknown alias 'q' in a query builder (known: a).");
    expect(queryErrorOf(() => base.leftJoin('a.nope' as never, 'b'))).toBe("Cannot populate 'a.nope': Author has no relation of that name.");
    expect(queryErrorOf(() => base.leftJoin('a.books', 'a'))).toBe("The alias 'a' is used twice in one query builder.");
    expect(queryErrorOf(() => base.select(['a.books' as never]))).toBe("Author (alias 'a') has no column property 'books'.");
  });

  it('rejects two selected columns of one name, a bad direction and bad pagination', () => {
    const joined = qb('sqlite', Author, 'a').leftJoin('a.books', 'b');
    expect(queryErrorOf(() => joined.select(['a.id', 'b.id']))).toBe("Two selected columns are both named 'id': select only one of them.");
    expect(queryErrorOf(() => joined.orderBy({ 'a.name': 'up' } as never))).toBe("orderBy Author.name must be 'asc' or 'desc', not 'up'.");
    expect(queryErrorOf(() => joined.limit(-1))).toBe('limit must be a non-negative integer, not -1.');
    expect(queryErrorOf(() => joined.having({ $median: {} } as never))).toBe("Unknown aggregate '$median'. Known: $count $sum $avg $min $max.");
  });
});

describe('SelectQueryBuilder: immutability and filters', () => {
  it('leaves a builder unchanged when another is derived from it', () => {
    const base = qb('postgres', Author, 'a').where({ 'a.name': 'Ada' });
    const limited = base.limit(1);
    expect(base.getSql()).not.toContain('limit');
    expect(limited.getSql()).toContain('limit $2');
    expect(Object.isFrozen(base.toNode())).toBe(true);
  });

  it('ANDs successive where calls, qualifies bare root keys, and keeps relation subqueries unqualified', () => {
    const built = qb('postgres', Author, 'a')
      .where({ name: 'Ada' })
      .where({ $or: [{ 'a.id': { $in: [1, 2] } }, { 'a.books': { title: 'Dune' } }] });
    expect({ sql: built.getSql().replace(/^select .*? from/, 'select .. from'), params: built.getParams() }).toEqual({
      sql:
        'select .. from "author" as "a" where ("a"."name" = $1 and ("a"."id" in ($2, $3) or' +
        ' "a"."id" in (select "author_id" from "book" where "title" = $4)))',
      params: ['Ada', 1, 2, 'Dune'],
    });
  });

  it('binds hostile values and quotes hostile aliases', () => {
    const hostile = 'x"; drop table author; --';
    const built = qb('postgres', Tag, hostile).where({ name: hostile });
    expect(built.getSql()).toBe(
      'select "x""; drop table author; --"."id" as "id", "x""; drop table author; --"."name" as "name" from "tag" as "x""; drop table author; --"' +
        ' where "x""; drop table author; --"."name" = $1',
    );
    expect(built.getParams()).toEqual([hostile]);
  });
});

describe('SelectQueryBuilder: subqueries', () => {
  it('compares a column with another builder through $in / $nin, its values bound in order', () => {
    const build = (d: DialectKey) =>
      qb(d, Author, 'a')
        .where({ 'a.name': { $ne: 'x' } })
        .where({ 'a.id': { $in: qb(d, Book, 'b').select('b.author').where({ 'b.title': { $like: 'D%' } }), $gt: 0 } })
        .where({ 'a.mentor': { $nin: qb(d, Author, 'm').select('m.id').where({ 'm.name': 'y' }) } });
    const sql = compileAll(build);
    expect({ sql: sql.postgres.sql.replace(/^select .*? from/, 'select .. from'), params: sql.postgres.params }).toEqual({
      sql:
        'select .. from "author" as "a" where (("a"."name" <> $1 and ("a"."id" in (select "b"."author_id" as "author" from "book" as "b"' +
        ' where "b"."title" like $2) and "a"."id" > $3)) and "a"."mentor_id" not in (select "m"."id" as "id" from "author" as "m" where "m"."name" = $4))',
      params: ['x', 'D%', 0, 'y'],
    });
    expect(sql.mysql.sql).toContain('`a`.`id` in (select `b`.`author_id` as `author` from `book` as `b` where `b`.`title` like ?)');
  });

  it('rejects a subquery of more than one column', () => {
    expect(queryErrorOf(() => qb('sqlite', Author, 'a').where({ 'a.id': { $in: qb('sqlite', Book, 'b') } }))).toBe(
      'The subquery compared with Author.id must select exactly one column, not 4.',
    );
  });
});

describe('SelectQueryBuilder: explain', () => {
  it('prefixes the query with each dialect\'s EXPLAIN, and refuses ANALYZE on SQLite', () => {
    const compile = (d: DialectKey, analyze: boolean) =>
      dialectCompiler(d).compile(ExplainNode.create(qb(d, Tag, 't').select('t.name').where({ 't.id': 1 }).toNode(), analyze));
    expect(compile('postgres', true).sql).toBe('explain analyze select "t"."name" as "name" from "tag" as "t" where "t"."id" = $1');
    expect(compile('postgres', false).sql).toBe('explain select "t"."name" as "name" from "tag" as "t" where "t"."id" = $1');
    expect(compile('sqlite', false).sql).toBe('explain query plan select "t"."name" as "name" from "tag" as "t" where "t"."id" = ?');
    expect(compile('mysql', true).sql).toBe('analyze select `t`.`name` as `name` from `tag` as `t` where `t`.`id` = ?');
    expect(compile('mysql', false).sql).toBe('explain select `t`.`name` as `name` from `tag` as `t` where `t`.`id` = ?');
    expect(queryErrorOf(() => compile('sqlite', true))).toBe('sqlite has no EXPLAIN ANALYZE: use explain() for the query plan.');
  });
});

