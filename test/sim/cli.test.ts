import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { parseEvent } from '../../src/events/index.js';
import { truthSchema, type AnalyzeScore } from '../../src/sim/index.js';

const BIN = join(process.cwd(), 'dist', 'src', 'cli', 'main.js');

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const dir = mkdtempSync(join(tmpdir(), 'warden-sim-'));
const world = (name: string) => join(dir, name);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('warden simulate and warden eval analyze (built CLI)', () => {
  it('writes events, intel and truth; the same seed gives byte-identical files', async () => {
    const first = await run(['simulate', '--seed', '9', '--accounts', '300', '--days', '7', '--out', world('a'), '--quiet']);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const summary = JSON.parse(first.stdout) as { events: number; accounts: number };
    expect(summary.events).toBeGreaterThan(100);
    const second = await run(['simulate', '--seed', '9', '--accounts', '300', '--days', '7', '--out', world('b'), '--quiet']);
    expect(second.code).toBe(0);
    for (const f of ['events.ndjson', 'intel.json', 'truth.json']) {
      expect(readFileSync(join(world('b'), f)).equals(readFileSync(join(world('a'), f))), f).toBe(true);
    }
    const lines = readFileSync(join(world('a'), 'events.ndjson'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(summary.events);
    expect(lines.filter((l) => !parseEvent(JSON.parse(l)).ok)).toEqual([]);
    const truth = truthSchema.parse(JSON.parse(readFileSync(join(world('a'), 'truth.json'), 'utf8')));
    expect(truth.accounts).toHaveLength(summary.accounts);
  });

  it('writes the same events gzipped with --gzip', async () => {
    const r = await run(['simulate', '--seed', '9', '--accounts', '300', '--days', '7', '--out', world('gz'), '--gzip', '--quiet']);
    expect(r.code).toBe(0);
    const text = gunzipSync(readFileSync(join(world('gz'), 'events.ndjson.gz'))).toString('utf8');
    expect(text).toBe(readFileSync(join(world('a'), 'events.ndjson'), 'utf8'));
  });

  it('rejects bad options with exit code 2 and a message naming the option', async () => {
    const r = await run(['simulate', '--accounts', 'lots', '--out', world('bad')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--accounts');
    const missing = await run(['eval', 'analyze', join(dir, 'nope.json'), '--truth', join(world('a'), 'truth.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
  });

  it('scores a report made from the truth itself as perfect, as JSON and as a table', async () => {
    const truth = truthSchema.parse(JSON.parse(readFileSync(join(world('a'), 'truth.json'), 'utf8')));
    const partner = new Map(truth.actors.map((a) => [a.name, a.partner_name]));
    const report = {
      accounts: truth.accounts
        .filter((t) => t.label === 'malicious')
        .map((t) => ({ account: t.account, verdict: 'malicious', network: t.network, actor: t.actor ? { name: partner.get(t.actor) ?? t.actor } : null })),
      networks: [],
    };
    writeFileSync(join(dir, 'perfect.json'), JSON.stringify(report));
    const r = await run(['eval', 'analyze', join(dir, 'perfect.json'), '--truth', join(world('a'), 'truth.json'), '--json']);
    expect(r.code).toBe(0);
    const score = JSON.parse(r.stdout) as AnalyzeScore;
    expect(score.flagged).toMatchObject({ precision: 1, recall: 1, f1: 1 });
    expect(score.attribution.accuracy).toBe(1);
    expect(score.ban_evasion.rate).toBe(1);
    const table = await run(['eval', 'analyze', join(dir, 'perfect.json'), '--truth', join(world('a'), 'truth.json')]);
    expect(table.stdout).toMatch(/malicious\+suspicious\s+1\.0000\s+1\.0000\s+1\.0000/);
  });

  it('runs end to end: simulate, analyze, eval analyze', async () => {
    const a = world('a');
    const analyzed = await run(['analyze', join(a, 'events.ndjson'), '--intel', join(a, 'intel.json'), '--out', join(dir, 'report.json')]);
    expect(analyzed.code, analyzed.stderr).toBe(0);
    const r = await run(['eval', 'analyze', join(dir, 'report.json'), '--truth', join(a, 'truth.json'), '--intel', join(a, 'intel.json'), '--json', '--out', join(dir, 'score.json')]);
    expect(r.code, r.stderr).toBe(0);
    const score = JSON.parse(readFileSync(join(dir, 'score.json'), 'utf8')) as AnalyzeScore;
    expect(score.report.unknown_accounts).toBe(0);
    expect(score.truth.accounts).toBe(score.flagged.true_positives + score.flagged.false_positives + score.flagged.false_negatives + score.flagged.true_negatives);
  });
});
