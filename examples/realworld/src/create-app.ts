import 'reflect-metadata';
import { Logger, type INestApplication, type LoggerService, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Orm } from 'tessera-orm';
import { AppModule } from './app.module';
import { validationPipe } from './common/validation';
import type { ConduitConfig } from './config';

/**
 * The application, its schema migrated (pending migrations run before it accepts a request), not yet
 * listening: `main.ts` listens on PORT, the tests on a free port.
 */
export async function createApp(config: ConduitConfig, logger: LoggerService | LogLevel[] | false = ['error', 'warn', 'log']): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config), { logger });
  app.setGlobalPrefix('api');
  app.useGlobalPipes(validationPipe());
  app.enableCors();
  const orm = app.get(Orm);
  // MySQL's warning that DDL is not transactional goes to the app's log, not to stderr as a process warning.
  const stopListening = orm.on('migration', (event) => event.kind === 'warning' && Logger.warn(event.message, 'Migrations'));
  try {
    await orm.migrator.up();
  } finally {
    stopListening();
  }
  return app;
}
