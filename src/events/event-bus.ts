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

  /**
   * Calls `listener` on every `name` event until the returned function is called.
   * @example
   * const off = orm.events.on('afterCommit', (e) => invalidate(e.tables)); off();
   */
  on<K extends keyof M>(name: K, listener: Listener<M[K]>): () => void {
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
   * all the same) but reported with `process.emitWarning`. A returned promise is not waited for.
   */
  publish<K extends keyof M>(name: K, event: M[K]): void {
    for (const listener of this.listeners[name] ?? []) {
      try {
        const result = listener(event);
        if (result) result.catch(warn);
      } catch (error) {
        warn(error);
      }
    }
  }
}

function warn(error: unknown): void {
  process.emitWarning(error instanceof Error ? error : new Error(String(error)), 'TesseraListenerWarning');
}
