import { invertOperations } from '../../sql/schema-model/invert-operation';
import { destructiveChanges } from '../../sql/schema-model/schema-safety';
import type { SchemaOperation } from '../../sql/schema-model/schema-operation';
import { operationSource } from './operation-source';

/** A migration file's text and what a user should know about it. */
export interface MigrationSource {
  /** The class and file name: `Migration20261121193000_add_age`. */
  readonly name: string;
  readonly source: string;
  /** One line per step that loses data or may (see destructiveChanges): `down()` cannot bring it back. */
  readonly warnings: string[];
}

/**
 * @internal The TypeScript source of a migration class whose `up()` records `operations` through the schema
 * builder and whose `down()` records their inverses, last first. A step that loses data, or may (a dropped
 * table or column, a narrowed type, NOT NULL without a default), is marked by a comment above it and listed
 * in `warnings`.
 * @example
 * migrationSource('add age', ops, new Date()).source
 */
export function migrationSource(title: string, operations: readonly SchemaOperation[], at: Date, importFrom = 'tessera-orm'): MigrationSource {
  const name = migrationName(title, at);
  const destructive = destructiveChanges(operations);
  const warnings = destructive.map((change) => change.message);
  const up = operations.flatMap((op) => [
    ...destructive.filter((change) => change.operation === op).map((change) => `// Lossy: ${change.message}.`),
    ...operationSource(op),
  ]);
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

/**
 * The time to name a new migration by: `now`, or one second after the latest existing migration if that is
 * not earlier, so a migration written within the same second as another (or after a clock skew) still sorts last.
 * @example
 * nameTime(['Migration20261121193000_a'], new Date('2026-11-21T19:30:00Z')) // 2026-11-21T19:30:01Z
 */
export function nameTime(existing: readonly string[], now: Date): Date {
  const stamps = existing.map((name) => /^Migration(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})/.exec(name)).filter((m) => m !== null);
  const latest = Math.max(...stamps.map((m) => Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6])));
  const second = Math.floor(now.getTime() / 1000) * 1000;
  return new Date(Math.max(second, latest + 1000));
}

function method(name: 'up' | 'down', lines: readonly string[]): string {
  return [`  ${name}(): void {`, ...lines.map((line) => `    ${line}`), '  }'].join('\n');
}
