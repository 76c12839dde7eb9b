import { BadRequestException, Body, Controller, Get, Injectable, Module, Param, Post, type NestMiddleware, type Type } from '@nestjs/common';
import { Catch, type ArgumentsHost, type ExceptionFilter, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { EntityManager, HealthCheckFailedError, Orm, UsageError, type QueryEvent } from '../../../src';
import { InjectRepository, TesseraHealthIndicator, TesseraModule, TesseraRequestContextMiddleware, Transactional } from '../../../src/nestjs';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { call, startNest, type RunningApp } from './nest-app';
import { Account, AccountRepository } from './nest-entities';

class InsufficientFunds extends Error {}

/** What `run` rejects with (failing the test when it resolves). */
async function rejection(run: () => Promise<unknown>): Promise<unknown> {
  return run().then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

@Injectable()
class Bank {
  constructor(
    @InjectRepository(Account) private readonly accounts: AccountRepository,
    private readonly em: EntityManager,
  ) {}

  @Transactional()
  async transfer(from: string, to: string, amount: number): Promise<void> {
    // A row lock needs a transaction: the injected EntityManager is the transaction's while this method runs.
    const [source] = await this.em.find(Account, { owner: from }, { lockMode: 'pessimistic_write' });
    const target = await this.accounts.byOwner(to);
    source.balance -= amount;
    target.balance += amount;
    if (source.balance < 0) throw new InsufficientFunds(`${from} has ${source.balance + amount}`);
  }

  /** Nested: each open() joins this transaction. */
  @Transactional()
  async openAll(owners: string[], failAt?: string): Promise<void> {
    for (const owner of owners) await this.open(owner, owner === failAt);
  }

  @Transactional()
  async open(owner: string, fail = false): Promise<Account> {
    const account = this.accounts.create({ owner, balance: 0 });
    if (fail) throw new InsufficientFunds(`refused ${owner}`);
    return account;
  }

  /** A nested method whose failure the outer one catches: joined, its changes stay in the outer transaction. */
  @Transactional()
  async openCatching(first: string, second: string): Promise<void> {
    await this.open(first);
    await this.open(second, true).catch(() => undefined);
  }
}

@Catch(InsufficientFunds)
class InsufficientFundsFilter implements ExceptionFilter {
  catch(error: InsufficientFunds, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse();
    // Express and Fastify replies both have status(); the send method differs.
    const response = reply.status(409);
    if (typeof response.json === 'function') response.json({ error: error.message });
    else response.send({ error: error.message });
  }
}

@Controller()
class BankController {
  constructor(
    private readonly bank: Bank,
    private readonly health: TesseraHealthIndicator,
  ) {}

  @Post('transfers')
  async transfer(@Body() body: { from: string; to: string; amount: number }): Promise<{ ok: true }> {
    await this.bank.transfer(body.from, body.to, body.amount);
    return { ok: true };
  }

  @Post('accounts')
  async open(@Body() body: { owners: string[]; failAt?: string; catching?: boolean }): Promise<{ ok: true }> {
    if (body.catching) await this.bank.openCatching(body.owners[0], body.owners[1]);
    else await this.bank.openAll(body.owners, body.failAt);
    return { ok: true };
  }

  @Get('health')
  health_(): Promise<unknown> {
    return this.health.pingCheck('database');
  }

  @Get('whoami/:owner')
  whoami(@Param('owner') owner: string): { owner: string } {
    return { owner };
  }
}

/** An application middleware that reads through a repository: it runs after the module's, inside the context. */
@Injectable()
class LoadAccountMiddleware implements NestMiddleware {
  constructor(@InjectRepository(Account) private readonly accounts: AccountRepository) {}

  use(request: { url?: string; originalUrl?: string }, _response: unknown, next: (error?: unknown) => void): void {
    const owner = (request.originalUrl ?? request.url ?? '').split('/').pop() as string;
    this.accounts.findOne({ owner }).then((account) => next(account ? undefined : new BadRequestException(`no account ${owner}`)), next);
  }
}

function appModule(fx: Fixture, root = TesseraModule.forRoot({ dialect: fx.dialect, url: fx.url, entities: [Account], pool: { min: 0, max: 4 } })): Type {
  @Module({
    imports: [root, TesseraModule.forFeature([Account])],
    controllers: [BankController],
    providers: [Bank, { provide: APP_FILTER, useClass: InsufficientFundsFilter }],
  })
  class AppModule implements NestModule {
    configure(consumer: MiddlewareConsumer): void {
      consumer.apply(LoadAccountMiddleware).forRoutes('whoami/:owner');
    }
  }
  return AppModule;
}

test('@Transactional() without TesseraModule is a UsageError that says what to import', async () => {
  const bank = new Bank(undefined as never, undefined as never);
  const error = await rejection(() => bank.open('ada'));
  expect(error).toBeInstanceOf(UsageError);
  expect((error as Error).message).toBe(
    '@Transactional() on Bank.open found no Orm: import TesseraModule.forRoot() (or forRootAsync()) in the application, ' +
      'and call the method once the application has started.',
  );
});

describeEachDialect([Account], (fx) => {
  let running: RunningApp;
  let queries: QueryEvent[];
  // The statements that are not reads; a flush inside a transaction writes in a savepoint of its own, counted apart.
  const verbs = () =>
    queries.map((q) => q.sql.toLowerCase().split(/\s/)[0]).filter((v) => v !== 'select' && v !== 'savepoint' && v !== 'release');
  const savepoints = () => queries.filter((q) => q.sql.toLowerCase().startsWith('savepoint')).length;
  const balances = async () => Object.fromEntries((await fx.raw.rows('accounts')).map((r) => [r.owner, Number(r.balance)]));

  beforeAll(async () => {
    running = await startNest(appModule(fx), 'express');
    queries = [];
    running.app.get(Orm).on('query', (q) => queries.push(q));
  });
  afterAll(() => running?.app.close());
  beforeEach(async () => {
    const em = fx.orm.em.fork();
    em.create(Account, { owner: 'ada', balance: 100 });
    em.create(Account, { owner: 'bob', balance: 0 });
    await em.flush();
    queries.length = 0;
  });

  const begin = fx.dialect === 'mariadb' ? 'start' : 'begin';

  describe('@Transactional()', () => {
    test('commits the changes of its method in one transaction, with the injected EntityManager and repositories on it', async () => {
      expect(await running.call('POST', '/transfers', { from: 'ada', to: 'bob', amount: 30 })).toEqual({ status: 201, body: { ok: true } });
      expect(await balances()).toEqual({ ada: 70, bob: 30 });
      expect(verbs()).toEqual([begin, 'update', 'commit']);
      expect(savepoints()).toBe(1);
    });

    test('rolls back when its method throws, and the error reaches the caller', async () => {
      expect(await running.call('POST', '/transfers', { from: 'ada', to: 'bob', amount: 130 })).toEqual({ status: 409, body: { error: 'ada has 100' } });
      expect(await balances()).toEqual({ ada: 100, bob: 0 });
      expect(verbs()).toEqual([begin, 'rollback']);
    });

    test('a decorated method called by another joins its transaction: one BEGIN, no savepoint of its own, one INSERT at the end', async () => {
      expect((await running.call('POST', '/accounts', { owners: ['cy', 'di', 'ed'] })).status).toBe(201);
      expect(Object.keys(await balances()).sort()).toEqual(['ada', 'bob', 'cy', 'di', 'ed']);
      expect(verbs()).toEqual([begin, 'insert', 'commit']);
      // Only the flush's own savepoint, as for a method that calls no other.
      expect(savepoints()).toBe(1);
    });

    test('a joined method whose throw the outer method catches leaves its changes in the outer transaction', async () => {
      expect((await running.call('POST', '/accounts', { owners: ['cy', 'di'], catching: true })).status).toBe(201);
      expect(Object.keys(await balances()).sort()).toEqual(['ada', 'bob', 'cy', 'di']);
      expect(verbs()).toEqual([begin, 'insert', 'commit']);
    });

    test('a throw in a joined method rolls back the whole transaction', async () => {
      expect((await running.call('POST', '/accounts', { owners: ['cy', 'di', 'ed'], failAt: 'ed' })).status).toBe(409);
      expect(Object.keys(await balances()).sort()).toEqual(['ada', 'bob']);
      expect(verbs()).toEqual([begin, 'rollback']);
    });

    test('outside any request (a cron job, a queue consumer) it runs on a fresh EntityManager, and inside orm.requestContext on its fork', async () => {
      const bank = running.app.get(Bank);
      await bank.transfer('ada', 'bob', 10);
      expect(await balances()).toEqual({ ada: 90, bob: 10 });
      const orm = running.app.get(Orm);
      await orm.requestContext(async () => {
        await bank.transfer('bob', 'ada', 5);
        // The request's fork adopted what the transaction loaded and wrote.
        expect((await orm.em.findOne(Account, { owner: 'bob' }))?.balance).toBe(5);
      });
      expect(await balances()).toEqual({ ada: 95, bob: 5 });
    });
  });

  describe('the request context', () => {
    test("an application's own middleware runs inside it and can use injected repositories", async () => {
      expect(await running.call('GET', '/whoami/ada')).toEqual({ status: 200, body: { owner: 'ada' } });
      expect((await running.call('GET', '/whoami/zed')).status).toBe(400);
    });
  });

  describe('requestContext: false', () => {
    test('leaves the routes without a request context, for the application to apply TesseraRequestContextMiddleware where it wants', async () => {
      @Controller()
      class CountController {
        constructor(private readonly em: EntityManager) {}

        @Get('with/count')
        with_(): Promise<number> {
          return this.em.count(Account);
        }

        @Get('without/count')
        without(): Promise<number> {
          return this.em.count(Account);
        }
      }
      @Module({
        imports: [TesseraModule.forRoot({ dialect: fx.dialect, url: fx.url, entities: [Account], pool: { min: 0, max: 2 }, requestContext: false })],
        controllers: [CountController],
      })
      class PartialModule implements NestModule {
        configure(consumer: MiddlewareConsumer): void {
          consumer.apply(TesseraRequestContextMiddleware).forRoutes('with/*path');
        }
      }
      const partial = await startNest(PartialModule, 'express', { quiet: true });
      try {
        expect(await partial.call('GET', '/with/count')).toEqual({ status: 200, body: 2 });
        // orm.em outside a request context: the UsageError becomes Nest's 500.
        expect((await partial.call('GET', '/without/count')).status).toBe(500);
      } finally {
        await partial.app.close();
      }
    });
  });

  describe('TesseraHealthIndicator', () => {
    test("pingCheck reports { [key]: { status: 'up' } } with one statement", async () => {
      expect(await running.call('GET', '/health')).toEqual({ status: 200, body: { database: { status: 'up' } } });
      expect(queries).toHaveLength(1);
    });
  });

  describe('forRootAsync, and shutdown', () => {
    @Injectable()
    class Config {
      readonly url = fx.url;
    }
    @Module({ providers: [Config], exports: [Config] })
    class ConfigModule {}

    test('forRootAsync builds the options from injected providers; app.close() closes the Orm', async () => {
      const root = TesseraModule.forRootAsync({
        imports: [ConfigModule],
        inject: [Config],
        useFactory: (config: Config) => ({ dialect: fx.dialect, url: config.url, entities: [Account], pool: { min: 0, max: 2 } }),
      });
      const other = await startNest(appModule(fx, root), 'fastify');
      const orm = other.app.get(Orm);
      expect(await other.call('POST', '/transfers', { from: 'ada', to: 'bob', amount: 1 })).toEqual({ status: 201, body: { ok: true } });
      expect(await balances()).toEqual({ ada: 99, bob: 1 });
      // Two applications, two Orms: outside any request, @Transactional() cannot tell which to use.
      const ambiguous = await rejection(() => running.app.get(Bank).transfer('bob', 'ada', 1));
      expect(ambiguous).toBeInstanceOf(UsageError);
      expect((ambiguous as Error).message).toBe(
        '@Transactional() on Bank.transfer was called outside any request context while 2 Orms are open, so it cannot tell ' +
          'which to use: call it inside orm.requestContext(() => ...) of the Orm it should use.',
      );
      await orm.requestContext(() => other.app.get(Bank).transfer('bob', 'ada', 1));
      await other.app.close();
      const afterClose = await rejection(() => orm.em.fork().count(Account));
      expect(afterClose).toBeInstanceOf(Error);
      expect((afterClose as Error).message).toMatch(/closed/i);
      // The health indicator of a closed Orm reports it down.
      const down = await rejection(() => new TesseraHealthIndicator(orm).pingCheck('db'));
      expect(down).toBeInstanceOf(HealthCheckFailedError);
      expect(down).toMatchObject({ isHealthCheckError: true, causes: { db: { status: 'down', message: expect.stringMatching(/closed/i) } } });
      // The first application, and @Transactional() with it, go on working.
      await running.app.get(Bank).transfer('ada', 'bob', 1);
      expect(await balances()).toEqual({ ada: 99, bob: 1 });
      await expect(call(other.url, 'GET', '/health')).rejects.toThrow();
    });
  });
});
