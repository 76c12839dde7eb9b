import { HealthCheckFailedError, Orm } from '../../../src';
import { TesseraHealthIndicator } from '../../../src/nestjs';
import { describeEachDialect } from '../../support/dialect-fixture';
import { Author } from '../../support/entities';
import { TcpProxy } from '../../support/tcp-proxy';

/** A database that stops answering: the indicator reports it down after its timeout instead of hanging. */
describeEachDialect(
  [Author],
  (fx) => {
    let proxy: TcpProxy;
    let orm: Orm;

    beforeEach(async () => {
      proxy = await TcpProxy.inFrontOf(fx.url);
      orm = await Orm.init({ dialect: fx.dialect, url: proxy.url(fx.url), entities: [Author], pool: { min: 0, max: 2 } });
    });
    afterEach(async () => {
      await proxy.close();
      await orm.close();
    });

    test('a silent server is down after timeoutMs, with the message under the key', async () => {
      const indicator = new TesseraHealthIndicator(orm);
      expect(await indicator.pingCheck('db')).toEqual({ db: { status: 'up' } });
      proxy.stall();
      const error = await indicator.pingCheck('db', { timeoutMs: 300 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HealthCheckFailedError);
      expect(error).toMatchObject({
        message: "Health check 'db' failed: the database did not answer within 300 ms",
        isHealthCheckError: true,
        causes: { db: { status: 'down', message: 'the database did not answer within 300 ms' } },
      });
    });
  },
  { dialects: ['postgres', 'mariadb'] },
);
