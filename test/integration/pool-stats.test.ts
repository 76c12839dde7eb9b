import { Author } from '../support/entities';
import { until } from '../support/lock-waits';
import { describeEachDialect } from '../support/dialect-fixture';

describeEachDialect([Author], (fx) => {
  const max = fx.dialect === 'sqlite' ? 1 : 4;

  test('poolStats() counts the connections in use, idle and waited for', async () => {
    expect(fx.orm.poolStats()).toMatchObject({ used: 0, pending: 0, max });
    let inside: ReturnType<typeof fx.orm.poolStats> | undefined;
    await fx.orm.em.fork().transactional(async () => {
      inside = fx.orm.poolStats();
    });
    expect(inside).toMatchObject({ used: 1, pending: 0 });
    expect(inside!.size).toBe(inside!.used + inside!.free);
    expect(fx.orm.poolStats()).toMatchObject({ used: 0, free: fx.orm.poolStats().size });
  });

  test('a caller waiting for the only free connection shows as pending', async () => {
    const holders = Array.from({ length: max }, () => {
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const done = fx.orm.em.fork().transactional(() => held);
      return { release, done };
    });
    try {
      // Connections open at the server's pace: wait until every holder has one (a fixed sleep fails on a busy machine).
      await until(async () => fx.orm.poolStats().used === max);
      const waiter = fx.orm.em.fork().transactional(async () => undefined);
      await until(async () => fx.orm.poolStats().pending === 1);
      expect(fx.orm.poolStats()).toMatchObject({ used: max, free: 0, pending: 1, size: max });
      for (const holder of holders) holder.release();
      await Promise.all([...holders.map((h) => h.done), waiter]);
      expect(fx.orm.poolStats()).toMatchObject({ used: 0, pending: 0 });
    } finally {
      // A failed expectation must not leave the connections held (jest would not exit).
      for (const holder of holders) holder.release();
    }
  });
});
