import { Collection, Column, Entity, Filter, ManyToMany, ManyToOne, OneToMany, PrimaryKey, SoftDelete, type Reference } from '../../src';

/** The model of the soft-delete and filter tests: a tenant filter, soft deletes, and one plain child. */
@Filter<Project>({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: args.tenantId }), default: true })
@Entity({ table: 'f_project' })
export class Project {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column({ type: 'int' }) tenantId!: number;
  @OneToMany(() => Task, (t) => t.project, { cascade: ['persist', 'remove'] }) tasks = new Collection<Task>(this);
  @OneToMany(() => Note, (n) => n.project, { cascade: ['persist', 'remove'] }) notes = new Collection<Note>(this);
  @ManyToMany(() => Label, (l) => l.projects, { owner: true }) labels = new Collection<Label>(this);
  @SoftDelete() deletedAt: Date | null = null;
}

@Filter<Task>({ name: 'tenant', cond: (args: { tenantId: number }) => ({ tenantId: args.tenantId }), default: true })
@Entity({ table: 'f_task' })
export class Task {
  @PrimaryKey() id!: number;
  @Column() title!: string;
  @Column({ type: 'int' }) tenantId!: number;
  @ManyToOne(() => Project) project!: Project;
  @ManyToOne(() => Project, { ref: true, nullable: true }) origin: Reference<Project> | null = null;
  @SoftDelete() deletedAt: Date | null = null;
}

/** Soft delete only. */
@Entity({ table: 'f_label' })
export class Label {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToMany(() => Project, (p) => p.labels) projects = new Collection<Project>(this);
  @SoftDelete() deletedAt: Date | null = null;
}

/** Neither: a plain child of a soft-deleting parent. */
@Entity({ table: 'f_note' })
export class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
  @ManyToOne(() => Project) project!: Project;
}

export const FILTER_ENTITIES = [Project, Task, Label, Note];
