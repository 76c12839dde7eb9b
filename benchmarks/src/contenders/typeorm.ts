import { DataSource, type Repository } from 'typeorm';
import type { DialectTarget } from '../dialect-target';
import type { AuthorData } from '../graph-data';
import type { ReportQuery, ReportRow } from '../report-data';
import type { ItemData } from '../scenario-data';
import type { Contender, ItemView, LoadedItems, TimedStep } from './contender';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';
import { TypeormAuthor, TypeormBook } from './typeorm-graph';
import { TypeormItem } from './typeorm-item';
import { typeOrmOptions } from './typeorm-options';
import { compileTypeormReport, typeormReport } from './typeorm-report';

const SQLITE_REMOVE_CHUNK = 500;
// TypeORM's default, named because the alternative looks cheaper and is not: 'query' sends 7 queries for S6 but
// then took ~34 s matching the rows in memory (measured on SQLite and PostgreSQL), against ~130 ms for 'join'.
const GRAPH_LOAD_STRATEGY = 'join';

/**
 * TypeORM 1.x through a Repository: save() and remove() of the whole array are its unit of work (one transaction,
 * change detection against the database). It has no identity map, so every call is already a fresh context.
 */
export class TypeOrmContender implements Contender {
  readonly name = 'typeorm';
  #dataSource: DataSource | undefined;
  #removeChunk: number | undefined;

  async setup(target: DialectTarget): Promise<void> {
    this.#dataSource = await new DataSource(typeOrmOptions(target)).initialize();
    // TypeORM deletes by `id = ? OR id = ? ...`; SQLite rejects an expression over 1,000 deep ("Expression tree is
    // too large"), so on SQLite remove() is given chunks, which it still runs in one transaction.
    this.#removeChunk = target.dialect === 'sqlite' ? SQLITE_REMOVE_CHUNK : undefined;
  }

  async teardown(): Promise<void> {
    await this.#dataSource?.destroy();
    this.#dataSource = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const repository = this.#repository();
    const created = items.map((item) => repository.create({ ...item }));
    await repository.save(created);
    return created;
  }

  async loadAll(): Promise<LoadedItems> {
    return { items: await this.#repository().find() };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const repository = this.#repository();
    const items = await repository.find();
    return async () => {
      for (const item of items) item.age += ageBump;
      await repository.save(items);
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const repository = this.#repository();
    const found: ItemView[] = [];
    for (const id of ids) found.push((await repository.findOneBy({ id })) as ItemView);
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const repository = this.#repository();
    const items = await repository.find();
    return async () => {
      await repository.remove(items, { chunk: this.#removeChunk });
    };
  }

  // TypeORM has no identity map (so no S11): save() of the changed entity is its unit of work.
  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const repository = this.#repository();
    const item = (await repository.findOneBy({ id })) as TypeormItem;
    if (write) {
      item.age += 1;
      await repository.save(item);
    }
    return item;
  }

  async loadGraph(): Promise<GraphReader<TaggedBookView>> {
    const authors = await this.#dataSourceReady()
      .getRepository(TypeormAuthor)
      .find({ relations: { books: { tags: true } }, relationLoadStrategy: GRAPH_LOAD_STRATEGY });
    return () => authors;
  }

  async insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    const created = authors.map((data) => {
      const author = new TypeormAuthor();
      author.name = data.name;
      author.books = data.books.map((bookData) => {
        const book = new TypeormBook();
        book.title = bookData.title;
        return book;
      });
      return author;
    });
    // One save() of the authors is one transaction; the books are inserted by the cascade on Author.books.
    await this.#dataSourceReady().getRepository(TypeormAuthor).save(created);
    return () => created;
  }

  report(query: ReportQuery): Promise<readonly ReportRow[]> {
    return typeormReport(this.#dataSourceReady(), query);
  }

  compileReport(query: ReportQuery, times: number): string {
    return compileTypeormReport(this.#dataSourceReady(), query, times);
  }

  #repository(): Repository<TypeormItem> {
    return this.#dataSourceReady().getRepository(TypeormItem);
  }

  #dataSourceReady(): DataSource {
    if (!this.#dataSource) throw new Error('typeorm contender used before setup()');
    return this.#dataSource;
  }
}
