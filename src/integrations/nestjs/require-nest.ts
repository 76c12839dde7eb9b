import { loadOptional } from '../../dialects/load-optional';

// tessera-orm/nestjs loads this first: without Nest installed, importing the entry is a UsageError naming the
// install command rather than a bare MODULE_NOT_FOUND from whichever file required @nestjs/common first.
for (const pkg of ['@nestjs/common', '@nestjs/core']) loadOptional(pkg, 'NestJS integration (tessera-orm/nestjs)');
