/**
 * Compile-time checks of the migration schema builder (issue #5), run by `npm run typecheck`: each
 * `@ts-expect-error` must meet an error, so a typing that lets these through fails the build. Nothing here runs.
 */
import { Migration } from '../../src';

export class TypedMigration extends Migration {
  up() {
    this.schema.createTable('users', (t) => {
      t.increments('id');
      t.string('email', 255).unique();
      t.integer('age').nullable().defaultTo(0);
      t.decimal('price', 10, 2).defaultTo('9.99');
      t.enum('mood', ['happy', 'sad']).defaultTo('sad');
      // @ts-expect-error an integer's default is a number
      t.integer('score').defaultTo('zero');
      // @ts-expect-error a boolean's default is a boolean
      t.boolean('active').defaultTo(1);
      // @ts-expect-error the default must be one of the enum's items
      t.enum('color', ['red', 'green']).defaultTo('blue');
      // @ts-expect-error a blob takes no literal default
      t.blob('bytes').defaultTo('x');
      // @ts-expect-error .alter() exists only in alterTable
      t.integer('n').alter();
      // @ts-expect-error createTable has no drops
      t.dropColumn('age');
      // @ts-expect-error an unknown referential action
      t.integer('team_id').references('teams', 'id', { onDelete: 'delete' });
    });
    this.schema.alterTable('users', (t) => {
      t.bigInteger('age').nullable().alter();
      t.dropColumn('nickname');
    });
    // @ts-expect-error addColumn's callback returns the column it declares
    this.schema.addColumn('users', (t) => void t.integer('x'));
  }

  down() {
    // @ts-expect-error the raw form takes SQL strings
    this.sql(42);
  }
}
