import { Column, Entity, PrimaryKey, SnakeCaseNamingStrategy, Version } from '../../../src';
import { postgresDialect } from '../../../src/dialects/postgres';
import { sqliteDialect } from '../../../src/dialects/sqlite';
import { EntityMapper, type GeneratedFunctionKind } from '../../../src/mapper/entity-mapper';
import type { HydrationContext } from '../../../src/mapper/hydration-context';
import { discoverMetadata } from '../../../src/metadata/metadata-discovery';

/** These entities have no relations, so hydration never asks its context anything. */
const noRelations = {} as HydrationContext;

let constructed = 0;

@Entity({ table: 'articles' })
class Article {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @Column({ type: 'int', nullable: true }) rating!: number | null;
  @Column() publishedAt!: Date;
  @Column({ type: 'json' }) meta!: Record<string, unknown>;
  @Column() draft!: boolean;
  @Version() version!: number;

  constructor() {
    constructed++;
  }
}

const meta = discoverMetadata([Article], new SnakeCaseNamingStrategy()).get(Article);
const mapper = new EntityMapper(meta, sqliteDialect.converterFor);

/** Indexes in `meta.properties`, by property name. */
const I = Object.fromEntries(meta.properties.map((p) => [p.name, p.index])) as Record<keyof Article, number>;

/** A row as better-sqlite3 returns it with safe integers: every INTEGER is a bigint, timestamps and JSON are text. */
const sqliteRow = () => ({
  id: 7n,
  title: 'Hello',
  rating: 4n,
  published_at: '2024-03-01T12:00:00.000Z',
  meta: '{"tags":["a","b"],"views":3}',
  draft: 0n,
  version: 2n,
});

describe('EntityMapper generated source (sqlite converters)', () => {
  it.each<GeneratedFunctionKind>(['hydrate', 'snapshot', 'diff', 'dehydrate'])('%s', (kind) => {
    const source = mapper.sourceOf(kind);

    expect(source.startsWith(`// ${kind} Article\n`)).toBe(true);
    expect(source).toMatchSnapshot();
  });
});

describe('EntityMapper.hydrate', () => {
  it('builds an instance without running the constructor, converting driver values', () => {
    const before = constructed;

    const article = mapper.hydrate(sqliteRow(), noRelations);

    expect(constructed).toBe(before);
    expect(article).toBeInstanceOf(Article);
    expect({ ...article }).toEqual({
      id: 7,
      title: 'Hello',
      rating: 4,
      publishedAt: new Date('2024-03-01T12:00:00.000Z'),
      meta: { tags: ['a', 'b'], views: 3 },
      draft: false,
      version: 2,
    });
    expect(typeof article.id).toBe('number');
  });

  it.each([
    [1n, true],
    [0n, false],
    [1, true],
    [0, false],
    ['1', true],
    ['0', false],
  ])('hydrates the sqlite boolean %p as %p', (stored, expected) => {
    expect(mapper.hydrate({ ...sqliteRow(), draft: stored }, noRelations).draft).toBe(expected);
  });

  it('keeps SQL NULL as null', () => {
    const article = mapper.hydrate({ ...sqliteRow(), rating: null }, noRelations);

    expect(article.rating).toBeNull();
  });

  it('hydrates only the columns of a partial select', () => {
    const partial = mapper.hydratorFor([meta.primaryKey, meta.propertiesByName.get('title')!]);

    const article = partial({ id: 7n, title: 'Hello' }, noRelations);

    expect({ ...article }).toEqual({ id: 7, title: 'Hello' });
    expect(mapper.hydratorFor(meta.properties)).toBe(mapper.hydrate);
    expect(mapper.hydratorFor([meta.primaryKey, meta.propertiesByName.get('title')!])).toBe(partial);
  });
});

describe('EntityMapper.diff', () => {
  const loaded = () => {
    const article = mapper.hydrate(sqliteRow(), noRelations);
    return { article, snapshot: mapper.snapshot(article) };
  };

  it('snapshots comparable forms: time for a Date, text for JSON', () => {
    expect(loaded().snapshot).toEqual({
      id: 7,
      title: 'Hello',
      rating: 4,
      publishedAt: Date.parse('2024-03-01T12:00:00.000Z'),
      meta: '{"tags":["a","b"],"views":3}',
      draft: false,
      version: 2,
    });
  });

  it('returns undefined for an unchanged entity', () => {
    const { article, snapshot } = loaded();

    expect(mapper.diff(snapshot, article)).toBeUndefined();
  });

  it('returns the index of a changed property', () => {
    const { article, snapshot } = loaded();
    article.title = 'Bye';

    expect(mapper.diff(snapshot, article)).toEqual([I.title]);
  });

  it('returns every changed index, in metadata order', () => {
    const { article, snapshot } = loaded();
    article.draft = true;
    article.rating = null;

    expect(mapper.diff(snapshot, article)).toEqual([I.rating, I.draft]);
  });

  it('sees nothing when a Date is replaced by an equal Date', () => {
    const { article, snapshot } = loaded();
    article.publishedAt = new Date('2024-03-01T12:00:00.000Z');

    expect(mapper.diff(snapshot, article)).toBeUndefined();
  });

  it('sees a Date replaced by another instant, or mutated in place', () => {
    const replaced = loaded();
    replaced.article.publishedAt = new Date('2025-01-01T00:00:00.000Z');
    const mutated = loaded();
    mutated.article.publishedAt.setUTCFullYear(2030);

    expect(mapper.diff(replaced.snapshot, replaced.article)).toEqual([I.publishedAt]);
    expect(mapper.diff(mutated.snapshot, mutated.article)).toEqual([I.publishedAt]);
  });

  it('sees a JSON object mutated in place, and not one replaced by an equal object', () => {
    const mutated = loaded();
    (mutated.article.meta.tags as string[]).push('c');
    const replaced = loaded();
    replaced.article.meta = { tags: ['a', 'b'], views: 3 };

    expect(mapper.diff(mutated.snapshot, mutated.article)).toEqual([I.meta]);
    expect(mapper.diff(replaced.snapshot, replaced.article)).toBeUndefined();
  });

  it('never reports the primary key or the version', () => {
    const { article, snapshot } = loaded();
    article.id = 99;
    article.version = 42;

    expect(mapper.diff(snapshot, article)).toBeUndefined();
  });

  it('sees a nullable column set from null to a value', () => {
    const article = mapper.hydrate({ ...sqliteRow(), rating: null }, noRelations);
    const snapshot = mapper.snapshot(article);
    article.rating = 0;

    expect(mapper.diff(snapshot, article)).toEqual([I.rating]);
  });
});

describe('EntityMapper.dehydrate', () => {
  const article = () =>
    Object.assign(new Article(), {
      id: 7,
      title: 'Hello',
      rating: null,
      publishedAt: new Date('2024-03-01T12:00:00.000Z'),
      meta: { views: 3 },
      draft: true,
      version: 2,
    });

  it('gives every value in the driver form, in metadata order', () => {
    expect(mapper.dehydrate(article())).toEqual([7, 'Hello', null, '2024-03-01T12:00:00.000Z', '{"views":3}', 1, 2]);
  });

  it('keeps undefined (left out of an insert) apart from null (written as NULL)', () => {
    const values = mapper.dehydrate(Object.assign(article(), { title: undefined, rating: null, publishedAt: undefined, meta: null }));

    expect(values[I.title]).toBeUndefined();
    expect(values[I.publishedAt]).toBeUndefined();
    expect(values[I.rating]).toBeNull();
    expect(values[I.meta]).toBeNull();
    expect(values).toHaveLength(meta.properties.length);
  });

  it('uses each dialect’s converters (postgres keeps Date and boolean)', () => {
    const postgres = new EntityMapper(meta, postgresDialect.converterFor);

    expect(postgres.dehydrate(article())).toEqual([7, 'Hello', null, new Date('2024-03-01T12:00:00.000Z'), '{"views":3}', true, 2]);
  });
});

describe('EntityMapper keys', () => {
  it('converts keys and filter values to and from the driver form', () => {
    expect(mapper.keyFromDb(12n)).toBe(12);
    expect(mapper.keyFromDb(null)).toBeNull();
    expect(mapper.toDb(meta.propertiesByName.get('draft')!, false)).toBe(0);
    expect(mapper.toDb(meta.propertiesByName.get('publishedAt')!, null)).toBeNull();
  });
});

describe('generated code with hostile names', () => {
  it('quotes property and column names so they cannot break out of the source', () => {
    @Entity({ table: 'odd' })
    class Odd {
      @PrimaryKey() id!: number;
      @Column({ column: '"]); throw new Error("pwned"); //\n' }) 'first-name'!: string;
      @Column({ type: 'timestamp', column: 'x\u2028y' }) 'when?'!: Date;
    }
    const oddMeta = discoverMetadata([Odd], new SnakeCaseNamingStrategy()).get(Odd);
    const odd = new EntityMapper(oddMeta, sqliteDialect.converterFor);

    const entity = odd.hydrate({ id: 1n, '"]); throw new Error("pwned"); //\n': 'Ada', 'x\u2028y': '2024-01-01T00:00:00.000Z' }, noRelations);

    expect(entity['first-name']).toBe('Ada');
    expect(entity['when?']).toEqual(new Date('2024-01-01T00:00:00.000Z'));
    expect(odd.dehydrate(entity)).toEqual([1, 'Ada', '2024-01-01T00:00:00.000Z']);
    expect(odd.sourceOf('hydrate')).toContain('e["first-name"] = row["\\"]); throw new Error(\\"pwned\\"); //\\n"];');
  });
});
