import { describe, expect, it } from 'vitest';
import { decodeValue } from '../events/index.js';
import { makeBundle, makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from '../../test/intel/fixtures.js';
import { loadWarninglists } from './match/warninglists.js';
import { createIntelPort } from './port.js';
import { importBundle } from './stix/import.js';
import { IntelState } from './stix/intel-state.js';
import { loadStixSchemas } from './stix/schemas.js';

const schemas = loadStixSchemas();

function decode(v: Record<string, unknown>) {
  const r = decodeValue(0, v);
  if (!r.ok) throw new Error(JSON.stringify(r.rejection));
  return r.value;
}

describe('createIntelPort', () => {
  const fb = makeIntrusionSet('Forest Blizzard', { aliases: ['APT28'] });
  const ip = makeIndicator("[ipv4-addr:value = '198.51.100.23']");
  const dom = makeIndicator("[domain-name:value = 'evil-example.com']");
  const pay = makeIndicator("[x-warden-payment:fingerprint = 'pf-9']");
  const gmail = makeIndicator("[domain-name:value = 'gmail.com']");
  const state = new IntelState();
  const r = importBundle(
    state,
    makeBundle([makeIdentity(), fb, ip, dom, pay, gmail, makeRelationship('indicates', ip.id, fb.id), makeRelationship('indicates', dom.id, fb.id)]),
    { schemas, provenance: { source: 'file:partner.json', receivedAt: '2024-02-01T00:00:00Z' } },
  );
  if (!r.ok) throw new Error('fixture');
  const port = createIntelPort(state, { warninglists: loadWarninglists() });

  it('matches a decoded event at its own time, including indicators inside the prompt', () => {
    const d = decode({
      id: 'e1',
      time: '2024-02-20T10:00:00Z',
      kind: 'request',
      account: 'acct_81',
      ip: '198.51.100.23',
      request: { messages: [{ role: 'user', content: 'write a phishing page for hxxps://evil-example[.]com/login' }] },
    });
    const hits = port.matchEvent(d);
    expect(hits.map((h) => [h.field, h.value, h.actors.map((a) => a.name)])).toEqual([
      ['ip', '198.51.100.23', ['Forest Blizzard']],
      ['prompt:domain', 'evil-example.com', ['Forest Blizzard']],
    ]);
  });

  it('reads payment fingerprints and flags webmail domains as low specificity', () => {
    const hits = port.matchEvent(
      decode({ id: 'e2', time: '2024-02-20T10:00:00Z', kind: 'payment_method.added', account: 'acct_9', payment: { fingerprint: 'pf-9' } }),
    );
    expect(hits.map((h) => h.field)).toEqual(['payment']);
    const mail = port.matchEvent(
      decode({ id: 'e3', time: '2024-02-20T10:00:00Z', kind: 'account.created', account: 'acct_9', profile: { email: 'someone@gmail.com' } }),
    );
    expect(mail.map((h) => [h.field, h.specificity, h.warninglist])).toEqual([['email_domain', 'low', 'webmail-domains']]);
  });

  it('decides multi-observation patterns over the account’s own events', () => {
    const both = makeIndicator("[ipv4-addr:value = '203.0.113.50'] FOLLOWEDBY [x-warden-device:fingerprint = 'd-9']");
    const st = new IntelState();
    expect(importBundle(st, makeBundle([makeIdentity(), both]), { schemas, provenance: { source: 's', receivedAt: '2024-02-01T00:00:00Z' } }).ok).toBe(true);
    const p = createIntelPort(st, { extractText: false });
    const ev = (id: string, account: string, time: string, extra: Record<string, unknown>) =>
      decode({ id, time, kind: 'login', account, ...extra });
    expect(p.matchEvent(ev('h1', 'a1', '2024-02-20T10:00:00Z', { ip: '203.0.113.50' }))).toEqual([]);
    expect(p.matchEvent(ev('h2', 'a2', '2024-02-20T10:01:00Z', { device: 'd-9' }))).toEqual([]); // another account
    expect(p.matchEvent(ev('h3', 'a1', '2024-02-20T10:02:00Z', { device: 'd-9' })).map((h) => [h.indicatorId, h.field])).toEqual([[both.id, 'device']]);
    // Order matters for FOLLOWEDBY: device first, then IP, does not match.
    expect(p.matchEvent(ev('h4', 'a3', '2024-02-20T10:00:00Z', { device: 'd-9' }))).toEqual([]);
    expect(p.matchEvent(ev('h5', 'a3', '2024-02-20T10:05:00Z', { ip: '203.0.113.50' }))).toEqual([]);
  });

  it('lists the actors the intel names and exposes the linkage warninglist check', () => {
    expect(port.actors().map((a) => a.name)).toEqual(['Forest Blizzard']);
    expect(port.warninglist?.('ip', '8.8.8.8')).toBe('public-dns-resolvers');
    expect(port.warninglist?.('email-domain', 'evil.example')).toBeUndefined();
  });
});
