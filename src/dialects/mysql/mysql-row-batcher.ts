type Row = Record<string, unknown>;

/** How the batcher holds back a source that pushes rows: mysql2's `connection.pause()` and `resume()`. */
export interface PushSource {
  pause(): void;
  resume(): void;
}

/**
 * Turns rows pushed by mysql2 (one `result` event each) into batches pulled by a consumer, with backpressure:
 * the socket is paused once a full batch waits, and resumed when the consumer takes it, so at most one batch
 * is read ahead and the result is never buffered whole.
 */
export class MysqlRowBatcher {
  private batch: Row[] = [];
  private readonly ready: Row[][] = [];
  private ended = false;
  private failure: { error: unknown } | undefined;
  /** Rows are dropped rather than batched: the consumer left, and the rest is drained. */
  private discarding = false;
  private wake: (() => void) | undefined;

  constructor(
    private readonly batchSize: number,
    private readonly source: PushSource,
  ) {}

  push(row: Row): void {
    if (this.discarding) return;
    if (this.batch.push(row) < this.batchSize) return;
    this.ready.push(this.batch);
    this.batch = [];
    this.source.pause();
    this.signal();
  }

  end(): void {
    if (this.batch.length > 0) this.ready.push(this.batch);
    this.batch = [];
    this.ended = true;
    this.signal();
  }

  fail(error: unknown): void {
    // mysql2 emits `end` after `error`: the error is what the consumer must see.
    this.failure ??= { error };
    this.signal();
  }

  /** The next batch, or undefined once the result is exhausted; rejects with the driver's error. */
  async next(): Promise<Row[] | undefined> {
    for (;;) {
      if (this.failure) throw this.failure.error;
      const batch = this.ready.shift();
      if (batch) {
        if (!this.ended) this.source.resume();
        return batch;
      }
      if (this.ended) return undefined;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  /** Reads the rest of the result without keeping it, so the connection can run the next statement. */
  async drain(): Promise<void> {
    this.discarding = true;
    this.ready.length = 0;
    this.batch = [];
    this.source.resume();
    while (!this.ended && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
