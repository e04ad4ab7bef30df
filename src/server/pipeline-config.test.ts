import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { isAppError } from '../errors/index.js';
import { defaultPipelineConfig } from '../pipeline/index.js';
import { loadPipelineConfig } from './pipeline-deps.js';

const dir = mkdtempSync(join(tmpdir(), 'warden-pipeline-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const caught = (f: () => unknown): unknown => {
  try {
    f();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
};

describe('loadPipelineConfig', () => {
  it('gives the tuned defaults with nothing set', () => {
    expect(loadPipelineConfig(loadConfig({}).pipeline)).toEqual(defaultPipelineConfig);
  });

  it('reads a file and lets the environment override the verdict thresholds', () => {
    const file = join(dir, 'p.json');
    writeFileSync(file, JSON.stringify({ verdict: { malicious: 0.9 }, linkage: { hubCap: 32 } }));
    const c = loadPipelineConfig(loadConfig({ WARDEN_PIPELINE_CONFIG_FILE: file, WARDEN_PIPELINE_SUSPICIOUS_THRESHOLD: '0.6' }).pipeline);
    expect(c.verdict).toEqual({ malicious: 0.9, suspicious: 0.6 });
    expect(c.linkage.hubCap).toBe(32);
  });

  it('names the bad field of a file, and refuses thresholds in the wrong order', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ linkage: { hubCap: 'many' } }));
    const err = caught(() => loadPipelineConfig(loadConfig({ WARDEN_PIPELINE_CONFIG_FILE: file }).pipeline));
    expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
    expect((err as Error).message).toMatch(/linkage\.hubCap/);
    const order = caught(() =>
      loadPipelineConfig(loadConfig({ WARDEN_PIPELINE_MALICIOUS_THRESHOLD: '0.4', WARDEN_PIPELINE_SUSPICIOUS_THRESHOLD: '0.6' }).pipeline),
    );
    expect(isAppError(order, 'CONFIG_INVALID')).toBe(true);
    expect(isAppError(caught(() => loadPipelineConfig(loadConfig({ WARDEN_PIPELINE_CONFIG_FILE: join(dir, 'none.json') }).pipeline)), 'INPUT_UNREADABLE')).toBe(true);
  });
});
