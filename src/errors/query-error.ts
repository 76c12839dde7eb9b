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

  static badPageSize(value: unknown): QueryError {
    return new QueryError(`first must be a positive integer, not ${String(value)}.`);
  }
}
