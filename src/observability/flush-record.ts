import { performance } from 'node:perf_hooks';
import type { StatementConnection } from '../dialects/driver';
import type { FlushWatch } from '../em/flush-observer';
import type { FlushSize } from './metrics-recorder';

/** One observed flush: its start, and the entities and statements it wrote as they go through its watch. */
export class FlushRecord implements FlushWatch, FlushSize {
  readonly started = performance.now();
  entities = 0;
  statements = 0;

  writing(entities: number, connection: StatementConnection): StatementConnection {
    this.entities = entities;
    return {
      execute: (query) => {
        this.statements++;
        return connection.execute(query);
      },
    };
  }
}
