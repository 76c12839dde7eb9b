/** Root of every error a Tessera user can act on: `catch (e) { if (e instanceof TesseraError) ... }`. */
export class TesseraError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Anything with a name, for messages about entity classes. */
export interface Named {
  readonly name: string;
}
