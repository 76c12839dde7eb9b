import { MikroORM } from '@mikro-orm/core';
import type { DialectTarget } from '../dialect-target';
import type { AuthorData } from '../graph-data';
import type { ReportQuery, ReportRow } from '../report-data';
import type { ItemData } from '../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from './contender';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';
import { MikroAuthor, MikroBook } from './mikro-orm-graph';
import { MikroItem } from './mikro-orm-item';
import { mikroOrmOptions } from './mikro-orm-options';
import { compileMikroReport, mikroReport } from './mikro-orm-report';

// Not MikroORM's default ('joined'): select-in (one query per level, like raw) was 5-10% faster on all three
// dialects when the two were measured interleaved. 'balanced' is the same as select-in here (both relations are
// to-many).
const GRAPH_LOAD_STRATEGY = 'select-in';

/** MikroORM 7 used as its docs show: em.fork() per unit of work, em.create/em.remove, one em.flush(). */
export class MikroOrmContender implements Contender {
  readonly name = 'mikro-orm';
  #orm: MikroORM | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#orm = await MikroORM.init(mikroOrmOptions(target));
    if (target.dialect === 'sqlite') {
      // knex keeps one better-sqlite3 connection for SQLite; set the pragma on it like every other contender.
      await this.#orm.em.getConnection().execute('pragma synchronous = NORMAL');
    }
  }

  async teardown(): Promise<void> {
    await this.#orm?.close(true);
    this.#orm = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const em = this.#fork();
    const created = items.map((item) => em.create(MikroItem, { ...item }));
    await em.flush();
    return created;
  }

  async loadAll(): Promise<LoadedItems> {
    const em = this.#fork();
    return { items: await em.find(MikroItem, {}), context: em };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const em = this.#fork();
    const items = await em.find(MikroItem, {});
    return async () => {
      for (const item of items) item.age += ageBump;
      await em.flush();
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const found: ItemView[] = [];
    for (const id of ids) found.push((await this.#fork().findOne(MikroItem, id)) as ItemView);
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const em = this.#fork();
    const items = await em.find(MikroItem, {});
    return async () => {
      for (const item of items) em.remove(item);
      await em.flush();
    };
  }

  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const em = this.#fork();
    const item = (await em.findOne(MikroItem, id)) as MikroItem;
    if (write) {
      item.age += 1;
      await em.flush();
    }
    return item;
  }

  async prepareSparseUpdate(ids: readonly number[], age: number): Promise<TimedStep> {
    const em = this.#fork();
    const byId = new Map((await em.find(MikroItem, {})).map((item) => [item.id, item]));
    const changed = ids.map((id) => byId.get(id) as MikroItem);
    return async () => {
      for (const item of changed) item.age = age;
      await em.flush();
    };
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const authors = await this.#fork().find(
      MikroAuthor,
      {},
      { populate: ['books', 'books.tags'], strategy: GRAPH_LOAD_STRATEGY },
    );
    return () =>
      authors.map((author) => ({
        id: author.id,
        name: author.name,
        books: author.books.getItems().map((book) => ({ id: book.id, title: book.title, tags: book.tags.getItems() })),
      }));
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const em = this.#fork();
    const created = authors.map((data) => {
      const author = new MikroAuthor();
      author.name = data.name;
      const books = data.books.map((bookData) => {
        const book = new MikroBook();
        book.title = bookData.title;
        author.books.add(book);
        return book;
      });
      // Only the author is persisted: its books follow by cascade.
      em.persist(author);
      return { author, books };
    });
    await em.flush();
    return () => created.map(({ author, books }) => ({ id: author.id, name: author.name, books }));
  }

  report(query: ReportQuery): Promise<readonly ReportRow[]> {
    return mikroReport(this.#fork(), query);
  }

  compileReport(query: ReportQuery, times: number): string {
    return compileMikroReport(this.#fork(), query, times);
  }

  #fork() {
    if (!this.#orm) throw new Error('mikro-orm contender used before setup()');
    return this.#orm.em.fork();
  }
}
