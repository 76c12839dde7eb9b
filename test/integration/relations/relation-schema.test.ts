import { describeEachDialect } from '../../support/dialect-fixture';
import { RELATION_ENTITIES } from '../../support/relation-entities';

/** Issue #3: the foreign keys and pivot tables `schema.create()` writes, as the database itself reports them. */
describeEachDialect(RELATION_ENTITIES, (fx) => {
  it('creates every foreign key, indexed, and the pivot table with its composite key and cascading keys', async () => {
    const schema = await fx.orm.schema.introspect();
    const table = (name: string) => schema.tables.find((t) => t.name === name);
    const keys = (name: string) => table(name)?.foreignKeys.map((k) => [k.columns.join(), k.referencedTable, k.referencedColumns.join(), k.onDelete]);

    expect(keys('book')).toEqual(expect.arrayContaining([
      ['author_id', 'author', 'id', 'no action'],
      ['publisher_id', 'publisher', 'id', 'no action'],
    ]));
    expect(keys('author')).toEqual(expect.arrayContaining([
      ['profile_id', 'profile', 'id', 'no action'],
      ['mentor_id', 'author', 'id', 'no action'],
    ]));
    expect(keys('book_tags')).toEqual(expect.arrayContaining([
      ['book_id', 'book', 'id', 'cascade'],
      ['tag_id', 'tag', 'id', 'cascade'],
    ]));
    expect(table('book_tags')?.primaryKey?.columns).toEqual(['book_id', 'tag_id']);
    expect(table('book')?.indexes.map((i) => i.columns.join())).toEqual(expect.arrayContaining(['author_id', 'publisher_id']));
    expect(table('author')?.indexes.find((i) => i.columns.join() === 'profile_id')?.unique).toBe(true);
  });
});
