import { expect, it } from 'vitest';
import { describeEachDialect } from '../testing.js';
import {
  insertBlockEntries,
  listActiveBlockEntries,
  listBlockEntriesBySource,
  listBlockEntriesChangedAfter,
  revokeBlockEntries,
  type StoredBlockEntry,
} from './block-entries.repo.js';

function entry(id: string, over: Partial<StoredBlockEntry> = {}): Omit<StoredBlockEntry, 'changedSeq'> {
  return {
    id,
    kind: 'device',
    value: `d-${id}`,
    effect: 'block',
    reason: 'network ban',
    source: { actionId: 'act1', caseId: 'case1', actor: 'analyst@x' },
    shadow: false,
    createdAt: 1000,
    expiresAt: null,
    revokedAt: null,
    ...over,
  };
}

describeEachDialect('block entries', (getDb) => {
  it('inserts once per id, lists active ones at a time, and replays changes in order', async () => {
    const { db } = getDb();
    const first = await insertBlockEntries(db, [entry('a'), entry('b', { expiresAt: 2000, source: { actionId: 'act2' } })]);
    expect(first.map((e) => e.id)).toEqual(['a', 'b']);
    expect(await insertBlockEntries(db, [entry('a')])).toEqual([]);

    expect((await listActiveBlockEntries(db, 1500)).map((e) => e.id)).toEqual(['a', 'b']);
    expect((await listActiveBlockEntries(db, 2000)).map((e) => e.id)).toEqual(['a']);
    expect((await listBlockEntriesBySource(db, { caseId: 'case1' })).map((e) => e.id)).toEqual(['a']);
    expect((await listBlockEntriesBySource(db, { actionId: 'act2' }))[0]?.source).toEqual({ actionId: 'act2' });

    const cursor = Math.max(...first.map((e) => e.changedSeq));
    expect(await revokeBlockEntries(db, ['a', 'missing'], 1600)).toEqual(['a']);
    expect(await revokeBlockEntries(db, ['a'], 1700)).toEqual([]);
    const changed = await listBlockEntriesChangedAfter(db, cursor);
    expect(changed.map((e) => [e.id, e.revokedAt])).toEqual([['a', 1600]]);
    expect((await listActiveBlockEntries(db, 1500)).map((e) => e.id)).toEqual(['b']);
  });
});
