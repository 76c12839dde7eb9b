import { Orm, type OrmOptions } from 'tessera-orm';
import type { DialectTarget } from '../dialect-target';
import type { AuthorData } from '../graph-data';
import type { ReportQuery, ReportRow } from '../report-data';
import type { ItemData } from '../scenario-data';
import type { Contender, ContenderName, ItemView, LoadedItems, TimedStep } from './contender';
import type { BookView, GraphReader, TaggedBookView } from './graph-view';
import { TesseraItem } from './tessera-item';
import { compileTesseraReport, TESSERA_REPORT_ENTITIES, tesseraReport } from './tessera-report';
import { insertTesseraGraph, loadTesseraGraph, TESSERA_RELATION_ENTITIES } from './tessera-relations';

/**
 * Tessera as its README shows: a fork per unit of work, em.create/em.remove, one em.flush(); S6 and S7 through
 * its relation API (tessera-relations.ts), S8 and S9 through its query builder (tessera-report.ts).
 */
export class TesseraContender implements Contender {
  readonly name: ContenderName = 'tessera';
  /** The entity class of `bench_item` (a subclass may map it differently, e.g. @Audited). */
  protected readonly item: typeof TesseraItem = TesseraItem;
  #orm: Orm | undefined;

  /** Options a variant adds to `Orm.init` (e.g. `metrics: true`). */
  protected readonly extraOptions: Partial<OrmOptions> = {};

  async setup(target: DialectTarget): Promise<void> {
    this.#orm = await Orm.init({
      dialect: target.dialect,
      url: target.url,
      entities: [this.item, ...TESSERA_RELATION_ENTITIES, ...TESSERA_REPORT_ENTITIES],
      pool: { min: 0, max: 10 },
      ...this.extraOptions,
    });
  }

  protected get orm(): Orm {
    if (!this.#orm) throw new Error('tessera contender used before setup()');
    return this.#orm;
  }

  async teardown(): Promise<void> {
    await this.#orm?.close();
    this.#orm = undefined;
  }

  async insertMany(items: readonly ItemData[]): Promise<readonly ItemView[]> {
    const em = this.#fork();
    const created = items.map((item) => em.create(this.item, { ...item }));
    await em.flush();
    return created;
  }

  async loadAll(): Promise<LoadedItems> {
    const em = this.#fork();
    return { items: await em.find(this.item, {}), context: em };
  }

  async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    const em = this.#fork();
    const items = await em.find(this.item, {});
    return async () => {
      for (const item of items) item.age += ageBump;
      await em.flush();
    };
  }

  async findEach(ids: readonly number[]): Promise<readonly ItemView[]> {
    const found: ItemView[] = [];
    for (const id of ids) found.push((await this.#fork().findOne(this.item, id)) as ItemView);
    return found;
  }

  async prepareRemoveAll(): Promise<TimedStep> {
    const em = this.#fork();
    const items = await em.find(this.item, {});
    return async () => {
      for (const item of items) em.remove(item);
      await em.flush();
    };
  }

  async serveRequest(id: number, write: boolean): Promise<ItemView> {
    const em = this.#fork();
    const item = (await em.findOne(this.item, id)) as TesseraItem;
    if (write) {
      item.age += 1;
      await em.flush();
    }
    return item;
  }

  async prepareSparseUpdate(ids: readonly number[], age: number): Promise<TimedStep> {
    const em = this.#fork();
    const byId = new Map((await em.find(this.item, {})).map((item) => [item.id, item]));
    const changed = ids.map((id) => byId.get(id) as TesseraItem);
    return async () => {
      for (const item of changed) item.age = age;
      await em.flush();
    };
  }

  loadGraph(): Promise<GraphReader<TaggedBookView>> {
    return loadTesseraGraph(this.#fork());
  }

  insertGraph(authors: readonly AuthorData[]): Promise<GraphReader<BookView>> {
    return insertTesseraGraph(this.#fork(), authors);
  }

  report(query: ReportQuery): Promise<readonly ReportRow[]> {
    return tesseraReport(this.#fork(), query);
  }

  compileReport(query: ReportQuery, times: number): string {
    return compileTesseraReport(this.#fork(), query, times);
  }

  #fork() {
    return this.orm.em.fork();
  }
}
