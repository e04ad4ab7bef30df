import { expect, it } from 'vitest';
import { LocalEnforcementBus, type BlockEntry } from '../../enforcement/index.js';
import { createLogger } from '../../observability/index.js';
import { insertBlockEntries, revokeBlockEntries } from '../../store/index.js';
import { describeEachDialect } from '../../store/testing.js';
import { createGatewayState } from './gateway-state.js';

let n = 0;
function entry(over: Partial<BlockEntry> = {}): BlockEntry {
  n++;
  return {
    id: `be_emb_${n}`,
    kind: 'account',
    value: `acct_emb_${n}`,
    effect: 'block',
    reason: '',
    source: {},
    createdAt: 1,
    expiresAt: null,
    revokedAt: null,
    shadow: false,
    ...over,
  };
}

const logs: string[] = [];
const logger = createLogger('info', { write: (s: string) => void logs.push(s) });
const hit = (
  list: { match: (p: { kind: 'account'; value: string }[], now: number) => unknown[] },
  v: string,
  now = Date.now(),
): boolean => list.match([{ kind: 'account', value: v }], now).length > 0;

describeEachDialect('embedded gateway state', (getDb) => {
  it('loads active entries, follows the in-process bus, and picks up store writes made without the bus', async () => {
    const database = getDb();
    const before = entry();
    const revoked = entry();
    await insertBlockEntries(database.db, [before, revoked]);
    await revokeBlockEntries(database.db, [revoked.id], 2);
    const bus = new LocalEnforcementBus();
    const state = createGatewayState({ database, bus, logger, now: Date.now, catchUpIntervalMs: 3_600_000 });
    await state.ready;
    expect(state.mode).toBe('embedded');
    expect(hit(state.blocklist, before.value)).toBe(true);
    expect(hit(state.blocklist, revoked.value)).toBe(false);

    const viaBus = entry();
    await insertBlockEntries(database.db, [viaBus]);
    await bus.publish({ op: 'upsert', entry: viaBus });
    // Synchronous delivery: enforced before publish resolved.
    expect(hit(state.blocklist, viaBus.value)).toBe(true);

    // Another process (a CLI) writes the store directly: the catch-up finds it.
    const direct = entry();
    await insertBlockEntries(database.db, [direct]);
    await revokeBlockEntries(database.db, [before.id], 3);
    // Three changes after the load: the bus-delivered insert (re-applied, idempotent), the direct one, the revocation.
    expect(await state.catchUp()).toBe(3);
    expect(hit(state.blocklist, direct.value)).toBe(true);
    expect(hit(state.blocklist, before.value)).toBe(false);
    // Duplicate delivery and a catch-up with nothing new change nothing.
    await bus.publish({ op: 'upsert', entry: viaBus });
    expect(await state.catchUp()).toBe(0);
    expect(hit(state.blocklist, viaBus.value)).toBe(true);

    expect(state.counters.hit('acct:1', 1000, 5000)).toBe(1);
    expect(state.counters.peek('acct:1', 1000, 5000)).toBe(1);
    await state.close();
    // The bus was the caller's: it still works for others after the state closed.
    let heard = 0;
    bus.subscribe(() => heard++);
    await bus.publish({ op: 'revoke', id: 'x', revokedAt: 1 });
    expect(heard).toBe(1);
  });

  it('skips rows whose kind or effect it does not know, logging them, and keeps the rest', async () => {
    const database = getDb();
    const good = entry();
    const bad = entry({ kind: 'planet' as never });
    await insertBlockEntries(database.db, [good, bad]);
    const state = createGatewayState({ database, logger, now: Date.now, catchUpIntervalMs: 3_600_000 });
    await state.ready;
    expect(hit(state.blocklist, good.value)).toBe(true);
    expect(state.blocklist.get(bad.id)).toBeUndefined();
    expect(logs.some((l) => l.includes('block entry in the store is invalid'))).toBe(true);
    await state.close();
  });

  it('prunes entries once they expire', async () => {
    const database = getDb();
    let now = 1_000;
    const e = entry({ expiresAt: 2_000 });
    await insertBlockEntries(database.db, [e]);
    const state = createGatewayState({ database, logger, now: () => now, catchUpIntervalMs: 3_600_000 });
    await state.ready;
    expect(state.blocklist.get(e.id)).toBeDefined();
    now = 2_000;
    await state.catchUp();
    expect(state.blocklist.get(e.id)).toBeUndefined();
    await state.close();
  });
});
