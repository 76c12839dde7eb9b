import { MigrationEvents, type MigrationEvent } from '../../../src/migrations/migration-event';

const warning: MigrationEvent = { kind: 'warning', message: 'mysql has no transactional DDL' };

describe('MigrationEvents', () => {
  test('listeners get every event until they unsubscribe', () => {
    const events = new MigrationEvents();
    const seen: MigrationEvent[] = [];
    const off = events.on((e) => seen.push(e));
    events.emit({ kind: 'start', name: 'M1', direction: 'up' });
    events.emit(warning);
    off();
    events.emit({ kind: 'start', name: 'M2', direction: 'up' });
    expect(seen).toEqual([{ kind: 'start', name: 'M1', direction: 'up' }, warning]);
  });

  test('a warning nobody listens to goes to the debug logger, or else becomes a Node process warning', () => {
    const lines: string[] = [];
    new MigrationEvents((line) => lines.push(line)).emit(warning);
    expect(lines).toEqual(['[tessera] warning: mysql has no transactional DDL']);

    // jest's sandbox does not pass process warnings to the test's listeners: watch the call instead.
    const emitWarning = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      new MigrationEvents().emit(warning);
      new MigrationEvents(() => undefined).emit(warning);
      expect(emitWarning.mock.calls).toEqual([['mysql has no transactional DDL', 'TesseraMigrationWarning']]);
    } finally {
      emitWarning.mockRestore();
    }
  });
});
