import { Entity, ManyToOne, PrimaryKey } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';

/** An entity whose one column is its generated key: its INSERT has no column to send. */
@Entity({ table: 'dv_tickets' })
class Ticket {
  @PrimaryKey() id!: number;
}

@Entity({ table: 'dv_stubs' })
class Stub {
  @PrimaryKey() id!: number;
  @ManyToOne(() => Ticket) ticket!: Ticket;
}

describeEachDialect(
  [Ticket, Stub],
  (fx) => {
    test('entities with only a generated key are inserted as rows of defaults, one statement each, ids on the objects', async () => {
      const em = fx.orm.em.fork();
      const tickets = [em.create(Ticket, {}), em.create(Ticket, {}), em.create(Ticket, {})];
      const stub = em.create(Stub, { ticket: tickets[1] });
      fx.queries.length = 0;
      await em.flush();
      expect(fx.sent('insert')).toHaveLength(4); // three rows of defaults, then the stubs' one batch
      const rows = await fx.raw.rows('dv_tickets');
      expect(rows.map((r) => Number(r.id)).sort()).toEqual(tickets.map((t) => t.id).sort());
      expect(new Set(tickets.map((t) => t.id)).size).toBe(3);
      const [stubRow] = await fx.raw.rows('dv_stubs');
      expect(Number(stubRow.ticket_id)).toBe(tickets[1].id);
      expect(stub.id).toBe(Number(stubRow.id));
    });
  },
);
