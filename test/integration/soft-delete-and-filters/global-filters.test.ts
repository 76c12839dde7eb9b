import { NotFoundError, UsageError, ref, type EntityManager } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { FILTER_ENTITIES, Label, Project, Task } from '../../support/filter-entities';

/** Two tenants' rows, written with the filters off (writes are never filtered). Returns their ids by name. */
async function seed(fx: Fixture): Promise<Record<string, number>> {
  const em = fx.orm.em.fork();
  const a1 = em.create(Project, { name: 'A1', tenantId: 1 });
  const a2 = em.create(Project, { name: 'A2', tenantId: 1 });
  const b1 = em.create(Project, { name: 'B1', tenantId: 2 });
  em.create(Task, { title: 't-a1', tenantId: 1, project: a1 });
  // A task of tenant 2 under a tenant-1 project, and one of tenant 1 under tenant 2's: what populate and relation
  // filters must hide.
  em.create(Task, { title: 't-a1-foreign', tenantId: 2, project: a1 });
  const crossing = em.create(Task, { title: 't-b1-crossing', tenantId: 1, project: b1 });
  crossing.origin = ref(b1);
  em.create(Task, { title: 't-b1', tenantId: 2, project: b1 });
  const label = em.create(Label, { name: 'urgent' });
  a1.labels.add(label);
  b1.labels.add(label);
  await em.flush();
  fx.queries.length = 0;
  return { a1: a1.id, a2: a2.id, b1: b1.id, label: label.id, crossing: crossing.id };
}

const names = (items: readonly { name?: string; title?: string }[]) => items.map((i) => i.name ?? i.title).sort();

function tenant(fx: Fixture, tenantId: number): EntityManager {
  return fx.orm.em.fork().setFilterParams('tenant', { tenantId });
}

/** The statements sent that read a filtered table carry the tenant as a bound value, never spliced into the SQL. */
function expectBoundTenant(fx: Fixture, tenantId: number): void {
  const selects = fx.sent('select').filter((q) => /f_project|f_task/.test(q.sql));
  expect(selects.length).toBeGreaterThan(0);
  for (const q of selects) {
    expect(q.sql).toMatch(/tenant_id/);
    expect(q.params).toContain(tenantId);
    expect(q.sql).not.toMatch(new RegExp(`tenant_id"?\`?\\s*=\\s*${tenantId}\\b`));
  }
}

describeEachDialect(
  FILTER_ENTITIES,
  (fx) => {
    test('find, count and findAndCount see one tenant, with the tenant bound', async () => {
      await seed(fx);
      const em = tenant(fx, 1);
      expect(names(await em.find(Project, {}))).toEqual(['A1', 'A2']);
      expect(await em.count(Project)).toBe(2);
      const { items, total } = await em.findAndCount(Project, {}, { orderBy: { name: 'asc' }, limit: 1 });
      expect([names(items), total]).toEqual([['A1'], 2]);
      expectBoundTenant(fx, 1);
    });

    test('per call: a filter off, other parameters, or no filter at all', async () => {
      await seed(fx);
      const em = tenant(fx, 1);
      expect(names(await em.find(Project, {}, { filters: { tenant: false } }))).toEqual(['A1', 'A2', 'B1']);
      expect(names(await em.find(Project, {}, { filters: { tenant: { tenantId: 2 } } }))).toEqual(['B1']);
      expect(await em.count(Project, {}, { filters: { tenant: { tenantId: 2 } } })).toBe(1);
      expect(await em.count(Project, {}, { filters: false })).toBe(3);
      // A fresh EntityManager without parameters can still read with the filter off.
      expect(await fx.orm.em.fork().count(Task, {}, { filters: { tenant: false } })).toBe(4);
    });

    test('a filter without parameters is a UsageError before any SQL; so is an unknown filter name', async () => {
      await seed(fx);
      const em = fx.orm.em.fork();
      await expect(em.find(Project, {})).rejects.toThrow(/filter 'tenant' of Project is active and needs parameters/);
      await expect(em.findOne(Project, 1)).rejects.toThrow(UsageError);
      await expect(em.count(Task)).rejects.toThrow(UsageError);
      await expect(em.findByCursor(Project, {}, { first: 2 })).rejects.toThrow(UsageError);
      expect(() => em.qb(Project, 'p')).toThrow(UsageError);
      expect(() => em.stream(Project, {})).toThrow(UsageError);
      // The root (Label) has no tenant filter, but the populated projects do: refused before the labels are read.
      await expect(em.find(Label, {}, { populate: ['projects'] })).rejects.toThrow(UsageError);
      // A relation filter reaches a filtered entity too.
      await expect(em.find(Label, { projects: { name: 'A1' } })).rejects.toThrow(UsageError);
      expect(() => em.setFilterParams('tenat', { tenantId: 1 })).toThrow(/no filter named 'tenat'/);
      await expect(em.find(Project, {}, { filters: { tenat: false } })).rejects.toThrow(/no filter named 'tenat'/);
      expect(fx.queries).toEqual([]);
    });

    test('findOne by key: a query with the filter unless the entity is managed already', async () => {
      const ids = await seed(fx);
      const em = tenant(fx, 1);
      expect(await em.findOne(Project, ids.b1)).toBeNull();
      await expect(em.findOneOrFail(Project, ids.b1)).rejects.toThrow(NotFoundError);
      const a1 = await em.findOne(Project, ids.a1);
      expect(a1?.name).toBe('A1');
      expectBoundTenant(fx, 1);
      // Managed already: returned as it is, without a query (documented: filters are SQL conditions).
      fx.queries.length = 0;
      const other = fx.orm.em.fork().setFilterParams('tenant', { tenantId: 2 });
      const b1 = await other.findOne(Project, ids.b1, { filters: false });
      expect(await other.findOne(Project, ids.b1)).toBe(b1);
      expect(fx.queries).toHaveLength(1);
      expect(await em.findOne(Project, ids.b1, { filters: { tenant: { tenantId: 2 } } })).not.toBeNull();
    });

    test('populate, select-in and joined, and lazy loads skip filtered rows', async () => {
      const ids = await seed(fx);
      const em = tenant(fx, 1);
      const [a1] = await em.find(Project, { id: ids.a1 }, { populate: ['tasks', 'labels'] });
      expect(names(a1.tasks.getItems())).toEqual(['t-a1']);
      expect(names(a1.labels.getItems())).toEqual(['urgent']);
      expectBoundTenant(fx, 1);
      expect(fx.sent('select')).toHaveLength(3);
      const joined = await tenant(fx, 1).find(Project, { id: ids.a1 }, { populate: ['tasks'], strategy: 'joined' });
      expect(names(joined[0].tasks.getItems())).toEqual(['t-a1']);
      // Lazy: a collection's init() runs with the EntityManager's parameters.
      const lazy = await tenant(fx, 2).findOneOrFail(Project, { id: ids.a1 }, { filters: false });
      const loaded = await lazy.tasks.init();
      expect(names(loaded.getItems())).toEqual(['t-a1-foreign']);
      // To-one: a target the filter hides stays an unloaded reference (its key is still the row's foreign key).
      const crossing = await tenant(fx, 1).findOneOrFail(Task, { id: ids.crossing }, { populate: ['project'] });
      expect(crossing.project.id).toBe(ids.b1);
      expect(crossing.project.name).toBeUndefined();
      // A lazy reference to a hidden row: load() leaves it unloaded; with the row's tenant it loads.
      const lazyTask = await tenant(fx, 1).findOneOrFail(Task, { id: ids.crossing });
      expect((await lazyTask.origin?.load())?.name).toBeUndefined();
      expect(lazyTask.origin?.isInitialized()).toBe(false);
      const visible = await tenant(fx, 2).findOneOrFail(Task, { id: ids.crossing }, { filters: false });
      expect((await visible.origin?.load())?.name).toBe('B1');
      // Populate with the filter switched per call.
      const all = await tenant(fx, 1).findOneOrFail(Task, { id: ids.crossing }, { populate: ['project'], filters: { tenant: false } });
      expect(all.project.name).toBe('B1');
    });

    test('a relation filter reaches the filtered entity through a subquery carrying its filter', async () => {
      const ids = await seed(fx);
      const em = tenant(fx, 1);
      // t-b1-crossing (tenant 1) belongs to B1 (tenant 2): hidden through the relation.
      expect(names(await em.find(Task, { project: { name: { $like: '%1' } } }))).toEqual(['t-a1']);
      expect(names(await em.find(Label, { projects: { name: 'B1' } }))).toEqual([]);
      expectBoundTenant(fx, 1);
      expect(names(await em.find(Label, { projects: { name: 'B1' } }, { filters: { tenant: false } }))).toEqual(['urgent']);
      expect(ids.label).toBeDefined();
    });

    test('query builder: the root entity filtered, switched off per builder', async () => {
      await seed(fx);
      const em = tenant(fx, 1);
      const qb = em.qb(Project, 'p').orderBy({ 'p.name': 'asc' });
      expect(qb.getParams()).toContain(1);
      expect(names(await qb.getResult())).toEqual(['A1', 'A2']);
      expect(await em.qb(Project, 'p').where({ 'p.name': { $like: 'A%' } }).count()).toBe(2);
      expect(names(await em.qb(Project, 'p', { filters: { tenant: false } }).getResult())).toEqual(['A1', 'A2', 'B1']);
      const rows = await em.qb(Task, 't').select(['t.title']).where({ 't.project': { name: 'B1' } }).execute();
      expect(rows).toEqual([]);
    });

    test('cursor pages and streams see one tenant', async () => {
      await seed(fx);
      const em = tenant(fx, 2);
      const page = await em.findByCursor(Task, {}, { first: 5, orderBy: { title: 'asc' } });
      expect(names(page.items)).toEqual(['t-a1-foreign', 't-b1']);
      const streamed: string[] = [];
      for await (const t of em.stream(Task, {}, { orderBy: { id: 'asc' }, batchSize: 1 })) streamed.push(t.title);
      expect(streamed.sort()).toEqual(['t-a1-foreign', 't-b1']);
      expectBoundTenant(fx, 2);
    });

    test('a fork starts with a copy of its parent parameters; a transaction shares them', async () => {
      await seed(fx);
      const parent = tenant(fx, 2);
      const child = parent.fork();
      expect(names(await child.find(Project, {}))).toEqual(['B1']);
      child.setFilterParams('tenant', { tenantId: 1 });
      expect(names(await parent.find(Project, {}))).toEqual(['B1']);
      expect(child.getFilterParams('tenant')).toEqual({ tenantId: 1 });
      await parent.transactional(async (tx) => expect(names(await tx.find(Project, {}))).toEqual(['B1']));
    });

    test('an Orm-level filter applies to the entities it names, off until turned on', async () => {
      await seed(fx);
      const em = fx.orm.em.fork();
      const on = { filters: { tenant: false, named: { prefix: 'A%' } } };
      expect(names(await em.find(Project, {}, on))).toEqual(['A1', 'A2']);
      expect(names(await em.find(Label, {}, { filters: { named: { prefix: 'x%' } } }))).toEqual([]);
      // Not named for Task: the switch changes nothing there.
      expect(await em.count(Task, {}, on)).toBe(4);
      expect(await em.count(Project, {}, { filters: { tenant: false } })).toBe(3);
    });
  },
  { filters: [{ name: 'named', cond: (args: { prefix: string }) => ({ name: { $like: args.prefix } }), entities: [Project, Label] }] },
);
