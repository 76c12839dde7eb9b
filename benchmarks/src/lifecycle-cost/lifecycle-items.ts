import { IsEmail, Length, Max, Min } from 'class-validator';
import { BeforeUpdate, Column, Entity, PrimaryKey } from 'tessera-orm';

/** `bench_item` without hooks or constraints: the flush to compare with. */
@Entity({ table: 'bench_item' })
export class PlainItem {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column() email!: string;
  @Column({ type: 'int' }) age!: number;
  @Column({ type: 'double' }) score!: number;
  @Column({ type: 'timestamp' }) createdAt!: Date;
}

/** The same row with one `@BeforeUpdate` hook (it changes nothing here, so the UPDATEs stay the same). */
@Entity({ table: 'bench_item' })
export class HookedItem {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @Column() email!: string;
  @Column({ type: 'int' }) age!: number;
  @Column({ type: 'double' }) score!: number;
  @Column({ type: 'timestamp' }) createdAt!: Date;

  @BeforeUpdate() normalize() {
    this.email = this.email.toLowerCase();
  }
}

/** The hook and class-validator constraints on three columns. */
@Entity({ table: 'bench_item' })
export class ValidatedItem {
  @PrimaryKey() id!: number;
  @Column() @Length(1, 100) name!: string;
  @Column() @IsEmail() email!: string;
  @Column({ type: 'int' }) @Min(0) @Max(100_000) age!: number;
  @Column({ type: 'double' }) score!: number;
  @Column({ type: 'timestamp' }) createdAt!: Date;

  @BeforeUpdate() normalize() {
    this.email = this.email.toLowerCase();
  }
}

/** The options Tessera passes to class-validator for an update (src/lifecycle/entity-validator.ts). */
export const UPDATE_VALIDATION = {
  always: true,
  strictGroups: true,
  forbidUnknownValues: false,
  validationError: { target: false, value: false },
  groups: ['update'],
  skipUndefinedProperties: true,
};
