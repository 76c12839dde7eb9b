import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DatabaseSchema, TableSchema, invertOperations, type ColumnSchema, type MigrationClass, type SchemaOperation } from '../../../src';
import { ForeignKeySchema } from '../../../src/sql/schema-model/foreign-key-schema';
import { IndexSchema } from '../../../src/sql/schema-model/index-schema';
import { PrimaryKeySchema } from '../../../src/sql/schema-model/primary-key-schema';
import { migrationName, migrationSource, nameTime } from '../../../src/migrations/generator/migration-source';

const AT = new Date('2026-11-21T19:30:00.123Z');
const col = (c: Partial<ColumnSchema> & Pick<ColumnSchema, 'name' | 'type'>): ColumnSchema => ({ nativeType: c.type ?? '', nullable: false, identity: false, ...c });

const id = col({ name: 'id', type: 'int', nativeType: 'integer', identity: true });
const email = col({ name: 'email', type: 'string', nativeType: 'character varying(255)', length: 255 });
const age = col({ name: 'age', type: 'int', nativeType: 'integer', nullable: true, default: '0' });
const authors = TableSchema.create({
  name: 'authors',
  columns: [
    id,
    email,
    col({ name: 'bio', type: 'text', default: "'it''s \\ new'" }),
    col({ name: 'score', type: 'decimal', precision: 12, scale: 2, default: '0.5' }),
    col({ name: 'views', type: 'bigint', default: '9007199254740993' }),
    col({ name: 'active', type: 'boolean', default: 'true' }),
    col({ name: 'born', type: 'timestamp', precision: 6, nullable: true, default: 'current_timestamp' }),
    col({ name: 'mood', type: 'enum', nativeType: 'mood', items: ['happy', 'sad'], default: "'sad'" }),
    col({ name: 'spot', type: undefined, nativeType: 'point', nullable: true }),
  ],
  primaryKey: PrimaryKeySchema.create(undefined, ['id']),
  uniqueConstraints: [{ name: 'authors_email_unique', columns: ['email'] }],
  indexes: [IndexSchema.create('authors_score_views', ['score', 'views'], true)],
  foreignKeys: [],
});
const toAuthor = ForeignKeySchema.create({ name: 'books_author_id_foreign', columns: ['author_id'], referencedTable: 'authors', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' });

const OPS: SchemaOperation[] = [
  { kind: 'createEnum', enum: { name: 'mood', values: ['happy', 'sad'] } },
  { kind: 'createTable', table: authors },
  { kind: 'addColumn', table: 'books', column: age },
  { kind: 'renameColumn', table: 'books', from: 'name', to: 'title' },
  { kind: 'alterColumn', table: 'books', from: col({ name: 'pages', type: 'int' }), to: col({ name: 'pages', type: 'bigint', nullable: true }) },
  { kind: 'addForeignKey', table: 'books', foreignKey: toAuthor },
  { kind: 'dropIndex', table: 'books', index: IndexSchema.create('books_title_index', ['title'], false) },
  { kind: 'dropColumn', table: 'books', column: col({ name: 'legacy', type: 'string', length: 20, nullable: true }) },
];

describe('migrationName', () => {
  test('is Migration, the UTC time to the second and the title in snake case, so names sort by time', () => {
    expect(migrationName('add age', AT)).toBe('Migration20261121193000_add_age');
    expect(migrationName('AddAuthorBio', AT)).toBe('Migration20261121193000_add_author_bio');
    expect(migrationName('  drop: legacy -> v2!', AT)).toBe('Migration20261121193000_drop_legacy_v2');
    expect(migrationName('add age', new Date('2026-11-21T19:29:59Z')) < migrationName('add age', AT)).toBe(true);
  });
});

describe('nameTime', () => {
  test('is now to the second, or one second after the latest migration, so a new one always sorts last', () => {
    expect(nameTime([], AT)).toEqual(new Date('2026-11-21T19:30:00Z'));
    expect(nameTime(['Migration20261121192959_a', 'not_a_migration'], AT)).toEqual(new Date('2026-11-21T19:30:00Z'));
    expect(nameTime(['Migration20261121193000_a'], AT)).toEqual(new Date('2026-11-21T19:30:01Z'));
    expect(nameTime(['Migration20261121193000_a', 'Migration20261121193001_b'], AT)).toEqual(new Date('2026-11-21T19:30:02Z'));
  });
});

describe('migrationSource', () => {
  test('writes up() through the builder and down() as the inverses, last first, and marks the destructive step', () => {
    const { name, source, warnings } = migrationSource('evolve books', OPS, AT, '../../../../src');
    expect(name).toBe('Migration20261121193000_evolve_books');
    expect(warnings).toEqual(['drop column books.legacy (its values are lost)']);
    // The golden file is type-checked by `npm run typecheck`: generated migrations compile.
    expect(source).toBe(readFileSync(join(__dirname, 'golden', `${name}.ts`), 'utf8'));
  });

  test('marks every destructive step: a dropped table, a narrowed type, NOT NULL without a default', () => {
    const { source, warnings } = migrationSource(
      'risky',
      [
        { kind: 'alterColumn', table: 'authors', from: email, to: { ...email, length: 100 } },
        { kind: 'addColumn', table: 'authors', column: col({ name: 'code', type: 'string', length: 8 }) },
        { kind: 'dropTable', table: authors },
      ],
      AT,
    );
    expect(warnings).toHaveLength(3);
    expect(warnings[2]).toBe('drop table authors (its rows are lost)');
    const lines = source.split('\n').map((l) => l.trim());
    for (const [i, warning] of warnings.entries()) {
      const at = lines.indexOf(`// Lossy: ${warning}.`);
      expect(at).toBeGreaterThan(0);
      // The comment sits right above its step.
      expect(lines[at + 1]).toMatch([/^this\.schema\.alterColumn/, /^this\.schema\.addColumn/, /^this\.schema\.dropTable/][i]);
    }
  });

  test('a text column with items (an enum without a native type) is written as t.enum', () => {
    const mood = col({ name: 'mood', type: 'text', nativeType: 'text', items: ['happy', 'sad'], default: "'sad'" });
    const { source } = migrationSource('mood', [{ kind: 'addColumn', table: 'authors', column: mood }], AT);
    expect(source).toContain("this.schema.addColumn('authors', (t) => t.enum('mood', ['happy', 'sad']).defaultTo('sad'));");
  });

  test('an empty migration has empty methods; raw SQL without a down makes down() irreversible', () => {
    expect(migrationSource('nothing', [], AT).source).toContain('  up(): void {\n  }\n\n  down(): void {\n  }\n}');
    const raw = migrationSource('backfill', [{ kind: 'raw', sql: "update books set title = 'x'" }], AT).source;
    expect(raw).toContain("    this.sql('update books set title = \\'x\\'');");
    expect(raw).toContain("    this.irreversible('a raw SQL step of up() has no down');");
  });

  describe('the generated class, run, records the operations it was written from', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-generated-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    /** Builder columns name their portable type as nativeType (renderers write `type`), the one thing that differs. */
    const portable = (ops: readonly SchemaOperation[]) =>
      JSON.parse(JSON.stringify(ops, (key, value: unknown) => (key === 'nativeType' ? undefined : value))) as unknown;

    const load = (ops: SchemaOperation[]): MigrationClass => {
      const { name, source } = migrationSource('round trip', ops, AT, resolve(__dirname, '../../../src'));
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, source);
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loading the file just written
      return (require(file) as Record<string, MigrationClass>)[name];
    };

    test('up() against the schema before, down() against the schema after', async () => {
      const books = (columns: ColumnSchema[], indexes: IndexSchema[], foreignKeys: ForeignKeySchema[]) =>
        TableSchema.create({ name: 'books', columns, uniqueConstraints: [], indexes, foreignKeys });
      const pagesBefore = col({ name: 'pages', type: 'int' });
      const pagesAfter = col({ name: 'pages', type: 'bigint', nullable: true });
      const legacy = col({ name: 'legacy', type: 'string', length: 20, nullable: true });
      const byTitle = IndexSchema.create('books_title_index', ['title'], false);
      const before = DatabaseSchema.create([books([col({ name: 'name', type: 'text' }), pagesBefore, legacy], [byTitle], [])], []);
      const after = DatabaseSchema.create(
        [
          authors,
          books([col({ name: 'title', type: 'text' }), pagesAfter, age, col({ name: 'author_id', type: 'int' })], [], [toAuthor]),
        ],
        [{ name: 'mood', values: ['happy', 'sad'] }],
      );
      const Generated = load(OPS);
      expect(portable(await new Generated().record('up', before, 'g'))).toEqual(portable(OPS));
      expect(portable(await new Generated().record('down', after, 'g'))).toEqual(portable(invertOperations(OPS)!));
    });
  });
});
