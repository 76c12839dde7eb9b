import { Author, Note } from '../support/entities';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author, Note], (fx) => {
  test('create() makes every table with its unique index; drop() removes them', async () => {
    expect(await fx.orm.schema.listTables()).toEqual(expect.arrayContaining(['authors', 'note']));
    await fx.orm.schema.drop();
    expect(await fx.orm.schema.listTables()).not.toEqual(expect.arrayContaining(['authors']));
    await fx.orm.schema.create();
    expect(fx.orm.schema.createSql().some((sql) => /create unique index .authors_email_unique./.test(sql))).toBe(true);
  });

  test('a uuid key is generated in JS at persist; a default applies to a column left undefined', async () => {
    const em = fx.orm.em.fork();
    const note = em.create(Note, { body: 'hello' });
    expect(note.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    await em.flush();
    const [row] = await fx.raw.rows('note');
    expect(row.id).toBe(note.id);
    expect(Number(row.likes)).toBe(0);
    expect(fx.sent('insert')[0].sql).not.toContain('likes');
  });
});
