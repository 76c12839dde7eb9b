import { MysqlRowBatcher } from '../../../../src/dialects/mysql/mysql-row-batcher';

/** A push source that records whether the batcher paused it. */
function source() {
  const calls: string[] = [];
  return { calls, pause: () => calls.push('pause'), resume: () => calls.push('resume') };
}

const row = (i: number) => ({ i });

describe('MysqlRowBatcher', () => {
  test('pauses the source once a full batch waits, and resumes it when the consumer takes the batch', async () => {
    const src = source();
    const batcher = new MysqlRowBatcher(2, src);
    batcher.push(row(1));
    expect(src.calls).toEqual([]);
    batcher.push(row(2));
    expect(src.calls).toEqual(['pause']);
    expect(await batcher.next()).toEqual([row(1), row(2)]);
    expect(src.calls).toEqual(['pause', 'resume']);
  });

  test('a consumer waiting for a batch gets it when it fills; the end flushes the partial batch, then undefined', async () => {
    const batcher = new MysqlRowBatcher(3, source());
    const first = batcher.next();
    [1, 2, 3, 4].forEach((i) => batcher.push(row(i)));
    batcher.end();
    expect(await first).toEqual([row(1), row(2), row(3)]);
    expect(await batcher.next()).toEqual([row(4)]);
    expect(await batcher.next()).toBeUndefined();
  });

  test("the driver's error wins over the end mysql2 emits after it, and over batches not yet taken", async () => {
    const batcher = new MysqlRowBatcher(1, source());
    const failure = new Error('ER_LOCK_NOWAIT');
    batcher.push(row(1));
    batcher.fail(failure);
    batcher.end();
    await expect(batcher.next()).rejects.toBe(failure);
  });

  test('drain resumes the source, drops every further row and resolves at the end', async () => {
    const src = source();
    const batcher = new MysqlRowBatcher(1, src);
    batcher.push(row(1));
    const drained = batcher.drain();
    batcher.push(row(2));
    batcher.push(row(3));
    batcher.end();
    await drained;
    expect(src.calls).toEqual(['pause', 'resume']);
    expect(await batcher.next()).toBeUndefined();
  });
});
