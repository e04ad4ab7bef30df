import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../store/testing.js';
import { auditDb, listAuditRowsAfter } from '../store/index.js';
import { AuditLog, exportAuditLog, verifyAuditChain } from './audit-log.js';
import { entryHash } from './chain.js';

const rec = (i: number) => ({ at: 1_700_000_000_000 + i, actor: 'user:u1', action: 'test.done', target: { type: 'case', id: `c${i}` }, details: { i, b: [1, 2], a: 'x' } });

describeEachDialect('audit log', (getDb, dialect) => {
  it('appends a chain that verifies, concurrent records included', async () => {
    const log = new AuditLog(getDb(), 7);
    await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(rec(i))));
    await log.record({ at: 1, actor: 'system:test', action: 'x.y', reason: 'because' });
    const report = await verifyAuditChain(getDb(), { pageSize: 9 });
    expect(report).toMatchObject({ ok: true, entries: 51, headSeq: 51 });
    const rows = await listAuditRowsAfter(getDb().db, 0, 100);
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 51 }, (_, i) => i + 1));
  });

  it('two writers (two AuditLog instances, as two processes would) extend one chain without forking', async () => {
    const a = new AuditLog(getDb(), 3);
    const b = new AuditLog(getDb(), 3);
    const results = await Promise.allSettled(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).record(rec(100 + i))));
    // SQLite refuses a competing writer rather than waiting; PostgreSQL's advisory lock serialises them.
    if (dialect === 'postgres') expect(results.every((r) => r.status === 'fulfilled')).toBe(true);
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
  });

  it('exports NDJSON-ready lines with parsed details, and filters by time', async () => {
    const all: unknown[] = [];
    for await (const l of exportAuditLog(getDb(), { pageSize: 4 })) all.push(l);
    expect(all.length).toBeGreaterThan(50);
    expect(all[0]).toMatchObject({ seq: 1, actor: 'user:u1', target: { type: 'case', id: 'c0' }, details: { a: 'x', b: [1, 2], i: 0 } });
    const since: unknown[] = [];
    for await (const l of exportAuditLog(getDb(), { sinceAt: 1_700_000_000_045 })) since.push(l);
    expect(since.length).toBeGreaterThan(0);
    expect(since.every((l) => Date.parse((l as { at: string }).at) >= 1_700_000_000_045)).toBe(true);
  });
});

describeEachDialect('audit log tampering', (getDb) => {
  const setup = async () => {
    const db = auditDb(getDb().db);
    await db.deleteFrom('audit_log').execute();
    const log = new AuditLog(getDb());
    for (let i = 0; i < 10; i++) await log.record(rec(i));
    return db;
  };

  it('an edited row is named', async () => {
    const db = await setup();
    await db.updateTable('audit_log').set({ reason: 'nothing to see' }).where('seq', '=', 4).execute();
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, entries: 3, firstBreak: { seq: 4, problem: 'hash_mismatch' } });
  });

  it('an edited row whose hash was recomputed breaks at the next row', async () => {
    const db = await setup();
    const [row] = await listAuditRowsAfter(getDb().db, 4, 1);
    const changed = { ...row!, actor: 'user:someone-else' };
    await db.updateTable('audit_log').set({ actor: changed.actor, hash: entryHash(changed, changed.prevHash) }).where('seq', '=', 5).execute();
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, firstBreak: { seq: 6, problem: 'prev_hash_mismatch' } });
  });

  it('a deleted row is named', async () => {
    const db = await setup();
    await db.deleteFrom('audit_log').where('seq', '=', 7).execute();
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, firstBreak: { seq: 8, problem: 'seq_gap' } });
  });

  it('an inserted row (renumbered to fit) is named', async () => {
    const db = await setup();
    // Shift 5..10 up by one, then put a forged entry at 5.
    await sql`update audit_log set seq = seq + 100 where seq >= 5`.execute(getDb().db);
    await sql`update audit_log set seq = seq - 99 where seq >= 105`.execute(getDb().db);
    const [prev] = await listAuditRowsAfter(getDb().db, 3, 1);
    const forged = { seq: 5, at: 1, actor: 'user:x', action: 'forged', targetType: null, targetId: null, reason: null, details: '{}' };
    await db.insertInto('audit_log').values({ seq: 5, at: 1, actor: 'user:x', action: 'forged', target_type: null, target_id: null, reason: null, details: '{}', prev_hash: prev!.hash, hash: entryHash(forged, prev!.hash) }).execute();
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, firstBreak: { seq: 6, problem: 'prev_hash_mismatch' } });
  });

  it('reordered rows are named', async () => {
    await setup();
    await sql`update audit_log set seq = 1000 where seq = 3`.execute(getDb().db);
    await sql`update audit_log set seq = 3 where seq = 4`.execute(getDb().db);
    await sql`update audit_log set seq = 4 where seq = 1000`.execute(getDb().db);
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: false, firstBreak: { seq: 3 } });
  });

  it('a cut-off tail is caught against a recorded head', async () => {
    const db = await setup();
    const before = await verifyAuditChain(getDb());
    await db.deleteFrom('audit_log').where('seq', '>=', 9).execute();
    expect((await verifyAuditChain(getDb())).ok).toBe(true);
    expect(await verifyAuditChain(getDb(), { expectHead: { seq: before.headSeq, hash: before.headHash } })).toMatchObject({ ok: false, firstBreak: { seq: 10 } });
  });

  it('an empty log verifies', async () => {
    await auditDb(getDb().db).deleteFrom('audit_log').execute();
    expect(await verifyAuditChain(getDb())).toMatchObject({ ok: true, entries: 0, headSeq: 0 });
  });
});

describe('audit log failure', () => {
  it('rejects every record of a batch that cannot be written', async () => {
    const { createTestDatabase } = await import('../store/testing.js');
    const database = await createTestDatabase('sqlite');
    await sql`drop table audit_log`.execute(database.db);
    const log = new AuditLog(database);
    await expect(log.record(rec(1))).rejects.toThrow();
    await database.destroy();
  });
});
