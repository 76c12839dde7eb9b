import { Column, Entity, ManyToOne, PrimaryKey, ref, type NPlusOneWarning, type Orm, type Reference } from 'tessera-orm';

@Entity({ table: 'shop_customers' })
export class Customer {
  @PrimaryKey() id!: number;
  @Column() name!: string;
}

@Entity({ table: 'shop_orders' })
export class Order {
  @PrimaryKey() id!: number;
  @Column() reference!: string;
  @ManyToOne(() => Customer, { ref: true }) customer!: Reference<Customer>;
}

// The Orm was opened with Orm.init({ ..., detectNPlusOne: { threshold: 10 } }).
export async function nPlusOneExample(orm: Orm) {
  const warnings: NPlusOneWarning[] = [];
  orm.on('n-plus-one', (warning) => warnings.push(warning));

  const em = orm.em.fork();
  for (let i = 1; i <= 12; i++) em.create(Order, { reference: `O-${i}`, customer: ref(em.create(Customer, { name: `C${i}` })) });
  await em.flush();

  await orm.requestContext(async () => {
    const orders = await orm.em.find(Order, {});
    for (const order of orders) await order.customer.load(); // 12 selects of one customer each: warned at the 11th
  });
  await orm.requestContext(async () => {
    await orm.em.find(Order, {}, { populate: ['customer'] }); // 2 selects whatever the count: no warning
  });

  return warnings.map((w) => `${w.entity}.${w.relation} x${w.count} at ${w.callSite}`); // ['Order.customer x11 at src/report.ts:27:37']
}

export async function analyzeExample(orm: Orm) {
  const report = await orm.analyze({
    minRows: 10, // shop_orders has 12 rows: large enough here (the default is 1,000)
    statements: [
      "select * from shop_orders where reference = 'O-7'", // no index on reference: the plan reads the table whole
      { sql: 'select * from shop_orders where id = ?', params: [7] }, // by primary key: no finding
    ],
  });
  return report.findings.filter((f) => f.kind === 'full-scan').map((f) => `${f.table}: ${f.message}`);
  // ['shop_orders: reads shop_orders (10 rows or more) whole (Seq Scan on shop_orders): index the columns it filters or joins shop_orders on.']
}
