import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { syncCasesFromReport } from '../../src/cases/index.js';
import { loadConfig } from '../../src/config/index.js';
import { ingestValues } from '../../src/ingest/index.js';
import { migrateUp, openDatabase } from '../../src/store/index.js';
import { runCli } from '../cli/run-cli.js';
import { report, reportAccount, reportNetwork } from './report-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-cases-cli-'));
const dbFile = join(dir, 'warden.db');
const cli = (...args: string[]) => runCli([...args, '--db', dbFile], { env: { WARDEN_DATA_DIR: dir } });

describe('warden cases / actions / webhooks', () => {
  beforeAll(async () => {
    const database = openDatabase(loadConfig({ WARDEN_DATA_DIR: dir }), { sqliteFile: dbFile });
    expect((await migrateUp(database.db)).ok).toBe(true);
    const login = (id: string, account: string, device: string) => ({ id, time: '2024-03-01T10:00:00Z', kind: 'login', account, device });
    await ingestValues({ database, now: Date.now }, [login('c1', 'cli_a', 'dev-cli'), login('c2', 'cli_b', 'dev-cli')], {});
    await syncCasesFromReport(
      { database, config: loadConfig({}).cases, now: Date.now },
      report([reportAccount('cli_a', 'net-cli', ['r@1']), reportAccount('cli_b', 'net-cli', ['r@1'])], [reportNetwork('net-cli', ['cli_a', 'cli_b'], null)]),
    );
    await database.close();
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists, shows and updates a case; a stale version exits 2 naming the current one', async () => {
    const list = await cli('cases', 'list', '--json');
    expect(list.code, list.stderr).toBe(0);
    const { cases } = JSON.parse(list.stdout) as { cases: { id: string; version: number; networkId: string }[] };
    const c = cases.find((x) => x.networkId === 'net-cli')!;
    const show = await cli('cases', 'show', c.id);
    expect(show.stdout).toMatch(/accounts: cli_a, cli_b/);
    const upd = await cli('cases', 'update', c.id, '--expect-version', String(c.version), '--state', 'triage', '--assignee', 'ana', '--note', 'looking');
    expect(upd.code, upd.stderr).toBe(0);
    expect(upd.stdout).toMatch(/triage/);
    const stale = await cli('cases', 'update', c.id, '--expect-version', String(c.version), '--priority', 'low');
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(new RegExp(`CASE_VERSION_CONFLICT.*version ${c.version + 1}`));
    const bad = await cli('cases', 'update', c.id, '--expect-version', 'x');
    expect(bad.code).toBe(2);
  });

  it('previews, proposes, approves, lists and reverses a network ban', async () => {
    const preview = await cli('actions', 'preview', 'network', 'net-cli', '--kind', 'network-ban');
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/ban\s+device\s+dev-cli/);
    const proposed = await cli('actions', 'propose', 'network', 'net-cli', '--kind', 'network-ban', '--reason', 'cli test', '--json');
    expect(proposed.code, proposed.stderr).toBe(0);
    const id = (JSON.parse(proposed.stdout) as { id: string }).id;
    expect((await cli('actions', 'approve', id)).stdout).toMatch(/executed/);
    expect((await cli('actions', 'list', '--state', 'executed')).stdout).toContain(id);
    const rev = await cli('actions', 'reverse', id, '--reason', 'done');
    expect(rev.stdout).toMatch(/reversed/);
    const ghost = await cli('actions', 'propose', 'account', 'ghost', '--kind', 'suspend', '--reason', 'x');
    expect(ghost.code).toBe(2);
    expect(ghost.stderr).toMatch(/ACTION_TARGET_NOT_FOUND.*ghost/);
    expect((await cli('actions', 'preview', 'planet', 'x', '--kind', 'warn')).code).toBe(2);
  });

  it('adds and lists webhooks, and refuses to replay what is not a dead letter', async () => {
    const add = await cli('webhooks', 'add', 'http://127.0.0.1:9/hook', '--events', 'action.executed');
    expect(add.code, add.stderr).toBe(0);
    expect(add.stdout.trim()).toMatch(/^whsec_/);
    expect((await cli('webhooks', 'list')).stdout).toMatch(/action\.executed\s+http:\/\/127\.0\.0\.1:9\/hook/);
    expect((await cli('webhooks', 'dead-letters', '--json')).stdout.trim()).toBe('[]');
    const replay = await cli('webhooks', 'replay', 'nope');
    expect(replay.code).toBe(2);
    expect(replay.stderr).toMatch(/WEBHOOK_NOT_FOUND/);
    expect((await cli('webhooks', 'add', 'ftp://x', '--events', '*')).code).toBe(2);
  });
});
