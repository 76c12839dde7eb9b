import type { Contender, ContenderName } from './contender';

// Loaded on demand so that a run without Tessera (BENCH_CONTENDERS) does not need the library to be built.
const LOADERS: Record<ContenderName, () => Promise<Contender>> = {
  raw: async () => new (await import('./raw')).RawContender(),
  tessera: async () => new (await import('./tessera')).TesseraContender(),
  'mikro-orm': async () => new (await import('./mikro-orm')).MikroOrmContender(),
  typeorm: async () => new (await import('./typeorm')).TypeOrmContender(),
  'tessera-audited': async () => new (await import('./tessera-audited')).TesseraAuditedContender(),
};

export function loadContender(name: ContenderName): Promise<Contender> {
  return LOADERS[name]();
}
