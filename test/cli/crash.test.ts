import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { request } from 'undici';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { countConflicts, countEvents, findEventById, openDatabase } from '../../src/store/index.js';
import { makeEvent, toNdjson } from '../factories/events.js';
import { cliPath, exited, runCli, startCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function inspect(env: Record<string, string>) {
  const database = openDatabase(loadConfig(env));
  return {
    count: () => countEvents(database.db),
    conflicts: () => countConflicts(database.db),
    has: async (id: string) => (await findEventById(database.db, id)) !== undefined,
    close: () => database.close(),
  };
}

function batches(prefix: string, count: number, size: number): { ids: string[]; body: string }[] {
  return Array.from({ length: count }, (_, b) => {
    const events = Array.from({ length: size }, (_, i) => makeEvent({ id: `${prefix}-${b}-${i}`, account: `a${i % 50}`, device: `d${i % 7}` }));
    return { ids: events.map((e) => e.id), body: toNdjson(events) };
  });
}

describe('a server killed with SIGKILL', () => {
  it('loses no acknowledged event and duplicates none when everything is sent again', async () => {
    const env = { WARDEN_DATA_DIR: join(dir, 'server') };
    const key = (await runCli(['keys', 'create', 'crash-test'], { env })).stdout.trim();
    const all = batches('h', 80, 250);
    const { child, url } = await startCli(['serve', '--port', '0'], env);
    const acked: string[] = [];
    let sent = 0;
    const send = async (b: { ids: string[]; body: string }, base: string) => {
      const res = await request(`${base}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
        body: b.body,
      });
      const body = (await res.body.json()) as { accepted: number; duplicate: number; conflict: number };
      if (res.statusCode !== 200) throw new Error(`HTTP ${res.statusCode}`);
      return body;
    };
    // Two senders; the server is killed mid-stream, with requests in flight.
    const killer = new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if (acked.length >= 20 * 250) {
          clearInterval(timer);
          child.kill('SIGKILL');
          resolve();
        }
      }, 1);
    });
    const sender = async () => {
      while (sent < all.length) {
        const b = all[sent++]!;
        try {
          await send(b, url);
          acked.push(...b.ids);
        } catch {
          return;
        }
      }
    };
    await Promise.all([sender(), sender(), killer]);
    await exited(child);
    expect(acked.length).toBeGreaterThanOrEqual(20 * 250);
    expect(acked.length).toBeLessThan(all.length * 250);

    const db = inspect(env);
    for (const id of acked) expect(await db.has(id)).toBe(true);
    await db.close();

    const restarted = await startCli(['serve', '--port', '0'], env);
    let accepted = 0;
    let duplicate = 0;
    let conflict = 0;
    for (const b of all) {
      const r = await send(b, restarted.url);
      accepted += r.accepted;
      duplicate += r.duplicate;
      conflict += r.conflict;
    }
    restarted.child.kill('SIGTERM');
    await exited(restarted.child);
    expect(conflict).toBe(0);
    expect(duplicate).toBeGreaterThanOrEqual(acked.length);
    expect(accepted + duplicate).toBe(all.length * 250);
    const after = inspect(env);
    expect(await after.count()).toBe(all.length * 250);
    expect(await after.conflicts()).toBe(0);
    await after.close();
  }, 240_000);
});

describe('an ingest killed with SIGKILL', () => {
  it('is completed by running it again, each event stored once', async () => {
    const env = { WARDEN_DATA_DIR: join(dir, 'cli'), WARDEN_INGEST_COMMIT_EVERY: '1000' };
    const file = join(dir, 'big.ndjson');
    const total = 60_000;
    writeFileSync(file, batches('f', 60, 1000).map((b) => b.body).join(''));
    const child = spawn(process.execPath, [cliPath, 'ingest', '--quiet', file], { env: { ...process.env, ...env }, stdio: 'ignore' });
    const db = inspect(env);
    // Kill once some batches are committed but before the end.
    for (let i = 0; i < 3000; i++) {
      await new Promise((r) => setTimeout(r, 20));
      const n = await db.count().catch(() => 0);
      if (n >= 5000 || child.exitCode !== null) break;
    }
    child.kill('SIGKILL');
    await exited(child);
    const partial = await db.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(total);
    expect(partial % 1000).toBe(0);

    const rerun = await runCli(['ingest', '--json', file], { env });
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toEqual({ read: total, accepted: total - partial, duplicate: partial, conflict: 0, rejected: 0 });
    expect(await db.count()).toBe(total);
    await db.close();
  }, 240_000);
});
