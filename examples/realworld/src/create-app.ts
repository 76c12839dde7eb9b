import 'reflect-metadata';
import type { INestApplication, LoggerService, LogLevel } from '@nestjs/common';
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
  await app.get(Orm).migrator.up();
  return app;
}
