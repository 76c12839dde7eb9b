import { Audited, Entity, ident, raw } from 'tessera-orm';
import type { DialectTarget } from '../dialect-target';
import type { ContenderName } from './contender';
import { TesseraContender } from './tessera';
import { TesseraItem } from './tessera-item';

/** `bench_item` as an @Audited entity: every change a flush writes also writes a row of `tessera_audit`. */
@Entity({ table: 'bench_item' })
@Audited()
export class TesseraAuditedItem extends TesseraItem {}

const AUDIT_TABLE = 'tessera_audit';

/**
 * Tessera with audit history on `bench_item`, to set beside plain `tessera` (BENCH_CONTENDERS=tessera,tessera-audited):
 * the same work, plus the audit rows in the same transaction. The audit table is created by Tessera's own DDL at
 * setup and then grows as an application's does (10,000 rows per S1, S3 or S5 run): emptying or recreating it before
 * each timed step would time a fresh table's first pages (on MariaDB, a new tablespace file growing) instead.
 */
export class TesseraAuditedContender extends TesseraContender {
  override readonly name: ContenderName = 'tessera-audited';
  protected override readonly item = TesseraAuditedItem;

  override async setup(target: DialectTarget): Promise<void> {
    await super.setup(target);
    const em = this.orm.em.fork();
    await em.sql`drop table if exists ${ident(AUDIT_TABLE)}`;
    for (const statement of this.orm.schema.createSql().filter((s) => s.includes(AUDIT_TABLE))) await em.sql`${raw(statement)}`;
  }
}
