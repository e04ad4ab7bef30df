import { describe, expect, it } from 'vitest';
import { makeBundle, makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../../../test/intel/fixtures.js';
import { importBundle } from '../stix/import.js';
import { IntelState } from '../stix/intel-state.js';
import { TLP2_MARKINGS } from '../stix/markings.js';
import { loadStixSchemas } from '../stix/schemas.js';
import type { StixObject } from '../stix/types.js';
import { compileMatcher, type MatcherOptions } from './compile.js';
import { ExclusionList, HubTracker } from './exclusions.js';
import { refang } from './observables.js';
import { loadWarninglists } from './warninglists.js';

const schemas = loadStixSchemas();
const T = Date.parse('2024-03-01T00:00:00Z');

function build(objects: StixObject[], options: MatcherOptions = {}) {
  const state = new IntelState();
  const r = importBundle(state, makeBundle([makeIdentity(), ...objects]), { schemas, provenance: { source: 'taxii:partner-a/apt', receivedAt: '2024-02-02T00:00:00Z' } });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return compileMatcher(state, options);
}

describe('IntelMatcher evidence', () => {
  it('carries indicator id, source, creator, confidence, marking, field and actors', () => {
    const fb = makeIntrusionSet('Forest Blizzard', { aliases: ['APT28'] });
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.23']", { object_marking_refs: [TLP2_MARKINGS.amber.id], valid_until: '2024-12-01T00:00:00Z' });
    const m = build([TLP2_MARKINGS.amber, fb, ind, makeRelationship('indicates', ind.id, fb.id)]);
    const out = m.match({ ip: '198.51.100.23' }, T);
    expect(out.matches).toEqual([
      expect.objectContaining({
        indicatorId: ind.id,
        field: 'ip',
        value: '198.51.100.23',
        source: 'taxii:partner-a/apt',
        createdBy: 'Partner A',
        confidence: 80,
        marking: 'amber',
        specificity: 'high',
        actors: [{ stixId: fb.id, name: 'Forest Blizzard', aliases: ['APT28'] }],
      }),
    ]);
  });

  it('follows indicates → campaign → attributed-to → intrusion set', () => {
    const is = makeIntrusionSet('Emerald Sleet');
    const campaign = { ...makeIntrusionSet('Operation X'), type: 'campaign', id: is.id.replace('intrusion-set', 'campaign') };
    const ind = makeIndicator("[email-addr:value = 'x@evil.example']");
    const m = build([is, campaign, ind, makeRelationship('indicates', ind.id, campaign.id), makeRelationship('attributed-to', campaign.id, is.id)]);
    expect(m.match({ email: 'X@Evil.Example' }, T).matches[0]?.actors.map((a) => a.name)).toEqual(['Emerald Sleet']);
  });
});

describe('IntelMatcher fields', () => {
  const inds = {
    cidr: makeIndicator("[ipv4-addr:value ISSUBSET '203.0.113.0/24']"),
    v6: makeIndicator("[ipv6-addr:value ISSUBSET '2001:db8:dead::/48']"),
    domain: makeIndicator("[domain-name:value = 'evil.example']"),
    device: makeIndicator("[x-warden-device:fingerprint = 'd-77f1']"),
    payment: makeIndicator("[x-warden-payment:fingerprint = 'pf-9']"),
    ua: makeIndicator("[network-traffic:extensions.'http-request-ext'.request_header.'User-Agent' = 'evilbot/1.0']"),
    url: makeIndicator("[url:value = 'http://evil.example/payload']"),
    hash: makeIndicator("[file:hashes.'SHA-256' = 'AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F']"),
    account: makeIndicator("[user-account:user_id = 'acct_81']"),
  };
  const m = build(Object.values(inds));
  const ids = (o: ReturnType<typeof m.match>) => o.matches.map((x) => `${x.field}=${x.value}`);

  it('matches event metadata: CIDR, IPv6, email domain, device, payment, user agent, account', () => {
    expect(ids(m.match({ ip: '203.0.113.77', emailDomain: 'EVIL.example', device: 'd-77f1', payment: 'pf-9', userAgent: 'evilbot/1.0', account: 'acct_81' }, T)).sort()).toEqual([
      'account=acct_81', 'device=d-77f1', 'email_domain=evil.example', 'ip=203.0.113.77', 'payment=pf-9', 'user_agent=evilbot/1.0',
    ]);
    expect(ids(m.match({ ip: '2001:db8:dead:1::9' }, T))).toEqual(['ip=2001:db8:dead:1::9']);
  });

  it('matches defanged indicators inside prompt text', () => {
    const out = m.match(
      {
        text: [
          { kind: 'url', value: 'hxxp://evil[.]example/payload' },
          { kind: 'ipv4', value: '203.0.113[.]5' },
          { kind: 'domain', value: 'evil(dot)example' },
          { kind: 'sha256', value: 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f' },
        ],
      },
      T,
    );
    expect(ids(out).sort()).toEqual([
      'prompt:domain=evil.example', 'prompt:hash=aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f',
      'prompt:ip=203.0.113.5', 'prompt:url=http://evil.example/payload',
    ]);
  });

  it('marks prompt-text matches low specificity: naming an indicator is not owning it', () => {
    const out = m.match({ text: [{ kind: 'domain', value: 'evil.example' }], device: 'd-77f1' }, T);
    expect(out.matches.map((x) => [x.field, x.specificity])).toEqual([['device', 'high'], ['prompt:domain', 'low']]);
    const strict = build(Object.values(inds), { promptSpecificity: 'high' });
    expect(strict.match({ text: [{ kind: 'domain', value: 'evil.example' }] }, T).matches[0]?.specificity).toBe('high');
  });

  it('refangs the usual forms', () => {
    expect(refang('hxxps[:]//a[.]b(dot)c/x')).toBe('https://a.b.c/x');
    expect(refang('user[at]evil[.]example')).toBe('user@evil.example');
  });
});

describe('IntelMatcher time is the event time', () => {
  const a = makeIndicator("[ipv4-addr:value = '198.51.100.1']", { valid_from: '2024-02-01T00:00:00Z', valid_until: '2024-04-01T00:00:00Z' });
  const b = makeIndicator("[ipv4-addr:value = '198.51.100.2']", { valid_from: '2024-02-01T00:00:00Z', confidence: 80 });
  const m = build([a, b]);

  it('honours valid_from and valid_until (exclusive)', () => {
    expect(m.match({ ip: '198.51.100.1' }, Date.parse('2024-01-31T23:59:59Z')).matches).toEqual([]);
    expect(m.match({ ip: '198.51.100.1' }, Date.parse('2024-03-31T23:59:59Z')).matches).toHaveLength(1);
    expect(m.match({ ip: '198.51.100.1' }, Date.parse('2024-04-01T00:00:00Z')).matches).toEqual([]);
  });

  it('decays confidence from valid_from by the event time, and suppresses what decayed away', () => {
    expect(m.match({ ip: '198.51.100.2' }, Date.parse('2024-03-02T00:00:00Z')).matches[0]?.confidence).toBe(40);
    const late = m.match({ ip: '198.51.100.2' }, Date.parse('2024-08-01T00:00:00Z'));
    expect(late.matches).toEqual([]);
    expect(late.suppressed).toMatchObject([{ indicatorId: b.id, reason: 'decayed' }]);
  });

  it('skips revoked indicators', () => {
    const r = makeIndicator("[ipv4-addr:value = '198.51.100.3']", { revoked: true });
    const mm = build([r]);
    expect(mm.match({ ip: '198.51.100.3' }, T).matches).toEqual([]);
    expect(mm.stats.skipped).toEqual({ revoked: 1 });
  });
});

describe('IntelMatcher false-positive control', () => {
  const wl = loadWarninglists();
  const inds = [
    makeIndicator("[ipv4-addr:value = '8.8.8.8']"),
    makeIndicator("[ipv4-addr:value = '104.16.1.1']"),
    makeIndicator("[domain-name:value = 'gmail.com']"),
    makeIndicator("[ipv4-addr:value = '10.1.2.3']"),
    makeIndicator("[ipv4-addr:value = '198.51.100.9']"),
  ];

  it('marks warninglisted values low or no specificity, but records them', () => {
    const m = build(inds, { warninglists: wl });
    const spec = (o: Parameters<typeof m.match>[0]) => m.match(o, T).matches.map((x) => [x.specificity, x.warninglist]);
    expect(spec({ ip: '8.8.8.8' })).toEqual([['none', 'public-dns-resolvers']]);
    expect(spec({ ip: '104.16.1.1' })).toEqual([['low', 'cloud-providers']]);
    expect(spec({ emailDomain: 'gmail.com' })).toEqual([['low', 'webmail-domains']]);
    expect(spec({ ip: '10.1.2.3' })).toEqual([['none', 'private-reserved']]);
    expect(spec({ ip: '198.51.100.9' })).toEqual([['high', undefined]]);
  });

  it('suppresses excluded values, editable at run time', () => {
    const exclusions = new ExclusionList();
    const m = build(inds, { exclusions });
    expect(m.match({ ip: '198.51.100.9' }, T).matches).toHaveLength(1);
    exclusions.add('ip', '198.51.100.9', 'partner NAT');
    expect(m.match({ ip: '198.51.100.9' }, T)).toMatchObject({ matches: [], suppressed: [{ reason: 'excluded', note: 'partner NAT' }] });
    exclusions.remove('ip', '198.51.100.9');
    expect(m.match({ ip: '198.51.100.9' }, T).matches).toHaveLength(1);
  });

  it('caps hub values: past the cap a value matches as low specificity', () => {
    const hubs = new HubTracker(2);
    const m = build(inds);
    const s = ['a1', 'a2', 'a3', 'a3'].map((account) => m.match({ ip: '198.51.100.9' }, T, { account, hubs }).matches[0]);
    expect(s.map((x) => [x?.specificity, x?.hub ?? false])).toEqual([['high', false], ['high', false], ['low', true], ['low', true]]);
  });
});

describe('IntelMatcher multi-observation patterns and CVEs', () => {
  it('reports partial hits of history patterns and decides them over the account history', () => {
    const ind = makeIndicator("[ipv4-addr:value = '198.51.100.1'] AND [x-warden-device:fingerprint = 'd-1']");
    const m = build([ind]);
    const out = m.match({ ip: '198.51.100.1' }, T);
    expect(out).toMatchObject({ matches: [], partial: [{ indicatorId: ind.id, field: 'ip' }] });
    const o1 = { time: T, objects: [{ type: 'ipv4-addr', value: '198.51.100.1' }] };
    const o2 = { time: T + 1000, objects: [{ type: 'x-warden-device', fingerprint: 'd-1' }] };
    expect(m.evaluateHistory(ind.id, [o1, o2])).toBe(true);
    expect(m.evaluateHistory(ind.id, [o1])).toBe(false);
  });

  it('matches a CVE named in a prompt against vulnerabilities an intrusion set targets', () => {
    const is = makeIntrusionSet('Salmon Typhoon');
    const vuln = { ...makeIntrusionSet('CVE-2023-23397'), type: 'vulnerability', id: is.id.replace('intrusion-set', 'vulnerability') };
    const m = build([is, vuln, makeRelationship('targets', is.id, vuln.id)]);
    expect(m.match({ text: [{ kind: 'cve', value: 'cve-2023-23397' }] }, T).matches).toMatchObject([
      { field: 'prompt:cve', value: 'CVE-2023-23397', indicatorId: vuln.id, actors: [{ name: 'Salmon Typhoon' }], specificity: 'low' },
    ]);
  });

  it('counts how indicators compiled', () => {
    const m = build([
      makeIndicator("[ipv4-addr:value = '198.51.100.1']"),
      makeIndicator("[ipv4-addr:value = '198.51.100.1' AND ipv4-addr:value != '198.51.100.2']"),
      makeIndicator("[email-addr:value LIKE '%@evil.example']"),
      makeIndicator("[process:name = 'x']"),
    ]);
    expect(m.stats).toMatchObject({ indicators: 4, direct: 1, verified: 1, scanned: 1, skipped: { 'object-type': 1 } });
  });
});
