import { Column, Entity, PrimaryKey, SnakeCaseNamingStrategy } from '../../../src';
import type { FindOptions } from '../../../src';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { EntityMapper } from '../../../src/mapper/entity-mapper';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { buildCountQuery, buildFindQuery } from '../../../src/query/find-query';
import { queryErrorOf } from '../../support/thrown-error';

@Entity({ table: 'books' })
class Book {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @Column() publishedAt!: Date;
  @Column() pages!: number;
}

const meta = discoverMetadata([Book], new SnakeCaseNamingStrategy()).get(Book);
const sqliteEncoder = { get: () => new EntityMapper(meta, sqliteDialect.converterFor) };
const postgresEncoder = { get: () => new EntityMapper(meta, postgresDialect.converterFor) };

function find(filter: unknown, options: FindOptions<Book> = {}) {
  const { node, properties } = buildFindQuery(meta, filter, options, postgresEncoder);
  const { sql, params } = postgresDialect.createCompiler().compile(node);
  return { sql, params, properties: properties.map((p) => p.name) };
}


describe('buildFindQuery', () => {
  it('selects every column in metadata order', () => {
    expect(find({})).toEqual({
      sql: 'select "id", "title", "published_at", "pages" from "books"',
      params: [],
      properties: ['id', 'title', 'publishedAt', 'pages'],
    });
  });

  it('combines filter, order, limit and offset', () => {
    const result = find({ pages: { $gt: 100 } }, { orderBy: { publishedAt: 'DESC', title: 'asc' }, limit: 10, offset: 30 });

    expect(result.sql).toBe(
      'select "id", "title", "published_at", "pages" from "books" where "pages" > $1 ' +
        'order by "published_at" desc, "title" asc limit $2 offset $3',
    );
    expect(result.params).toEqual([100, 10, 30]);
  });

  it('keeps the order of an orderBy array', () => {
    expect(find({}, { orderBy: [{ pages: 'desc' }, { id: 'asc' }] }).sql).toMatch(/order by "pages" desc, "id" asc$/);
  });

  it('accepts limit 0 and an offset alone', () => {
    expect(find({}, { limit: 0 }).params).toEqual([0]);
    expect(find({}, { offset: 5 }).sql).toMatch(/ offset \$1$/);
  });

  it('selects only the requested fields, always with the primary key, in metadata order', () => {
    expect(find({ id: 1 }, { fields: ['pages', 'title'] })).toEqual({
      sql: 'select "id", "title", "pages" from "books" where "id" = $1',
      params: [1],
      properties: ['id', 'title', 'pages'],
    });
  });

  it('encodes filter values with the encoder it is given', () => {
    const date = new Date('2020-01-01T00:00:00.000Z');
    const { node } = buildFindQuery(meta, { publishedAt: date }, {}, sqliteEncoder);

    expect(sqliteDialect.createCompiler().compile(node).params).toEqual(['2020-01-01T00:00:00.000Z']);
  });

  describe('unknown names are QueryErrors naming the entity and property', () => {
    it.each([
      ['filter', { titel: 'x' }, {}],
      ['orderBy', {}, { orderBy: { titel: 'asc' } }],
      ['fields', {}, { fields: ['titel'] }],
    ])('in %s', (where, filter, options) => {
      expect(queryErrorOf(() => find(filter, options as FindOptions<Book>))).toBe(`Book has no property 'titel' (in ${where}).`);
    });

    it('rejects an order direction other than asc / desc', () => {
      expect(queryErrorOf(() => find({}, { orderBy: { title: 'up' as 'asc' } }))).toBe(
        "orderBy Book.title must be 'asc' or 'desc', not 'up'.",
      );
    });
  });

  describe('bad pagination is a QueryError', () => {
    it.each([
      ['limit', -1],
      ['limit', 1.5],
      ['limit', Number.NaN],
      ['limit', Number.POSITIVE_INFINITY],
      ['limit', '10'],
      ['offset', -5],
      ['offset', 0.5],
    ] as const)('%s = %p', (option, value) => {
      const message = queryErrorOf(() => find({}, { [option]: value } as FindOptions<Book>));

      expect(message).toBe(`${option} must be a non-negative integer, not ${String(value)}.`);
    });
  });
});

describe('buildCountQuery', () => {
  it('counts the rows matching the filter', () => {
    const node = buildCountQuery(meta, { title: { $like: 'The %' } }, postgresEncoder);

    expect(postgresDialect.createCompiler().compile(node)).toMatchObject({
      sql: 'select count(*) as "count" from "books" where "title" like $1',
      params: ['The %'],
    });
  });

  it('counts everything without a filter, and rejects unknown properties', () => {
    expect(sqliteDialect.createCompiler().compile(buildCountQuery(meta, {}, sqliteEncoder)).sql).toBe(
      'select count(*) as "count" from "books"',
    );
    expect(queryErrorOf(() => buildCountQuery(meta, { nope: 1 }, sqliteEncoder))).toBe("Book has no property 'nope' (in filter).");
  });
});
