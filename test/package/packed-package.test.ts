import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPackedPackage } from '../support/packed-package';

/**
 * A user's first five minutes, from the tarball npm would publish: a fresh project with only that, TypeScript 5
 * (what most users compile with; the repository's own compiler is TypeScript 7), @types/node and
 * reflect-metadata. Its entity file compiles with strict checks and skipLibCheck off, so the published .d.ts
 * files are checked too, and runs on SQLite. It imports `tessera-orm/dialect` too, which must resolve under
 * node16 (the `exports` map), node10 (`typesVersions`) and bundler resolution alike; so must `tessera-orm/nestjs`,
 * which a second file uses in a Nest application (with @nestjs/common, @nestjs/core and rxjs installed), while
 * the first checks that `tessera-orm` alone loads no Nest package.
 */
const TSC = require.resolve('typescript5/bin/tsc');

const compilerOptions = {
  target: 'ES2022',
  strict: true,
  skipLibCheck: false,
  experimentalDecorators: true,
  emitDecoratorMetadata: true,
};

const files: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'first-five-minutes', private: true, type: 'commonjs' }),
  'tsconfig.json': JSON.stringify({
    compilerOptions: { ...compilerOptions, module: 'node16', outDir: 'out' },
    files: ['main.ts', 'nest.ts'],
  }),
  'tsconfig.node10.json': JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'commonjs', moduleResolution: 'node10', noEmit: true }, files: ['main.ts', 'nest.ts'] }),
  'tsconfig.bundler.json': JSON.stringify({ compilerOptions: { ...compilerOptions, module: 'esnext', moduleResolution: 'bundler', noEmit: true }, files: ['main.ts', 'nest.ts'] }),
  'main.ts': `
    import 'reflect-metadata';
    import { Column, Entity, Orm, PrimaryKey, Version } from 'tessera-orm';
    import { CompiledQuery, SqlCompiler, type Dialect, type Driver } from 'tessera-orm/dialect';

    // A dialect author's first lines: the seam's types and a base class to extend.
    class BracketCompiler extends SqlCompiler {
      override quoteIdentifier(name: string): string {
        return '[' + name + ']';
      }
    }
    const seam: ReadonlyArray<keyof Dialect | keyof Driver> = ['createCompiler', 'acquire'];
    if (new BracketCompiler().quoteIdentifier('a') !== '[a]' || CompiledQuery.create('select 1', []).sql !== 'select 1' || seam.length !== 2) {
      throw new Error('tessera-orm/dialect is not what it should be');
    }

    @Entity({ table: 'authors' })
    class Author {
      @PrimaryKey() id!: number;
      @Column() name!: string;
      @Column({ unique: true }) email!: string;
      @Column({ type: 'int', nullable: true }) age: number | null = null;
      @Version() version!: number;
    }

    async function main(): Promise<void> {
      const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author] });
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@example.com', age: 36 });
      em.create(Author, { name: 'Bo', email: 'bo@example.com' });
      await em.flush();
      const adults = await orm.em.fork().find(Author, { age: { $gte: 18 } }, { orderBy: { name: 'asc' } });
      process.stdout.write(JSON.stringify(adults.map(({ id, name, email, age, version }) => ({ id, name, email, age, version }))));
      await orm.close();
      if (Object.keys(require.cache).some((path) => path.includes('@nestjs'))) throw new Error('tessera-orm loaded Nest');
    }
    main().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  `,
  'nest.ts': `
    import 'reflect-metadata';
    import { Injectable, Module } from '@nestjs/common';
    import { NestFactory } from '@nestjs/core';
    import { Column, Entity, EntityManager, EntityRepository, Orm, PrimaryKey } from 'tessera-orm';
    import { InjectRepository, TesseraHealthIndicator, TesseraModule, Transactional } from 'tessera-orm/nestjs';

    @Entity({ table: 'notes', repository: () => NoteRepository })
    class Note {
      @PrimaryKey() id!: number;
      @Column() text!: string;
    }

    class NoteRepository extends EntityRepository<Note> {
      texts(): Promise<string[]> {
        return this.find({}, { orderBy: { id: 'asc' } }).then((notes) => notes.map((n) => n.text));
      }
    }

    @Injectable()
    class Notes {
      constructor(@InjectRepository(Note) readonly notes: NoteRepository, readonly em: EntityManager) {}

      @Transactional()
      async write(...texts: string[]): Promise<void> {
        for (const text of texts) this.notes.create({ text });
      }
    }

    @Module({
      imports: [TesseraModule.forRoot({ dialect: 'sqlite', url: ':memory:', entities: [Note] }), TesseraModule.forFeature([Note])],
      providers: [Notes],
    })
    class AppModule {}

    async function main(): Promise<void> {
      const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
      const orm = app.get(Orm);
      await orm.schema.create();
      const notes = app.get(Notes);
      await notes.write('a', 'b');
      const texts = await orm.requestContext(() => notes.notes.texts());
      const health = await app.get(TesseraHealthIndicator).pingCheck('db');
      await app.close();
      process.stdout.write(JSON.stringify({ texts, health }));
    }
    main().catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  `,
};

describe('the packed package in a TypeScript 5 project', () => {
  let project: string;
  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'tessera-packed-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(join(project, name), text);
    installPackedPackage(project, ['reflect-metadata', '@types/node', '@nestjs/common', '@nestjs/core', 'rxjs']);
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  const node = (args: readonly string[]) => {
    const { status, stdout, stderr } = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8' });
    return { status, stdout, stderr };
  };

  test('compiles strictly against the published types and runs a flush and a find on SQLite; tessera-orm/dialect resolves under node16, node10 and bundler', () => {
    expect(node([TSC, '-p', '.'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(node([TSC, '-p', 'tsconfig.node10.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    expect(node([TSC, '-p', 'tsconfig.bundler.json'])).toEqual({ status: 0, stdout: '', stderr: '' });
    const run = node(['out/main.js']);
    expect(run).toEqual({ status: 0, stdout: expect.any(String), stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual([{ id: 1, name: 'Ada', email: 'ada@example.com', age: 36, version: 1 }]);
  });

  test('tessera-orm/nestjs compiles against its published types and runs a Nest application context', () => {
    // Compiled by the first test.
    const run = node(['out/nest.js']);
    expect(run).toEqual({ status: 0, stdout: expect.any(String), stderr: '' });
    expect(JSON.parse(run.stdout)).toEqual({ texts: ['a', 'b'], health: { db: { status: 'up' } } });
  });
});
