import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { countEvents, openDatabase } from '../../src/store/index.js';
import { makeEvent, toNdjson } from '../factories/events.js';
import { runCli } from './run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-cli-'));
const env = { WARDEN_DATA_DIR: join(dir, 'data') };
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function stored(): Promise<number> {
  const database = openDatabase(loadConfig(env));
  try {
    return await countEvents(database.db);
  } finally {
    await database.close();
  }
}

describe('warden ingest', () => {
  it('stores valid lines, reports each bad one as FILE:LINE on stderr, and exits 0', async () => {
    const file = join(dir, 'mixed.ndjson');
    writeFileSync(file, `${JSON.stringify(makeEvent({ id: 'c1' }))}\n{"id":"c2"\nnot json\n${JSON.stringify(makeEvent({ id: 'c3', ip: '1.2.3.999' }))}\n${JSON.stringify(makeEvent({ id: 'c4' }))}\n`);
    const r = await runCli(['ingest', '--json', file], { env });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ read: 5, accepted: 2, duplicate: 0, conflict: 0, rejected: 3 });
    expect(r.stderr).toContain(`${file}:2: not valid JSON`);
    expect(r.stderr).toContain(`${file}:3: not valid JSON`);
    expect(r.stderr).toContain(`${file}:4: event c3: \`ip\` must be an IPv4 or IPv6 address`);
    expect(await stored()).toBe(2);
  });

  it('reads gzip and standard input, and counts duplicates on a re-run', async () => {
    const events = [makeEvent({ id: 'g1' }), makeEvent({ id: 'g2' })];
    const gz = join(dir, 'events.ndjson.gz');
    writeFileSync(gz, gzipSync(toNdjson(events)));
    expect(JSON.parse((await runCli(['ingest', '--json', gz], { env })).stdout)).toMatchObject({ accepted: 2 });
    const again = await runCli(['ingest', '--json', '-'], { env, input: toNdjson(events) });
    expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 0, duplicate: 2 });
    const gzStdin = await runCli(['ingest', '--json', '-'], { env, input: gzipSync(toNdjson([makeEvent({ id: 'g3' })])) });
    expect(JSON.parse(gzStdin.stdout)).toMatchObject({ accepted: 1 });
  });

  it('reports a conflict and keeps the first version', async () => {
    const e = makeEvent({ id: 'k1', account: 'first' });
    await runCli(['ingest', '-'], { env, input: toNdjson([e]) });
    const r = await runCli(['ingest', '--json', '-'], { env, input: toNdjson([{ ...e, account: 'second' }]) });
    expect(JSON.parse(r.stdout)).toMatchObject({ conflict: 1 });
    expect(r.stderr).toMatch(/<stdin>:1: event k1: conflict/);
  });

  it('exits 2 naming a file it cannot read', async () => {
    const r = await runCli(['ingest', join(dir, 'missing.ndjson')], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot read .*missing\.ndjson: ENOENT/);
  });

  it('exits 2 on bad usage, and 0 with help', async () => {
    expect((await runCli(['ingest'], { env })).code).toBe(2);
    expect((await runCli(['no-such-command'], { env })).code).toBe(2);
    const help = await runCli(['--help'], { env });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/ingest/);
    expect(help.stdout).toMatch(/migrate/);
  });

  it('exits 2 naming the variable when configuration is invalid', async () => {
    const r = await runCli(['migrate', 'status'], { env: { ...env, WARDEN_SERVER_PORT: 'many' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('WARDEN_SERVER_PORT');
  });
});

describe('warden migrate', () => {
  it('lists, reverts and re-applies migrations', async () => {
    const db = join(dir, 'm.db');
    expect((await runCli(['migrate', 'up', '--db', db])).stdout).toMatch(/applied\s+\d+_create_events/);
    expect((await runCli(['migrate', 'status', '--db', db])).stdout).toMatch(/applied .*_create_events/);
    const statuses = (await runCli(['migrate', 'status', '--db', db])).stdout.trim().split('\n');
    for (let i = 0; i < statuses.length; i++) expect((await runCli(['migrate', 'down', '--db', db])).code).toBe(0);
    expect((await runCli(['migrate', 'status', '--db', db])).stdout).toMatch(/pending\s+\d+_create_events/);
    expect((await runCli(['migrate', 'up', '--db', db])).code).toBe(0);
  });
});
