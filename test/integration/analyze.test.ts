import { Column, Entity, Orm, postgres, PrimaryKey, raw, UsageError, type AnalysisFinding, type AnalysisReport } from '../../src';
import { describeEachDialect, type Fixture } from '../support/dialect-fixture';
import { openRawClient } from '../support/raw-client';

/** A table made large (1,200 rows) for the full-scan checks. */
@Entity({ table: 'an_shelf' })
class Shelf {
  @PrimaryKey() id!: number;
  @Column() note!: string;
}

const MIN_ROWS = 1000;
const FULL_SCAN_DETAIL = { sqlite: /^SCAN (an_shelf|s)\b/, postgres: /^Seq Scan on an_shelf$/, mariadb: /^type=ALL$/ };

/** An unindexed foreign key (an_child.parent_id) and an index nothing reads (an_child_unused), made with plain DDL. */
async function createRawTables(fx: Fixture): Promise<void> {
  await fx.raw.exec('drop table if exists an_child');
  await fx.raw.exec('drop table if exists an_parent');
  await fx.raw.exec('create table an_parent (id int primary key, name varchar(50))');
  await fx.raw.exec('create table an_child (id int primary key, parent_id int references an_parent (id), note varchar(50))');
  await fx.raw.exec('create index an_child_unused on an_child (note, id)');
  await fx.raw.exec("insert into an_parent (id, name) values (1, 'one'), (2, 'two')");
}

/** Findings about this suite's tables (the worker's database may hold other suites' tables). */
const ours = (report: AnalysisReport): AnalysisFinding[] => report.findings.filter((f) => f.table.startsWith('an_'));

describeEachDialect([Shelf], (fx) => {
  beforeEach(async () => {
    await createRawTables(fx);
    const em = fx.orm.em.fork();
    for (let i = 1; i <= MIN_ROWS + 200; i++) em.create(Shelf, { id: i, note: `note ${i}` });
    await em.flush();
  });

  test('a statement reading a large table whole is flagged; a lookup by key and a small table are not', async () => {
    const report = await fx.orm.analyze({
      minRows: MIN_ROWS,
      statements: [
        "select * from an_shelf where note = 'x'",
        { sql: `select s.id from an_shelf s where s.note = ${fx.dialect === 'postgres' ? '$1' : '?'}`, params: ['x'] },
        'select * from an_shelf where id = 7',
        "select * from an_parent where name = 'one'",
      ],
    });
    expect(report.statements).toEqual([
      { sql: "select * from an_shelf where note = 'x'" },
      { sql: expect.stringMatching(/^select s\.id/) },
      { sql: 'select * from an_shelf where id = 7' },
      { sql: "select * from an_parent where name = 'one'" },
    ]);
    const scans = ours(report).filter((f) => f.kind === 'full-scan');
    expect(scans.map((f) => [f.kind === 'full-scan' && f.sql.slice(0, 15), f.table])).toEqual([
      ['select * from a', 'an_shelf'],
      ['select s.id fro', 'an_shelf'],
    ]);
    for (const scan of scans) if (scan.kind === 'full-scan') expect(scan.detail).toMatch(FULL_SCAN_DETAIL[fx.dialect]);
    expect(scans[0].message).toMatch(/^reads an_shelf \(1000 rows or more\) whole/);
  });

  test('a smaller table is not large until minRows says so', async () => {
    const report = await fx.orm.analyze({ minRows: 5000, statements: ["select * from an_shelf where note = 'x'"] });
    expect(ours(report).filter((f) => f.kind === 'full-scan')).toEqual([]);
  });

  test('a statement that cannot be explained is reported with its error, the others still are', async () => {
    const report = await fx.orm.analyze({ minRows: MIN_ROWS, statements: ['select * from an_missing', "select * from an_shelf where note = 'x'"] });
    expect(report.statements[0].error).toMatch(/an_missing/);
    expect(report.statements[1]).toEqual({ sql: "select * from an_shelf where note = 'x'" });
    expect(ours(report).some((f) => f.kind === 'full-scan')).toBe(true);
  });

  test('a foreign key no index leads with is flagged (InnoDB indexes its own), until an index covers it', async () => {
    const keys = (report: AnalysisReport) => ours(report).filter((f) => f.kind === 'unindexed-foreign-key');
    const before = keys(await fx.orm.analyze());
    if (fx.dialect === 'mariadb') expect(before).toEqual([]);
    else {
      expect(before).toEqual([
        expect.objectContaining({ kind: 'unindexed-foreign-key', table: 'an_child', columns: ['parent_id'], referencedTable: 'an_parent' }),
      ]);
      expect(before[0].message).toMatch(/^an_child \(parent_id\) references an_parent without an index/);
    }
    await fx.raw.exec('create index an_child_parent on an_child (parent_id)');
    expect(keys(await fx.orm.analyze())).toEqual([]);
  });

  test('indexes never used are flagged where the database records index use, else a note says it cannot tell', async () => {
    const report = await fx.orm.analyze();
    const unused = ours(report).filter((f) => f.kind === 'unused-index');
    if (fx.dialect === 'postgres') {
      // Primary keys and unique indexes enforce a constraint: never reported.
      expect(unused).toEqual([expect.objectContaining({ kind: 'unused-index', table: 'an_child', index: 'an_child_unused' })]);
      expect(report.notes).toEqual([]);
    } else if (fx.dialect === 'sqlite') {
      expect(unused).toEqual([]);
      expect(report.notes).toEqual(['Unused indexes: sqlite cannot tell (SQLite keeps no record of index use).']);
    } else {
      const [{ on }] = await fx.orm.em.fork().sql<{ on: number }>`select @@performance_schema as ${raw('`on`')}`;
      if (Number(on)) expect(unused.map((f) => f.kind === 'unused-index' && f.index)).toContain('an_child_unused');
      else expect(report.notes).toEqual([expect.stringMatching(/^Unused indexes: mysql cannot tell \(the server records index use only with performance_schema on/)]);
    }
  });

  test('nothing a statement smuggles in stays: the analysis reads in a read-only transaction that is rolled back', async () => {
    await fx.raw.exec('drop table if exists an_smuggled');
    // Without prepared statements, node-postgres sends a text without values as a simple query: several statements run.
    const orm = await Orm.init({ dialect: fx.dialect === 'postgres' ? postgres({ preparedStatements: false }) : fx.dialect, url: fx.url, entities: [Shelf] });
    try {
      const report = await orm.analyze({ statements: ['select 1 as one; create table an_smuggled (id int)', 'select * from an_shelf where id = 1'] });
      expect(report.statements[0].error).toBeDefined();
      expect(report.statements[1]).toEqual({ sql: 'select * from an_shelf where id = 1' });
      expect(await orm.schema.listTables()).not.toContain('an_smuggled');
    } finally {
      await orm.close();
    }
  });

  test('minRows must be a whole number of at least 1', async () => {
    await expect(fx.orm.analyze({ minRows: 0 })).rejects.toThrow(UsageError);
    await expect(fx.orm.analyze({ minRows: 0 })).rejects.toThrow('orm.analyze({ minRows }) takes a whole number of rows of at least 1, not 0.');
  });

  afterAll(async () => {
    // The fixture's raw client may be closed already (hooks run in the order they were declared); SQLite's file is gone.
    if (fx.dialect === 'sqlite') return;
    const client = await openRawClient(fx.dialect, fx.url);
    await client.exec('drop table if exists an_child');
    await client.exec('drop table if exists an_parent');
    await client.close();
  });
});
