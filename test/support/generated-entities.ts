import { Column, Entity, Index, ManyToOne, PrimaryKey, type EntityClass } from '../../src';

/**
 * `count` entity classes built at run time (the decorators applied as functions), each with a handful of
 * typed columns, a composite index and a foreign key to the previous table. `evolved` adds a column to each
 * table, widens one and drops the index: the changes a schema update then has to make on every table.
 */
export function generatedEntities(count: number, evolved = false, prefix = 'gen'): EntityClass[] {
  const classes: EntityClass[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${prefix}_${String(i).padStart(3, '0')}`;
    const cls = { [name]: class {} }[name];
    PrimaryKey({ type: 'int' })(cls.prototype, 'id');
    Column({ type: 'string', length: evolved ? 200 : 100 })(cls.prototype, 'name');
    Column({ type: 'int', default: 0 })(cls.prototype, 'score');
    Column({ type: 'decimal', precision: 10, scale: 2, nullable: true })(cls.prototype, 'amount');
    Column({ type: 'boolean', default: true })(cls.prototype, 'active');
    Column({ type: 'timestamp', nullable: true })(cls.prototype, 'createdAt');
    if (evolved) Column({ type: 'text', nullable: true })(cls.prototype, 'note');
    if (i > 0) {
      const previous = classes[i - 1];
      ManyToOne(() => previous, { nullable: true, onDelete: 'set null' })(cls.prototype, 'previous');
    }
    if (!evolved) Index({ properties: ['name', 'score'] })(cls);
    Entity({ table: name })(cls);
    classes.push(cls);
  }
  return classes;
}
