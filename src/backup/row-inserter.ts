import type { Dialect } from '../dialects/dialect';
import type { StatementConnection } from '../dialects/driver';
import type { StatementTemplate } from '../query/compiler/compiled-query';
import type { QueryCompiler } from '../query/compiler/query-compiler';
import { ColumnNode } from '../query/nodes/column-node';
import { InsertQueryNode } from '../query/nodes/insert-query-node';
import { ParameterNode } from '../query/nodes/parameter-node';
import { TableNode } from '../query/nodes/table-node';
import { TupleNode } from '../query/nodes/tuple-node';
import { rowsPerStatement } from '../sql/chunk-rows';
import type { TableSchema } from '../sql/schema-model/table-schema';
import { valueCodec, type EncodedValue, type ValueCodec } from './value-codec';

/** Most rows per INSERT; statements also stay under the dialect's parameter limit. */
const ROWS_PER_STATEMENT = 1000;

/**
 * Inserts a backup's rows into one table: multi-row INSERTs of every column (ids included), one template per
 * row count compiled once from query nodes, values decoded for the target dialect and bound.
 */
export class RowInserter {
  private readonly codecs: ValueCodec[];
  private readonly perStatement: number;
  private readonly templates = new Map<number, StatementTemplate>();

  constructor(
    private readonly table: TableSchema,
    dialect: Dialect,
    private readonly compiler: QueryCompiler,
  ) {
    this.codecs = table.columns.map((c) => valueCodec(dialect, c));
    this.perStatement = rowsPerStatement(ROWS_PER_STATEMENT, table.columns.length, dialect.capabilities.maxParameters);
  }

  async insert(rows: readonly EncodedValue[][], connection: StatementConnection): Promise<void> {
    const width = this.codecs.length;
    for (let start = 0; start < rows.length; start += this.perStatement) {
      const count = Math.min(this.perStatement, rows.length - start);
      const values = new Array<unknown>(count * width);
      for (let r = 0; r < count; r++) {
        const row = rows[start + r];
        for (let c = 0; c < width; c++) values[r * width + c] = this.codecs[c].decode(row[c]);
      }
      await connection.execute(this.template(count).bind(values));
    }
  }

  private template(count: number): StatementTemplate {
    let template = this.templates.get(count);
    if (!template) {
      const width = this.codecs.length;
      const tuples = Array.from({ length: count }, (_, r) => TupleNode.create(this.codecs.map((_, c) => ParameterNode.create(r * width + c))));
      const columns = this.table.columns.map((c) => ColumnNode.create(c.name));
      template = this.compiler.compileTemplate(InsertQueryNode.create(TableNode.create(this.table.name), columns, tuples));
      this.templates.set(count, template);
    }
    return template;
  }
}

