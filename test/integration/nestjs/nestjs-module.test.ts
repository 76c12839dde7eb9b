import { setTimeout as sleep } from 'node:timers/promises';
import { Body, Controller, Get, Injectable, Module, Param, Post, type Type } from '@nestjs/common';
import { EntityManager, EntityRepository, Orm, type QueryEvent } from '../../../src';
import { InjectRepository, TesseraModule, getRepositoryToken } from '../../../src/nestjs';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author } from '../../support/entities';
import { Gate, NEST_ADAPTERS, startNest, type RunningApp } from './nest-app';
import { Account, AccountRepository } from './nest-entities';

/** What the handlers saw, for the test to compare across requests. */
const seen = new Map<string, Author>();
const gates = new Map<string, { loaded: Gate; go: Gate }>();

@Injectable()
class AuthorService {
  // Singletons, built once: they reach each request's fork through the request context.
  constructor(
    @InjectRepository(Author) readonly authors: EntityRepository<Author>,
    readonly em: EntityManager,
  ) {}

  async rename(id: number, name: string, options: { gate?: string; sleepMs?: number; loadAll?: boolean; flush: boolean }): Promise<{ before: string }> {
    if (options.loadAll) await this.authors.find();
    const author = await this.authors.findOneOrFail({ id });
    const before = author.name;
    if (options.gate) seen.set(options.gate, author);
    author.name = name;
    if (options.gate) {
      const gate = gates.get(options.gate)!;
      gate.loaded.open();
      await gate.go.opened;
    }
    if (options.sleepMs) await sleep(options.sleepMs);
    if (options.flush) await this.em.flush();
    return { before };
  }
}

@Controller('authors')
class AuthorsController {
  constructor(
    private readonly service: AuthorService,
    @InjectRepository(Author) private readonly authors: EntityRepository<Author>,
    private readonly em: EntityManager,
  ) {}

  @Post()
  async create(@Body() body: { name: string; email: string }): Promise<{ id: number }> {
    const author = this.authors.create(body);
    await this.em.flush();
    return { id: author.id };
  }

  @Get(':id')
  async get(@Param('id') id: string): Promise<{ name: string; sameInstance: boolean }> {
    const author = await this.authors.findOneOrFail({ id: Number(id) });
    return { name: author.name, sameInstance: (await this.em.findOne(Author, Number(id))) === author };
  }

  @Post(':id/rename')
  rename(@Param('id') id: string, @Body() body: { name: string; gate?: string; sleepMs?: number; loadAll?: boolean; flush: boolean }): Promise<{ before: string }> {
    return this.service.rename(Number(id), body.name, body);
  }
}

@Controller('accounts')
class AccountsController {
  constructor(
    @InjectRepository(Account) private readonly injected: AccountRepository,
    private readonly byType: AccountRepository,
    private readonly em: EntityManager,
  ) {}

  @Post()
  async open(@Body() body: { owner: string; balance: number }): Promise<{ id: number }> {
    return { id: (await this.injected.open(body.owner, body.balance)).id };
  }

  @Get(':owner')
  async get(@Param('owner') owner: string): Promise<{ balance: number; custom: boolean; sameRepository: boolean; emReturnsIt: boolean }> {
    const account = await this.byType.byOwner(owner);
    return {
      balance: account.balance,
      custom: this.injected instanceof AccountRepository,
      sameRepository: this.injected === this.byType,
      emReturnsIt: this.em.getRepository(Account) instanceof AccountRepository,
    };
  }
}

function appModule(fx: Fixture): Type {
  @Module({
    imports: [
      TesseraModule.forRoot({ dialect: fx.dialect, url: fx.url, entities: [Author, Account], pool: { min: 0, max: 8 } }),
      TesseraModule.forFeature([Author, Account]),
    ],
    controllers: [AuthorsController, AccountsController],
    providers: [AuthorService],
  })
  class AppModule {}
  return AppModule;
}

describeEachDialect([Author, Account], (fx) => {
  describe.each(NEST_ADAPTERS)('on the %s adapter', (adapter) => {
    let running: RunningApp;
    let queries: QueryEvent[];

    beforeAll(async () => {
      running = await startNest(appModule(fx), adapter);
      queries = [];
      running.app.get(Orm).on('query', (q) => queries.push(q));
    });
    afterAll(() => running?.app.close());
    beforeEach(() => {
      queries.length = 0;
      seen.clear();
      gates.clear();
    });

    const seed = async (...names: string[]) => {
      const ids: number[] = [];
      for (const name of names) ids.push((await running.call<{ id: number }>('POST', '/authors', { name, email: `${name.toLowerCase()}@x.io` })).body.id);
      return ids;
    };

    test('an injected repository and EntityManager work in a request: one INSERT per POST, the row in the database', async () => {
      const created = await running.call<{ id: number }>('POST', '/authors', { name: 'Ada', email: 'ada@x.io' });
      expect(created).toEqual({ status: 201, body: { id: expect.any(Number) } });
      expect(queries.filter((q) => q.sql.toLowerCase().startsWith('insert'))).toHaveLength(1);
      expect(await fx.raw.rows('authors')).toEqual([expect.objectContaining({ id: created.body.id, name: 'Ada', email: 'ada@x.io' })]);
      // The repository and the EntityManager share the request's identity map.
      expect(await running.call('GET', `/authors/${created.body.id}`)).toEqual({ status: 200, body: { name: 'Ada', sameInstance: true } });
    });

    test('the global EntityManager is what EntityManager injects, and the repository token is stable', () => {
      expect(running.app.get(EntityManager)).toBe(running.app.get(Orm).em);
      expect(running.app.get(getRepositoryToken(Author), { strict: false })).toBeInstanceOf(EntityRepository);
      expect(getRepositoryToken(Author)).toBe(getRepositoryToken(Author));
    });

    test("an entity's own repository class is injected, by @InjectRepository and by type, and em.getRepository returns it", async () => {
      expect((await running.call('POST', '/accounts', { owner: 'ada', balance: 10 })).status).toBe(201);
      expect(await fx.raw.rows('accounts')).toEqual([expect.objectContaining({ owner: 'ada', balance: 10 })]);
      expect(await running.call('GET', '/accounts/ada')).toEqual({
        status: 200,
        body: { balance: 10, custom: true, sameRepository: true, emReturnsIt: true },
      });
    });

    test('two concurrent requests never see each other\'s identity map, and a change made in one is never flushed by another', async () => {
      const [ada, bob] = await seed('Ada', 'Bob');
      gates.set('a', { loaded: new Gate(), go: new Gate() });
      // Request A loads Ada and renames her, then waits (unflushed) while request B loads Ada and Bob and flushes.
      const a = running.call<{ before: string }>('POST', `/authors/${ada}/rename`, { name: 'Ada (A)', gate: 'a', flush: false });
      await gates.get('a')!.loaded.opened;
      const sawAda = await running.call('GET', `/authors/${ada}`);
      const b = await running.call<{ before: string }>('POST', `/authors/${bob}/rename`, { name: 'Bob (B)', flush: true });
      gates.get('a')!.go.open();
      expect((await a).body).toEqual({ before: 'Ada' });
      // B's request saw the database's Ada, not A's unflushed instance.
      expect(sawAda.body).toEqual({ name: 'Ada', sameInstance: true });
      expect(b.body).toEqual({ before: 'Bob' });
      const rows = await fx.raw.rows('authors');
      expect(rows.map((r) => [r.name, Number(r.version)])).toEqual([
        ['Ada', 1],
        ['Bob (B)', 2],
      ]);
      expect(queries.filter((q) => q.sql.toLowerCase().startsWith('update'))).toHaveLength(1);
    });

    test('interleaved requests that sleep between load and flush each write only their own change', async () => {
      const ids = await seed('A0', 'A1', 'A2', 'A3', 'A4', 'A5');
      queries.length = 0;
      // Each request loads every author first (so each identity map holds all of them), then renames its own,
      // sleeps (the first to load flushes last) and flushes.
      const responses = await Promise.all(
        ids.map((id, i) => running.call('POST', `/authors/${id}/rename`, { name: `renamed by request ${i}`, sleepMs: 20 * (ids.length - i), loadAll: true, flush: true })),
      );
      expect(responses.map((r) => r.status)).toEqual(ids.map(() => 201));
      const rows = await fx.raw.rows('authors');
      expect(rows.map((r) => [r.name, Number(r.version)])).toEqual(ids.map((_, i) => [`renamed by request ${i}`, 2]));
      // One UPDATE per request, each of one row.
      const updates = queries.filter((q) => q.sql.toLowerCase().startsWith('update'));
      expect(updates).toHaveLength(ids.length);
    });
  });
});
