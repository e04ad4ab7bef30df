import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToProfile, buildProfile, distribution, emptyProfile, mergeProfiles, type ContentProfile, type ProfiledRequest } from './profile.js';

const req = (over: Partial<ProfiledRequest> = {}): ProfiledRequest => ({
  time: '2024-02-14T10:00:00Z', score: 0.9, ttp: 'llm-informed-reconnaissance', tactic: 'Reconnaissance', language: 'ru', topics: ['satellite communications'], ...over,
});

const arbRequest: fc.Arbitrary<ProfiledRequest> = fc.record({
  time: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 2, 1) }).map((ms) => new Date(ms).toISOString()),
  score: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
  ttp: fc.constantFrom(null, 'llm-informed-reconnaissance', 'llm-aided-technical-translation'),
  tactic: fc.constantFrom(null, 'Reconnaissance'),
  language: fc.constantFrom('en', 'ru', 'zh'),
  topics: fc.subarray(['radar imaging', 'defence', 'ukraine']),
});

// Sums of floats depend on order in the last bits; compare everything else exactly.
const comparable = (p: ContentProfile): unknown => ({ ...p, scoreSum: Math.round(p.scoreSum * 1e6) });

describe('content profile', () => {
  it('counts TTPs, tactics, topics, languages and days', () => {
    const p = buildProfile([req(), req({ time: '2024-02-15T01:00:00Z', score: 0.1, ttp: 'llm-aided-technical-translation', tactic: null, language: 'en', topics: [] })]);
    expect(p.requests).toBe(2);
    expect(p.flagged).toBe(1);
    expect(p.ttps).toEqual({ 'llm-informed-reconnaissance': 1, 'llm-aided-technical-translation': 1 });
    expect(p.flaggedTtps).toEqual({ 'llm-informed-reconnaissance': 1 });
    expect(p.languages).toEqual({ ru: 1, en: 1 });
    expect(Object.keys(p.byDay)).toEqual(['2024-02-14', '2024-02-15']);
    expect(p.firstSeen).toBe('2024-02-14T10:00:00Z');
    expect(p.lastSeen).toBe('2024-02-15T01:00:00Z');
    expect(distribution(p.languages)).toEqual([{ key: 'en', share: 0.5 }, { key: 'ru', share: 0.5 }]);
  });

  it('does not change the profile it is given', () => {
    const p = emptyProfile();
    addToProfile(p, req());
    expect(p).toEqual(emptyProfile());
  });

  it('merging the profiles of two halves equals profiling the whole', () => {
    fc.assert(
      fc.property(fc.array(arbRequest, { maxLength: 30 }), fc.array(arbRequest, { maxLength: 30 }), (a, b) => {
        expect(comparable(mergeProfiles(buildProfile(a), buildProfile(b)))).toEqual(comparable(buildProfile([...a, ...b])));
        expect(comparable(mergeProfiles(buildProfile(b), buildProfile(a)))).toEqual(comparable(buildProfile([...a, ...b])));
      }),
      { numRuns: 100 },
    );
  });

  it('has the empty profile as identity of merge', () => {
    const p = buildProfile([req(), req({ language: 'zh' })]);
    expect(mergeProfiles(p, emptyProfile())).toEqual(p);
    expect(mergeProfiles(emptyProfile(), p)).toEqual(p);
  });
});
