import 'reflect-metadata';
import { validate } from 'class-validator';
import { Orm, type EntityClass } from 'tessera-orm';
import { DIALECT_NAMES, dialectTarget, type DialectName } from './dialect-target';
import { BenchTable } from './fixture/bench-table';
import { ensureDatabase } from './fixture/ensure-database';
import { HookedItem, PlainItem, UPDATE_VALIDATION, ValidatedItem } from './lifecycle-cost/lifecycle-items';
import { markdownTable } from './report/markdown-table';
import { AGE_BUMP, generateItems, ITEM_COUNT } from './scenario-data';
import { summarize } from './stats';
import { measure } from './stopwatch';

type Variant = 'plain' | 'hooked' | 'validated' | 'validate()';
const VARIANTS: readonly Variant[] = ['plain', 'hooked', 'validated', 'validate()'];

/**
 * The cost of entity hooks and validation on a flush of 10,000 changed entities (S3's update of one column), per
 * dialect: the same flush through an entity without hooks (`plain`), with one `@BeforeUpdate` (`hooked`), with the
 * hook and class-validator constraints (`validated`), and class-validator's `validate()` alone on the same 10,000
 * loaded objects with the options Tessera passes (`validate()`). Each variant has its own Orm over `bench_item`,
 * reseeded before each timing; variants are interleaved and rotated per repetition. Prints a markdown report.
 * BENCH_DIALECTS, BENCH_REPS (default 5) and BENCH_WARMUP (default 2) as for the main run.
 */
async function main(): Promise<void> {
  const dialects = (process.env.BENCH_DIALECTS?.split(',') as DialectName[] | undefined) ?? DIALECT_NAMES;
  const reps = Number(process.env.BENCH_REPS ?? 5);
  const warmups = Number(process.env.BENCH_WARMUP ?? 2);
  const items = generateItems(ITEM_COUNT);
  const rows: string[][] = [];
  for (const dialect of dialects) {
    const target = dialectTarget(dialect);
    await ensureDatabase(target);
    const table = await BenchTable.open(target);
    await table.recreate();
    const orms = {
      plain: await Orm.init({ dialect, url: target.url, entities: [PlainItem], validation: false }),
      hooked: await Orm.init({ dialect, url: target.url, entities: [HookedItem], validation: false }),
      validated: await Orm.init({ dialect, url: target.url, entities: [ValidatedItem], validation: true }),
    };
    const samples = new Map<Variant, number[]>(VARIANTS.map((v) => [v, []]));
    try {
      for (let rep = 1 - warmups; rep <= reps; rep++) {
        const shift = (rep + warmups) % VARIANTS.length;
        for (const variant of [...VARIANTS.slice(shift), ...VARIANTS.slice(0, shift)]) {
          await table.reset();
          await table.seed(items);
          const ms = variant === 'validate()' ? await timeValidate(orms.validated) : await timeFlush(orms[variant], entityOf(variant));
          if (variant !== 'validate()') await verify(table, dialect, variant);
          if (rep > 0) samples.get(variant)!.push(ms);
          process.stderr.write(`${dialect} ${rep <= 0 ? 'warm-up' : `rep ${rep}`} ${variant}: ${ms.toFixed(1)} ms\n`);
        }
      }
    } finally {
      for (const orm of Object.values(orms)) await orm.close();
      await table.close();
    }
    const median = (v: Variant) => summarize(samples.get(v)!).median;
    const [plain, hooked, validated, alone] = VARIANTS.map(median);
    // Ratios are taken within each repetition, whose four runs follow each other, then their median: the machine's
    // load drifts between repetitions, and a ratio of medians (or a difference of two medians over a third) mixes
    // runs made under different loads. The validation's cost is a difference of two flushes, so it is the noisiest.
    const paired = (ratio: (rep: Record<Variant, number>) => number) =>
      summarize(samples.get('plain')!.map((_, i) => ratio(Object.fromEntries(VARIANTS.map((v) => [v, samples.get(v)![i]])) as Record<Variant, number>))).median;
    const hookRatio = paired((r) => r.hooked / r.plain);
    const validationRatio = paired((r) => (r.validated - r.hooked) / r['validate()']);
    const perEntity = (ms: number) => `${((ms * 1000) / ITEM_COUNT).toFixed(2)} µs`;
    rows.push([
      dialect,
      `${plain.toFixed(1)} (${perEntity(plain)})`,
      `${hooked.toFixed(1)} (${perEntity(hooked)})`,
      `${hookRatio.toFixed(3)}×`,
      `${validated.toFixed(1)} (${perEntity(validated)})`,
      `${alone.toFixed(1)} (${perEntity(alone)})`,
      `${validationRatio.toFixed(3)}×`,
    ]);
  }
  process.stdout.write(
    `# Lifecycle cost: a flush of ${ITEM_COUNT.toLocaleString('en')} changed entities\n\n` +
      `Medians of ${reps} runs (after ${warmups} warm-ups), ms (per entity); the ratios are medians of the ratios within ` +
      'each repetition. Targets: hooked/plain < 1.2×; (validated − hooked) / validate() alone < 1.1×.\n\n' +
      markdownTable(
        ['dialect', 'plain flush', '@BeforeUpdate', 'hooked / plain', '+ class-validator', 'validate() alone', 'validation / validate()'],
        ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
        rows,
      ) +
      '\n',
  );
}

function entityOf(variant: Variant): EntityClass<{ age: number }> {
  return variant === 'plain' ? PlainItem : variant === 'hooked' ? HookedItem : ValidatedItem;
}

/** S3's timed step: change one column on every loaded entity and flush (the load is not timed). */
async function timeFlush(orm: Orm, entity: EntityClass<{ age: number }>): Promise<number> {
  const em = orm.em.fork();
  const loaded = await em.find(entity, {});
  const { ms } = await measure(async () => {
    for (const item of loaded) item.age += AGE_BUMP;
    await em.flush();
  });
  return ms;
}

/** class-validator alone on the same objects as the validated flush sees them (loaded, one column changed). */
async function timeValidate(orm: Orm): Promise<number> {
  const loaded = await orm.em.fork().find(ValidatedItem, {});
  for (const item of loaded) item.age += AGE_BUMP;
  const { ms, value } = await measure(() => Promise.all(loaded.map((item) => validate(item, UPDATE_VALIDATION))));
  if (value.some((errors) => errors.length > 0)) throw new Error('validate() found errors in valid items');
  return ms;
}

async function verify(table: BenchTable, dialect: string, variant: string): Promise<void> {
  const { atLeast } = await table.ageSummary(AGE_BUMP);
  if (atLeast !== ITEM_COUNT) throw new Error(`${dialect} ${variant}: ${atLeast} of ${ITEM_COUNT} rows updated`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message).slice(0, 4000) : String(error));
    process.exit(1);
  },
);
