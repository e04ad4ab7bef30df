import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { reasonCodes } from './codes.js';
import { policyActions } from './policy.schema.js';
import { DEFAULT_GATEWAY_POLICY } from './policy-file.js';

const doc = readFileSync(new URL('../../../docs/gateway-policy.md', import.meta.url), 'utf8');

describe('docs/gateway-policy.md stays in step with the code', () => {
  it('documents every reason code with its source', () => {
    for (const [code, source] of Object.entries(reasonCodes)) expect(doc, code).toMatch(new RegExp(`\\| \`${code}\` \\| ${source} \\|`));
  });

  it('documents every action and every top-level field of the policy', () => {
    for (const a of policyActions) expect(doc).toContain(`| \`${a}\` |`);
    for (const field of Object.keys(DEFAULT_GATEWAY_POLICY)) expect(doc, field).toContain(`\`${field}\``);
  });
});
