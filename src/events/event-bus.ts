/** A listener of one event; flush listeners may return a promise, which the flush waits for. */
export type Listener<E> = (event: E) => void | Promise<void>;

type Listeners<M> = { [K in keyof M]?: readonly Listener<M[K]>[] };

/**
 * @internal The listeners of one Orm's lifecycle events, by name. The unit of work asks `has` once per flush
 * (and a transaction once when it begins) before building anything, so an event nobody listens to costs one
 * property read: no payload, no record, no await.
 */
export class EventBus<M extends object> {
  // Replaced, never changed in place, on (un)subscribe: an emission in progress keeps the list it started with.
  private listeners: Listeners<M> = {};
  /** Listeners whose promise `publish` waits for (the cache's invalidation: a commit returns once it is done). */
  private readonly awaited = new WeakSet<Function>();

  /**
   * Calls `listener` on every `name` event until the returned function is called. `awaited`: a promise it returns
   * from a `publish`ed event is waited for by the publisher (still never thrown at it).
   * @example
   * const off = orm.events.on('afterCommit', (e) => invalidate(e.tables)); off();
   */
  on<K extends keyof M>(name: K, listener: Listener<M[K]>, options: { awaited?: boolean } = {}): () => void {
    if (options.awaited) this.awaited.add(listener);
    this.listeners = { ...this.listeners, [name]: [...(this.listeners[name] ?? []), listener] };
    return () => {
      const rest = (this.listeners[name] ?? []).filter((l) => l !== listener);
      this.listeners = { ...this.listeners, [name]: rest.length > 0 ? rest : undefined };
    };
  }

  /** Whether anyone listens to `name`. */
  has(name: keyof M): boolean {
    return this.listeners[name] !== undefined;
  }

  /** Calls the listeners in the order they subscribed, each awaited; the first error stops the rest and is thrown. */
  async emit<K extends keyof M>(name: K, event: M[K]): Promise<void> {
    for (const listener of this.listeners[name] ?? []) await listener(event);
  }

  /**
   * For events about an outcome already settled (a commit, a rollback): every listener runs, and an error one
   * throws cannot change the outcome, so it is not thrown at the caller (whose data was, or was not, committed
   * all the same) but reported with `process.emitWarning`. The returned promise settles once the promises of
   * `awaited` listeners have (others are not waited for); it never rejects.
   */
  async publish<K extends keyof M>(name: K, event: M[K]): Promise<void> {
    let waits: Promise<void>[] | undefined;
    for (const listener of this.listeners[name] ?? []) {
      try {
        const result = listener(event);
        if (!result) continue;
        const settled = result.catch(warn);
        if (this.awaited.has(listener)) (waits ??= []).push(settled);
      } catch (error) {
        warn(error);
      }
    }
    if (waits) await Promise.all(waits);
  }
}

function warn(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'TesseraListenerWarning');
}
