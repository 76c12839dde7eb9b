import 'reflect-metadata';
import express from 'express';
import { Column, Entity, Orm, PrimaryKey } from 'tessera-orm';

@Entity({ table: 'notes' })
export class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
}

export function createApp(orm: Orm): express.Express {
  const app = express();
  app.use(express.json());
  // Every request from here on runs with a fork of its own behind orm.em.
  app.use(orm.middleware());

  // Taken once: a repository of orm.em works through the current request's fork.
  const notes = orm.em.getRepository(Note);

  app.post('/notes', async (req, res) => {
    const note = notes.create({ text: req.body.text });
    await orm.em.flush();
    res.status(201).json(note);
  });
  app.get('/notes/:id', async (req, res) => {
    const note = await notes.findOne({ id: Number(req.params.id) });
    if (note) res.json(note);
    else res.status(404).json({ error: 'not found' });
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
