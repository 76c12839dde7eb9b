/**
 * `tessera-orm/nestjs`: Tessera in a NestJS application (docs/nestjs.md). `@nestjs/common` and `@nestjs/core` are
 * optional peer dependencies: only this entry loads them, never `tessera-orm` itself.
 * @example
 * import { InjectRepository, TesseraModule, Transactional } from 'tessera-orm/nestjs';
 */
import './integrations/nestjs/require-nest';
import 'reflect-metadata';

export { TesseraModule } from './integrations/nestjs/tessera-module';
export type { TesseraModuleAsyncOptions, TesseraModuleOptions } from './integrations/nestjs/module-options';
export { InjectRepository, getRepositoryToken } from './integrations/nestjs/repository-token';
export { Transactional } from './integrations/nestjs/transactional';
export { TesseraHealthIndicator, type HealthIndicatorUp } from './integrations/nestjs/health-indicator';
export { TesseraRequestContextMiddleware } from './integrations/nestjs/request-context-middleware';
export { HealthCheckFailedError, type HealthIndicatorDown } from './errors/health-check-failed-error';
