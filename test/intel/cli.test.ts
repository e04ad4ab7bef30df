import { mkdtempSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { loadStixSchemas, validateStixObject, type StixBundle } from '../../src/intel/index.js';
import { makeBundle, makeIdentity, makeIndicator, makeIntrusionSet } from './fixtures.js';

/** `warden intel …` and `warden partners …`, run in-process against a temp SQLite file. */
const dir = mkdtempSync(join(tmpdir(), 'warden-intel-cli-'));
const db = join(dir, 'w.sqlite');

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  const l = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => void (out += `${a.map(String).join(' ')}\n`));
  const c = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => void (err += `${a.map(String).join(' ')}\n`));
  try {
    const code = await runCli(args);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    l.mockRestore();
    c.mockRestore();
    process.exitCode = undefined;
  }
}

afterEach(() => vi.restoreAllMocks());

describe('warden intel', () => {
  const good = join(dir, 'good.json');
  const bad = join(dir, 'bad.json');
  writeFileSync(good, JSON.stringify(makeBundle([makeIdentity(), makeIntrusionSet('Forest Blizzard'), makeIndicator("[ipv4-addr:value = '198.51.100.1']"), makeIndicator("[process:name = 'x']")])));
  writeFileSync(bad, JSON.stringify(makeBundle([makeIndicator("[ipv4-addr:value = '198.51.100.1']", { valid_from: '2024-02-01T00:00:00Z', valid_until: '2024-01-01T00:00:00Z' })])));

  it('imports a valid bundle into the store and reports pattern support', async () => {
    const r = await run(['intel', 'import', good, '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/4 objects \(4 new.*1 evaluated per event, 0 over history, unsupported: object-type 1/);
    expect(r.out).toMatch(/stored 4 new object versions in collection "warden"/);
  });

  it('rejects an invalid bundle with exit 2, naming object, field and rule', async () => {
    const r = await run(['intel', 'import', bad, '--db', db]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/bad.json: rejected, 1 issue\(s\); nothing from it was applied/);
    expect(r.err).toMatch(/objects\[0\] indicator--[0-9a-f-]+ valid_until: must be later than valid_from/);
  });

  it('rejects a file that is not JSON with exit 2', async () => {
    const notJson = join(dir, 'x.json');
    writeFileSync(notJson, 'hello');
    const r = await run(['intel', 'import', notJson, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/not JSON/);
  });

  it('refuses a 200 MB bundle before reading it (no out-of-memory)', async () => {
    const huge = join(dir, 'huge.json');
    writeFileSync(huge, '');
    truncateSync(huge, 200 * 1024 * 1024); // sparse: no disk or memory is spent
    const r = await run(['intel', 'import', huge, '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/huge.json: bundle is 200.0 MiB, over the 128.0 MiB limit; split it into smaller bundles or raise the limit/);
  });

  it('resolves actor names', async () => {
    expect((await run(['intel', 'actor', 'strontium'])).out).toMatch(/"name": "Forest Blizzard"/);
    expect((await run(['intel', 'actor', 'Zebra Typhoon'])).out).toMatch(/China/);
  });

  it('exports the catalogue as STIX the OASIS schemas accept', async () => {
    const out = join(dir, 'export.json');
    expect((await run(['intel', 'export', '--out', out, '--marking', 'green'])).code).toBe(0);
    const bundle = JSON.parse(readFileSync(out, 'utf8')) as StixBundle;
    const schemas = loadStixSchemas();
    expect(bundle.objects.flatMap((o, i) => validateStixObject(o, i, schemas))).toEqual([]);
    expect(bundle.objects.filter((o) => o.type === 'intrusion-set').length).toBeGreaterThanOrEqual(100);
  });
});

describe('warden partners and feeds', () => {
  it('adds a partner, printing its key once, and lists it', async () => {
    const r = await run(['partners', 'add', 'partner-a', '--read', 'apt', 'shared', '--write', 'apt', '--db', db]);
    expect(r.code).toBe(0);
    expect(r.out.trim()).toMatch(/^wtx_[A-Za-z0-9_-]{43}$/);
    expect(r.err).toMatch(/read: apt, shared; write: apt/);
    expect((await run(['partners', 'list', '--db', db])).out).toMatch(/live\s+partner-a/);
    expect((await run(['partners', 'add', 'partner-b', '--db', db])).code).toBe(2);
  });

  it('adds and lists a feed', async () => {
    const key = join(dir, 'key');
    writeFileSync(key, 'secret\n');
    const r = await run(['intel', 'feeds', 'add', 'p1', '--url', 'https://partner.example/taxii2/r/collections/apt/', '--key-file', key, '--db', db]);
    expect(r.code).toBe(0);
    expect((await run(['intel', 'feeds', 'list', '--db', db])).out).toMatch(/p1\s+https:\/\/partner.example\/taxii2\/r\/collections\/apt\/\s+→ partners/);
  });
});
