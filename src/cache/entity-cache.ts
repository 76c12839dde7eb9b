import { createHash } from 'node:crypto';
import type { Row } from '../mapper/entity-mapper';
import type { MapperRegistry } from '../mapper/mapper-registry';
import type { EntityMetadata } from '../metadata/entity-metadata';
import type { LoadCache } from '../relations/load-cache';
import type { CacheMeter } from './cache-meter';
import type { CacheStore, StoreEntry, StoreRead } from './cache-store';
import { decodeRow, encodeRow } from './row-codec';

/** The tag whose token every cached entity of `table` carries: dropped by bulk writes and `orm.cache.invalidate`. */
export const entityTag = (table: string): string => `e:${table}`;

/** The shape of a class's rows, so that entries of another version of the class (a deploy) are never decoded. */
interface ClassKeys {
  readonly columns: readonly string[];
  readonly prefix: string;
}

/**
 * The second-level cache of entities by primary key: one store read per batch of keys (one round trip), the
 * misses from the database in one statement, then one conditional write of what was read (see `CacheStore` for
 * why a slow read cannot put an old row back). Entries are the rows as the driver returned them (`row-codec.ts`),
 * so a hit is hydrated exactly as a database read.
 */
export class EntityCache implements LoadCache {
  private readonly classes = new WeakMap<EntityMetadata, ClassKeys>();

  constructor(
    private readonly store: CacheStore,
    private readonly mappers: MapperRegistry,
    private readonly meter: CacheMeter,
  ) {}

  async rows(meta: EntityMetadata, keys: readonly unknown[], fetch: (keys: readonly unknown[]) => Promise<Row[]>): Promise<Row[]> {
    const unique = [...new Set(keys)];
    const { columns } = this.classKeys(meta);
    let read: StoreRead | undefined;
    try {
      read = await this.store.read(unique.map((key) => this.keyOf(meta, key)), [entityTag(meta.table)]);
      this.meter.succeeded();
    } catch (error) {
      this.meter.failed(error);
    }
    if (!read) {
      this.meter.misses += unique.length;
      return fetch(unique);
    }
    const found: (Row | undefined)[] = read.values.map((value) => (value === undefined ? undefined : decodeRow(JSON.parse(value) as unknown[], columns)));
    const missing: number[] = [];
    found.forEach((row, i) => row === undefined && missing.push(i));
    this.meter.hits += unique.length - missing.length;
    let unmatched: Row[] = [];
    if (missing.length > 0) {
      this.meter.misses += missing.length;
      const mapper = this.mappers.get(meta);
      const pk = meta.primaryKey.column;
      const fetched = new Map((await fetch(missing.map((i) => unique[i]))).map((row) => [String(mapper.keyFromDb(row[pk])), row]));
      const entries: StoreEntry[] = [];
      for (const i of missing) {
        const row = fetched.get(String(unique[i]));
        if (!row) continue;
        fetched.delete(String(unique[i]));
        found[i] = row;
        entries.push({ index: i, value: JSON.stringify(encodeRow(row, columns)) });
      }
      await this.write(read, entries, meta.cacheTtlMs as number);
      // Rows the database matched to a key JavaScript spells otherwise (a case-insensitive collation: 'fr' finds
      // 'FR'): returned as a database read returns them, and not cached under the key asked for.
      unmatched = [...fetched.values()];
    }
    return [...found.filter((row): row is Row => row !== undefined), ...unmatched];
  }

  /** The store key of one entity (its key in JS form). */
  keyOf(meta: EntityMetadata, key: unknown): string {
    return `${this.classKeys(meta).prefix}${String(key)}`;
  }

  private async write(read: StoreRead, entries: readonly StoreEntry[], ttlMs: number): Promise<void> {
    if (entries.length === 0) return;
    try {
      this.meter.sets += await this.store.write(read, entries, ttlMs);
    } catch (error) {
      this.meter.failed(error);
    }
  }

  private classKeys(meta: EntityMetadata): ClassKeys {
    let keys = this.classes.get(meta);
    if (!keys) {
      const columns = meta.properties.map((p) => p.column);
      const shape = createHash('sha1')
        .update(meta.properties.map((p) => `${p.column}:${p.type}`).join(','))
        .digest('hex')
        .slice(0, 8);
      this.classes.set(meta, (keys = { columns, prefix: `e:${meta.table}#${shape}:` }));
    }
    return keys;
  }
}
