import { Collection, Column, Entity, ManyToOne, OneToMany, Orm, PrimaryKey, ref, type NPlusOneWarning, type Reference } from '../../src';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';

@Entity({ table: 'np_writer' })
class Writer {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @OneToMany(() => Novel, (n) => n.writer) novels = new Collection<Novel>(this);
}

@Entity({ table: 'np_novel' })
class Novel {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @ManyToOne(() => Writer, { ref: true }) writer!: Reference<Writer>;
}

const THRESHOLD = 3;
const logged: string[] = [];

/** `count` novels, each by its own writer. */
async function seed(fx: Fixture, count: number): Promise<void> {
  const em = fx.orm.em.fork();
  for (let i = 1; i <= count; i++) {
    const writer = em.create(Writer, { name: `W${i}` });
    em.create(Novel, { title: `N${i}`, writer: ref(writer) });
  }
  await em.flush();
}

function warningsOf(orm: Orm): NPlusOneWarning[] {
  const seen: NPlusOneWarning[] = [];
  orm.on('n-plus-one', (w) => seen.push(w));
  return seen;
}

describeEachDialect(
  [Writer, Novel],
  (fx) => {
    let warnings: NPlusOneWarning[];
    let off: () => void;
    beforeEach(() => {
      logged.length = 0;
      warnings = [];
      off = fx.orm.on('n-plus-one', (w) => warnings.push(w));
    });
    afterEach(() => off());

    test('lazy loads one at a time in a request context: one warning naming the entity, relation and call site', async () => {
      await seed(fx, THRESHOLD + 3);
      await fx.orm.requestContext(async () => {
        const novels = await fx.orm.em.find(Novel, {}, { orderBy: { id: 'asc' } });
        for (const novel of novels) await novel.writer.load();
      });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({ entity: 'Novel', relation: 'writer', count: THRESHOLD + 1, threshold: THRESHOLD, scope: 'request context' });
      expect(warnings[0].callSite).toMatch(/^test\/integration\/n-plus-one\.test\.ts:\d+:\d+$/);
      expect(warnings[0].sql).toMatch(/np_writer/);
      expect(logged).toEqual([warnings[0].message]);
      expect(logged[0]).toContain("N+1: Novel.writer was loaded one Novel at a time, 4 times in one request context (threshold 3), at test/integration/n-plus-one.test.ts:");
      expect(logged[0]).toContain("populate: ['writer']");
    });

    test('collections initialised one owner at a time name the to-many relation', async () => {
      await seed(fx, THRESHOLD + 1);
      await fx.orm.requestContext(async () => {
        for (const writer of await fx.orm.em.find(Writer, {})) await writer.novels.init();
      });
      expect(warnings.map((w) => [w.entity, w.relation])).toEqual([['Writer', 'novels']]);
      expect(warnings[0].callSite).toMatch(/^test\/integration\/n-plus-one\.test\.ts:/);
    });

    test('a read repeated by the application is reported with its call site, without a relation', async () => {
      await seed(fx, 1);
      await fx.orm.requestContext(async () => {
        for (let i = 0; i <= THRESHOLD; i++) await fx.orm.em.findOne(Writer, { name: `W${i}` });
      });
      expect(warnings).toHaveLength(1);
      expect(warnings[0].relation).toBeUndefined();
      expect(warnings[0].callSite).toMatch(/^test\/integration\/n-plus-one\.test\.ts:\d+:\d+$/);
      expect(warnings[0].message).toMatch(/the same read ran 4 times in one request context/);
    });

    test('outside a request context, the lazy loads of one EntityManager count together', async () => {
      await seed(fx, THRESHOLD + 1);
      const em = fx.orm.em.fork();
      for (const novel of await em.find(Novel, {})) await novel.writer.load();
      expect(warnings.map((w) => [w.relation, w.scope, w.count])).toEqual([['writer', 'EntityManager', THRESHOLD + 1]]);
    });

    test('populate, a batched Promise.all lazy load, or loads below the threshold do not warn', async () => {
      await seed(fx, THRESHOLD + 3);
      await fx.orm.requestContext(async () => {
        const novels = await fx.orm.em.find(Novel, {}, { populate: ['writer'] });
        expect(novels.map((n) => n.writer.get().name).sort()).toHaveLength(THRESHOLD + 3);
      });
      fx.queries.length = 0;
      await fx.orm.requestContext(async () => {
        const novels = await fx.orm.em.find(Novel, {});
        await Promise.all(novels.map((n) => n.writer.load()));
      });
      expect(fx.sent('select')).toHaveLength(2);
      await fx.orm.requestContext(async () => {
        const novels = await fx.orm.em.find(Novel, {}, { limit: THRESHOLD });
        for (const novel of novels) await novel.writer.load();
      });
      expect(warnings).toEqual([]);
      expect(logged).toEqual([]);
    });

    test('runs are counted per request context', async () => {
      await seed(fx, THRESHOLD * 2);
      const loadSome = (offset: number) =>
        fx.orm.requestContext(async () => {
          for (const novel of await fx.orm.em.find(Novel, {}, { orderBy: { id: 'asc' }, limit: THRESHOLD, offset })) await novel.writer.load();
        });
      await Promise.all([loadSome(0), loadSome(THRESHOLD)]);
      expect(warnings).toEqual([]);
    });

    test("a populate split into chunks (20,000 keys, 10,000 per select) is one load, even at threshold 1", async () => {
      const em = fx.orm.em.fork();
      const writers = Array.from({ length: 20_000 }, (_, i) => em.create(Writer, { name: `W${i}` }));
      await em.flush();
      for (const [i, writer] of writers.entries()) em.create(Novel, { title: `N${i}`, writer: ref(writer) });
      await em.flush();
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Writer, Novel], detectNPlusOne: { threshold: 1, logger: (l) => logged.push(l) } });
      try {
        const seen = warningsOf(orm);
        const selects: string[] = [];
        orm.on('query', (q) => q.sql.startsWith('select') && selects.push(q.sql));
        await orm.requestContext(async () => {
          const novels = await orm.em.find(Novel, {}, { populate: ['writer'] });
          expect(novels).toHaveLength(20_000);
        });
        // The two chunks are the same statement: without the batch mark they would count twice.
        expect(selects).toHaveLength(3);
        expect(selects[1]).toBe(selects[2]);
        expect(seen).toEqual([]);
        expect(logged).toEqual([]);
      } finally {
        await orm.close();
      }
    }, 60_000);

    test('a chunked flush (batchSize 2) does not warn', async () => {
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Writer, Novel], batchSize: 2, detectNPlusOne: { threshold: 1, logger: (l) => logged.push(l) } });
      try {
        const seen = warningsOf(orm);
        await orm.requestContext(async () => {
          for (let i = 0; i < 8; i++) orm.em.create(Writer, { name: `W${i}` });
          await orm.em.flush();
        });
        expect(seen).toEqual([]);
      } finally {
        await orm.close();
      }
    });

    test('without the option nothing is traced or reported', async () => {
      await seed(fx, THRESHOLD + 2);
      const orm = await Orm.init({ dialect: fx.dialect, url: fx.url, entities: [Writer, Novel] });
      try {
        const seen = warningsOf(orm);
        await orm.requestContext(async () => {
          for (const novel of await orm.em.find(Novel, {})) await novel.writer.load();
        });
        expect(seen).toEqual([]);
      } finally {
        await orm.close();
      }
    });
  },
  { detectNPlusOne: { threshold: THRESHOLD, logger: (line) => logged.push(line) } },
);
