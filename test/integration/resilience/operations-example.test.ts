import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Account, createApp, gracefulShutdown } from '../../../docs/examples/operations-app';
import { Orm } from '../../../src';
import { describeEachDialect } from '../../support/dialect-fixture';
import { call } from '../nestjs/nest-app';

// The example of docs/operations.md, run as it is: readiness from orm.health(), transfers with retry, shutdown.
describeEachDialect([Account], (fx) => {
  test('readiness, concurrent transfers with retry, and a graceful shutdown', async () => {
    const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Account], pool: { min: 0, max: 4 } });
    const app = createApp(orm);
    const server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const ready = await call<{ ok: boolean; circuit: string; server: string }>(url, 'GET', '/ready');
    expect(ready).toMatchObject({ status: 200, body: { ok: true, circuit: 'closed' } });

    const em = orm.em.fork();
    const [ada, bob] = [em.create(Account, { owner: 'Ada', balance: 100 }), em.create(Account, { owner: 'Bob', balance: 100 })];
    await em.flush();
    const transfers = await Promise.all([
      call(url, 'POST', '/transfer', { from: ada.id, to: bob.id, amount: 10 }),
      call(url, 'POST', '/transfer', { from: bob.id, to: ada.id, amount: 30 }),
    ]);
    expect(transfers.map((t) => t.status)).toEqual([200, 200]);
    const balances = Object.fromEntries((await fx.raw.rows('accounts')).map((r) => [r.owner, Number(r.balance)]));
    expect(balances).toEqual({ Ada: 120, Bob: 80 });

    expect(await gracefulShutdown(server, orm)()).toEqual({ abandoned: 0 });
    expect((await orm.health()).ok).toBe(false);
  });
});
