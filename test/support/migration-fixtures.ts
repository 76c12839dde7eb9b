import { Entity, Migration, PrimaryKey, type MigrationClass } from '../../src';

/** What the migrations below write to: the suite's one entity, so the fixture creates its table afresh. */
@Entity({ table: 'mig_log' })
export class MigLog {
  @PrimaryKey({ length: 50 }) name!: string;
}

/**
 * Raw-SQL migrations for the runner's suites (and the concurrent runner's child processes). Each one writes
 * its name into mig_log, so a migration that ran twice shows as two rows.
 */
export class Migration20260101000000_users extends Migration {
  up() {
    this.sql('create table mig_users (id int primary key, email varchar(100))', 'drop table mig_users');
    this.sql("insert into mig_log (name) values ('users')");
  }
  down() {
    this.sql('drop table mig_users');
    this.sql("delete from mig_log where name = 'users'");
  }
}

export class Migration20260102000000_posts extends Migration {
  up() {
    this.sql('create table mig_posts (id int primary key, title varchar(100))');
    this.sql("insert into mig_log (name) values ('posts')");
  }
  down() {
    this.sql('drop table mig_posts');
    this.sql("delete from mig_log where name = 'posts'");
  }
}

export class Migration20260103000000_user_age extends Migration {
  up() {
    this.sql('alter table mig_users add column age int');
    this.sql("insert into mig_log (name) values ('user_age')");
  }
  down() {
    this.sql('alter table mig_users drop column age');
    this.sql("delete from mig_log where name = 'user_age'");
  }
}

export const RAW_MIGRATIONS: readonly MigrationClass[] = [
  Migration20260103000000_user_age,
  Migration20260101000000_users,
  Migration20260102000000_posts,
];

/** Each migration waits before recording, so two runners started together overlap. */
export const SLOW_MIGRATIONS: readonly MigrationClass[] = RAW_MIGRATIONS.map((base) => {
  const slow = class extends (base as typeof Migration20260101000000_users) {
    override async up() {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await super.up();
    }
  };
  Object.defineProperty(slow, 'name', { value: base.name });
  return slow;
});

/** The tables these migrations (and the runner) create, dropped before each test. */
export const MIGRATION_TABLES = ['tessera_migrations', 'mig_users', 'mig_posts', 'mig_broken'];

/**
 * Schema-builder migrations for the two-process race on SQLite (test/support/migrate-race-child.ts): each one
 * is recorded against the schema it reads, so a runner that read it before another runner's commit fails to
 * record ("already has an index", "no column to change"). The last one rebuilds the table, which needs a
 * statement outside the transaction (`pragma foreign_keys = off`).
 */
export class Migration20260301000000_race_items extends Migration {
  up() {
    this.schema.createTable('race_items', (t) => {
      t.increments('id');
      t.string('name', 50);
    });
  }
  down() {
    this.schema.dropTable('race_items');
  }
}

export class Migration20260302000000_race_name_index extends Migration {
  up() {
    this.schema.createIndex('race_items', ['name'], { name: 'race_items_name_index' });
  }
  down() {
    this.schema.dropIndex('race_items', 'race_items_name_index');
  }
}

export class Migration20260303000000_race_qty extends Migration {
  up() {
    this.schema.addColumn('race_items', (t) => t.integer('qty').nullable());
  }
  down() {
    this.schema.dropColumn('race_items', 'qty');
  }
}

export class Migration20260304000000_race_qty_required extends Migration {
  up() {
    this.schema.alterColumn('race_items', (t) => t.integer('qty').defaultTo(0));
  }
  down() {
    this.schema.alterColumn('race_items', (t) => t.integer('qty').nullable());
  }
}

export const RACE_MIGRATIONS: readonly MigrationClass[] = [
  Migration20260301000000_race_items,
  Migration20260302000000_race_name_index,
  Migration20260303000000_race_qty,
  Migration20260304000000_race_qty_required,
];
