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

  static closed(): UsageError {
    return new UsageError('This Orm has been closed.');
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

  static unknownEvent(event: string, known: readonly string[]): UsageError {
    return new UsageError(`orm.on() has no event '${event}'. The events are: ${known.map((e) => `'${e}'`).join(', ')}.`);
  }

  /** A dialect without an optional part of the seam (DDL, introspection, savepoints) was asked for it. */
  static unsupportedByDialect(dialect: string, part: string, neededBy: string): UsageError {
    return new UsageError(`The '${dialect}' dialect has no ${part}, which ${neededBy} needs.`);
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
}
