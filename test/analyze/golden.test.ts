import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, decodeFixture } from './helpers.js';

/**
 * Golden evidence: the accounts, evidence and networks of the small fixture, byte for byte.
 * A deliberate change to scoring or wording is accepted with `UPDATE_GOLDEN=1 npx vitest run
 * test/analyze/golden.test.ts` and reviewed in the diff.
 */
const golden = join(import.meta.dirname, 'golden', 'small.report.json');

describe('golden evidence output', () => {
  it('matches test/analyze/golden/small.report.json', () => {
    const report = analyze(decodeFixture('small.ndjson'), { intel: ['intel.json'] });
    const text = JSON.stringify({ accounts: report.accounts, networks: report.networks }, null, 2) + '\n';
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden)) writeFileSync(golden, text);
    expect(text).toBe(readFileSync(golden, 'utf8'));
  });
});
