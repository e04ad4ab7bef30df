import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf } from '../../src/store/index.js';
import { makeEvent, toNdjson } from '../factories/events.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-privacy-cli-'));
const dataDir = join(dir, 'data');
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const clear = { WARDEN_DATA_DIR: dataDir };
const withK1 = { ...clear, WARDEN_PRIVACY_ENCRYPTION_KEY: k1.toString('base64') };
const rotating = {
  ...clear,
  WARDEN_PRIVACY_ENCRYPTION_KEY: k2.toString('base64'),
  WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS: k1.toString('base64'),
};
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secret = 'exfiltrate the payroll of victim-corp';
const events = Array.from({ length: 7 }, (_, i) =>
  makeEvent({ id: `pc-${i}`, request: { prompt: `${secret} #${i}` } }),
);

/** The raw column as it is on disk, read beside Warden rather than through it. */
function rawColumn(): string[] {
  const db = new SqliteDatabase(join(dataDir, 'warden.db'), { readonly: true });
  try {
    return db
      .prepare('SELECT raw FROM events UNION ALL SELECT raw FROM event_conflicts')
      .pluck()
      .all() as string[];
  } finally {
    db.close();
  }
}

describe('warden privacy', () => {
  it('encrypt-existing seals rows written in clear, idempotently; rotate-key moves them to the new key', async () => {
    const file = join(dir, 'events.ndjson');
    writeFileSync(file, toNdjson(events));
    expect((await runCli(['ingest', '--json', file], { env: clear })).code).toBe(0);
    expect(rawColumn().every((r) => r.includes('victim-corp'))).toBe(true);

    const off = await runCli(['privacy', 'encrypt-existing'], { env: clear });
    expect(off.code).toBe(2);
    expect(off.stderr).toContain('WARDEN_PRIVACY_ENCRYPTION_KEY');

    const first = await runCli(['privacy', 'encrypt-existing', '--batch-size', '3'], { env: withK1 });
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      keyId: keyIdOf(k1),
      scanned: 7,
      encrypted: 7,
      current: 0,
    });
    const second = await runCli(['privacy', 'encrypt-existing'], { env: withK1 });
    expect(JSON.parse(second.stdout)).toMatchObject({ scanned: 7, encrypted: 0, current: 7 });
    expect(rawColumn().some((r) => r.includes('victim'))).toBe(false);

    // Reading needs the key: a re-sent batch must open the stored rows to tell duplicates.
    const again = await runCli(['ingest', '--json', file], { env: withK1 });
    expect(JSON.parse(again.stdout)).toMatchObject({ duplicate: 7 });
    const noKey = await runCli(['ingest', '--json', file], { env: clear });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/PRIVACY_KEY_MISSING.*WARDEN_PRIVACY_ENCRYPTION_KEY/);

    const rotated = await runCli(['privacy', 'rotate-key'], { env: rotating });
    expect(JSON.parse(rotated.stdout)).toMatchObject({ keyId: keyIdOf(k2), rotated: 7 });
    const status = JSON.parse((await runCli(['privacy', 'status'], { env: rotating })).stdout) as {
      rows: { table: string; keyId: string; rows: number }[];
    };
    expect(status.rows).toEqual([{ table: 'events', keyId: keyIdOf(k2), rows: 7 }]);
    const oldOnly = await runCli(['ingest', '--json', file], { env: withK1 });
    expect(oldOnly.code).toBe(1);
    expect(oldOnly.stderr).toContain('WARDEN_PRIVACY_ENCRYPTION_OLD_KEYS');
    // Each step starts a process: a budget for a loaded machine, not a timing claim.
  }, 240_000);

  it('refuses a malformed key and a bad batch size, naming them', async () => {
    for (const key of ['short', randomBytes(31).toString('base64')]) {
      const r = await runCli(['privacy', 'status'], {
        env: { ...clear, WARDEN_PRIVACY_ENCRYPTION_KEY: key },
      });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('WARDEN_PRIVACY_ENCRYPTION_KEY');
    }
    for (const n of ['0', '-1', 'x', '1e9']) {
      const r = await runCli(['privacy', 'encrypt-existing', '--batch-size', n], { env: withK1 });
      expect(r.code, n).toBe(2);
      expect(r.stderr).toContain('--batch-size');
    }
  }, 240_000);
});

describe('warden users and OIDC subjects', () => {
  it('adds a user linked to a subject, links and unlinks, and refuses a taken or malformed subject', async () => {
    const add = await runCli(
      ['users', 'add', 'sso@corp.example', 'SSO User', '--role', 'analyst', '--oidc-subject', 'sub-123'],
      { env: withK1 },
    );
    expect(add.code, add.stderr).toBe(0);
    const taken = await runCli(
      ['users', 'add', 'other@corp.example', 'Other', '--role', 'viewer', '--oidc-subject', 'sub-123'],
      { env: withK1 },
    );
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('linked to that OIDC subject');
    expect(
      (await runCli(['users', 'add', 'other@corp.example', 'Other', '--role', 'viewer'], { env: withK1 }))
        .code,
    ).toBe(0);
    expect(
      (await runCli(['users', 'link-oidc', 'other@corp.example', 'sub-123'], { env: withK1 })).code,
    ).toBe(2);
    for (const bad of ['', 'x'.repeat(256), 'tab\there', 'ünï']) {
      const r = await runCli(['users', 'link-oidc', 'other@corp.example', bad], { env: withK1 });
      expect(r.code, bad.slice(0, 10)).toBe(2);
      expect(r.stderr).toContain('OIDC subject');
    }
    expect((await runCli(['users', 'unlink-oidc', 'sso@corp.example'], { env: withK1 })).code).toBe(0);
    expect(
      (await runCli(['users', 'link-oidc', 'other@corp.example', 'sub-123'], { env: withK1 })).code,
    ).toBe(0);
    const db = new SqliteDatabase(join(dataDir, 'warden.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT email FROM users WHERE oidc_subject = ?').pluck().all('sub-123')).toEqual([
        'other@corp.example',
      ]);
    } finally {
      db.close();
    }
  }, 240_000);
});
