import { Audited, Entity, ident, raw } from 'tessera-orm';
import type { DialectTarget } from '../dialect-target';
import type { ContenderName, TimedStep } from './contender';
import { TesseraContender } from './tessera';
import { TesseraItem } from './tessera-item';

/** `bench_item` as an @Audited entity: every change a flush writes also writes a row of `tessera_audit`. */
@Entity({ table: 'bench_item' })
@Audited()
export class TesseraAuditedItem extends TesseraItem {}

const AUDIT_TABLE = 'tessera_audit';

/**
 * Tessera with audit history on `bench_item`, to set beside plain `tessera` (BENCH_CONTENDERS=tessera,tessera-audited):
 * the same work, plus the audit rows in the same transaction. The audit table is created by Tessera's own DDL at setup
 * and again before each timed update or delete, so every repetition writes into a table of the same size.
 */
export class TesseraAuditedContender extends TesseraContender {
  override readonly name: ContenderName = 'tessera-audited';
  protected override readonly item = TesseraAuditedItem;

  override async setup(target: DialectTarget): Promise<void> {
    await super.setup(target);
    await this.recreateAudit();
  }

  override async prepareAgeUpdate(ageBump: number): Promise<TimedStep> {
    await this.recreateAudit();
    return super.prepareAgeUpdate(ageBump);
  }

  override async prepareRemoveAll(): Promise<TimedStep> {
    await this.recreateAudit();
    return super.prepareRemoveAll();
  }

  /** Dropped and created again rather than emptied: a DELETE would leave PostgreSQL dead rows to bloat later inserts. */
  private async recreateAudit(): Promise<void> {
    const em = this.orm.em.fork();
    await em.sql`drop table if exists ${ident(AUDIT_TABLE)}`;
    for (const statement of this.orm.schema.createSql().filter((s) => s.includes(AUDIT_TABLE))) await em.sql`${raw(statement)}`;
  }
}
