import { QueryError, SnakeCaseNamingStrategy, type ChangeEvent } from '../../../../src';
import { changeFilter } from '../../../../src/lifecycle/change-feed/change-filter';
import { discoverMetadata } from '../../../../src/metadata/metadata-discovery';
import { FeedUser } from '../../../support/change-feed-entities';

const meta = discoverMetadata([FeedUser], new SnakeCaseNamingStrategy()).get(FeedUser);

function event(op: ChangeEvent['op'], values: Partial<FeedUser>, changed: Record<string, [unknown, unknown]> = {}): ChangeEvent<FeedUser> {
  return { id: 't.1', op, entity: 'FeedUser', key: values.id, values, changed, txId: 't', committedAt: new Date() } as ChangeEvent<FeedUser>;
}

describe('changeFilter', () => {
  it('matches every event without a where', () => {
    expect(changeFilter(meta, undefined)(event('insert', { tenantId: 1 }))).toBe(true);
  });

  it('compares values, Dates by time, and applies operators', () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const ev = event('insert', { id: 3, tenantId: 7, email: 'a@x.io', updatedAt: new Date(at.getTime()) });
    expect(changeFilter(meta, { tenantId: 7 })(ev)).toBe(true);
    expect(changeFilter(meta, { tenantId: 8 })(ev)).toBe(false);
    expect(changeFilter(meta, { updatedAt: at })(ev)).toBe(true);
    expect(changeFilter(meta, { tenantId: { $in: [1, 7] }, email: { $ne: 'b@x.io' } })(ev)).toBe(true);
    expect(changeFilter(meta, { tenantId: { $nin: [7] } })(ev)).toBe(false);
    expect(changeFilter(meta, { id: { $gt: 2, $lte: 3 } })(ev)).toBe(true);
    expect(changeFilter(meta, { updatedAt: { $lt: at } })(ev)).toBe(false);
    expect(changeFilter(meta, { prefs: null })(event('insert', { prefs: null }))).toBe(true);
  });

  it('matches an update when the row matched before or after it', () => {
    const where = changeFilter(meta, { tenantId: 7 });
    expect(where(event('update', { tenantId: 8 }, { tenantId: [7, 8] }))).toBe(true);
    expect(where(event('update', { tenantId: 7 }, { tenantId: [8, 7] }))).toBe(true);
    expect(where(event('update', { tenantId: 8 }, { email: ['a', 'b'] }))).toBe(false);
    expect(where(event('delete', { tenantId: 7 }))).toBe(true);
  });

  it('refuses unknown properties, unknown operators and undefined, naming entity and property', () => {
    expect(() => changeFilter(meta, { nope: 1 })).toThrow(QueryError);
    expect(() => changeFilter(meta, { nope: 1 })).toThrow(/FeedUser.*nope|nope.*FeedUser/);
    expect(() => changeFilter(meta, { tenantId: { $near: 1 } })).toThrow(/\$near/);
    expect(() => changeFilter(meta, { tenantId: undefined })).toThrow(QueryError);
  });
});
