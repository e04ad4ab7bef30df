import { describe, expect, it } from 'vitest';
import { createActorCatalogue, listAmbiguousNames, loadActorCatalogue, resolveActorName } from './catalogue.js';
import { namingFamilyOf } from './naming.js';
import { normaliseActorName } from './normalise.js';

const catalogue = loadActorCatalogue();

describe('actor catalogue', () => {
  it('ships at least 100 intrusion sets', () => {
    expect(catalogue.actors.length).toBeGreaterThanOrEqual(100);
  });

  it.each([
    ['Forest Blizzard', 'RU', 'APT28', 'G0007'],
    ['Emerald Sleet', 'KP', 'Kimsuky', 'G0094'],
    ['Crimson Sandstorm', 'IR', 'Tortoiseshell', 'G1012'],
    ['Charcoal Typhoon', 'CN', 'Aquatic Panda', 'G1006'],
    ['Salmon Typhoon', 'CN', 'Maverick Panda', undefined],
  ])('holds the February 2024 actor %s', (name, country, alias, mitre) => {
    const r = resolveActorName(catalogue, alias);
    expect(r.kind).toBe('match');
    if (r.kind !== 'match') return;
    expect(r.actor.name).toBe(name);
    expect(r.actor.country).toBe(country);
    expect(r.actor.mitre_id).toBe(mitre);
  });
});

describe('resolveActorName', () => {
  it.each(['STRONTIUM', 'strontium', 'APT 28', 'apt-28', 'Fancy  Bear', 'fancy_bear', 'G0007', 'Forest Blizzard'])(
    'resolves %s to Forest Blizzard whatever the case and punctuation',
    (name) => {
      const r = resolveActorName(catalogue, name);
      expect(r.kind === 'match' && r.actor.id).toBe('forest-blizzard');
    },
  );

  it('treats accents and spacing as insignificant', () => {
    expect(normaliseActorName('Tortoise Shell')).toBe(normaliseActorName('Tortoiseshell'));
    expect(normaliseActorName('Türkiye-Dust')).toBe('turkiyedust');
  });

  it('reports ambiguity instead of guessing', () => {
    const cat = createActorCatalogue([
      { id: 'a', name: 'Alpha', aliases: ['Shared Name'], country: 'RU', motivation: 'espionage', sources: ['https://example.org/a'] },
      { id: 'b', name: 'Beta', aliases: ['shared-name'], country: 'CN', motivation: 'espionage', sources: ['https://example.org/b'] },
    ]);
    const r = resolveActorName(cat, 'SHARED NAME');
    expect(r.kind).toBe('ambiguous');
    if (r.kind === 'ambiguous') expect(r.candidates.map((c) => c.id).sort()).toEqual(['a', 'b']);
    expect(listAmbiguousNames(cat)).toEqual([{ name: 'sharedname', actorIds: ['a', 'b'] }]);
  });

  it('reads the naming family of a name it does not know', () => {
    const r = resolveActorName(catalogue, 'Lilac Typhoon');
    expect(r.family?.country).toBe('CN');
    const u = resolveActorName(catalogue, 'Zebra Sandstorm');
    expect(u).toMatchObject({ kind: 'unknown', family: { country: 'IR' } });
    expect(resolveActorName(catalogue, 'Storm-9999')).toMatchObject({ kind: 'unknown', family: { kind: 'developing' } });
    expect(resolveActorName(catalogue, 'Totally Unknown Crew')).toEqual({ kind: 'unknown', family: null });
  });

  it.each([
    ['Midnight Blizzard', 'RU'],
    ['Volt Typhoon', 'CN'],
    ['Mint Sandstorm', 'IR'],
    ['Diamond Sleet', 'KP'],
    ['Octo Tempest', null],
  ])('derives the family of %s', (name, country) => {
    expect(namingFamilyOf(name)?.country).toBe(country);
  });

  it('every catalogued weather name agrees with its family country', () => {
    const disagreements = catalogue.actors.filter((a) => {
      const f = namingFamilyOf(a.name);
      return f?.kind === 'nation-state' && f.country !== null && a.country !== f.country;
    });
    expect(disagreements.map((a) => a.name)).toEqual([]);
  });

  it('rejects a duplicated actor id', () => {
    const a = { id: 'a', name: 'A', aliases: [], country: null, motivation: 'financial' as const, sources: ['https://example.org'] };
    expect(() => createActorCatalogue([a, a])).toThrow(/appears twice/);
  });
});
