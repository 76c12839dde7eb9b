import { Entity } from 'tessera-orm';
import { TesseraItem } from '../contenders/tessera-item';

/** `bench_item` in Tessera's entity cache (its columns are TesseraItem's). */
@Entity({ table: 'bench_item', cache: { ttl: 600 } })
export class CachedTesseraItem extends TesseraItem {}
