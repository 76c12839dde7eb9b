/** What the harness reads back from S6's and S7's objects, whichever library built them. */
export interface TagView {
  readonly id: number;
  readonly name: string;
}

export interface BookView {
  readonly id: number;
  readonly title: string;
}

export interface TaggedBookView extends BookView {
  readonly tags: readonly TagView[];
}

export interface AuthorView<B extends BookView = BookView> {
  readonly id: number;
  readonly name: string;
  readonly books: readonly B[];
}

/**
 * Walks a contender's objects into plain views for the checks. The scenario calls it after the clock has stopped,
 * so unwrapping an ORM's collection types is not timed; calling it on a relation that was never loaded throws.
 */
export type GraphReader<B extends BookView> = () => readonly AuthorView<B>[];
