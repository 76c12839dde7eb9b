import { relative, resolve, sep } from 'node:path';
import type { CompiledQuery } from '../query/compiler/compiled-query';

/** `Orm.init({ detectNPlusOne })`: how many runs of one read a scope may make before it is reported. */
export interface NPlusOneOptions {
  /** A read run more than this many times in one scope is reported (default 10). */
  readonly threshold?: number;
  /** Where the one warning line per read and scope goes (default `console.warn`). */
  readonly logger?: (line: string) => void;
}

/** What `orm.on('n-plus-one', ..)` is given: once per statement shape and request context (or tick). */
export interface NPlusOneWarning {
  /** The statement as compiled (values bound separately): the shape that repeated. */
  readonly sql: string;
  /** How many times it had run in the scope when reported (the threshold plus one). */
  readonly count: number;
  readonly threshold: number;
  /** For a lazy load: the entity class whose relation was loaded one owner at a time, and the relation. */
  readonly entity?: string;
  readonly relation?: string;
  /** The application's frame that asked for the read (`file:line:column`), when the stack shows one. */
  readonly callSite?: string;
  /**
   * Where the runs were counted: a `request context`; outside one, the `EntityManager` a lazy load fills, or the
   * `tick` other reads were sent in.
   */
  readonly scope: 'request context' | 'EntityManager' | 'tick';
  /** The warning as logged. */
  readonly message: string;
}

export type NPlusOneListener = (warning: NPlusOneWarning) => void;

interface ShapeCount {
  count: number;
  /** The batch mark of the last statement counted: a select-in's further chunks are one load. */
  batch: object | undefined;
  warned: boolean;
}

const DEFAULT_THRESHOLD = 10;

/** Tessera's own files (src/ under ts-node or jest, dist/ once built): frames inside are not the call site. */
const OWN_ROOT = resolve(__dirname, '..') + sep;

/**
 * The N+1 detector (development only): counts each read statement's runs per request context (the fork that
 * `orm.requestContext` / `orm.middleware()` put behind `orm.em`) or, outside one, per EntityManager for lazy
 * loads and per tick for other reads, and warns once per
 * shape and scope past the threshold, naming the relation of a lazy load, the call site and `populate`.
 * Tessera's own batches do not count twice: the chunks of one select-in carry one batch mark, and writes (the
 * unit of work batches them per flush) and transaction statements are not counted at all.
 */
export class NPlusOneDetector {
  private readonly scopes = new WeakMap<object, Map<string, ShapeCount>>();
  private readonly listeners: NPlusOneListener[] = [];
  private readonly threshold: number;
  private readonly logger: (line: string) => void;
  /**
   * The scope of statements sent outside a request context until the event loop turns: the reads started together
   * (`Promise.all(ids.map((id) => em.findOne(Author, id)))`). A loop that awaits each read spans many ticks.
   */
  private tick: object | undefined;

  /**
   * The detector for `option`, or undefined when it is off: not asked for, or NODE_ENV is 'production' (where
   * it would only cost).
   */
  static create(option: boolean | NPlusOneOptions | undefined, requestScope: () => object | undefined): NPlusOneDetector | undefined {
    if (!option || process.env.NODE_ENV === 'production') return undefined;
    return new NPlusOneDetector(option === true ? {} : option, requestScope);
  }

  private constructor(
    options: NPlusOneOptions,
    private readonly requestScope: () => object | undefined,
  ) {
    this.threshold = options.threshold ?? DEFAULT_THRESHOLD;
    this.logger = options.logger ?? console.warn;
  }

  on(listener: NPlusOneListener): () => void {
    this.listeners.push(listener);
    return () => {
      const at = this.listeners.indexOf(listener);
      if (at >= 0) this.listeners.splice(at, 1);
    };
  }

  /** Called for every statement as it is sent, in the async context of the code that sends it. */
  readonly observe = (query: CompiledQuery): void => {
    if (!isRead(query.sql)) return;
    const request = this.requestScope();
    const fork = request ? undefined : query.origin?.scope;
    const scope = request ?? fork ?? this.tickScope();
    let shapes = this.scopes.get(scope);
    if (!shapes) this.scopes.set(scope, (shapes = new Map()));
    let shape = shapes.get(query.sql);
    if (!shape) shapes.set(query.sql, (shape = { count: 0, batch: undefined, warned: false }));
    const batch = query.origin?.batch;
    if (batch !== undefined && batch === shape.batch) return;
    shape.batch = batch;
    if (++shape.count <= this.threshold || shape.warned) return;
    shape.warned = true;
    this.warn(query, shape.count, request ? 'request context' : fork ? 'EntityManager' : 'tick');
  };

  private warn(query: CompiledQuery, count: number, scope: NPlusOneWarning['scope']): void {
    const origin = query.origin;
    const callSite = callSiteOf(origin?.site ?? captureStack());
    const at = callSite ? ` at ${callSite}` : '';
    const times = `${count} times in one ${scope} (threshold ${this.threshold})`;
    const message =
      origin?.entity && origin.relation
        ? `[tessera] N+1: ${origin.entity}.${origin.relation} was loaded one ${origin.entity} at a time, ${times},${at}. ` +
          `Load it with the query that found them: populate: ['${origin.relation}'] ` +
          `(or start the loads together: await Promise.all(items.map((i) => i.${origin.relation}.load()))). SQL: ${query.sql}`
        : `[tessera] N+1: the same read ran ${times},${at}. Read the rows in one statement ` +
          `(an \`in\` list, or populate: [...] on the query that found their owners). SQL: ${query.sql}`;
    this.logger(message);
    const warning: NPlusOneWarning = {
      sql: query.sql,
      count,
      threshold: this.threshold,
      entity: origin?.entity,
      relation: origin?.relation,
      callSite,
      scope,
      message,
    };
    for (const listener of this.listeners) listener(warning);
  }

  private tickScope(): object {
    if (!this.tick) {
      this.tick = {};
      setImmediate(() => (this.tick = undefined)).unref();
    }
    return this.tick;
  }
}

/** Reads only: a write repeated is a flush per row (a different pattern), BEGIN/COMMIT are every transaction's. */
function isRead(sql: string): boolean {
  const verb = sql.slice(0, 6).toLowerCase();
  return verb === 'select' || verb.startsWith('with');
}

/** The stack of the statement's sender: V8's async stack traces lead back through the awaits to the application. */
function captureStack(): Error {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const error = new Error('statement');
  Error.stackTraceLimit = limit;
  return error;
}

/** The first frame outside Tessera's files and Node's, as `file:line:column` (relative to the working directory). */
function callSiteOf(error: Error): string | undefined {
  for (const line of (error.stack ?? '').split('\n').slice(1)) {
    const location = /\(([^()]+:\d+:\d+)\)$/.exec(line)?.[1] ?? /^\s*at (?:async )?([^\s()]+:\d+:\d+)$/.exec(line)?.[1];
    if (!location || location.startsWith('node:') || location.startsWith(OWN_ROOT) || location.includes(`${sep}node_modules${sep}`)) continue;
    const file = location.startsWith('file://') ? location.slice('file://'.length) : location;
    return file.startsWith(process.cwd() + sep) ? relative(process.cwd(), file) : file;
  }
  return undefined;
}
