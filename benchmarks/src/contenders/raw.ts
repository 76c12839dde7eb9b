import type { DialectTarget } from '../dialect-target';
import type { AuthorData } from '../graph-data';
import type { ReportQuery, ReportRow } from '../report-data';
import type { ItemData } from '../scenario-data';
import type { Contender, ItemView, TimedStep } from './contender';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';
import { RawMariadb } from './raw/raw-mariadb';
import { RawPostgres } from './raw/raw-postgres';
import { RawSqlite } from './raw/raw-sqlite';

type RawDialect = Omit<Contender, 'name'>;

/**
 * The baseline: the driver itself with the fastest honest SQL found for each dialect (see the raw/ files for the
 * forms and why). It still does all the work an ORM must: one transaction per write, generated ids read back.
 */
export class RawContender implements Contender {
  readonly name = 'raw';
  #dialect: RawDialect | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#dialect = createRawDialect(target);
    await this.#dialect.setup(target);
  }

  async teardown(): Promise<void> {
    await this.#dialect?.teardown();
    this.#dialect = undefined;
  }

  insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    return this.#ready().insertMany(items);
  }

  loadAll(): Promise<readonly ItemView[]> {
    return this.#ready().loadAll();
  }

  prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    return this.#ready().prepareAgeUpdate(ageBump);
  }

  findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    return this.#ready().findEach(ids);
  }

  prepareRemoveAll(): Promise<TimedStep> {
    return this.#ready().prepareRemoveAll();
  }

  loadGraph(): Promise<GraphReader<TaggedBookView>> {
    return this.#ready().loadGraph();
  }

  insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    return this.#ready().insertGraph(authors);
  }

  report(query: ReportQuery): Promise<readonly ReportRow[]> {
    return this.#ready().report(query);
  }

  #ready(): RawDialect {
    if (!this.#dialect) throw new Error('raw contender used before setup()');
    return this.#dialect;
  }
}

function createRawDialect(target: DialectTarget): RawDialect {
  switch (target.dialect) {
    case 'sqlite':
      return new RawSqlite();
    case 'postgres':
      return new RawPostgres();
    case 'mariadb':
      return new RawMariadb();
  }
}
