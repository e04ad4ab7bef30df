import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TTP_IDS } from '../../content/index.js';
import { isAppError } from '../../errors/index.js';
import { DEFAULT_GATEWAY_POLICY, duplicateKey, loadGatewayPolicy, MAX_POLICY_FILE_BYTES, parseGatewayPolicy, parseGatewayPolicyText, type PolicyIssue } from './policy-file.js';

/** The issues of a refused policy; fails the test when the policy was accepted. */
function issuesOf(run: () => unknown): PolicyIssue[] {
  try {
    run();
  } catch (err) {
    if (!isAppError(err, 'CONFIG_INVALID')) throw err;
    return (err.details as { issues: PolicyIssue[] }).issues;
  }
  throw new Error('policy was accepted');
}

const dir = mkdtempSync(join(tmpdir(), 'warden-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('policy defaults', () => {
  it('{} is the shipped policy, with rules for every TTP of ttps.md', () => {
    expect(parseGatewayPolicy({})).toEqual(DEFAULT_GATEWAY_POLICY);
    expect(Object.keys(DEFAULT_GATEWAY_POLICY.content.ttps).sort()).toEqual([...TTP_IDS].sort());
    expect(DEFAULT_GATEWAY_POLICY.content.ttps['llm-aided-development']?.[0]).toEqual({ minScore: 0.9, action: 'block', shadow: false });
    expect(DEFAULT_GATEWAY_POLICY.content.ttps['llm-informed-reconnaissance']).toEqual([{ minScore: 0.8, action: 'flag', shadow: false }]);
    expect(DEFAULT_GATEWAY_POLICY).toMatchObject({ failMode: 'open', shadow: false, intel: { specificity: ['high'] } });
    expect(DEFAULT_GATEWAY_POLICY.rateLimits.map((r) => r.scope)).toEqual(expect.arrayContaining(['account', 'org', 'end-user', 'key', 'ip']));
  });

  it('a file overrides one TTP and keeps the shipped rules of the others', () => {
    const p = parseGatewayPolicy({ content: { ttps: { 'llm-informed-reconnaissance': [{ minScore: 0.6, action: 'block' }] } } });
    expect(p.content.ttps['llm-informed-reconnaissance']).toEqual([{ minScore: 0.6, action: 'block', shadow: false }]);
    expect(p.content.ttps['llm-aided-development']).toEqual(DEFAULT_GATEWAY_POLICY.content.ttps['llm-aided-development']);
  });

  it('loads a file named by WARDEN_GATEWAY_POLICY_FILE, and the defaults when unset', () => {
    const f = join(dir, 'ok.json');
    writeFileSync(f, JSON.stringify({ failMode: 'closed', shadow: true }));
    expect(loadGatewayPolicy(f)).toMatchObject({ failMode: 'closed', shadow: true });
    expect(loadGatewayPolicy(undefined)).toBe(DEFAULT_GATEWAY_POLICY);
  });
});

describe('bad policy input', () => {
  const cases: { name: string; text: string; path: string; says: RegExp }[] = [
    { name: 'malformed JSON', text: '{"failMode": "closed",', path: '(file)', says: /not valid JSON.*fix the syntax/ },
    { name: 'not an object', text: '[1, 2]', path: '(root)', says: /JSON object/ },
    { name: 'unknown TTP id', text: '{"content":{"ttps":{"llm-made-up":[]}}}', path: 'content.ttps.llm-made-up', says: /unknown TTP id "llm-made-up".*llm-aided-development/ },
    {
      name: 'negative threshold',
      text: '{"content":{"ttps":{"llm-aided-development":[{"minScore":-0.5,"action":"block"}]}}}',
      path: 'content.ttps.llm-aided-development[0].minScore',
      says: /between 0 and 1/,
    },
    { name: 'threshold above 1', text: '{"content":{"default":[{"minScore":1.5,"action":"flag"}]}}', path: 'content.default[0].minScore', says: /between 0 and 1/ },
    { name: 'negative window', text: '{"rateLimits":[{"id":"a","scope":"account","windowS":-60,"limit":5}]}', path: 'rateLimits[0].windowS', says: /positive number of seconds/ },
    { name: 'zero limit', text: '{"rateLimits":[{"id":"a","scope":"account","windowS":60,"limit":0}]}', path: 'rateLimits[0].limit', says: /above 0/ },
    { name: 'unknown action', text: '{"intel":{"actorAction":"nuke"}}', path: 'intel.actorAction', says: /allow|block/ },
    { name: 'misspelt field', text: '{"failmode":"closed"}', path: '(root)', says: /unknown field "failmode"/ },
    { name: 'unknown scope', text: '{"rateLimits":[{"id":"a","scope":"planet","windowS":60,"limit":5}]}', path: 'rateLimits[0].scope', says: /account/ },
    {
      name: 'duplicate rule ids',
      text: '{"rateLimits":[{"id":"a","scope":"account","windowS":60,"limit":5},{"id":"a","scope":"ip","windowS":60,"limit":5}]}',
      path: 'rateLimits[1].id',
      says: /duplicate id "a"/,
    },
    { name: 'delay max under min', text: '{"delay":{"minMs":5000,"maxMs":1000}}', path: 'delay.maxMs', says: /at least delay.minMs/ },
    { name: 'prototype pollution', text: '{"degrade":{"models":{"__proto__":{"polluted":"yes"}}}}', path: '(file)', says: /__proto__/ },
    { name: 'duplicate key', text: '{"failMode":"open","failMode":"closed"}', path: '(root)', says: /"failMode" appears twice/ },
    {
      name: 'duplicate key deep inside a list',
      text: '{"rateLimits":[{"id":"a","scope":"account","windowS":60,"limit":5},{"id":"b","limit":1,"scope":"ip","windowS":60,"limit":9}]}',
      path: 'rateLimits[1]',
      says: /"limit" appears twice/,
    },
    { name: 'string where a number goes', text: '{"detectionBudgetMs":"5"}', path: 'detectionBudgetMs', says: /number/ },
  ];
  for (const c of cases)
    it(`${c.name}: names ${c.path}`, () => {
      const issues = issuesOf(() => parseGatewayPolicyText(c.text, 'policy.json'));
      const issue = issues.find((i) => i.path === c.path);
      expect(issue, JSON.stringify(issues)).toBeDefined();
      expect(issue?.message).toMatch(c.says);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });

  it('lists every issue at once, in a message that names the file', () => {
    try {
      parseGatewayPolicyText('{"failMode":"sideways","delay":{"minMs":-1}}', '/etc/warden/policy.json');
      expect.unreachable();
    } catch (err) {
      expect(isAppError(err, 'CONFIG_INVALID')).toBe(true);
      const msg = (err as Error).message;
      expect(msg).toContain('/etc/warden/policy.json');
      expect(msg).toContain('failMode');
      expect(msg).toContain('delay.minMs');
    }
  });

  it('a huge text and a huge file are refused before parsing', () => {
    const huge = `{"degrade":{"models":{${Array.from({ length: 60_000 }, (_, i) => `"m${i}":"small-model-name"`).join(',')}}}}`;
    expect(huge.length).toBeGreaterThan(MAX_POLICY_FILE_BYTES);
    expect(issuesOf(() => parseGatewayPolicyText(huge))[0]?.message).toMatch(/larger than/);
    const f = join(dir, 'huge.json');
    writeFileSync(f, huge);
    expect(issuesOf(() => loadGatewayPolicy(f))[0]?.message).toMatch(/WARDEN_GATEWAY_POLICY_FILE/);
  });

  it('the duplicate-key scan reads escapes and nesting right and passes every valid policy', () => {
    expect(duplicateKey('{"a":{"x":1},"b":{"x":2},"c":["x","x",{"x":1}],"d":"\\"x\\":"}')).toBeUndefined();
    expect(duplicateKey(JSON.stringify(DEFAULT_GATEWAY_POLICY))).toBeUndefined();
    expect(duplicateKey('{"a":[{"q":1},{"r":{"s":1,"s":2}}]}')).toEqual({ key: 's', path: 'a[1].r' });
  });

  it('a missing file is a configuration error naming the variable', () => {
    expect(() => loadGatewayPolicy(join(dir, 'absent.json'))).toThrow(/could not be read.*WARDEN_GATEWAY_POLICY_FILE/);
  });

  it('oversized lists are refused', () => {
    const rules = Array.from({ length: 65 }, (_, i) => ({ id: `r${i}`, scope: 'account', windowS: 60, limit: 5 }));
    expect(issuesOf(() => parseGatewayPolicy({ rateLimits: rules }))[0]?.path).toBe('rateLimits');
  });
});
