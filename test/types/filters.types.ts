/**
 * Compile-time checks of the filter API's typing, run by `npm run typecheck`: each `@ts-expect-error` must meet
 * an error. (Typed names and parameters through `FilterParamTypes` are a module augmentation, which would apply to
 * the whole program; docs/soft-delete-and-filters.md shows it.)
 */
import { Column, Entity, Filter, PrimaryKey, type EntityManager } from 'tessera-orm';

@Filter<Account>({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: args.tenantId }), default: true })
@Entity()
export class Account {
  @PrimaryKey() id!: number;
  @Column() tenantId!: number;
}

// @ts-expect-error the condition names a property Account does not have
@Filter<Account>({ name: 'tenant', cond: { tenantID: 1 } })
@Entity()
export class Typo {
  @PrimaryKey() id!: number;
}

// @ts-expect-error the condition's value has the wrong type
@Filter<Account>({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: String(args.tenantId) }) })
@Entity()
export class WrongType {
  @PrimaryKey() id!: number;
}

export async function typed(em: EntityManager): Promise<void> {
  em.setFilterParams('tenant', { tenantId: 7 });
  // @ts-expect-error parameters are an object
  em.setFilterParams('tenant', 7);
  await em.find(Account, {}, { filters: { tenant: false, softDelete: false } });
  await em.find(Account, {}, { filters: { tenant: { tenantId: 8 } }, withDeleted: true });
  // @ts-expect-error a switch is a boolean or parameters
  await em.find(Account, {}, { filters: { tenant: 'off' } });
  await em.count(Account, {}, { filters: false });
  // @ts-expect-error count takes filter options, not find's
  await em.count(Account, {}, { limit: 1 });
  em.remove(new Account(), { hard: true });
  // @ts-expect-error hard is a boolean
  em.remove(new Account(), { hard: 'yes' });
  em.qb(Account, 'a', { withDeleted: true });
}
