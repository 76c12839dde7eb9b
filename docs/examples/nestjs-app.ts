import 'reflect-metadata';
import { Body, Controller, Get, Injectable, Module, NotFoundException, Param, ParseIntPipe, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Column, Entity, EntityManager, EntityRepository, Orm, PrimaryKey, type OrmOptions } from 'tessera-orm';
import { InjectRepository, TesseraHealthIndicator, TesseraModule, Transactional } from 'tessera-orm/nestjs';

@Entity({ table: 'notes', repository: () => NoteRepository })
export class Note {
  @PrimaryKey() id!: number;
  @Column() text!: string;
  @Column({ type: 'int' }) likes = 0;
}

/** The entity's own repository: `@InjectRepository(Note)` and `em.getRepository(Note)` return one. */
export class NoteRepository extends EntityRepository<Note> {
  async findOrThrow(id: number): Promise<Note> {
    const note = await this.findOne({ id });
    if (!note) throw new NotFoundException(`note ${id}`);
    return note;
  }
}

@Injectable()
export class NotesService {
  // Singletons: they reach the current request's EntityManager through the request context.
  constructor(
    @InjectRepository(Note) private readonly notes: NoteRepository,
    private readonly em: EntityManager,
  ) {}

  async write(text: string): Promise<Note> {
    const note = this.notes.create({ text });
    await this.em.flush();
    return note;
  }

  /** Flushed and committed when it returns, rolled back if it throws. */
  @Transactional()
  async like(ids: number[]): Promise<Note[]> {
    const liked: Note[] = [];
    for (const id of ids) {
      const note = await this.notes.findOrThrow(id);
      note.likes += 1;
      liked.push(note);
    }
    return liked;
  }
}

@Controller()
export class NotesController {
  constructor(
    private readonly service: NotesService,
    private readonly health: TesseraHealthIndicator,
  ) {}

  @Post('notes')
  write(@Body() body: { text: string }): Promise<Note> {
    return this.service.write(body.text);
  }

  @Post('likes')
  like(@Body() body: { ids: number[] }): Promise<Note[]> {
    return this.service.like(body.ids);
  }

  @Get('health')
  check(): Promise<unknown> {
    return this.health.pingCheck('database');
  }
}

/** The application's module for a given database. */
export function appModule(orm: Pick<OrmOptions, 'dialect' | 'url'>) {
  @Module({
    imports: [TesseraModule.forRoot({ ...orm, entities: [Note] }), TesseraModule.forFeature([Note])],
    controllers: [NotesController],
    providers: [NotesService],
  })
  class AppModule {}
  return AppModule;
}

async function main(): Promise<void> {
  const app = await NestFactory.create(appModule({ dialect: 'sqlite', url: process.env.DATABASE ?? 'notes.sqlite' }));
  await app.get(Orm).schema.update();
  // SIGTERM and SIGINT close the application, and with it the Orm.
  app.enableShutdownHooks();
  await app.listen(Number(process.env.PORT ?? 3000));
}

if (require.main === module) void main();
