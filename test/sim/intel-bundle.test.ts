import { describe, expect, it } from 'vitest';
import { parsePattern } from '../../src/intel/pattern/index.js';
import { loadStixSchemas } from '../../src/intel/stix/schemas.js';
import { validateStixObject } from '../../src/intel/stix/validate.js';
import { createWorld } from '../../src/sim/index.js';
import { sharedPath } from '../shared-path.js';

const world = createWorld({ seed: 11, accounts: 600, days: 14 });
const events = [...world.eventLines()].flat().map((l) => JSON.parse(l) as { account: string; ip?: string; time: string });
const truth = [...world.truthAccounts()];
const objects = world.intel.bundle.objects;
const byType = (t: string) => objects.filter((o) => o.type === t);
const startMs = Date.parse(`${world.options.start}T00:00:00Z`);

describe('partner intel bundle', () => {
  it('is valid STIX 2.1: every object passes the OASIS schema and Warden’s STIX rules', () => {
    const schemas = loadStixSchemas(sharedPath('data', 'stix2.1-json-schemas'));
    const issues = objects.flatMap((o, i) => validateStixObject(o, i, schemas, { strict: true }));
    expect(issues).toEqual([]);
    expect(world.intel.bundle.type).toBe('bundle');
    expect(world.intel.bundle.id).toMatch(/^bundle--[0-9a-f-]{36}$/);
  });

  it('has the partner identity, one intrusion-set per actor with aliases, and TLP 2.0 markings', () => {
    expect(byType('identity')).toHaveLength(1);
    const sets = byType('intrusion-set');
    expect(sets).toHaveLength(5);
    for (const s of sets) expect((s.aliases as string[]).length).toBeGreaterThan(0);
    const refs = new Set(objects.flatMap((o) => (o.object_marking_refs as string[] | undefined) ?? []));
    expect([...refs].every((r) => r === 'marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb' || r === 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421')).toBe(true);
  });

  it('writes patterns that parse, with exact, ISSUBSET, email and domain forms, each indicating a known intrusion-set', () => {
    const indicators = byType('indicator');
    for (const i of indicators) expect(parsePattern(i.pattern as string).ok, i.pattern as string).toBe(true);
    const patterns = indicators.map((i) => i.pattern as string).join('\n');
    expect(patterns).toMatch(/\[ipv4-addr:value = '/);
    expect(patterns).toMatch(/\[email-addr:value = '/);
    const ids = new Set(objects.map((o) => o.id));
    const rels = byType('relationship');
    expect(rels.length).toBeGreaterThanOrEqual(indicators.length);
    for (const r of rels) {
      expect(r.relationship_type).toBe('indicates');
      expect(ids.has(r.source_ref as string)).toBe(true);
      expect(String(r.target_ref)).toMatch(/^intrusion-set--/);
      expect(ids.has(r.target_ref as string)).toBe(true);
    }
  });

  it('covers only part of the actors, and none of the crime groups', () => {
    const actorAccounts = truth.filter((t) => t.actor !== null);
    const covered = actorAccounts.filter((t) => t.covered_by_intel).length;
    expect(covered).toBeGreaterThan(0);
    expect(covered).toBeLessThan(actorAccounts.length);
    const actorIps = new Set(world.networks.filter((n) => n.kind === 'state-actor').flatMap((n) => n.hostingIps));
    const indicated = new Set(world.intel.indicators.filter((f) => f.type === 'ipv4-addr').map((f) => f.value));
    expect([...actorIps].filter((ip) => !indicated.has(ip)).length).toBeGreaterThan(0);
    expect(truth.filter((t) => t.kind === 'cybercrime' && t.covered_by_intel)).toEqual([]);
  });

  it('carries noise: a VPN exit honest people use, an indicator expired before the month, one address tied to two actors', () => {
    const noise = world.intel.indicators.filter((f) => f.noise !== null);
    const vpn = noise.find((f) => f.noise === 'shared-vpn-exit');
    expect(vpn).toBeDefined();
    const honest = new Set(truth.filter((t) => t.label === 'honest').map((t) => t.account));
    expect(events.some((e) => e.ip === vpn?.value && honest.has(e.account))).toBe(true);
    const expired = noise.find((f) => f.noise === 'expired');
    expect(expired?.validUntilMs).toBeLessThan(startMs);
    expect(noise.find((f) => f.noise === 'contradictory')?.actors).toHaveLength(2);
    expect(truth.some((t) => t.label === 'honest' && t.hard_negative_reason === 'intel-noise')).toBe(true);
  });
});
