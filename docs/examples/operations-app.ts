import 'reflect-metadata';
import express from 'express';
import type { Server } from 'node:http';
import { Column, Entity, Orm, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'accounts' })
export class Account {
  @PrimaryKey() id!: number;
  @Column() owner!: string;
  @Column({ type: 'int' }) balance!: number;
}

export function createApp(orm: Orm): express.Express {
  const app = express();
  app.use(express.json());
  app.use(orm.middleware());

  // Readiness: 503 while the database does not answer (or the circuit breaker is open), with the report as body.
  app.get('/ready', async (_req, res) => {
    const health = await orm.health({ timeoutMs: 500 });
    res.status(health.ok ? 200 : 503).json(health);
  });

  // A transfer that two requests may run at once: a deadlock or a serialization failure runs it again (up to 3
  // times in all); a COMMIT whose outcome is unknown never is.
  app.post('/transfer', async (req, res) => {
    const { from, to, amount } = req.body as { from: number; to: number; amount: number };
    await orm.em.transactional(
      async (tx) => {
        const [source, target] = await Promise.all([tx.findOneOrFail(Account, from), tx.findOneOrFail(Account, to)]);
        source.balance -= amount;
        target.balance += amount;
      },
      { isolationLevel: 'serializable', retry: { attempts: 3, backoff: 20 } },
    );
    res.json({ ok: true });
  });
  return app;
}

/**
 * On SIGTERM: stop taking requests, let the ones in flight finish (up to 10 s), then close the Orm, which waits for
 * their flushes and transactions and cuts off (rolls back) only what is still running at its own deadline.
 */
export function gracefulShutdown(server: Server, orm: Orm): () => Promise<{ abandoned: number }> {
  return async () => {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.race([stopped, new Promise((resolve) => setTimeout(resolve, 10_000))]);
    const { abandoned } = await orm.close({ timeoutMs: 5_000 });
    if (abandoned > 0) console.warn(`shutdown: ${abandoned} connection(s) still busy were closed; their transactions rolled back`);
    return { abandoned };
  };
}

// Wiring it up (see docs/operations.md):
//   const orm = await Orm.init({ dialect: 'postgres', url, entities: [Account], circuitBreaker: { failures: 5, coolDownMs: 2000 } });
//   const server = createApp(orm).listen(3000);
//   process.once('SIGTERM', gracefulShutdown(server, orm));
