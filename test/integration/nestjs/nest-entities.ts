import { Column, Entity, EntityRepository, PrimaryKey, Version } from '../../../src';

/** An entity with its own repository class, declared on the entity. */
@Entity({ table: 'accounts', repository: () => AccountRepository })
export class Account {
  @PrimaryKey() id!: number;
  @Column({ unique: true }) owner!: string;
  @Column({ type: 'int' }) balance!: number;
  @Version() version!: number;
}

export class AccountRepository extends EntityRepository<Account> {
  byOwner(owner: string): Promise<Account> {
    return this.findOneOrFail({ owner });
  }

  /** Reaches the EntityManager it was taken from (the request's, through the global one). */
  async open(owner: string, balance: number): Promise<Account> {
    const account = this.create({ owner, balance });
    await this.em.flush();
    return account;
  }
}
