import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/audit/index.js';
import { loadConfig } from '../../src/config/index.js';
import { auditDb, migrateUp, openDatabase } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';

// Each case spawns the built CLI several times; on a loaded two-core machine one spawn can take seconds.
describe('warden audit verify|export and warden users (the built CLI)', { timeout: 300_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-audit-cli-'));
  const db = join(dir, 'warden.db');
  const env = { WARDEN_DATA_DIR: dir };

  beforeAll(async () => {
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }), { sqliteFile: db });
    await migrateUp(database.db);
    const log = new AuditLog(database);
    for (let i = 0; i < 20; i++) await log.record({ at: Date.parse('2026-11-01T00:00:00Z') + i * 3_600_000, actor: 'user:u1', action: 'case.updated', target: { type: 'case', id: `c${i}` } });
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('verifies an intact log and prints its head', async () => {
    const r = await runCli(['audit', 'verify', '--db', db], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/audit log intact: 20 entries; head 20:[0-9a-f]{64}/);
  });

  it('exports NDJSON, all or since a time, and refuses a bad --since', async () => {
    const all = await runCli(['audit', 'export', '--db', db], { env });
    expect(all.code).toBe(0);
    const lines = all.stdout.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; hash: string });
    expect(lines).toHaveLength(20);
    expect(lines[0]).toMatchObject({ seq: 1, actor: 'user:u1', action: 'case.updated', target: { type: 'case', id: 'c0' } });
    const out = join(dir, 'since.ndjson');
    const since = await runCli(['audit', 'export', '--since', '2026-11-01T10:00:00Z', '--out', out, '--db', db], { env });
    expect(since.code).toBe(0);
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(10);
    const bad = await runCli(['audit', 'export', '--since', 'yesterday', '--db', db], { env });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--since/);
  });

  it('adds a user from a password on stdin and audits it', async () => {
    const added = await runCli(['users', 'add', 'ana@example.org', 'Ana', '--role', 'analyst', '--password-stdin', '--db', db], { env, input: 'a long enough password\n' });
    expect(added.code).toBe(0);
    const weak = await runCli(['users', 'add', 'bo@example.org', 'Bo', '--role', 'analyst', '--password-stdin', '--db', db], { env, input: 'short\n' });
    expect(weak.code).toBe(2);
    const badRole = await runCli(['users', 'add', 'bo@example.org', 'Bo', '--role', 'root', '--db', db], { env });
    expect(badRole.code).toBe(2);
    const list = await runCli(['users', 'list', '--db', db], { env });
    expect(list.stdout).toMatch(/analyst\s+active\s+ana@example.org/);
    const key = await runCli(['keys', 'create', 'shipper', '--role', 'ingest', '--db', db], { env });
    expect(key.code).toBe(0);
    const verify = await runCli(['audit', 'verify', '--db', db], { env });
    expect(verify.stdout).toMatch(/22 entries/);
    const exported = (await runCli(['audit', 'export', '--db', db], { env })).stdout;
    expect(exported).toContain('"action":"key.created"');
    expect(exported).not.toContain(key.stdout.trim());
  });

  it('exits 1 naming the first bad entry when a row was edited', async () => {
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }), { sqliteFile: db });
    const head = (await runCli(['audit', 'verify', '--db', db], { env })).stdout.match(/head (\d+:[0-9a-f]{64})/)![1]!;
    await auditDb(database.db).updateTable('audit_log').set({ actor: 'user:someone-else' }).where('seq', '=', 7).execute();
    await database.close();
    const r = await runCli(['audit', 'verify', '--db', db], { env });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/TAMPERED at entry 7 \(hash_mismatch\)/);
    const withHead = await runCli(['audit', 'verify', '--head', head, '--db', db], { env });
    expect(withHead.code).toBe(1);
    const badHead = await runCli(['audit', 'verify', '--head', 'nonsense', '--db', db], { env });
    expect(badHead.code).toBe(2);
  });
});
