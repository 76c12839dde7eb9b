import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

/** The repository root: its dist/ is the built package, its package.json names the bin. */
export const PACKAGE_ROOT = resolve(__dirname, '../..');
/** The built executable, as `npm install` links it into node_modules/.bin/tessera. */
export const BIN = join(PACKAGE_ROOT, 'dist/cli/bin.js');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A throwaway project directory, as a user's would be: `node_modules/tessera-orm` is the package (a link to
 * this repository, whose dist/ `npm test` builds first), and the files a test writes (tessera.config.ts,
 * entities, seeders). `run` spawns the built `tessera` binary in it with plain Node.
 */
export class CliProject {
  readonly dir = mkdtempSync(join(tmpdir(), 'tessera-cli-'));

  constructor(packageRoot = PACKAGE_ROOT) {
    mkdirSync(join(this.dir, 'node_modules'));
    symlinkSync(packageRoot, join(this.dir, 'node_modules/tessera-orm'), 'dir');
  }

  write(files: Readonly<Record<string, string>>): this {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(this.dir, name)), { recursive: true });
      writeFileSync(join(this.dir, name), text);
    }
    return this;
  }

  path(name: string): string {
    return join(this.dir, name);
  }

  run(args: readonly string[], env: Readonly<Record<string, string | undefined>> = {}, bin = BIN, input?: string): Promise<CliResult> {
    const { TESSERA_URL: _inherited, ...base } = process.env;
    return new Promise((resolvePromise, reject) => {
      const child = spawn(process.execPath, [bin, ...args], { cwd: this.dir, env: { ...base, ...env } });
      // Standard input is what `input` says, or closed at once.
      child.stdin.end(input ?? '');
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('error', reject);
      child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
    });
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Entities and seeders of a small library, written as a user would in TypeScript. */
export const LIBRARY_FILES: Readonly<Record<string, string>> = {
  'src/entities.ts': `
import { Column, Entity, ManyToOne, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'cli_author' })
export class Author {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'int', nullable: true }) born: number | null = null;
}

@Entity({ table: 'cli_book' })
export class Book {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Author) author!: Author;
}
`,
  'src/seeders.ts': `
import { Factory, Seeder, type EntityManager } from 'tessera-orm';
import { Author, Book } from './entities';

class AuthorFactory extends Factory<Author> {
  readonly entity = Author;
  definition(i: number) {
    return { name: \`Author \${i}\` };
  }
}

export class AuthorSeeder extends Seeder {
  async run(em: EntityManager) {
    await new AuthorFactory(em).create(3, (i) => ({ born: 1900 + i }));
  }
}

export class DatabaseSeeder extends Seeder {
  async run(em: EntityManager) {
    await this.call(em, [AuthorSeeder]);
    const [first] = await em.find(Author, {}, { orderBy: { id: 'asc' }, limit: 1 });
    em.create(Book, { title: 'Dune', author: first });
  }
}

export class BrokenSeeder extends Seeder {
  async run(em: EntityManager) {
    em.create(Author, { name: 'Half' });
    await em.flush();
    throw new Error('the seed file is wrong');
  }
}
`,
  'tessera.config.ts': `
import { defineConfig } from 'tessera-orm';
import { Author, Book } from './src/entities';
import { BrokenSeeder, DatabaseSeeder, AuthorSeeder } from './src/seeders';

export default defineConfig({ dialect: 'sqlite', url: 'dev.sqlite', entities: [Author, Book], seeders: [DatabaseSeeder, AuthorSeeder, BrokenSeeder] });
`,
};

/** The library's entities after a change that loses data: `born` removed, `nickname` added. */
export const LIBRARY_ENTITIES_V2 = LIBRARY_FILES['src/entities.ts'].replace(
  "@Column({ type: 'int', nullable: true }) born: number | null = null;",
  "@Column({ type: 'string', length: 40, nullable: true }) nickname: string | null = null;",
);
