import { QueryError } from '../../../../src';
import { mysqlDialect } from '../../../../src/dialects/mysql';
import { postgresDialect } from '../../../../src/dialects/postgres';
import { sqliteDialect } from '../../../../src/dialects/sqlite';
import { AssignmentNode } from '../../../../src/query/nodes/assignment-node';
import { BinaryOperationNode } from '../../../../src/query/nodes/binary-operation-node';
import { ColumnNode } from '../../../../src/query/nodes/column-node';
import { InsertQueryNode } from '../../../../src/query/nodes/insert-query-node';
import { JunctionNode } from '../../../../src/query/nodes/junction-node';
import { ParameterNode } from '../../../../src/query/nodes/parameter-node';
import { TableNode } from '../../../../src/query/nodes/table-node';
import { TupleNode } from '../../../../src/query/nodes/tuple-node';
import { UpdateQueryNode } from '../../../../src/query/nodes/update-query-node';
import { ValueNode } from '../../../../src/query/nodes/value-node';

const col = (name: string) => ColumnNode.create(name);
const slot = (n: number) => ParameterNode.create(n);

// Slots are numbered by the row's values (key 0, name 1, expected version 2) but appear in the SQL in another
// order, with a fixed value (the version increment) between them.
const versionedUpdate = UpdateQueryNode.create(
  TableNode.create('authors'),
  [
    AssignmentNode.create(col('name'), slot(1)),
    AssignmentNode.create(col('version'), BinaryOperationNode.create(col('version'), '+', ValueNode.create(1))),
  ],
  JunctionNode.create('and', [
    BinaryOperationNode.create(col('id'), '=', slot(0)),
    BinaryOperationNode.create(col('version'), '=', slot(2)),
  ]),
);

describe('StatementTemplate', () => {
  it('binds slot values and fixed values in placeholder order', () => {
    const template = postgresDialect.createCompiler().compileTemplate(versionedUpdate);

    const compiled = template.bind([42, 'Ada', 3]);

    expect(compiled.sql).toBe('update "authors" set "name" = $1, "version" = "version" + $2 where ("id" = $3 and "version" = $4)');
    expect(compiled.params).toEqual(['Ada', 1, 42, 3]);
  });

  it.each([
    ['sqlite', sqliteDialect],
    ['mysql', mysqlDialect],
  ] as const)('binds in placeholder order with ? placeholders on %s', (_name, dialect) => {
    const compiled = dialect.createCompiler().compileTemplate(versionedUpdate).bind([42, 'Ada', 3]);

    expect(compiled.params).toEqual(['Ada', 1, 42, 3]);
    expect(compiled.sql.match(/\?/g)).toHaveLength(4);
  });

  it('can be bound many times without one binding leaking into the next', () => {
    const template = sqliteDialect.createCompiler().compileTemplate(versionedUpdate);

    const first = template.bind([1, 'Ada', 1]);
    const second = template.bind([2, 'Grace', 7]);

    expect(first.params).toEqual(['Ada', 1, 1, 1]);
    expect(second.params).toEqual(['Grace', 1, 2, 7]);
    expect(second.sql).toBe(first.sql);
  });

  it('passes values through when placeholder i reads slot i', () => {
    const insert = InsertQueryNode.create(TableNode.create('authors'), [col('name'), col('email')], [
      TupleNode.create([slot(0), slot(1)]),
      TupleNode.create([slot(2), slot(3)]),
    ]);

    const compiled = postgresDialect.createCompiler().compileTemplate(insert).bind(['Ada', 'a@x', 'Grace', null]);

    expect(compiled).toEqual({
      sql: 'insert into "authors" ("name", "email") values ($1, $2), ($3, $4)',
      params: ['Ada', 'a@x', 'Grace', null],
      kind: 'insert',
      table: 'authors',
    });
  });

  it('refuses a template passed to compile() with a QueryError', () => {
    const compile = () => postgresDialect.createCompiler().compile(versionedUpdate);
    expect(compile).toThrow(QueryError);
    expect(compile).toThrow(/compileTemplate/);
  });
});
