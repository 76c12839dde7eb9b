import { basename } from 'node:path';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Orm, UniqueConstraintViolationError, UsageError } from '../../../src';
import { describeEachDialect, type Fixture } from '../../support/dialect-fixture';
import { Author } from '../../support/entities';

const exporter = new InMemorySpanExporter();
const contextManager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(contextManager.enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(() => {
  trace.disable();
  context.disable();
});
beforeEach(() => exporter.reset());

const SYSTEMS = { sqlite: 'sqlite', postgres: 'postgresql', mariadb: 'mariadb' } as const;
const spanId = (span: ReadableSpan) => span.spanContext().spanId;
const childrenOf = (parent: ReadableSpan) => exporter.getFinishedSpans().filter((s) => s.parentSpanContext?.spanId === spanId(parent));
const named = (name: string) => {
  const found = exporter.getFinishedSpans().filter((s) => s.name === name);
  expect(found).toHaveLength(1);
  return found[0];
};

/** Runs `work` inside an active span, as a request handler instrumented by an HTTP framework would. */
function inRequest(work: () => Promise<void>): Promise<void> {
  return trace.getTracer('test').startActiveSpan('request', (span) => work().finally(() => span.end()));
}

function namespaceOf(fx: Fixture): string {
  return fx.dialect === 'sqlite' ? basename(fx.url) : new URL(fx.url).pathname.slice(1);
}

describeEachDialect(
  [Author],
  (fx) => {
    test('a flush is a span under the active one, with a client span per statement under it', async () => {
      const namespace = namespaceOf(fx);
      await inRequest(async () => {
        const em = fx.orm.em.fork();
        em.create(Author, { name: 'Ada', email: 'ada@x.io' });
        em.create(Author, { name: 'Alan', email: 'alan@x.io' });
        await em.flush();
      });
      const sent = fx.queries.map((q) => q.kind);

      const request = named('request');
      const flush = named('tessera.flush');
      expect(flush.parentSpanContext?.spanId).toBe(spanId(request));
      expect(flush.kind).toBe(SpanKind.INTERNAL);
      expect(flush.attributes).toEqual({
        'db.system': SYSTEMS[fx.dialect],
        'db.system.name': SYSTEMS[fx.dialect],
        'db.namespace': namespace,
        ...(fx.dialect === 'sqlite' ? {} : { 'server.address': '127.0.0.1', 'server.port': Number(new URL(fx.url).port) }),
        'tessera.flush.entities': 2,
        'tessera.flush.statements': fx.sent('insert').length,
      });

      const statements = childrenOf(flush);
      expect(statements.map((s) => s.name)).toEqual(sent.map((kind) => (kind === 'insert' ? 'INSERT authors' : namespace)));
      expect(statements.every((s) => s.kind === SpanKind.CLIENT)).toBe(true);
      const insert = statements.find((s) => s.name === 'INSERT authors')!;
      expect(insert.attributes).toMatchObject({
        'db.system': SYSTEMS[fx.dialect],
        'db.namespace': namespace,
        'db.operation.name': 'INSERT',
        'db.collection.name': 'authors',
        'db.query.text': fx.sent('insert')[0].sql,
      });
      const begin = statements[0];
      expect(begin.attributes['db.operation.name']).toBeUndefined();
      expect(begin.attributes['db.collection.name']).toBeUndefined();
    });

    test('a read outside a flush is a child of the active span; no span holds a value', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada Secretname', email: 'secret@example.com', age: 4711 });
      await em.flush();
      exporter.reset();

      await inRequest(async () => {
        await fx.orm.em.fork().find(Author, { email: 'secret@example.com' });
        await fx.orm.em.fork().sql`select count(*) as n from authors where age = ${4711}`;
      });
      const request = named('request');
      const [select, raw] = childrenOf(request);
      expect(select.name).toBe('SELECT authors');
      expect(select.attributes).toMatchObject({ 'db.operation.name': 'SELECT', 'db.collection.name': 'authors' });
      expect(raw.name).toBe(namespaceOf(fx));

      // Values are never set: not in names, attributes or statuses (the SQL text has placeholders).
      const everything = JSON.stringify(exporter.getFinishedSpans().map((s) => [s.name, s.attributes, s.status, s.events]));
      expect(everything).not.toContain('secret@example.com');
      expect(everything).not.toContain('4711');
    });

    test('a failing statement marks its span and the flush span with the error class only', async () => {
      const em = fx.orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
      exporter.reset();

      const twin = fx.orm.em.fork();
      twin.create(Author, { name: 'Twin', email: 'ada@x.io' });
      await expect(twin.flush()).rejects.toBeInstanceOf(UniqueConstraintViolationError);

      const flush = named('tessera.flush');
      const insert = childrenOf(flush).find((s) => s.name === 'INSERT authors')!;
      for (const span of [flush, insert]) {
        expect(span.status).toEqual({ code: SpanStatusCode.ERROR });
        expect(span.attributes['error.type']).toBe('UniqueConstraintViolationError');
      }
      expect(JSON.stringify(insert.attributes)).not.toContain('ada@x.io');
    });
  },
  { tracing: true },
);

describe('tracing options', () => {
  test('off, an Orm makes no span even with a tracer provider registered', async () => {
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author] });
    try {
      await orm.schema.create();
      const em = orm.em.fork();
      em.create(Author, { name: 'Ada', email: 'ada@x.io' });
      await em.flush();
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  test('tracerProvider sends the spans to that provider rather than the global one', async () => {
    const own = new InMemorySpanExporter();
    const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(own)] });
    const orm = await Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [Author], tracing: { tracerProvider: provider } });
    try {
      await orm.schema.create();
      own.reset();
      await orm.em.fork().find(Author, {});
      expect(own.getFinishedSpans().map((s) => s.name)).toEqual(['SELECT authors']);
      expect(own.getFinishedSpans()[0].instrumentationScope.name).toBe('tessera-orm');
      expect(exporter.getFinishedSpans()).toEqual([]);
    } finally {
      await orm.close();
    }
  });

  test('without @opentelemetry/api installed, tracing is a UsageError naming the install command', async () => {
    let init: Promise<unknown> | undefined;
    jest.isolateModules(() => {
      jest.doMock('@opentelemetry/api', () => {
        const error = new Error("Cannot find module '@opentelemetry/api'") as NodeJS.ErrnoException;
        error.code = 'MODULE_NOT_FOUND';
        throw error;
      });
      try {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const isolated = require('../../../src') as typeof import('../../../src');
        init = isolated.Orm.init({ dialect: 'sqlite', url: ':memory:', entities: [], requireEntities: false, tracing: true });
      } finally {
        jest.dontMock('@opentelemetry/api');
      }
    });
    const error = (await init!.then(() => undefined, (e: unknown) => e)) as Error;
    // Loaded again in isolation, the errors module is another copy: compare by name.
    expect(error.name).toBe(UsageError.name);
    expect(error.message).toBe("The tracing option needs the '@opentelemetry/api' package. Install it with: npm install @opentelemetry/api");
  });
});
