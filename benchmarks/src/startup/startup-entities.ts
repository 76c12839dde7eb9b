import type { ContenderName } from '../contenders/contender';

/** S12 generates this many entity classes (tables), each with five columns and a many-to-one to the one before. */
export const STARTUP_ENTITY_COUNT = 200;

const ids = (count: number) => Array.from({ length: count }, (_, i) => i);
const from = (specifier: string) => JSON.stringify(require.resolve(specifier));

/**
 * The TypeScript source of S12's entities for one library, as a user would write them (decorated classes, or
 * Drizzle's table objects and relations). It is compiled before the clock starts; evaluating it is timed.
 * Imports are absolute paths, because the compiled file lives in a temporary folder.
 */
export function startupEntitiesSource(contender: Exclude<ContenderName, 'raw'>, count = STARTUP_ENTITY_COUNT): string {
  switch (contender) {
    case 'tessera':
      return [
        `import { Column, Entity, ManyToOne, PrimaryKey } from ${from('tessera-orm')};`,
        ...ids(count).map(
          (i) => `@Entity({ table: 'startup_${i}' })
export class Startup${i} {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column() email!: string;
  @Column({ type: 'int' }) age!: number;
  @Column({ type: 'double' }) score!: number;
  @Column({ type: 'timestamp' }) createdAt!: Date;
  ${i > 0 ? `@ManyToOne(() => Startup${i - 1}) parent!: Startup${i - 1};` : ''}
}`,
        ),
        `export const ENTITIES = [${ids(count).map((i) => `Startup${i}`).join(', ')}];`,
      ].join('\n');
    case 'mikro-orm':
      return [
        `import { Entity, ManyToOne, PrimaryKey, Property } from ${from('@mikro-orm/decorators/legacy')};`,
        ...ids(count).map(
          (i) => `@Entity({ tableName: 'startup_${i}' })
export class Startup${i} {
  @PrimaryKey() id!: number;
  @Property({ length: 255 }) name!: string;
  @Property({ length: 255 }) email!: string;
  @Property() age!: number;
  @Property({ type: 'double', runtimeType: 'number' }) score!: number;
  @Property({ fieldName: 'created_at' }) createdAt!: Date;
  ${i > 0 ? `@ManyToOne(() => Startup${i - 1}, { fieldName: 'parent_id' }) parent!: Startup${i - 1};` : ''}
}`,
        ),
        `export const ENTITIES = [${ids(count).map((i) => `Startup${i}`).join(', ')}];`,
      ].join('\n');
    case 'typeorm':
      return [
        `import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from ${from('typeorm')};`,
        ...ids(count).map(
          (i) => `@Entity({ name: 'startup_${i}' })
export class Startup${i} {
  @PrimaryGeneratedColumn() id!: number;
  @Column({ type: 'varchar', length: 255 }) name!: string;
  @Column({ type: 'varchar', length: 255 }) email!: string;
  @Column({ type: 'int' }) age!: number;
  @Column({ type: 'double precision' }) score!: number;
  @Column({ name: 'created_at' }) createdAt!: Date;
  ${i > 0 ? `@ManyToOne(() => Startup${i - 1}) @JoinColumn({ name: 'parent_id' }) parent!: Startup${i - 1};` : ''}
}`,
        ),
        `export const ENTITIES = [${ids(count).map((i) => `Startup${i}`).join(', ')}];`,
      ].join('\n');
    case 'drizzle':
      // One dialect's core per run: the probe passes the dialect's table function as `table`.
      return [
        `import { relations } from ${from('drizzle-orm')};`,
        `import * as pg from ${from('drizzle-orm/pg-core')};`,
        `import * as mysql from ${from('drizzle-orm/mysql-core')};`,
        `import * as sqlite from ${from('drizzle-orm/sqlite-core')};`,
        `export function defineSchema(dialect: 'sqlite' | 'postgres' | 'mariadb') {`,
        `  const schema: Record<string, unknown> = {};`,
        `  const tables: any[] = [];`,
        `  const define = (name: string, parent: any) => {`,
        `    switch (dialect) {`,
        `      case 'postgres': return pg.pgTable(name, { id: pg.integer('id').primaryKey().generatedByDefaultAsIdentity(), name: pg.varchar('name', { length: 255 }).notNull(), email: pg.varchar('email', { length: 255 }).notNull(), age: pg.integer('age').notNull(), score: pg.doublePrecision('score').notNull(), createdAt: pg.timestamp('created_at', { precision: 3 }).notNull(), parentId: pg.integer('parent_id').references(() => parent?.id) });`,
        `      case 'mariadb': return mysql.mysqlTable(name, { id: mysql.int('id').primaryKey().autoincrement(), name: mysql.varchar('name', { length: 255 }).notNull(), email: mysql.varchar('email', { length: 255 }).notNull(), age: mysql.int('age').notNull(), score: mysql.double('score').notNull(), createdAt: mysql.timestamp('created_at', { fsp: 3 }).notNull(), parentId: mysql.int('parent_id').references(() => parent?.id) });`,
        `      case 'sqlite': return sqlite.sqliteTable(name, { id: sqlite.integer('id').primaryKey(), name: sqlite.text('name').notNull(), email: sqlite.text('email').notNull(), age: sqlite.integer('age').notNull(), score: sqlite.real('score').notNull(), createdAt: sqlite.text('created_at').notNull(), parentId: sqlite.integer('parent_id').references(() => parent?.id) });`,
        `    }`,
        `  };`,
        `  for (let i = 0; i < ${count}; i++) {`,
        `    const parent = tables[i - 1];`,
        `    const table = define('startup_' + i, parent);`,
        `    tables.push(table);`,
        `    schema['startup' + i] = table;`,
        `    if (parent) schema['startup' + i + 'Relations'] = relations(table, ({ one }: any) => ({ parent: one(parent, { fields: [table.parentId], references: [parent.id] }) }));`,
        `  }`,
        `  return schema;`,
        `}`,
      ].join('\n');
  }
}
