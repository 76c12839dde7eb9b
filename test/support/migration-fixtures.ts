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
