import { expect, it } from 'vitest';
import { decodeValue, type DecodedEvent } from '../../events/index.js';
import { makeEvent } from '../../../test/factories/events.js';
import { describeEachDialect } from '../testing.js';
import { insertEventBatch } from './events.repo.js';
import { intelDb } from './intel-tables.js';
import { accountsActiveIn, accountsOfEntities, entityWithCount, intelCollectionCounts, recentGatewayRequests, searchIndicators, valueUses, valuesOfAccount } from './console-graph.repo.js';

function decoded(values: unknown[]): DecodedEvent[] {
  return values.map((v, i) => {
    const r = decodeValue(i, v);
    if (!r.ok) throw new Error(r.rejection.reason);
    return r.value;
  });
}

const at = (h: number) => `2024-02-01T${String(h).padStart(2, '0')}:00:00Z`;
const ms = (h: number) => Date.parse(at(h));

describeEachDialect('console graph reads', (getDb) => {
  it('tells when each account used each value, which accounts were active in a window, and expands values and accounts', async () => {
    const database = getDb();
    const { db } = database;
    await insertEventBatch(
      database,
      decoded([
        makeEvent({ id: 'g1', account: 'ga', time: at(1), device: 'dev-g' }),
        makeEvent({ id: 'g2', account: 'ga', time: at(5), device: 'dev-g' }),
        makeEvent({ id: 'g3', account: 'gb', time: at(3), device: 'dev-g' }),
        makeEvent({ id: 'g4', account: 'gc', time: at(9), device: 'dev-h' }),
      ]),
      ms(10),
    );
    const uses = await valueUses(db, [{ type: 'device', value: 'dev-g' }, { type: 'device', value: 'dev-none' }], ['ga', 'gb', 'gc', 'nobody']);
    expect(uses.map((u) => [u.account, u.firstSeen, u.lastSeen]).sort()).toEqual([
      ['ga', ms(1), ms(5)],
      ['gb', ms(3), ms(3)],
    ]);
    expect(await valueUses(db, [], ['ga'])).toEqual([]);
    expect([...(await accountsActiveIn(db, ['ga', 'gb', 'gc', 'nobody'], ms(2), ms(4)))].sort()).toEqual(['gb']);
    expect([...(await accountsActiveIn(db, ['ga', 'gb', 'gc'], ms(0), ms(23)))].sort()).toEqual(['ga', 'gb', 'gc']);

    const values = await valuesOfAccount(db, 'ga', 10);
    const device = values.find((v) => v.type === 'device')!;
    expect(device).toMatchObject({ value: 'dev-g', accounts: 2, firstSeen: ms(1), lastSeen: ms(5) });
    expect(values.some((v) => v.type === 'account')).toBe(false);
    expect(await valuesOfAccount(db, 'nobody', 10)).toEqual([]);
    const others = await accountsOfEntities(db, [device.entityId], 1);
    expect(others.get(device.entityId)!.map((u) => u.account)).toEqual(['ga']);
    expect(await entityWithCount(db, 'device', 'dev-g')).toMatchObject({ accounts: 2 });
    expect(await entityWithCount(db, 'device', "x' OR 1=1 --")).toBeUndefined();
  });

  it('reads recent gateway requests (by their gw- ids, not their text) within a bounded scan and says when the bound cut the window', async () => {
    const database = getDb();
    const gw = (id: string) => makeEvent({ id, account: 'gw-acct', x_warden_gateway: { decision: 'allow' } });
    // One batch each: seq order is arrival order across batches (PostgreSQL sorts rows within one).
    for (const e of [gw('gw-1'), makeEvent({ id: 'plain-a', x_warden_gateway: { decision: 'allow' } }), gw('gw-2')]) await insertEventBatch(database, decoded([e]), 1_000);
    const all = await recentGatewayRequests(db(), 0, 100);
    expect(all.rows.map((r) => r.id)).toEqual(['gw-2', 'gw-1']);
    expect(all.complete).toBe(true);
    const cut = await recentGatewayRequests(db(), 0, 2);
    expect(cut.rows.map((r) => r.id)).toEqual(['gw-2']);
    expect(cut.complete).toBe(false);
    expect((await recentGatewayRequests(db(), 2_000, 100)).rows).toEqual([]);
    function db() {
      return database.db;
    }
  });

  it('searches indicators in SQL, one row per STIX id, and counts collections without loading them', async () => {
    const idb = intelDb(getDb().db);
    const row = (seq: number, stix: string, type: string, version: string, body: Record<string, unknown>) => ({
      collection_id: 'col-1',
      stix_id: stix,
      type,
      version,
      spec_version: '2.1',
      date_added: seq,
      source: 'partner-x',
      body: JSON.stringify({ id: stix, type, ...body }),
    });
    await idb
      .insertInto('intel_objects')
      .values([
        row(1, 'indicator--1', 'indicator', 'v1', { pattern: "[ipv4-addr:value = '203.0.113.9']" }),
        row(2, 'indicator--1', 'indicator', 'v2', { pattern: "[ipv4-addr:value = '203.0.113.9']", name: 'newer' }),
        row(3, 'indicator--2', 'indicator', 'v1', { pattern: "[domain-name:value = 'Evil.example']" }),
        row(4, 'intrusion-set--1', 'intrusion-set', 'v1', { name: '203.0.113.9 fans' }),
      ])
      .execute();
    const hits = await searchIndicators(idb, '203.0.113.9', 10);
    expect(hits.map((h) => h.stixId)).toEqual(['indicator--1']);
    expect(JSON.parse(hits[0]!.body)).toMatchObject({ name: 'newer' });
    expect((await searchIndicators(idb, 'EVIL.EXAMPLE', 10)).map((h) => h.stixId)).toEqual(['indicator--2']);
    expect(await searchIndicators(idb, "%' OR 1=1 --", 10)).toEqual([]);
    expect(await intelCollectionCounts(idb)).toEqual([{ id: 'col-1', objects: 3, indicators: 2, sources: ['partner-x'] }]);
  });
});
