/**
 * Where a read comes from, for the N+1 detector: attached to a compiled query only while the detector is on
 * (`Orm.init({ detectNPlusOne })`), so that its statements cost nothing otherwise.
 */
export interface StatementOrigin {
  /** A lazy load: the entity class whose relation it reads, and that relation. */
  readonly entity?: string;
  readonly relation?: string;
  /** The identity map a lazy load fills (one per EntityManager): outside a request context, runs count per fork. */
  readonly scope?: object;
  /** Captured where the application asked for the load: its stack names the call site. */
  readonly site?: Error;
  /** The chunks of one select-in share it: one load, counted once however many statements it takes. */
  readonly batch?: object;
}
