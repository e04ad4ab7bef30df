/**
 * Microsoft's threat-actor naming taxonomy (2023): the last word of a weather name tells the
 * origin or kind of actor, and `Storm-####` marks a cluster still being developed. Knowing the
 * families lets Warden read a name it has never seen, e.g. "Lilac Typhoon" is a Chinese actor.
 * Source: https://learn.microsoft.com/en-us/unified-secops-platform/microsoft-threat-actor-naming
 */
export interface NamingFamily {
  family: string;
  /** ISO 3166-1 alpha-2 country of origin for nation-state families; null otherwise. */
  country: string | null;
  kind: 'nation-state' | 'financially-motivated' | 'private-sector-offensive' | 'influence-operations' | 'developing';
  description: string;
}

const families: readonly NamingFamily[] = [
  { family: 'Blizzard', country: 'RU', kind: 'nation-state', description: 'Russia' },
  { family: 'Typhoon', country: 'CN', kind: 'nation-state', description: 'China' },
  { family: 'Sandstorm', country: 'IR', kind: 'nation-state', description: 'Iran' },
  { family: 'Sleet', country: 'KP', kind: 'nation-state', description: 'North Korea' },
  { family: 'Cyclone', country: 'VN', kind: 'nation-state', description: 'Vietnam' },
  { family: 'Dust', country: 'TR', kind: 'nation-state', description: 'Türkiye' },
  { family: 'Hail', country: 'KR', kind: 'nation-state', description: 'South Korea' },
  { family: 'Rain', country: 'LB', kind: 'nation-state', description: 'Lebanon' },
  { family: 'Squall', country: null, kind: 'nation-state', description: 'Other nation-state origin' },
  { family: 'Gust', country: null, kind: 'nation-state', description: 'Other nation-state origin' },
  { family: 'Tempest', country: null, kind: 'financially-motivated', description: 'Financially motivated' },
  { family: 'Tsunami', country: null, kind: 'private-sector-offensive', description: 'Private-sector offensive actor' },
  { family: 'Flood', country: null, kind: 'influence-operations', description: 'Influence operations' },
  { family: 'Lightning', country: null, kind: 'nation-state', description: 'Other nation-state origin' },
];

const byLowerName = new Map(families.map((f) => [f.family.toLowerCase(), f]));

const developing: NamingFamily = {
  family: 'Storm',
  country: null,
  kind: 'developing',
  description: 'Developing cluster (Storm-####, formerly DEV-####): origin or identity not yet established',
};

/**
 * Reads the naming family from a name such as "Forest Blizzard", "storm 0558" or "DEV-0537".
 * Returns null when the name follows no Microsoft convention.
 */
export function namingFamilyOf(name: string): NamingFamily | null {
  const trimmed = name.trim();
  if (/^(storm|dev)[\s_-]*\d{3,4}$/i.test(trimmed)) return developing;
  const words = trimmed.split(/[\s_-]+/).filter(Boolean);
  if (words.length !== 2) return null;
  const last = words[1];
  return last === undefined ? null : (byLowerName.get(last.toLowerCase()) ?? null);
}

/** All families, for documentation and the CLI. */
export function listNamingFamilies(): readonly NamingFamily[] {
  return [...families, developing];
}
