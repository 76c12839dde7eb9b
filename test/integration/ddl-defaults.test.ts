import { CheckConstraintViolationError, Column, Entity, PrimaryKey, ValidationError } from '../../src';
import { describeEachDialect } from '../support/dialect-fixture';

enum Priority {
  Low = 1,
  High = 3,
}

@Entity()
class Task {
  @PrimaryKey() id!: number;
  @Column({ type: 'enum', items: [Priority.Low, Priority.High] }) priority!: Priority;
  @Column({ type: 'text', default: "it's empty" }) body!: string;
  @Column({ type: 'boolean', default: true }) open!: boolean;
}

describeEachDialect([Task], (fx) => {
  test('a numeric enum is an integer column that round-trips as a number and refuses other values', async () => {
    const em = fx.orm.em.fork();
    const task = em.create(Task, { priority: Priority.High });
    await em.flush();
    const read = await fx.orm.em.fork().findOneOrFail(Task, task.id);
    expect(read.priority).toBe(Priority.High);
    expect(await fx.orm.em.fork().count(Task, { priority: Priority.High })).toBe(1);

    const bad = fx.orm.em.fork();
    bad.create(Task, { priority: 2 as Priority });
    // Tessera refuses the value before any SQL; the column's CHECK refuses it from anywhere else.
    await expect(bad.flush()).rejects.toBeInstanceOf(ValidationError);
    await expect(bad.sql`insert into task (priority) values (${2})`).rejects.toBeInstanceOf(CheckConstraintViolationError);
    expect(await fx.raw.count('task')).toBe(1);
  });

  test('defaults declared on text and boolean columns apply when the property is left undefined', async () => {
    const em = fx.orm.em.fork();
    const task = em.create(Task, { priority: Priority.Low });
    await em.flush();
    const read = await fx.orm.em.fork().findOneOrFail(Task, task.id);
    expect(read.body).toBe("it's empty");
    expect(read.open).toBe(true);
  });
});
