import { ColumnSchema } from '../../../../src/sql/schema-model/column-schema';
import { EnumTypeSchema } from '../../../../src/sql/schema-model/enum-type-schema';
import { ForeignKeySchema } from '../../../../src/sql/schema-model/foreign-key-schema';
import { IndexSchema } from '../../../../src/sql/schema-model/index-schema';
import { invertOperation, invertOperations } from '../../../../src/sql/schema-model/invert-operation';
import type { SchemaOperation, SchemaOperationKind } from '../../../../src/sql/schema-model/schema-operation';
import { TableSchema } from '../../../../src/sql/schema-model/table-schema';
import { UniqueConstraintSchema } from '../../../../src/sql/schema-model/unique-constraint-schema';

const age = ColumnSchema.create({ name: 'age', nativeType: 'int', type: 'int', nullable: true, default: '0', identity: false });
const bigAge = ColumnSchema.create({ ...age, nativeType: 'bigint', type: 'bigint', nullable: false });
const users = TableSchema.create({ name: 'users', columns: [age], uniqueConstraints: [], indexes: [], foreignKeys: [] });
const byAge = IndexSchema.create('users_age_index', ['age'], false);
const unique = UniqueConstraintSchema.create('users_age_unique', ['age']);
const fk = ForeignKeySchema.create({ name: 'users_team_id_foreign', columns: ['team_id'], referencedTable: 'teams', referencedColumns: ['id'], onDelete: 'cascade', onUpdate: 'no action' });
const mood = EnumTypeSchema.create('mood', ['happy']);
const moods = EnumTypeSchema.create('mood', ['happy', 'sad']);

/** Every kind, each with the inverse it must have: the table is exhaustive by type. */
const CASES: Record<SchemaOperationKind, [SchemaOperation, SchemaOperation | undefined]> = {
  createTable: [{ kind: 'createTable', table: users }, { kind: 'dropTable', table: users }],
  dropTable: [{ kind: 'dropTable', table: users }, { kind: 'createTable', table: users }],
  renameTable: [{ kind: 'renameTable', from: 'people', to: 'users' }, { kind: 'renameTable', from: 'users', to: 'people' }],
  addColumn: [{ kind: 'addColumn', table: 'users', column: age }, { kind: 'dropColumn', table: 'users', column: age }],
  dropColumn: [{ kind: 'dropColumn', table: 'users', column: age }, { kind: 'addColumn', table: 'users', column: age }],
  renameColumn: [
    { kind: 'renameColumn', table: 'users', from: 'mail', to: 'email' },
    { kind: 'renameColumn', table: 'users', from: 'email', to: 'mail' },
  ],
  alterColumn: [
    { kind: 'alterColumn', table: 'users', from: age, to: bigAge },
    { kind: 'alterColumn', table: 'users', from: bigAge, to: age },
  ],
  createIndex: [{ kind: 'createIndex', table: 'users', index: byAge }, { kind: 'dropIndex', table: 'users', index: byAge }],
  dropIndex: [{ kind: 'dropIndex', table: 'users', index: byAge }, { kind: 'createIndex', table: 'users', index: byAge }],
  addUnique: [{ kind: 'addUnique', table: 'users', unique }, { kind: 'dropUnique', table: 'users', unique }],
  dropUnique: [{ kind: 'dropUnique', table: 'users', unique }, { kind: 'addUnique', table: 'users', unique }],
  addForeignKey: [{ kind: 'addForeignKey', table: 'users', foreignKey: fk }, { kind: 'dropForeignKey', table: 'users', foreignKey: fk }],
  dropForeignKey: [{ kind: 'dropForeignKey', table: 'users', foreignKey: fk }, { kind: 'addForeignKey', table: 'users', foreignKey: fk }],
  createEnum: [{ kind: 'createEnum', enum: mood }, { kind: 'dropEnum', enum: mood }],
  dropEnum: [{ kind: 'dropEnum', enum: mood }, { kind: 'createEnum', enum: mood }],
  alterEnum: [{ kind: 'alterEnum', from: mood, to: moods }, { kind: 'alterEnum', from: moods, to: mood }],
  raw: [{ kind: 'raw', sql: 'create view v as select 1', down: 'drop view v' }, { kind: 'raw', sql: 'drop view v', down: 'create view v as select 1' }],
};

describe('invertOperation', () => {
  test.each(Object.entries(CASES))('%s', (_kind, [op, inverse]) => {
    expect(invertOperation(op)).toEqual(inverse);
    // Inverting twice gives the operation back: nothing is lost on the way.
    expect(invertOperation(invertOperation(op)!)).toEqual(op);
  });

  test('raw SQL without a down has no inverse', () => {
    expect(invertOperation({ kind: 'raw', sql: 'update users set age = 0' })).toBeUndefined();
  });
});

describe('invertOperations', () => {
  test('inverts each operation, last first', () => {
    const up: SchemaOperation[] = [CASES.createTable[0], CASES.addColumn[0], CASES.createIndex[0]];
    expect(invertOperations(up)).toEqual([CASES.createIndex[1], CASES.addColumn[1], CASES.createTable[1]]);
  });

  test('is undefined when one step has no inverse', () => {
    expect(invertOperations([CASES.createTable[0], { kind: 'raw', sql: 'update users set age = 0' }])).toBeUndefined();
  });
});
