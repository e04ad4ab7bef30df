import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fixtures } from './helpers.js';

/** `node dist/src/cli/main.js analyze` end to end (npm test builds first). */
const root = join(import.meta.dirname, '..', '..');
const main = join(root, 'dist', 'src', 'cli', 'main.js');

function warden(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [main, ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface Report {
  events: { read: number; accepted: number; rejected: number };
  accounts: {
    account: string;
    verdict: string;
    evidence: { kind: string }[];
    actor: { name: string } | null;
  }[];
  networks: { id: string; links: { via: string }[] }[];
}

describe('warden analyze (CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'warden-analyze-'));

  it('writes the report, counts and reports rejected lines, exits 0', () => {
    const out = join(dir, 'report.json');
    const r = warden([
      'analyze',
      join(fixtures, 'small.ndjson'),
      '--intel',
      join(fixtures, 'intel.json'),
      '--out',
      out,
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/small\.ndjson:13: rejected: not valid JSON/);
    expect(r.stderr).toMatch(/small\.ndjson:14: rejected: .*request/);
    const report = JSON.parse(readFileSync(out, 'utf8')) as Report;
    expect(report.events).toEqual({ read: 14, accepted: 12, rejected: 2 });
    expect(report.accounts.map((a) => a.account)).toContain('acct_99');
    expect(report.accounts.every((a) => a.evidence.length > 0)).toBe(true);
    expect(report.accounts.find((a) => a.account === 'acct_81')?.actor?.name).toBe('Forest Blizzard');
  });

  it('reads gzip and standard input', () => {
    const gz = join(dir, 'events.ndjson.gz');
    const text = readFileSync(join(fixtures, 'small.ndjson'), 'utf8');
    writeFileSync(gz, gzipSync(text));
    const a = warden(['analyze', gz]);
    const b = warden(['analyze', '-'], text);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    const ra = JSON.parse(a.stdout) as Report;
    const rb = JSON.parse(b.stdout) as Report;
    expect(rb.accounts.map((x) => x.account)).toEqual(ra.accounts.map((x) => x.account));
    expect(b.stderr).toMatch(/<stdin>:13: rejected/);
  });

  it('exits 2 on a missing events file or an invalid bundle, naming the file', () => {
    const missing = warden(['analyze', join(dir, 'nope.ndjson')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.ndjson: no such file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        type: 'bundle',
        id: 'bundle--x',
        objects: [{ type: 'indicator', id: 'indicator--y' }],
      }),
    );
    const invalid = warden(['analyze', join(fixtures, 'small.ndjson'), '--intel', bad]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/bad\.json: failed validation/);
  });

  it('gives an empty report for empty input', () => {
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '');
    const r = warden(['analyze', empty]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout) as Report;
    expect(report.events).toEqual({ read: 0, accepted: 0, rejected: 0 });
    expect(report.accounts).toEqual([]);
  });
});
