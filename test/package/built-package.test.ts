import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The package as users get it: `dist/` (built by `npm test` before jest runs), loaded by plain Node with no
 * transpiler, decorators applied by hand as JavaScript users would.
 */
const script = `
  const { Orm, Entity, PrimaryKey, Column, Version } = require(${JSON.stringify(join(__dirname, '../../dist'))});
  class Book {}
  PrimaryKey({ type: 'int' })(Book.prototype, 'id');
  Column({ type: 'string' })(Book.prototype, 'title');
  Version()(Book.prototype, 'version');
  Entity()(Book);
  (async () => {
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Book] });
    const sent = [];
    orm.on('query', (q) => sent.push(q.sql.split(' ')[0]));
    await orm.schema.create();
    const em = orm.em.fork();
    const book = em.create(Book, { title: 'Dune' });
    await em.flush();
    const found = await orm.em.fork().findOneOrFail(Book, book.id);
    process.stdout.write(JSON.stringify({ id: book.id, title: found.title, version: found.version, sent }));
    await orm.close();
  })().catch((e) => { console.error(e); process.exit(1); });
`;

test('dist/ loads as CommonJS in plain Node and runs a flush and a load', () => {
  const out = JSON.parse(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
  expect(out).toEqual({ id: 1, title: 'Dune', version: 1, sent: ['begin', 'create', 'commit', 'begin', 'insert', 'commit', 'select'] });
});
