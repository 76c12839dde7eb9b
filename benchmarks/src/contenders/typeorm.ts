import { DataSource, type Repository } from 'typeorm';
import type { DialectTarget } from '../dialect-target';
import type { ItemData } from '../scenario-data';
import type { Contender, ItemView, TimedStep } from './contender';
import { TypeormItem } from './typeorm-item';
import { typeOrmOptions } from './typeorm-options';

const SQLITE_REMOVE_CHUNK = 500;

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

  loadAll(): Promise<readonly ItemView[]> {
    return this.#repository().find();
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

  #repository(): Repository<TypeormItem> {
    if (!this.#dataSource) throw new Error('typeorm contender used before setup()');
    return this.#dataSource.getRepository(TypeormItem);
  }
}
