import { Column, Entity, PrimaryKey } from '../../src';
import { Kitchen } from './backup-entities';

/**
 * A row whose `version` only ever grows (one writer per row), for the cache's stale-read races: a read that returns
 * a version below the last acknowledged one came from a stale cache entry.
 */
@Entity({ table: 'cache_counter', cache: { ttl: 600 } })
export class Counter {
  @PrimaryKey() id!: number;
  @Column({ type: 'int' }) version!: number;
  @Column() owner!: string;
}

/** Every portable column type (Kitchen's columns), in the entity cache, for the codec round trips. */
@Entity({ table: 'cache_kitchen', cache: { ttl: 600 } })
export class CachedKitchen extends Kitchen {}

/** A string primary key: MariaDB's default collation matches 'fr' to 'FR', JavaScript does not. */
@Entity({ table: 'cache_country', cache: { ttl: 600 } })
export class CachedCountry {
  @PrimaryKey({ type: 'string', length: 2 }) code!: string;
  @Column() name!: string;
}

export const COUNTER_ENTITIES = [Counter];
