import { TesseraError, type Named } from './tessera-error';

/** `findOneOrFail` found no row. */
export class NotFoundError extends TesseraError {
  constructor(
    message: string,
    readonly entity: string,
  ) {
    super(message);
  }

  static entityNotFound(entity: Named, filter: string): NotFoundError {
    return new NotFoundError(`${entity.name} not found (${filter}).`, entity.name);
  }
}
