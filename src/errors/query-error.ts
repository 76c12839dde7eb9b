import { TesseraError, type Named } from './tessera-error';

/** A filter, order or option that cannot be turned into a query; raised before any SQL is sent. */
export class QueryError extends TesseraError {
  static unknownProperty(entity: Named, property: string, where: 'filter' | 'orderBy' | 'fields' | 'data'): QueryError {
    return new QueryError(`${entity.name} has no property '${property}' (in ${where}).`);
  }

  static unknownOperator(entity: Named, property: string, operator: string): QueryError {
    return new QueryError(
      `Unknown operator '${operator}' on ${entity.name}.${property}. ` +
        'Known: $eq $ne $gt $gte $lt $lte $in $nin $like $ilike $null, and $and $or $not.',
    );
  }

  static badOperand(entity: Named, property: string, operator: string, expected: string): QueryError {
    return new QueryError(`${operator} on ${entity.name}.${property} expects ${expected}.`);
  }

  static badJunction(entity: Named, operator: string): QueryError {
    return new QueryError(`${operator} in a filter on ${entity.name} expects an array of filters.`);
  }

  static jsonEquality(entity: Named, property: string): QueryError {
    return new QueryError(
      `${entity.name}.${property} is a JSON column: filters cannot compare it with an object (JSON equality differs ` +
        'between databases). Compare with null, or query a scalar column instead.',
    );
  }

  static undefinedInFilter(entity: Named, property: string, operator?: string): QueryError {
    const where = operator === undefined ? `${entity.name}.${property}` : `${operator} on ${entity.name}.${property}`;
    return new QueryError(
      `The filter's ${where} is undefined (a missing input?). Tessera does not drop it, which would widen the ` +
        'query: leave the key out, or compare with null for IS NULL.',
    );
  }

  static missingFilter(entity: Named, method?: string): QueryError {
    const subject = method === undefined ? `A filter on ${entity.name}` : `The filter of ${method}(${entity.name}, ..)`;
    return new QueryError(
      `${subject} is undefined or null (a missing input?), which would match any row: pass a primary key or a filter object.`,
    );
  }

  static filterTooDeep(entity: Named, limit: number): QueryError {
    return new QueryError(`A filter on ${entity.name} nests deeper than ${limit} levels ($and, $or, $not and relations).`);
  }

  static tooManyParameters(count: number, limit: number): QueryError {
    return new QueryError(
      `A statement would bind ${count} parameters, more than the database accepts (${limit}): split the query ` +
        '(e.g. a long $in list into several finds).',
    );
  }

  static statementTooLarge(bytes: number, limit: number, setting: string): QueryError {
    return new QueryError(
      `A statement would be ${bytes} bytes, more than the server accepts (${setting} = ${limit}): split the query ` +
        '(e.g. a long $in list into several finds), or raise the server setting.',
    );
  }

  static badOrderDirection(entity: Named, property: string, direction: unknown): QueryError {
    return new QueryError(`orderBy ${entity.name}.${property} must be 'asc' or 'desc', not '${String(direction)}'.`);
  }

  static badPagination(option: 'limit' | 'offset', value: unknown): QueryError {
    return new QueryError(`${option} must be a non-negative integer, not ${String(value)}.`);
  }

  static unknownRelation(entity: Named, path: string): QueryError {
    return new QueryError(`Cannot populate '${path}': ${entity.name} has no relation of that name.`);
  }

  static badRelationFilter(entity: Named, property: string): QueryError {
    return new QueryError(
      `${entity.name}.${property} is a to-many or inverse relation: filter it with an object of the target's properties, e.g. { ${property}: { name: 'x' } }.`,
    );
  }

  static rawParameterCount(marks: number, params: number): QueryError {
    return new QueryError(`raw() got ${params} parameter(s) for ${marks} '?' mark(s): give one value per mark.`);
  }

  static badIdentifier(name: unknown): QueryError {
    return new QueryError(`An identifier must be a non-empty string, not ${typeof name === 'string' ? "''" : typeof name}.`);
  }

  static nulInIdentifier(name: string): QueryError {
    return new QueryError(`The identifier '${name.replace(/\0/g, '\\0')}' contains a NUL character, which no database accepts in a name.`);
  }

  static rawTemplate(): QueryError {
    return new QueryError('em.sql is a tagged template: write em.sql`select .. where x = ${value}`, not em.sql(text).');
  }

  static badLockOption(option: 'lockMode' | 'lockWait', value: unknown): QueryError {
    const expected = option === 'lockMode' ? "'pessimistic_write' or 'pessimistic_read'" : "'nowait' or 'skip_locked'";
    return new QueryError(`${option} must be ${expected}, not '${String(value)}'.`);
  }

  static lockWaitWithoutLock(): QueryError {
    return new QueryError("lockWait needs a lockMode ('pessimistic_write' or 'pessimistic_read').");
  }

  static badCursor(): QueryError {
    return new QueryError('The cursor is not one this query made (garbled, tampered with, or made for another orderBy).');
  }

  static badCursorValue(type: string): QueryError {
    return new QueryError(`A cursor cannot hold a ${type} value: order by scalar, date or bigint properties.`);
  }

  static nullableCursorKey(entity: Named, property: string): QueryError {
    return new QueryError(
      `findByCursor cannot order by ${entity.name}.${property}: it is nullable, and null sorts differently per ` +
        'database, so pages could skip or repeat rows. Order by non-nullable properties.',
    );
  }

  static badPageSize(option: 'first' | 'last', value: unknown): QueryError {
    return new QueryError(`${option} must be a positive integer, not ${String(value)}.`);
  }

  static badCursorDirection(): QueryError {
    return new QueryError('findByCursor takes either first (with after) or last (with before), not a mix of them.');
  }

  static badBatchSize(value: unknown): QueryError {
    return new QueryError(`batchSize must be a positive integer, not ${String(value)}.`);
  }

  static unknownAlias(alias: string, known: readonly string[]): QueryError {
    return new QueryError(`Unknown alias '${alias}' in a query builder (known: ${known.join(', ')}).`);
  }

  static duplicateAlias(alias: string): QueryError {
    return new QueryError(`The alias '${alias}' is used twice in one query builder.`);
  }

  static unknownColumn(entity: Named, alias: string, property: string): QueryError {
    return new QueryError(`${entity.name} (alias '${alias}') has no column property '${property}'.`);
  }

  static duplicateSelection(name: string): QueryError {
    return new QueryError(`Two selected columns are both named '${name}': select only one of them.`);
  }

  static badAggregate(operator: string): QueryError {
    return new QueryError(`Unknown aggregate '${operator}'. Known: $count $sum $avg $min $max.`);
  }

  static badAggregateSelection(alias: string): QueryError {
    return new QueryError(`The aggregate '${alias}' must be one operator and a column reference, e.g. { $count: 'b.id' }.`);
  }

  static returningUnsupported(dialect: string, statement: 'insert' | 'update' | 'delete' = 'insert'): QueryError {
    const instead =
      statement === 'insert'
        ? 'run the insert, then select the rows (or use em.create and flush, which reads generated ids back)'
        : `select the rows before (a delete) or after (an update) the ${statement}, in one transaction`;
    return new QueryError(`${dialect} has no ${statement.toUpperCase()} .. RETURNING that Tessera uses: ${instead}.`);
  }

  static emptyWrite(entity: Named, operation: 'insert' | 'update'): QueryError {
    return new QueryError(`A query builder ${operation} of ${entity.name} has no ${operation === 'insert' ? 'rows' : 'values to set'}.`);
  }

  static unevenInsert(entity: Named): QueryError {
    return new QueryError(`Every row of a multi-row insert of ${entity.name} must set the same properties.`);
  }

  static mergeWithoutConflict(entity: Named): QueryError {
    return new QueryError(`An upsert of ${entity.name} needs onConflict(columns) before merge() or ignore().`);
  }

  static subqueryColumns(entity: Named, property: string, count: number): QueryError {
    return new QueryError(`The subquery compared with ${entity.name}.${property} must select exactly one column, not ${count}.`);
  }

  static explainAnalyzeUnsupported(dialect: string): QueryError {
    return new QueryError(`${dialect} has no EXPLAIN ANALYZE: use explain() for the query plan.`);
  }

  /** A dialect's code asked `compile()` for a tree with template slots, which only `compileTemplate()` binds. */
  static templateCompiled(): QueryError {
    return new QueryError('compile() got a template (a tree with value slots): compile it with compileTemplate() and bind its values.');
  }
}
