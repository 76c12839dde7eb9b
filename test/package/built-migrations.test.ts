import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Migrations as a JavaScript project runs them: `dist/` in plain Node, no TypeScript loader. A `.js` migration
 * runs; a `.ts` one is refused by name rather than skipped.
 */
const DIST = JSON.stringify(join(__dirname, '../../dist'));

const script = (folder: string) => `
  const { Orm, Entity, PrimaryKey } = require(${DIST});
  class Note {}
  PrimaryKey({ type: 'int' })(Note.prototype, 'id');
  Entity()(Note);
  (async () => {
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Note], migrations: { path: ${JSON.stringify(folder)} } });
    try {
      const ran = await orm.migrator.up();
      process.stdout.write(JSON.stringify({ ran, tables: await orm.schema.listTables() }));
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: e.name, message: e.message }));
    } finally {
      await orm.close();
    }
  })();
`;

const migration = `const { Migration } = require(${DIST});
exports.Migration20260101000000_notes = class extends Migration {
  up() { this.schema.createTable('notes', (t) => { t.increments('id'); t.text('body').nullable(); }); }
  down() { this.schema.dropTable('notes'); }
};`;

describe('migrations from dist/ in plain Node', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'tessera-js-migrations-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  const run = () => JSON.parse(execFileSync(process.execPath, ['-e', script(folder)], { encoding: 'utf8' })) as Record<string, unknown>;

  test('a .js migration runs', () => {
    writeFileSync(join(folder, 'Migration20260101000000_notes.js'), migration);
    expect(run()).toEqual({ ran: ['Migration20260101000000_notes'], tables: ['notes', 'tessera_migrations'] });
  });

  test('a .ts migration without a TypeScript loader is a MigrationError naming the file', () => {
    const file = join(folder, 'Migration20260102000000_more.ts');
    writeFileSync(file, "import { Migration } from 'tessera-orm';");
    expect(run()).toEqual({
      error: 'MigrationError',
      message: `${file} is not a migration: it is TypeScript and no TypeScript loader is active (run with ts-node or @swc/register, or build it to .js)`,
    });
  });
});
