import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadActorCatalogue } from '../../src/intel/catalogue/catalogue.js';
import { normaliseActorName } from '../../src/intel/catalogue/normalise.js';
import { sharedDataPath } from './shared-data.js';

/**
 * Cross-checks Warden's hand-written catalogue against two public references: every MITRE id
 * must exist in ATT&CK and share at least one name with it, and every actor must be known to
 * MISP galaxy under at least one of its names. Reads ../shared/data; never copies it.
 */
interface GalaxyCluster {
  value: string;
  meta?: { synonyms?: string[]; external_id?: string };
}

const catalogue = loadActorCatalogue();

function galaxyNames(): Set<string> {
  const names = new Set<string>();
  for (const file of ['threat-actor.json', 'microsoft-activity-group.json', 'mitre-intrusion-set.json']) {
    const doc = JSON.parse(readFileSync(sharedDataPath('misp-galaxy', file), 'utf8')) as { values: GalaxyCluster[] };
    for (const c of doc.values) {
      names.add(normaliseActorName(c.value.replace(/ - G\d{4}$/, '')));
      for (const s of c.meta?.synonyms ?? []) names.add(normaliseActorName(s));
    }
  }
  return names;
}

function attackGroups(): Map<string, Set<string>> {
  const bundle = JSON.parse(
    readFileSync(sharedDataPath('mitre-attack-enterprise', 'enterprise-attack-18.1.json'), 'utf8'),
  ) as { objects: { type: string; name?: string; aliases?: string[]; revoked?: boolean; external_references?: { source_name: string; external_id?: string }[] }[] };
  const groups = new Map<string, Set<string>>();
  for (const o of bundle.objects) {
    if (o.type !== 'intrusion-set' || o.revoked) continue;
    const id = o.external_references?.find((r) => r.source_name === 'mitre-attack')?.external_id;
    if (!id) continue;
    groups.set(id, new Set([o.name ?? '', ...(o.aliases ?? [])].map(normaliseActorName)));
  }
  return groups;
}

describe('catalogue cross-check against ../shared/data', () => {
  it('every MITRE id exists in ATT&CK Enterprise and shares a name with it', () => {
    const groups = attackGroups();
    const problems: string[] = [];
    for (const a of catalogue.actors) {
      if (!a.mitre_id) continue;
      const names = groups.get(a.mitre_id);
      if (!names) {
        problems.push(`${a.name}: ${a.mitre_id} is not an ATT&CK intrusion set`);
        continue;
      }
      const ours = [a.name, ...a.aliases].map(normaliseActorName);
      if (!ours.some((n) => names.has(n))) problems.push(`${a.name}: no name shared with ATT&CK ${a.mitre_id} (${[...names].join(', ')})`);
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every actor is known to MISP galaxy under at least one of its names', () => {
    const names = galaxyNames();
    const unknown = catalogue.actors.filter((a) => ![a.name, ...a.aliases].some((n) => names.has(normaliseActorName(n))));
    expect(unknown.map((a) => a.name), `not in MISP galaxy: ${unknown.map((a) => a.name).join(', ')}`).toEqual([]);
  });

  it('no two catalogue actors claim the same MITRE id', () => {
    const seen = new Map<string, string>();
    const dupes: string[] = [];
    for (const a of catalogue.actors) {
      if (!a.mitre_id) continue;
      const prev = seen.get(a.mitre_id);
      if (prev) dupes.push(`${a.mitre_id}: ${prev} and ${a.name}`);
      seen.set(a.mitre_id, a.name);
    }
    expect(dupes).toEqual([]);
  });
});
