import { TesseraError } from './tessera-error';

/** The API was used in a way that cannot work (wrong entity manager, closed ORM, missing package). */
export class UsageError extends TesseraError {
  static globalEntityManager(method: string): UsageError {
    return new UsageError(
      `orm.em.${method}() was called outside a request context. The global EntityManager is shared by every request, ` +
        'so it refuses work: use orm.em.fork(), or run the handler inside orm.requestContext(() => ...).',
    );
  }

  static missingPackage(pkg: string, feature: string): UsageError {
    return new UsageError(`The ${feature} needs the '${pkg}' package. Install it with: npm install ${pkg}`);
  }

  static typescriptLoaderMissing(file: string): UsageError {
    return new UsageError(
      `Loading ${file} needs a TypeScript compiler at run time: Tessera uses '@swc/core' (an optional peer dependency). ` +
        'Install it with: npm install --save-dev @swc/core (or write the file as JavaScript).',
    );
  }

  static notAudited(entity: string): UsageError {
    return new UsageError(`orm.audit.history(${entity}, ..): ${entity} is not @Audited(), so no audit rows are written for it.`);
  }

  static closed(): UsageError {
    return new UsageError('This Orm has been closed.');
  }

  static ormClosing(): UsageError {
    return new UsageError(
      'This Orm is closed or closing (orm.close() was called): it starts no new work. Work begun before close() ' +
        'was allowed to finish; open a new Orm to work on.',
    );
  }

  static retryInsideTransaction(): UsageError {
    return new UsageError(
      'em.transactional(.., { retry }) inside another transaction: a nested transaction is a savepoint, and a ' +
        'deadlock or serialization failure aborts the whole outer transaction. Put `retry` on the outermost one.',
    );
  }

  static transactionFinished(): UsageError {
    return new UsageError('This transaction has already been committed or rolled back.');
  }

  static notInitialized(owner: string, property: string): UsageError {
    return new UsageError(
      `${owner}.${property} is not loaded: populate it (em.find(..., { populate: ['${property}'] })) or await ${property}.init() first.`,
    );
  }

  static detachedRelation(owner: string, property: string): UsageError {
    return new UsageError(`${owner}.${property} cannot be loaded: its entity is not managed by an EntityManager.`);
  }

  static lockOutsideTransaction(method: string): UsageError {
    return new UsageError(
      `em.${method}() with a lock was called outside a transaction: a row lock ends with its statement there. ` +
        'Call it on the EntityManager that em.transactional(async (tx) => ...) hands you.',
    );
  }

  static connectionStreaming(): UsageError {
    return new UsageError(
      'This connection is busy streaming a query: it cannot run another statement until the stream ends. ' +
        'Inside a transaction, finish or break the stream before other work on it, or collect what the loop needs first.',
    );
  }

  static flushAfterUnknownCommit(entity: string): UsageError {
    return new UsageError(
      `This ${entity} was written by a flush whose COMMIT outcome is unknown (CommitOutcomeUnknownError): the database ` +
        'may hold it already, so flushing it again could write it twice. Load it in a fresh EntityManager ' +
        '(orm.em.fork()) to see whether the commit happened, and redo the change there only if it did not.',
    );
  }

  static slowQueriesOff(): UsageError {
    return new UsageError("orm.on('slow-query') needs a threshold: pass the Orm option slowQueryMs (e.g. slowQueryMs: 200).");
  }

  static unknownEvent(event: string, known: readonly string[]): UsageError {
    return new UsageError(`orm.on() has no event '${event}'. The events are: ${known.map((e) => `'${e}'`).join(', ')}.`);
  }

  /** A dialect without an optional part of the seam (DDL, introspection, savepoints) was asked for it. */
  static unsupportedByDialect(dialect: string, part: string, neededBy: string): UsageError {
    return new UsageError(`The '${dialect}' dialect has no ${part}, which ${neededBy} needs.`);
  }

  /** An `@AfterLoad()` method returned a promise: loads hydrate rows synchronously and cannot wait for it. */
  static asyncAfterLoad(entity: string, method: string): UsageError {
    return new UsageError(
      `${entity}.${method} is an @AfterLoad() hook and returned a promise: @AfterLoad() hooks run synchronously while rows ` +
        'are hydrated. Make it synchronous (load what it needs later, e.g. with em.populate).',
    );
  }

  /** Before-write hooks kept making new work (each persisting another entity whose hook persists another, ...). */
  static hookLoop(rounds: number, entity: string, event: string): UsageError {
    return new UsageError(
      `A flush ran entity hooks ${rounds} rounds in a row and they still changed or persisted more entities (last: ${entity} ${event}): ` +
        'a hook that persists an entity whose own hook persists another never ends. Break the chain.',
    );
  }

  /** `orm.subscribe()` got something that is not a subscriber. */
  static badSubscriber(property: string, known: readonly string[]): UsageError {
    return new UsageError(
      property === ''
        ? `orm.subscribe() needs an object with at least one of the methods ${known.join(', ')}.`
        : `orm.subscribe(): the subscriber's ${property} is not a function.`,
    );
  }

  /** `@Transactional()` ran where no Orm was registered by `TesseraModule.forRoot()`, or more than one could serve. */
  static transactionalWithoutOrm(method: string, registered: number): UsageError {
    return new UsageError(
      registered === 0
        ? `@Transactional() on ${method} found no Orm: import TesseraModule.forRoot() (or forRootAsync()) in the application, ` +
            'and call the method once the application has started.'
        : `@Transactional() on ${method} was called outside any request context while ${registered} Orms are open, so it ` +
            'cannot tell which to use: call it inside orm.requestContext(() => ...) of the Orm it should use.',
    );
  }

  static unknownFilter(name: string, known: Iterable<string>): UsageError {
    return new UsageError(`There is no filter named '${name}'. The filters are: ${[...known].map((n) => `'${n}'`).join(', ')}.`);
  }

  static missingFilterParams(name: string, entity: string): UsageError {
    return new UsageError(
      `The filter '${name}' of ${entity} is active and needs parameters, but none were given: call ` +
        `em.setFilterParams('${name}', { ... }), pass { filters: { ${name}: { ... } } }, or turn it off with { filters: { ${name}: false } }.`,
    );
  }

  static badFilterParams(name: string, params: unknown): UsageError {
    return new UsageError(`The parameters of the filter '${name}' must be an object, not ${params === null ? 'null' : Array.isArray(params) ? 'an array' : typeof params}.`);
  }

  static badFilterResult(name: string, entity: string): UsageError {
    return new UsageError(`The filter '${name}' of ${entity} returned something other than a filter object from its cond.`);
  }

  static badFiltersOption(value: unknown): UsageError {
    return new UsageError(`The filters option takes false or an object of filter switches, not ${value === null ? 'null' : typeof value}.`);
  }

  static changeFeedOff(entity: string): UsageError {
    return new UsageError(
      `orm.changes(${entity}) needs the change feed, which is off: mark the entity @Entity({ changeEvents: true }) or ` +
        `pass the Orm option changeFeed: {} (its outbox table, created by orm.schema or a migration, must exist).`,
    );
  }

  static badMinRows(value: unknown): UsageError {
    return new UsageError(`orm.analyze({ minRows }) takes a whole number of rows of at least 1, not ${String(value)}.`);
  }

  static badCacheOption(option: unknown): UsageError {
    return new UsageError(`A query's cache option needs a ttl as a positive number of seconds (cache: 300 or { ttl: 300, key }), got ${JSON.stringify(option)}.`);
  }

  static badCacheStore(store: unknown): UsageError {
    return new UsageError(`Orm.init({ cache }) needs store 'memory' or 'redis' (with redis: a URL or ioredis options), got ${JSON.stringify(store)}.`);
  }

  static changeFeedOverflow(entity: string, maxQueue: number): UsageError {
    return new UsageError(
      `The change feed of ${entity} fell ${maxQueue} events behind its consumer (maxQueue) and ended: consume faster, ` +
        `raise maxQueue, or set the Orm option changeFeed.retention so that a feed that falls behind catches up from the outbox.`,
    );
  }

  static resumeWithoutRetention(entity: string): UsageError {
    return new UsageError(
      `orm.changes(${entity}, { after }) needs the Orm option changeFeed.retention (ms), so that the outbox keeps published changes to resume from.`,
    );
  }

  static unknownChangePosition(entity: string, eventId: string): UsageError {
    return new UsageError(
      `orm.changes(${entity}, { after: ${JSON.stringify(eventId)} }): the outbox holds no published change with that id ` +
        `(older than changeFeed.retention, or never published); open the feed without after and resynchronise.`,
    );
  }

  static badChangeFeedOption(option: string, value: unknown): UsageError {
    return new UsageError(`The change feed's ${option} must be ${option === 'maxQueue' ? 'a positive integer' : 'a number of ms, 0 or more'}, not ${String(value)}.`);
  }
}
