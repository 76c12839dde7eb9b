import { Column, Entity, PrimaryKey, QueryError, SnakeCaseNamingStrategy } from '../../../src';
import { mysqlDialect } from '../../../src/dialects/mysql';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { EntityMapper } from '../../../src/mapper/entity-mapper';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';
import { decodeCursor, encodeCursor } from '../../../src/query/cursor';
import { buildFindQuery } from '../../../src/query/find-query';
import { cursorKeys, keysetFilter } from '../../../src/query/keyset-filter';

@Entity({ table: 'posts' })
class Post {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @Column() createdAt!: Date;
  @Column({ type: 'int', nullable: true }) rank!: number | null;
}

const meta = discoverMetadata([Post], new SnakeCaseNamingStrategy()).get(Post);

describe('cursor keys', () => {
  test('the primary key is added last, in the last direction; duplicates are dropped', () => {
    expect(cursorKeys(meta, { createdAt: 'desc' })).toEqual([
      { property: 'createdAt', direction: 'desc' },
      { property: 'id', direction: 'desc' },
    ]);
    expect(cursorKeys(meta, [{ title: 'ASC' }, { id: 'desc' }, { title: 'asc' }])).toEqual([
      { property: 'title', direction: 'asc' },
      { property: 'id', direction: 'desc' },
    ]);
    expect(cursorKeys(meta, undefined)).toEqual([{ property: 'id', direction: 'asc' }]);
  });

  test('nullable and unknown properties are refused', () => {
    expect(() => cursorKeys(meta, { rank: 'asc' })).toThrow(/nullable/);
    expect(() => cursorKeys(meta, { nope: 'asc' } as never)).toThrow(QueryError);
  });
});

describe('keyset filter: an OR-chain for mixed directions, per dialect', () => {
  const keys = cursorKeys(meta, [{ title: 'asc' }, { createdAt: 'desc' }]);
  const when = new Date('2024-01-01T00:00:00Z');
  const filter = keysetFilter(keys, ['x', when, 7]);
  const compile = (dialect: typeof sqliteDialect) => {
    const encoders = { get: () => new EntityMapper(meta, dialect.converterFor) };
    const { node } = buildFindQuery(meta, filter, {}, encoders);
    const { sql, params } = dialect.createCompiler().compile(node);
    return { where: sql.slice(sql.indexOf(' where ') + 7), params: [...params] };
  };

  test('postgres', () => {
    expect(compile(postgresDialect)).toEqual({
      where: '("title" > $1 or ("title" = $2 and "created_at" < $3) or ("title" = $4 and "created_at" = $5 and "id" < $6))',
      params: ['x', 'x', when, 'x', when, 7],
    });
  });

  test('mysql', () => {
    expect(compile(mysqlDialect).where).toBe(
      '(`title` > ? or (`title` = ? and `created_at` < ?) or (`title` = ? and `created_at` = ? and `id` < ?))',
    );
  });

  test('sqlite', () => {
    expect(compile(sqliteDialect).where).toBe(
      '("title" > ? or ("title" = ? and "created_at" < ?) or ("title" = ? and "created_at" = ? and "id" < ?))',
    );
  });
});

describe('cursor encoding', () => {
  const keys = [
    { property: 'at', direction: 'desc' as const },
    { property: 'id', direction: 'asc' as const },
  ];

  test('dates and bigints round-trip; the cursor is base64url', () => {
    const when = new Date('2024-05-06T07:08:09.123Z');
    const cursor = encodeCursor(keys, [when, 12345678901234567890n]);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(cursor, keys)).toEqual([when, 12345678901234567890n]);
    expect(decodeCursor(encodeCursor(keys, ['a', 1]), keys)).toEqual(['a', 1]);
  });

  test('garbled, tampered and foreign cursors are QueryErrors', () => {
    const cursor = encodeCursor(keys, ['a', 1]);
    expect(() => decodeCursor(cursor, [keys[1]])).toThrow(QueryError);
    expect(() => decodeCursor(cursor.slice(0, -3), keys)).toThrow(QueryError);
    expect(() => decodeCursor('%%%', keys)).toThrow(QueryError);
    expect(() => decodeCursor(Buffer.from('{"k":["at desc","id asc"],"v":[{"d":"nope"},1]}').toString('base64url'), keys)).toThrow(QueryError);
    expect(() => decodeCursor(Buffer.from('{"k":["at desc","id asc"],"v":[{"b":"1x"},1]}').toString('base64url'), keys)).toThrow(QueryError);
    expect(() => encodeCursor(keys, [{}, 1])).toThrow(QueryError);
  });
});
