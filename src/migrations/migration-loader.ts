import { readdirSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { MigrationError } from '../errors/migration-error';
import type { MigrationClass } from './migration';
import type { LoadedMigration } from './migration-runner';

/**
 * @internal The configured migrations, sorted by name (names start with a timestamp, so this is the order they
 * were written in): the classes of `list`, named after the class, and the files of `path`, named after the
 * file. A folder's `.ts` files load only where a TypeScript loader is active (ts-node, @swc/register, jest).
 */
export function loadMigrations(options: { path?: string; list?: readonly MigrationClass[] }): LoadedMigration[] {
  const loaded = [...(options.list ?? []).map((c) => ({ name: c.name, migrationClass: c })), ...(options.path ? loadFolder(options.path) : [])];
  const names = new Set<string>();
  for (const { name } of loaded) {
    if (names.has(name)) throw MigrationError.duplicateName(name);
    names.add(name);
  }
  return loaded.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function loadFolder(path: string): LoadedMigration[] {
  const folder = resolve(path);
  let files: string[];
  try {
    files = readdirSync(folder);
  } catch (error) {
    // No folder yet: no migration has been written.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const isTypeScript = (file: string) => /\.c?ts$/.test(file);
  // A built project may hold both x.ts and its compiled x.js: one migration, loaded from the .js.
  const byName = new Map<string, string>();
  for (const file of files.filter((f) => /\.c?[jt]s$/.test(f) && !/\.d\.c?ts$/.test(f))) {
    const name = basename(file, extname(file));
    const known = byName.get(name);
    if (!known || (isTypeScript(known) && !isTypeScript(file))) byName.set(name, join(folder, file));
  }
  const typescript = typeScriptLoads();
  for (const file of byName.values()) {
    if (isTypeScript(file) && !typescript) {
      throw MigrationError.badModule(file, 'it is TypeScript and no TypeScript loader is active (run with ts-node or @swc/register, or build it to .js)');
    }
  }
  return [...byName.entries()].map(([name, file]) => ({ name, migrationClass: migrationClassOf(file) }));
}

function migrationClassOf(file: string): MigrationClass {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- migrations are CommonJS modules loaded by path at run time
  const exported = Object.values(require(file) as Record<string, unknown>).filter(isMigrationClass);
  if (exported.length !== 1) throw MigrationError.badModule(file, `it must export one Migration class (it exports ${exported.length})`);
  return exported[0];
}

/** A class with up() and down() on its prototype (not `instanceof`: a project may load two copies of Tessera). */
function isMigrationClass(value: unknown): value is MigrationClass {
  if (typeof value !== 'function') return false;
  const prototype = (value as { prototype?: { up?: unknown; down?: unknown; record?: unknown } }).prototype;
  return typeof prototype?.up === 'function' && typeof prototype.down === 'function' && typeof prototype.record === 'function';
}

function typeScriptLoads(): boolean {
  // ts-node and @swc/register add .ts to Node's table; jest's require (which compiles .ts itself) has an empty
  // one, without even .js. An environment variable would not do: a jest worker's leaks into processes it spawns.
  const extensions = require.extensions;
  return extensions['.ts'] !== undefined || extensions['.js'] === undefined;
}
