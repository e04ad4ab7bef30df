import { expect, it } from 'vitest';
import { decodeValue, type DecodedEvent } from '../../events/index.js';
import { makeEvent } from '../../../test/factories/events.js';
import { describeEachDialect } from '../testing.js';
import { insertEventBatch } from './events.repo.js';
import { countConflicts, countEvents, findEventById, listEventsAfter } from './events-read.repo.js';
import { findAccountsByEntity, findEntitiesOfAccount, findEntity } from './entities.repo.js';

function decoded(values: unknown[]): DecodedEvent[] {
  return values.map((v, i) => {
    const r = decodeValue(i, v);
    if (!r.ok) throw new Error(r.rejection.reason);
    return r.value;
  });
}

describeEachDialect('insertEventBatch', (getDb) => {
  it('stores new events verbatim and counts duplicates and conflicts within and across batches', async () => {
    const database = getDb();
    const { db } = database;
    const a = makeEvent({ id: 'b1', account: 'x1' });
    const b = makeEvent({ id: 'b2', account: 'x2' });
    const bAgainReordered = Object.fromEntries(Object.entries(b).reverse());
    const bConflict = { ...b, account: 'someone-else' };
    const first = await insertEventBatch(database, decoded([a, b, bAgainReordered, bConflict]), 1);
    expect(first).toMatchObject({ accepted: 2, duplicate: 1, conflict: 1 });
    expect(first.conflicts).toEqual([{ position: 3, id: 'b2' }]);

    const second = await insertEventBatch(database, decoded([a, bConflict, makeEvent({ id: 'b3' })]), 2);
    expect(second).toMatchObject({ accepted: 1, duplicate: 1, conflict: 1 });
    expect(await countEvents(db)).toBe(3);
    expect(await countConflicts(db)).toBe(2);
    const stored = await findEventById(db, 'b2');
    expect(stored?.account).toBe('x2');
    expect(JSON.parse(stored!.raw)).toEqual(b);
    expect((await listEventsAfter(db, 0, 10)).map((e) => e.id)).toEqual(['b1', 'b2', 'b3']);
  });

  it('indexes entities with first and last seen and account counts', async () => {
    const database = getDb();
    const { db } = database;
    const events = [
      makeEvent({ id: 'i1', account: 'p1', device: 'dev-shared', time: '2024-02-01T10:00:00Z' }),
      makeEvent({ id: 'i2', account: 'p2', device: 'dev-shared', time: '2024-02-03T10:00:00Z' }),
      makeEvent({ id: 'i3', account: 'p1', device: 'dev-shared', time: '2024-01-30T10:00:00+02:00' }),
    ];
    await insertEventBatch(database, decoded(events.slice(0, 2)), 1);
    await insertEventBatch(database, decoded(events.slice(2)), 2);
    const entity = await findEntity(db, 'device', 'dev-shared');
    expect(entity).toEqual({
      type: 'device',
      value: 'dev-shared',
      firstSeen: Date.parse('2024-01-30T08:00:00Z'),
      lastSeen: Date.parse('2024-02-03T10:00:00Z'),
      eventCount: 3,
      accountCount: 2,
    });
    const users = await findAccountsByEntity(db, 'device', 'dev-shared');
    expect(users.map((u) => [u.account, u.eventCount])).toEqual([
      ['p2', 1],
      ['p1', 2],
    ]);
    const ofP1 = await findEntitiesOfAccount(db, 'p1');
    expect(ofP1.map((e) => e.type)).toEqual(expect.arrayContaining(['account', 'device', 'ip', 'ip_prefix']));
  });

  it('keeps a batch of many rows under the parameter limits', async () => {
    const database = getDb();
    const { db } = database;
    const many = Array.from({ length: 5000 }, (_, i) => makeEvent({ id: `m${i}`, account: `acct${i % 300}`, device: `d${i % 97}` }));
    const r = await insertEventBatch(database, decoded(many), 3);
    expect(r.accepted).toBe(5000);
    expect((await findEntity(db, 'device', 'd5'))?.accountCount).toBeGreaterThan(1);
  });
});
