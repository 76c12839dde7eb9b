import 'reflect-metadata';
import Fastify, { type FastifyInstance } from 'fastify';
import { Column, Entity, Orm, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'notes' })
export class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

export function createApp(orm: Orm): FastifyInstance {
  const app = Fastify();
  // An onRequest hook: every request, its body parsing and its handler run with a fork of their own behind orm.em.
  app.addHook('onRequest', orm.middleware());
  // The Orm closes with the server.
  app.addHook('onClose', () => orm.close());

  const notes = orm.em.getRepository(Note);

  app.post<{ Body: { text: string } }>('/notes', async (request, reply) => {
    const note = notes.create({ text: request.body.text });
    await orm.em.flush();
    return reply.status(201).send(note);
  });
  app.get<{ Params: { id: string } }>('/notes/:id', async (request, reply) => {
    const note = await notes.findOne({ id: Number(request.params.id) });
    return note ?? reply.status(404).send({ error: 'not found' });
  });
  return app;
}

async function main(): Promise<void> {
  const orm = await Orm.init({ dialect: 'sqlite', url: process.env.DATABASE ?? 'notes.sqlite', entities: [Note] });
  await orm.schema.update();
  const app = createApp(orm);
  await app.listen({ port: Number(process.env.PORT ?? 3000) });
  process.on('SIGTERM', () => void app.close());
}

if (require.main === module) void main();
