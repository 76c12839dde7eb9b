import { Column, Entity, PrimaryKey, QueryError, SnakeCaseNamingStrategy } from '../../../src';
import type { Dialect } from '../../../src/dialects/dialect';
import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { EntityMapper } from '../../../src/mapper/entity-mapper';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { MAX_FILTER_DEPTH, parseFilter } from '../../../src/query/filter-parser';
import { SelectQueryNode } from '../../../src/query/nodes/select-query-node';
import { TableNode } from '../../../src/query/nodes/table-node';
import { ColumnNode } from '../../../src/query/nodes/column-node';

@Entity({ table: 'authors' })
class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'string', nullable: true }) email!: string | null;
  @Column() age!: number;
  @Column() active!: boolean;
  @Column() createdAt!: Date;
  @Column({ type: 'bigint' }) followers!: string;
  @Column({ type: 'json', nullable: true }) profile!: Record<string, unknown> | null;
}

const meta = discoverMetadata([Author], new SnakeCaseNamingStrategy()).get(Author);

/** `select "id" from "authors" where <filter>` compiled by `dialect`, values encoded by its converters. */
function where(filter: unknown, dialect: Dialect = sqliteDialect) {
  const encoder = { get: () => new EntityMapper(meta, dialect.converterFor) };
  const node = SelectQueryNode.withWhere(
    SelectQueryNode.create(TableNode.create('authors'), [ColumnNode.create('id')]),
    parseFilter(meta, filter, encoder),
  );
  const { sql, params } = dialect.createCompiler().compile(node);
  return { sql: sql.replace('select "id" from "authors"', '').replace('select `id` from `authors`', '').trim(), params };
}

const parseError = (filter: unknown) => {
  try {
    where(filter);
  } catch (error) {
    expect(error).toBeInstanceOf(QueryError);
    return (error as QueryError).message;
  }
  throw new Error('expected a QueryError, but nothing was thrown');
};

describe('parseFilter', () => {
  it('adds no condition for {}', () => {
    expect(where({})).toEqual({ sql: '', params: [] });
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
  ])('refuses a %s filter (a missing input must not match every row)', (_label, filter) => {
    expect(parseError(filter)).toBe(
      'A filter on Author is undefined or null (a missing input?), which would match any row: pass a primary key or a filter object.',
    );
  });

  it.each([
    ['{ name: undefined }', { name: undefined }, "The filter's Author.name is undefined"],
    ['{ name: "Ada", email: undefined }', { name: 'Ada', email: undefined }, "The filter's Author.email is undefined"],
    ['{ age: { $gt: undefined } }', { age: { $gt: undefined } }, "The filter's $gt on Author.age is undefined"],
    ['{ age: { $gte: 1, $lt: undefined } }', { age: { $gte: 1, $lt: undefined } }, "The filter's $lt on Author.age is undefined"],
    ['{ name: { $eq: undefined } }', { name: { $eq: undefined } }, "The filter's $eq on Author.name is undefined"],
    ['{ name: { $ne: undefined } }', { name: { $ne: undefined } }, "The filter's $ne on Author.name is undefined"],
    ['{ name: { $like: undefined } }', { name: { $like: undefined } }, "The filter's $like on Author.name is undefined"],
    ['{ email: { $null: undefined } }', { email: { $null: undefined } }, "The filter's $null on Author.email is undefined"],
    ['{ id: { $in: undefined } }', { id: { $in: undefined } }, "The filter's $in on Author.id is undefined"],
    ['{ id: { $in: [1, undefined] } }', { id: { $in: [1, undefined] } }, "The filter's $in on Author.id is undefined"],
    ['{ id: { $nin: [undefined] } }', { id: { $nin: [undefined] } }, "The filter's $nin on Author.id is undefined"],
    ['{ id: [undefined] }', { id: [undefined] }, "The filter's $in on Author.id is undefined"],
    ['{ $and: [{ name: undefined }] }', { $and: [{ name: undefined }] }, "The filter's Author.name is undefined"],
    ['{ $or: [{ age: 1 }, { name: undefined }] }', { $or: [{ age: 1 }, { name: undefined }] }, "The filter's Author.name is undefined"],
    ['{ $or: [undefined] }', { $or: [undefined] }, "The filter's Author.$or is undefined"],
    ['{ $and: undefined }', { $and: undefined }, "The filter's Author.$and is undefined"],
    ['{ $not: undefined }', { $not: undefined }, "The filter's Author.$not is undefined"],
    ['{ $not: { name: undefined } }', { $not: { name: undefined } }, "The filter's Author.name is undefined"],
  ])('refuses %s, naming the property', (_label, filter, message) => {
    expect(parseError(filter)).toBe(
      `${message} (a missing input?). Tessera does not drop it, which would widen the query: leave the key out, or compare with null for IS NULL.`,
    );
  });

  it(`refuses a filter nested deeper than ${MAX_FILTER_DEPTH} levels, at any depth, without overflowing the stack`, () => {
    const nest = (depth: number, key: '$and' | '$or' | '$not') => {
      let filter: object = { name: 'Ada' };
      for (let i = 0; i < depth; i++) filter = key === '$not' ? { $not: filter } : { [key]: [filter] };
      return filter;
    };
    expect(where(nest(MAX_FILTER_DEPTH, '$and')).params).toEqual(['Ada']);
    for (const key of ['$and', '$or', '$not'] as const) {
      for (const depth of [MAX_FILTER_DEPTH + 1, 100_000]) {
        expect(parseError(nest(depth, key))).toBe(`A filter on Author nests deeper than ${MAX_FILTER_DEPTH} levels ($and, $or, $not and relations).`);
      }
    }
  });

  it('treats a bare value as the primary key', () => {
    expect(where(7)).toEqual({ sql: 'where "id" = ?', params: [7] });
  });

  it('compares each property by equality, joined with and', () => {
    expect(where({ name: 'Ada', age: 36 })).toEqual({ sql: 'where ("name" = ? and "age" = ?)', params: ['Ada', 36] });
  });

  it('turns null into is null, and $eq / $ne null into is null / is not null', () => {
    expect(where({ email: null })).toEqual({ sql: 'where "email" is null', params: [] });
    expect(where({ email: { $eq: null } })).toEqual({ sql: 'where "email" is null', params: [] });
    expect(where({ email: { $ne: null } })).toEqual({ sql: 'where "email" is not null', params: [] });
    expect(where({ email: { $null: true } })).toEqual({ sql: 'where "email" is null', params: [] });
    expect(where({ email: { $null: false } })).toEqual({ sql: 'where "email" is not null', params: [] });
  });

  it('compiles the comparison operators', () => {
    expect(where({ age: { $gt: 1, $gte: 2, $lt: 3, $lte: 4, $ne: 5, $eq: 6 } })).toEqual({
      sql: 'where ("age" > ? and "age" >= ? and "age" < ? and "age" <= ? and "age" <> ? and "age" = ?)',
      params: [1, 2, 3, 4, 5, 6],
    });
  });

  it('turns an array value, $in and $nin into in / not in', () => {
    expect(where({ id: [1, 2, 3] })).toEqual({ sql: 'where "id" in (?, ?, ?)', params: [1, 2, 3] });
    expect(where({ name: { $in: ['Ada', 'Grace'] } })).toEqual({ sql: 'where "name" in (?, ?)', params: ['Ada', 'Grace'] });
    expect(where({ name: { $nin: ['Bob'] } })).toEqual({ sql: 'where "name" not in (?)', params: ['Bob'] });
  });

  it('matches nothing for an empty $in or array, and everything for an empty $nin', () => {
    expect(where({ id: { $in: [] } })).toEqual({ sql: 'where 1 = 0', params: [] });
    expect(where({ id: [] })).toEqual({ sql: 'where 1 = 0', params: [] });
    expect(where({ id: { $nin: [] } })).toEqual({ sql: 'where 1 = 1', params: [] });
  });

  it('compiles $like as like, and $ilike per dialect', () => {
    expect(where({ name: { $like: 'A%' } })).toEqual({ sql: 'where "name" like ?', params: ['A%'] });
    expect(where({ name: { $ilike: 'a%' } })).toEqual({ sql: 'where lower("name") like lower(?)', params: ['a%'] });
    expect(where({ name: { $ilike: 'a%' } }, postgresDialect)).toEqual({ sql: 'where "name" ilike $1', params: ['a%'] });
    expect(where({ name: { $ilike: 'a%' } }, mysqlDialect)).toEqual({ sql: 'where lower(`name`) like lower(?)', params: ['a%'] });
  });

  it('nests $and, $or and $not', () => {
    const filter = { $or: [{ name: 'Ada' }, { $and: [{ age: { $gte: 18 } }, { $not: { email: null } }] }] };

    expect(where(filter)).toEqual({
      sql: 'where ("name" = ? or ("age" >= ? and not ("email" is null)))',
      params: ['Ada', 18],
    });
  });

  it('treats an empty $or as false and an empty $and as true', () => {
    expect(where({ $or: [] })).toEqual({ sql: 'where 1 = 0', params: [] });
    expect(where({ $and: [] })).toEqual({ sql: 'where 1 = 1', params: [] });
  });

  describe('values go through the dialect converters', () => {
    const noon = new Date('2024-03-01T12:00:00.000Z');
    const later = new Date('2024-03-02T00:00:00.000Z');

    it('binds a Date on a sqlite timestamp column as ISO text, in equality and in ranges', () => {
      expect(where({ createdAt: noon })).toEqual({ sql: 'where "created_at" = ?', params: ['2024-03-01T12:00:00.000Z'] });
      expect(where({ createdAt: { $gte: noon, $lt: later } })).toEqual({
        sql: 'where ("created_at" >= ? and "created_at" < ?)',
        params: ['2024-03-01T12:00:00.000Z', '2024-03-02T00:00:00.000Z'],
      });
    });

    it('binds a Date as a Date where the driver takes one (postgres)', () => {
      expect(where({ createdAt: noon }, postgresDialect).params).toEqual([noon]);
    });

    it('binds booleans as 1 / 0 on sqlite and mysql, and as booleans on postgres', () => {
      expect(where({ active: true })).toEqual({ sql: 'where "active" = ?', params: [1] });
      expect(where({ active: { $in: [true, false] } }).params).toEqual([1, 0]);
      expect(where({ active: false }, mysqlDialect).params).toEqual([0]);
      expect(where({ active: true }, postgresDialect).params).toEqual([true]);
    });

    // Regression introduced in e76771f: parseCondition now reads every plain object as an operator map, so a JSON
    // value (which the typed FilterObject<T> accepts, as V) throws "Unknown operator 'theme'" instead of comparing.
    it('refuses to compare a json column with an object: JSON equality is not portable', () => {
      expect(parseError({ profile: { theme: 'dark' } })).toMatch(/^Author.profile is a JSON column: filters cannot compare it with an object/);
    });

    it('binds a bigint column exactly', () => {
      expect(where({ followers: '9007199254740993' }).params).toEqual([9007199254740993n]);
      expect(where({ followers: '9007199254740993' }, postgresDialect).params).toEqual(['9007199254740993']);
    });
  });

  describe('mistakes are QueryErrors raised before any SQL exists', () => {
    it('names the entity and an unknown property, also inside $or', () => {
      expect(parseError({ nmae: 'Ada' })).toBe("Author has no property 'nmae' (in filter).");
      expect(parseError({ $or: [{ name: 'Ada' }, { emial: 'x' }] })).toBe("Author has no property 'emial' (in filter).");
    });

    it('does not accept a column name for a property name', () => {
      expect(parseError({ created_at: new Date() })).toBe("Author has no property 'created_at' (in filter).");
    });

    it('names an unknown operator and the property it was used on', () => {
      const message = parseError({ age: { $between: [1, 2] } });

      expect(message).toContain("Unknown operator '$between' on Author.age");
      expect(message).toContain('$eq $ne $gt');
    });

    it.each([
      [{ name: { $in: 'Ada' } }, '$in on Author.name expects an array.'],
      [{ name: { $nin: 'Ada' } }, '$nin on Author.name expects an array.'],
      [{ name: { $like: 5 } }, '$like on Author.name expects a string.'],
    ])('rejects a bad operand: %j', (filter, message) => {
      expect(parseError(filter)).toBe(message);
    });

    it('rejects a $or that is not an array', () => {
      expect(parseError({ $or: { name: 'Ada' } })).toBe('$or in a filter on Author expects an array of filters.');
    });

    // Regression, fixed in e76771f: an object was an operator map only when *every* key started with '$', so
    // `{ $gte: 18, lte: 65 }` was bound whole as an equality value (`"age" = ?`) and the driver failed later.
    it("rejects an operator map with a key missing its '$' (regression: the object was bound as a value)", () => {
      expect(parseError({ age: { $gte: 18, lte: 65 } })).toContain("'lte'");
    });
  });
});
