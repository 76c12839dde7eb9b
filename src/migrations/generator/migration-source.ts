import { invertOperations } from '../../dialects/schema-model/invert-operation';
import type { SchemaOperation } from '../../dialects/schema-model/schema-operation';
import { operationSource } from './operation-source';

/** A migration file's text and what a user should know about it. */
export interface MigrationSource {
  /** The class and file name: `Migration20261121193000_add_age`. */
  readonly name: string;
  readonly source: string;
  /** One line per lossy step (data that `down()` cannot bring back). */
  readonly warnings: string[];
}

/**
 * @internal The TypeScript source of a migration class whose `up()` records `operations` through the schema
 * builder and whose `down()` records their inverses, last first. A step that loses data is marked by a
 * comment above it and listed in `warnings`.
 * @example
 * migrationSource('add age', ops, new Date()).source
 */
export function migrationSource(title: string, operations: readonly SchemaOperation[], at: Date, importFrom = 'tessera-orm'): MigrationSource {
  const name = migrationName(title, at);
  const warnings: string[] = [];
  const up = operations.flatMap((op) => {
    const loss = lossOf(op);
    if (loss) warnings.push(loss);
    return [...(loss ? [`// Lossy: ${loss}.`] : []), ...operationSource(op)];
  });
  const inverse = invertOperations(operations);
  const down = inverse ? inverse.flatMap(operationSource) : [`this.irreversible('a raw SQL step of up() has no down');`];
  const source = [
    `import { Migration } from '${importFrom}';`,
    '',
    `/** ${title.replace(/\*\//g, '* /')} */`,
    `export class ${name} extends Migration {`,
    method('up', up),
    '',
    method('down', down),
    '}',
    '',
  ].join('\n');
  return { name, source, warnings };
}

/**
 * A migration's class and file name: `Migration`, the UTC time to the second (so names sort in the order
 * they were written), and the title in snake case.
 * @example
 * migrationName('Add age', new Date('2026-11-21T19:30:00Z')) // 'Migration20261121193000_add_age'
 */
export function migrationName(title: string, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d+Z$/, '').replace(/\D/g, '');
  const slug = title
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return slug ? `Migration${stamp}_${slug}` : `Migration${stamp}`;
}

function method(name: 'up' | 'down', lines: readonly string[]): string {
  return [`  ${name}(): void {`, ...lines.map((line) => `    ${line}`), '  }'].join('\n');
}

/** What a step loses for good, or undefined. */
function lossOf(op: SchemaOperation): string | undefined {
  if (op.kind === 'dropTable') return `drops table ${op.table.name} and its rows; down() recreates the table empty`;
  if (op.kind === 'dropColumn') return `drops column ${op.table}.${op.column.name} and its values; down() recreates the column, not the values`;
  return undefined;
}
