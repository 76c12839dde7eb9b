import { postgresDialect } from '../../../../src/dialects/postgres';
import { AssignmentNode } from '../../../../src/query/nodes/assignment-node';
import { ColumnNode } from '../../../../src/query/nodes/column-node';
import { DeleteQueryNode } from '../../../../src/query/nodes/delete-query-node';
import { DerivedTableNode } from '../../../../src/query/nodes/derived-table-node';
import { ExplainNode } from '../../../../src/query/nodes/explain-node';
import { InsertQueryNode } from '../../../../src/query/nodes/insert-query-node';
import type { QueryNode } from '../../../../src/query/nodes/operation-node';
import { ParameterNode } from '../../../../src/query/nodes/parameter-node';
import { RawNode } from '../../../../src/query/nodes/raw-node';
import { SelectQueryNode } from '../../../../src/query/nodes/select-query-node';
import { TableNode } from '../../../../src/query/nodes/table-node';
import { TupleNode } from '../../../../src/query/nodes/tuple-node';
import { UpdateQueryNode } from '../../../../src/query/nodes/update-query-node';
import { ValueNode } from '../../../../src/query/nodes/value-node';

const books = TableNode.create('books', 'b');
const selectBooks = SelectQueryNode.create(books, [ColumnNode.create('id')]);

// What `query` events, metrics and spans report as a statement's kind and table comes from its tree.
describe('the kind and table of a compiled statement', () => {
  const compile = (node: QueryNode) => {
    const { kind, table } = postgresDialect.createCompiler().compile(node);
    return { kind, table };
  };

  it.each<[string, QueryNode, { kind: string; table: string | undefined }]>([
    ['a select (the table, not its alias)', selectBooks, { kind: 'select', table: 'books' }],
    ['a select from a derived table', SelectQueryNode.create(DerivedTableNode.create(selectBooks, 'd'), [ColumnNode.create('id')]), { kind: 'select', table: 'books' }],
    ['an insert', InsertQueryNode.create(TableNode.create('books'), [ColumnNode.create('id')], [TupleNode.create([ValueNode.create(1)])]), { kind: 'insert', table: 'books' }],
    ['an update', UpdateQueryNode.create(TableNode.create('books'), [AssignmentNode.create(ColumnNode.create('id'), ValueNode.create(2))]), { kind: 'update', table: 'books' }],
    ['a delete', DeleteQueryNode.create(TableNode.create('books')), { kind: 'delete', table: 'books' }],
    ['an explain', ExplainNode.create(selectBooks, false), { kind: 'other', table: 'books' }],
    ['raw SQL', RawNode.create(['select 1'], []), { kind: 'other', table: undefined }],
  ])('%s', (_, node, expected) => {
    expect(compile(node)).toEqual(expected);
  });

  it('a template gives every statement it binds its kind and table', () => {
    const template = postgresDialect.createCompiler().compileTemplate(DeleteQueryNode.create(TableNode.create('books'), undefined));
    const { kind, table } = template.bind([]);
    expect({ kind, table }).toEqual({ kind: 'delete', table: 'books' });
    const withSlot = postgresDialect
      .createCompiler()
      .compileTemplate(InsertQueryNode.create(TableNode.create('tags'), [ColumnNode.create('id')], [TupleNode.create([ParameterNode.create(0)])]));
    expect(withSlot.bind([3])).toMatchObject({ kind: 'insert', table: 'tags', params: [3] });
  });
});
