import type { StixObject } from './types.js';

/** Traffic Light Protocol levels, TLP 2.0 names; TLP 1.0 WHITE reads as CLEAR. */
export type TlpLevel = 'clear' | 'green' | 'amber' | 'amber+strict' | 'red';

/** How restrictive each level is: a match's marking is the most restrictive of its sources. */
export const TLP_RANK: Readonly<Record<TlpLevel, number>> = { clear: 0, green: 1, amber: 2, 'amber+strict': 3, red: 4 };

/** STIX 2.1 §7.2.1.4: the four TLP 1.0 marking definitions, fixed ids and content. */
export const TLP1_MARKINGS: Readonly<Record<'white' | 'green' | 'amber' | 'red', StixObject>> = {
  white: tlp1('613f2e26-407d-48c7-9eca-b8e91df99dc9', 'white'),
  green: tlp1('34098fce-860f-48ae-8e50-ebd3cc5e41da', 'green'),
  amber: tlp1('f88d31f6-486f-44da-b317-01333bde0b82', 'amber'),
  red: tlp1('5e57c739-391a-4eb3-b6be-7d15ca92d5ed', 'red'),
};

function tlp1(uuid: string, level: string): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${uuid}`,
    created: '2017-01-20T00:00:00.000Z',
    definition_type: 'tlp',
    name: `TLP:${level.toUpperCase()}`,
    definition: { tlp: level },
  };
}

/** The OASIS TLP 2.0 extension definition (a property extension on marking-definition). */
export const TLP2_EXTENSION_ID = 'extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d';

/** The five TLP 2.0 marking definitions published with the OASIS TLP 2.0 extension. */
export const TLP2_MARKINGS: Readonly<Record<TlpLevel, StixObject>> = {
  clear: tlp2('94868c89-83c2-464b-929b-a1a8aa3c8487', 'clear'),
  green: tlp2('bab4a63c-aed9-4cf5-a766-dfca5abac2bb', 'green'),
  amber: tlp2('55d920b0-5e8b-4f79-9ee9-91f868d9b421', 'amber'),
  'amber+strict': tlp2('939a9414-2ddd-4d32-a0cd-375ea402b003', 'amber+strict'),
  red: tlp2('e828b379-4e03-4974-9ac4-e53a884c97c1', 'red'),
};

function tlp2(uuid: string, level: TlpLevel): StixObject {
  return {
    type: 'marking-definition',
    spec_version: '2.1',
    id: `marking-definition--${uuid}`,
    created: '2022-10-01T00:00:00.000Z',
    name: `TLP:${level.toUpperCase()}`,
    extensions: { [TLP2_EXTENSION_ID]: { extension_type: 'property-extension', tlp_2_0: level } },
  };
}

const KNOWN = new Map<string, TlpLevel>([
  [TLP1_MARKINGS.white.id, 'clear'],
  [TLP1_MARKINGS.green.id, 'green'],
  [TLP1_MARKINGS.amber.id, 'amber'],
  [TLP1_MARKINGS.red.id, 'red'],
  ...Object.entries(TLP2_MARKINGS).map(([level, o]) => [o.id, level as TlpLevel] as [string, TlpLevel]),
]);

/** Reads the TLP level a marking-definition object states, in either TLP version, or null. */
export function tlpOfMarkingDefinition(md: StixObject): TlpLevel | null {
  const known = KNOWN.get(md.id);
  if (known) return known;
  const def = md.definition as { tlp?: unknown } | undefined;
  if (md.definition_type === 'tlp' && typeof def?.tlp === 'string') return normaliseTlp(def.tlp);
  const ext = (md.extensions as Record<string, { tlp_2_0?: unknown }> | undefined)?.[TLP2_EXTENSION_ID];
  if (typeof ext?.tlp_2_0 === 'string') return normaliseTlp(ext.tlp_2_0);
  return null;
}

function normaliseTlp(s: string): TlpLevel | null {
  const v = s.toLowerCase().replace(/^tlp:/, '');
  if (v === 'white') return 'clear';
  return v in TLP_RANK ? (v as TlpLevel) : null;
}

/**
 * The TLP level of an object from its `object_marking_refs` (§7.2.2): the most restrictive
 * level among them, looking up marking definitions Warden knows (fixed TLP ids, or imported).
 */
export function tlpOfObject(obj: StixObject, lookup: (id: string) => StixObject | undefined): TlpLevel | null {
  let best: TlpLevel | null = null;
  for (const ref of obj.object_marking_refs ?? []) {
    const md = lookup(ref);
    const level = KNOWN.get(ref) ?? (md ? tlpOfMarkingDefinition(md) : null);
    if (level && (best === null || TLP_RANK[level] > TLP_RANK[best])) best = level;
  }
  return best;
}

/** The marking-definition object for a level, in the TLP version asked for. */
export function tlpMarking(level: TlpLevel, version: 1 | 2 = 2): StixObject {
  if (version === 2) return TLP2_MARKINGS[level];
  if (level === 'amber+strict') return TLP1_MARKINGS.amber;
  return TLP1_MARKINGS[level === 'clear' ? 'white' : level];
}
