import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { FILTER_ENTITIES, Label, Note, Project, Task } from '../../support/filter-entities';

const noTenant = { filters: { tenant: false } } as const;

/** A project with two tasks and a note, in tenant 1. */
async function seed(fx: Fixture): Promise<{ project: number; tasks: number[]; note: number }> {
  const em = fx.orm.em.fork();
  const project = em.create(Project, { name: 'P', tenantId: 1 });
  const tasks = [em.create(Task, { title: 't1', tenantId: 1, project }), em.create(Task, { title: 't2', tenantId: 1, project })];
  const note = em.create(Note, { text: 'n', project });
  await em.flush();
  fx.queries.length = 0;
  return { project: project.id, tasks: tasks.map((t) => t.id), note: note.id };
}

const deletedAt = (row: Record<string, unknown>) => row.deleted_at;

describeEachDialect(FILTER_ENTITIES, (fx) => {
  test('removing 100 soft-delete entities is one UPDATE and no DELETE; each then holds the time written', async () => {
    const em = fx.orm.em.fork();
    const labels = Array.from({ length: 100 }, (_, i) => em.create(Label, { name: `l${i}` }));
    await em.flush();
    fx.queries.length = 0;
    em.remove(labels);
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    expect(fx.sent('delete')).toHaveLength(0);
    const rows = await fx.raw.rows('f_label');
    expect(rows).toHaveLength(100);
    expect(rows.every((r) => deletedAt(r) !== null)).toBe(true);
    expect(labels.every((l) => l.deletedAt instanceof Date)).toBe(true);
    expect(new Set(labels.map((l) => l.deletedAt?.getTime())).size).toBe(1);
    const reloaded = await fx.orm.em.fork().findOneOrFail(Label, { id: labels[0].id }, { withDeleted: true });
    expect(Math.abs((reloaded.deletedAt as Date).getTime() - (labels[0].deletedAt as Date).getTime())).toBeLessThan(1000);
    // A second flush has nothing to write: the entity is managed, its snapshot holds the time.
    fx.queries.length = 0;
    await em.flush();
    expect(fx.queries).toHaveLength(0);
  });

  test('find, findOne, count, populate and relation filters skip soft-deleted rows; withDeleted includes them', async () => {
    const ids = await seed(fx);
    const em = fx.orm.em.fork().setFilterParams('tenant', { tenantId: 1 });
    const t1 = await em.findOneOrFail(Task, ids.tasks[0]);
    em.remove(t1);
    await em.flush();
    fx.queries.length = 0;
    const fresh = fx.orm.em.fork().setFilterParams('tenant', { tenantId: 1 });
    expect((await fresh.find(Task, {})).map((t) => t.title)).toEqual(['t2']);
    expect(await fresh.count(Task)).toBe(1);
    expect(await fresh.findOne(Task, ids.tasks[0])).toBeNull();
    expect(fx.sent('select').every((q) => /deleted_at"?`?\s+is null/.test(q.sql))).toBe(true);
    const [project] = await fresh.find(Project, {}, { populate: ['tasks'] });
    expect(project.tasks.getItems().map((t) => t.title)).toEqual(['t2']);
    expect(await fresh.count(Project, { tasks: { title: 't1' } })).toBe(0);
    expect(await fresh.count(Task, {}, { withDeleted: true })).toBe(2);
    expect(await fresh.count(Project, { tasks: { title: 't1' } }, { withDeleted: true })).toBe(1);
    expect((await fresh.findOne(Task, ids.tasks[0], { withDeleted: true }))?.deletedAt).toBeInstanceOf(Date);
    // In the EntityManager that removed it: known to be soft-deleted, so findOne by key says null without a query.
    fx.queries.length = 0;
    expect(await em.findOne(Task, ids.tasks[0])).toBeNull();
    expect(await em.findOne(Task, ids.tasks[0], { withDeleted: true })).toBe(t1);
    expect(fx.queries).toHaveLength(0);
    expect((await fresh.qb(Task, 't', { withDeleted: true }).getResult()).length).toBe(2);
    expect((await fresh.qb(Task, 't').getResult()).length).toBe(1);
  });

  test('hard: true deletes the row', async () => {
    const ids = await seed(fx);
    const em = fx.orm.em.fork();
    em.remove(await em.findOneOrFail(Task, ids.tasks[0], noTenant), { hard: true });
    await em.flush();
    expect(fx.sent('delete')).toHaveLength(1);
    expect(fx.sent('update')).toHaveLength(0);
    expect((await fx.raw.rows('f_task')).map((r) => r.title)).toEqual(['t2']);
  });

  test('a cascade soft-deletes soft-delete children (one UPDATE per table) and deletes the others', async () => {
    const ids = await seed(fx);
    const em = fx.orm.em.fork();
    em.remove(await em.findOneOrFail(Project, ids.project, noTenant));
    await em.flush();
    expect(fx.sent('update').map((q) => q.sql.match(/f_\w+/)?.[0]).sort()).toEqual(['f_project', 'f_task']);
    expect(fx.sent('delete').map((q) => q.sql.match(/f_\w+/)?.[0])).toEqual(['f_note']);
    expect((await fx.raw.rows('f_project')).map(deletedAt)).not.toContain(null);
    expect((await fx.raw.rows('f_task')).map(deletedAt)).not.toContain(null);
    expect(await fx.raw.count('f_note')).toBe(0);
  });

  test('a hard delete cascades as hard deletes, to children soft-deleted before too', async () => {
    const ids = await seed(fx);
    const first = fx.orm.em.fork();
    first.remove(await first.findOneOrFail(Task, ids.tasks[0], noTenant));
    await first.flush();
    const em = fx.orm.em.fork();
    em.remove(await em.findOneOrFail(Project, ids.project, noTenant), { hard: true });
    await em.flush();
    expect(fx.sent('update')).toHaveLength(1);
    expect(await fx.raw.count('f_task')).toBe(0);
    expect(await fx.raw.count('f_project')).toBe(0);
    expect(await fx.raw.count('f_note')).toBe(0);
  });

  test('a row soft-deleted already keeps its time when removed again', async () => {
    const ids = await seed(fx);
    const em = fx.orm.em.fork();
    const task = await em.findOneOrFail(Task, ids.tasks[0], noTenant);
    em.remove(task);
    await em.flush();
    const first = task.deletedAt;
    fx.queries.length = 0;
    em.remove(task);
    await em.flush();
    expect(fx.queries).toHaveLength(0);
    expect(task.deletedAt).toBe(first);
  });
});
