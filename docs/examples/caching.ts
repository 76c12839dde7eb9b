import { Column, Entity, ManyToOne, Orm, PrimaryKey, type CacheStats } from 'tessera-orm';

@Entity({ table: 'countries', cache: { ttl: 600 } }) // the second-level cache keeps countries for 10 minutes
class Country {
  @PrimaryKey({ type: 'string', length: 2 }) code!: string;
  @Column() name!: string;
}

@Entity({ table: 'cities' })
class City {
  @PrimaryKey() id!: number;
  @Column() name!: string;
  @ManyToOne(() => Country) country!: Country;
}

export async function main(): Promise<{ statements: number[]; stats: CacheStats }> {
  // Several processes share one cache on Redis instead:
  // cache: { store: 'redis', redis: 'redis://127.0.0.1:6379', prefix: 'app:' }
  const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Country, City], cache: { store: 'memory' } });
  await orm.schema.create();
  const seed = orm.em.fork();
  seed.create(Country, { code: 'FR', name: 'France' });
  seed.create(City, { id: 1, name: 'Paris', country: seed.getReference(Country, 'FR') });
  await seed.flush();

  let sent = 0;
  orm.on('query', () => sent++);
  const statements: number[] = [];
  const count = async (work: () => Promise<unknown>) => {
    const before = sent;
    await work();
    statements.push(sent - before);
  };
  const cities = () => orm.em.fork().find(City, { name: 'Paris' }, { cache: 300, populate: ['country'] });

  await count(() => orm.em.fork().findOne(Country, 'FR')); // 1: a miss reads the row and keeps it
  await count(() => orm.em.fork().findOne(Country, 'FR')); // 0: served from the cache
  await count(cities); // 1: the cities; their country comes from the entity cache
  await count(cities); // 0: the result cache replays both reads

  const em = orm.em.fork();
  (await em.findOneOrFail(Country, 'FR')).name = 'République française';
  await count(() => em.flush()); // 3: BEGIN, UPDATE, COMMIT; then the country and every result reading `countries` are dropped
  await count(async () => console.log((await cities())[0].country.name)); // 2: République française

  const stats = orm.cache.stats();
  console.log(statements, stats); // [ 1, 0, 1, 0, 3, 2 ] { hits: 5, misses: 4, sets: 4, invalidations: 4, errors: 0 }
  await orm.close();
  return { statements, stats };
}
