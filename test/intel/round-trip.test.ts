import { describe, expect, it } from 'vitest';
import { loadActorCatalogue, resolveActorName } from '../../src/intel/catalogue/index.js';
import { compileMatcher } from '../../src/intel/match/compile.js';
import { exportBundle, actorStixId } from '../../src/intel/stix/export.js';
import { importBundle } from '../../src/intel/stix/import.js';
import { IntelState } from '../../src/intel/stix/intel-state.js';
import { TLP2_MARKINGS } from '../../src/intel/stix/markings.js';
import { loadStixSchemas } from '../../src/intel/stix/schemas.js';
import { validateStixObject } from '../../src/intel/stix/validate.js';
import { makeBundle, makeIdentity, makeIndicator, makeIntrusionSet, makeRelationship } from './fixtures.js';
import { sharedDataPath } from './shared-data.js';

const schemas = loadStixSchemas(sharedDataPath('stix2.1-json-schemas'));
const catalogue = loadActorCatalogue();

describe('round trip: partner bundle → match events → export observations', () => {
  it('produces STIX the OASIS schemas accept, with stable ids', () => {
    // 1. A partner shares what it knows about Forest Blizzard's infrastructure.
    const fb = makeIntrusionSet('Forest Blizzard', { aliases: ['APT28', 'STRONTIUM'] });
    const ip = makeIndicator("[ipv4-addr:value ISSUBSET '198.51.100.0/28']", { object_marking_refs: [TLP2_MARKINGS.amber.id] });
    const mail = makeIndicator("[email-addr:value = 'ops@evil.example']", { object_marking_refs: [TLP2_MARKINGS.amber.id] });
    const partner = makeBundle([TLP2_MARKINGS.amber, makeIdentity(), fb, ip, mail, makeRelationship('indicates', ip.id, fb.id), makeRelationship('indicates', mail.id, fb.id)]);
    const state = new IntelState();
    expect(importBundle(state, partner, { schemas, provenance: { source: 'taxii:partner-a', receivedAt: '2024-02-10T00:00:00Z' } }).ok).toBe(true);

    // 2. Warden matches its events.
    const matcher = compileMatcher(state);
    const events = [
      { account: 'acct_81', ip: '198.51.100.5', time: '2024-02-12T10:00:00.000Z' },
      { account: 'acct_81', ip: '198.51.100.6', time: '2024-02-13T10:00:00.000Z' },
      { account: 'acct_90', email: 'ops@evil.example', time: '2024-02-14T09:00:00.000Z' },
      { account: 'acct_12', ip: '192.0.2.1', time: '2024-02-14T09:00:00.000Z' },
    ];
    const sightings = new Map<string, { indicatorId: string; account: string; firstSeen: string; lastSeen: string; count: number }>();
    for (const e of events) {
      for (const m of matcher.match(e, Date.parse(e.time)).matches) {
        expect(m.actors.map((a) => a.name)).toEqual(['Forest Blizzard']);
        const key = `${m.indicatorId}|${e.account}`;
        const s = sightings.get(key) ?? { indicatorId: m.indicatorId, account: e.account, firstSeen: e.time, lastSeen: e.time, count: 0 };
        s.lastSeen = e.time;
        s.count++;
        sightings.set(key, s);
      }
    }
    expect([...sightings.values()].map((s) => [s.account, s.count])).toEqual([['acct_81', 2], ['acct_90', 1]]);

    // 3. Warden exports its observations, the network and its own knowledge.
    const actor = resolveActorName(catalogue, fb.name as string);
    if (actor.kind !== 'match') throw new Error('catalogue lacks Forest Blizzard');
    const input = {
      actors: [actor.actor],
      indicators: [{ kind: 'device' as const, value: 'd-77f1', validFrom: '2024-02-14T00:00:00.000Z', confidence: 70, actorId: actor.actor.id }],
      networks: [{ id: 'net-3', accounts: ['acct_81', 'acct_90'], firstSeen: '2024-02-12T10:00:00.000Z', lastSeen: '2024-02-14T09:00:00.000Z', actorId: actor.actor.id, confidence: 85 }],
      sightings: [...sightings.values()],
    };
    const out = exportBundle(input);
    const issues = out.objects.flatMap((o, i) => validateStixObject(o, i, schemas, { strict: true }));
    expect(issues).toEqual([]);
    const types = out.objects.map((o) => o.type);
    for (const t of ['identity', 'marking-definition', 'intrusion-set', 'indicator', 'relationship', 'campaign', 'grouping', 'sighting', 'observed-data', 'user-account', 'extension-definition']) {
      expect(types).toContain(t);
    }
    for (const o of out.objects) {
      if (['marking-definition', 'user-account', 'extension-definition', 'identity'].includes(o.type)) continue;
      expect(o.created_by_ref, o.id).toBe(out.objects[1]?.id);
      expect(o.object_marking_refs, o.id).toEqual([TLP2_MARKINGS.amber.id]);
    }
    expect(out.objects.find((o) => o.type === 'intrusion-set')?.id).toBe(actorStixId('forest-blizzard'));
    // Stable: the same knowledge exports to the same ids (and the same bundle id).
    expect(exportBundle(input)).toEqual(out);
    // And it imports back into Warden as any partner bundle would.
    expect(importBundle(new IntelState(), out, { schemas, provenance: { source: 'self', receivedAt: '2024-02-15T00:00:00Z' }, strict: true }).ok).toBe(true);
  });

  it('exports the whole catalogue as valid intrusion sets', () => {
    const out = exportBundle({ actors: catalogue.actors, marking: 'clear' });
    expect(out.objects.flatMap((o, i) => validateStixObject(o, i, schemas, { strict: true }))).toEqual([]);
    expect(out.objects.filter((o) => o.type === 'intrusion-set')).toHaveLength(catalogue.actors.length);
  });
});
