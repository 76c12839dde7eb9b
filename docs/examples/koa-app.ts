import 'reflect-metadata';
import Koa from 'koa';
import { Column, Entity, Orm, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'notes' })
export class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

/** The request body as JSON (a body-parser middleware does this in a real application). */
async function json(ctx: Koa.Context): Promise<{ text: string }> {
  let text = '';
  for await (const chunk of ctx.req) text += chunk;
  return JSON.parse(text);
}

export function createApp(orm: Orm): Koa {
  const app = new Koa();
  // The downstream middleware run with a fork of their own behind orm.em.
  app.use(orm.middleware());

  const notes = orm.em.getRepository(Note);

  app.use(async (ctx, next) => {
    const [, resource, id] = ctx.path.split('/');
    if (resource !== 'notes') return next();
    if (ctx.method === 'POST' && !id) {
      const note = notes.create({ text: (await json(ctx)).text });
      await orm.em.flush();
      ctx.status = 201;
      ctx.body = note;
    } else if (ctx.method === 'GET' && id) {
      const note = await notes.findOne({ id: Number(id) });
      ctx.status = note ? 200 : 404;
      ctx.body = note ?? { error: 'not found' };
    }
  });
  return app;
}

async function main(): Promise<void> {
  const orm = await Orm.init({ dialect: 'sqlite', url: process.env.DATABASE ?? 'notes.sqlite', entities: [Note] });
  await orm.schema.update();
  const server = createApp(orm).listen(Number(process.env.PORT ?? 3000));
  process.on('SIGTERM', () => server.close(() => void orm.close()));
}

if (require.main === module) void main();
