import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve, dirname } from 'node:path';

/**
 * The layers of ../shared/ARCHITECTURE.md, enforced: each folder of src/ may import only the folders listed for
 * it (type-only imports included, except where noted), and nothing outside orm.ts and the registry imports a
 * concrete dialect. dpdm (npm run cycles) catches cycles; this catches an arrow pointing up.
 */
const SRC = resolve(__dirname, '../../../src');

const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  errors: ['errors'],
  // The lifecycle event bus and its payloads: below the unit of work, which raises the events.
  events: ['events'],
  metadata: ['metadata', 'errors'],
  decorators: ['decorators', 'metadata', 'errors'],
  mapper: ['mapper', 'metadata', 'errors'],
  query: ['query', 'mapper', 'metadata', 'errors'],
  // Relations (Reference, Collection, loaders) sit under the unit of work, which reads collections and references.
  relations: ['relations', 'query', 'mapper', 'metadata', 'errors'],
  'unit-of-work': ['unit-of-work', 'events', 'relations', 'mapper', 'metadata', 'errors'],
  // Lifecycle (hooks, subscribers, validation, audit, change feed) and the cache hang on the commit events (events/),
  // beside the unit of work. The change feed declares its outbox table as an internal entity (decorators/) and
  // knows the dialect seam's notifications by their type.
  lifecycle: ['lifecycle', 'events', 'unit-of-work', 'relations', 'query', 'mapper', 'metadata', 'decorators', 'errors', 'dialects'],
  // The cache implements the loader's port (relations/load-cache.ts) by its type.
  cache: ['cache', 'events', 'unit-of-work', 'relations', 'query', 'mapper', 'metadata', 'errors'],
  // The seam and one folder per database; the SQL dialects build on sql/.
  dialects: ['dialects', 'sql', 'query', 'mapper', 'metadata', 'errors', 'unit-of-work'],
  // Shared SQL machinery: base compiler, SQL flush executor, pooled driver, schema model and DDL writer. It
  // implements the seam's interfaces and the core's ports; nothing in the core reaches it but migrations.
  sql: ['sql', 'dialects', 'query', 'mapper', 'metadata', 'errors', 'unit-of-work'],
  // Migrations diff and apply the schema model.
  migrations: ['migrations', 'dialects', 'sql', 'query', 'metadata', 'errors'],
  em: ['em', 'unit-of-work', 'relations', 'query', 'mapper', 'metadata', 'errors', 'dialects', 'lifecycle', 'events', 'cache'],
  // Backup and restore read and write whole databases through the seam, the schema model and introspection.
  backup: ['backup', 'dialects', 'sql', 'migrations', 'query', 'metadata', 'errors', 'unit-of-work'],
  // Seeders and factories work through the EntityManager, like an application does.
  seeding: ['seeding', 'em', 'query', 'metadata', 'errors'],
  // The command line sits on top: it opens an Orm and calls orm.schema, orm.migrator and the seeding API.
  cli: ['cli', 'orm', 'seeding', 'migrations', 'dialects', 'sql', 'errors'],
  // Framework integrations (NestJS module, @InjectRepository, @Transactional) sit on top with cli/; from dialects/
  // they take loadOptional (a missing @nestjs/common names its install command) and the transaction options type.
  integrations: ['integrations', 'orm', 'em', 'metadata', 'errors', 'dialects'],
};

/** Imports of these from outside their folder may only be of types (the flush plan is an interface). */
const TYPE_ONLY_FROM: Readonly<Record<string, readonly string[]>> = {
  dialects: ['unit-of-work'],
  sql: ['unit-of-work'],
  em: ['dialects'],
  lifecycle: ['dialects'],
  cache: ['relations'],
  cli: ['sql'],
};

const CONCRETE_DIALECT = /^dialects\/(sqlite|postgres|mysql)\//;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

interface Import {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const found: Import[] = [];
  for (const match of text.matchAll(/^import\s+(type\s+)?[^'"]*?from\s+'(\.[^']+)'|^import\s+'(\.[^']+)'/gm)) {
    const spec = match[2] ?? match[3];
    found.push({
      from: relative(SRC, file),
      to: relative(SRC, resolve(dirname(file), spec)),
      typeOnly: Boolean(match[1]),
    });
  }
  return found;
}

const topFolder = (path: string) => (path.includes('/') ? path.split('/')[0] : path);

const imports = sourceFiles(SRC).flatMap(importsOf);

test('every source file is seen, with its relative imports', () => {
  expect(imports.length).toBeGreaterThan(100);
  expect(imports.some((i) => i.from === 'em/entity-manager.ts' && i.to === 'unit-of-work/unit-of-work')).toBe(true);
});

test('imports point down the layers', () => {
  const violations = imports
    .filter((i) => ALLOWED[topFolder(i.from)])
    .filter((i) => {
      const from = topFolder(i.from);
      const to = topFolder(i.to);
      if (!ALLOWED[from].includes(to)) return true;
      return (TYPE_ONLY_FROM[from] ?? []).includes(to) && !i.typeOnly;
    })
    .map((i) => `${i.from} -> ${i.to}${i.typeOnly ? ' (type)' : ''}`);
  expect(violations).toEqual([]);
});

test('only the dialect registry reaches a concrete dialect from outside it', () => {
  const violations = imports
    .filter((i) => CONCRETE_DIALECT.test(`${i.to}/`) || CONCRETE_DIALECT.test(i.to))
    .filter((i) => !i.from.startsWith(i.to.split('/').slice(0, 2).join('/')))
    .filter((i) => i.from !== 'dialects/dialect-registry.ts')
    .map((i) => `${i.from} -> ${i.to}`);
  expect(violations).toEqual([]);
});

test('the seam at the top of dialects/ knows the shared SQL machinery only by its types', () => {
  const violations = imports
    .filter((i) => /^dialects\/[^/]+$/.test(i.from) && topFolder(i.to) === 'sql' && !i.typeOnly)
    .map((i) => `${i.from} -> ${i.to}`);
  expect(violations).toEqual([]);
});

test('the errors module imports nothing but errors, so it can never join a cycle', () => {
  expect(imports.filter((i) => i.from.startsWith('errors/') && topFolder(i.to) !== 'errors')).toEqual([]);
});

/** Packages of web frameworks: only the integrations room may load them, so `tessera-orm` itself never does. */
const FRAMEWORK = /^(@nestjs\/|express$|fastify$|koa$|@fastify\/)/;

test('only integrations/ (behind the tessera-orm/nestjs entry) imports a framework, and nothing else imports integrations/', () => {
  const files = sourceFiles(SRC).map((file) => relative(SRC, file));
  const frameworkImports = files.flatMap((file) =>
    [...readFileSync(join(SRC, file), 'utf8').matchAll(/^import\s+(?:type\s+)?(?:[^'"]*?from\s+)?'([^.'][^']*)'/gm)]
      .filter((match) => FRAMEWORK.test(match[1]))
      .map((match) => `${file} -> ${match[1]}`),
  );
  expect(frameworkImports.length).toBeGreaterThan(0);
  expect(frameworkImports.filter((i) => !i.startsWith('integrations/'))).toEqual([]);
  expect(imports.filter((i) => topFolder(i.to) === 'integrations' && !i.from.startsWith('integrations/') && i.from !== 'nestjs.ts')).toEqual([]);
});
