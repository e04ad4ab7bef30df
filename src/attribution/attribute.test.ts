import { describe, expect, it } from 'vitest';
import { loadActorCatalogue } from '../intel/index.js';
import { attributeNetworks, type NetworkFacts } from './attribute.js';
import { buildCandidates } from './candidates.js';
import { inferUtcOffset, languageFit, timezoneFit } from './fit.js';
import { loadActorProfiles } from './profiles.js';

const opts = { minConfidence: 0.4, high: 0.75, moderate: 0.5 };
const profiles = loadActorProfiles();
const catalogue = loadActorCatalogue();

function hoursAround(utcHour: number): number[] {
  const h = new Array<number>(24).fill(0);
  for (let d = -3; d <= 3; d++) h[(utcHour + d + 24) % 24] = 10;
  return h;
}

function net(over: Partial<NetworkFacts> = {}): NetworkFacts {
  return {
    id: 'net-x',
    accounts: ['a', 'b'],
    intelHits: [],
    ttps: new Map(),
    topics: new Map(),
    languages: new Map(),
    hours: new Array<number>(24).fill(0),
    infrastructure: [],
    ...over,
  };
}

const apt28 = { stixId: 'intrusion-set--1', name: 'APT28', aliases: [] };
const kimsuky = { stixId: 'intrusion-set--2', name: 'Kimsuky', aliases: [] };
const stranger = { stixId: 'intrusion-set--3', name: 'Quartz Mantis', aliases: [] };

describe('fit functions', () => {
  it('reads a working day at 10:30 UTC as UTC+3', () => {
    expect(inferUtcOffset(hoursAround(10))?.offset).toBe(3);
    expect(inferUtcOffset(new Array<number>(24).fill(5))).toBeUndefined();
  });
  it('scores time zones and languages', () => {
    expect(timezoneFit(3, [3])).toBe(1);
    expect(timezoneFit(8, [3])).toBe(0);
    expect(languageFit(new Map([['en', 10]]), ['ru', 'en'])).toBeUndefined();
    expect(
      languageFit(
        new Map([
          ['ru', 3],
          ['zh', 1],
        ]),
        ['ru', 'en'],
      ),
    ).toBe(0.75);
  });
});

describe('attributeNetworks', () => {
  const { candidates, keyOf } = buildCandidates(profiles, [apt28, kimsuky, stranger], catalogue);
  const key = (s: string) => keyOf.get(s)!;

  it('resolves intel names through catalogue aliases', () => {
    expect(key('intrusion-set--1')).toBe('forest-blizzard');
    expect(key('intrusion-set--2')).toBe('emerald-sleet');
  });

  it('attributes on intel with high confidence and names a runner-up', () => {
    const [a] = attributeNetworks(
      [
        net({
          intelHits: [
            {
              indicatorId: 'indicator--1',
              value: '198.51.100.1',
              confidence: 90,
              account: 'a',
              actorKeys: [key('intrusion-set--1')],
            },
            {
              indicatorId: 'indicator--2',
              value: '198.51.100.2',
              confidence: 90,
              account: 'b',
              actorKeys: [key('intrusion-set--1')],
            },
          ],
          hours: hoursAround(10),
          languages: new Map([['ru', 4]]),
        }),
      ],
      candidates,
      opts,
    );
    expect(a!.actor?.name).toBe('Forest Blizzard');
    expect(a!.actor?.stix_id).toBe('intrusion-set--1');
    expect(a!.actor?.level).toBe('high');
    expect(a!.evidence.some((e) => e.kind === 'indicator-match')).toBe(true);
  });

  it('splits contradictory intel between both actors and says so', () => {
    const [a] = attributeNetworks(
      [
        net({
          intelHits: [
            {
              indicatorId: 'indicator--9',
              value: '203.0.113.1',
              confidence: 80,
              account: 'a',
              actorKeys: [key('intrusion-set--1'), key('intrusion-set--2')],
            },
          ],
        }),
      ],
      candidates,
      opts,
    );
    // 0.7 × 0.8 / 2 = 0.28 each: not enough to name either.
    expect(a!.actor).toBeNull();
    expect(a!.evidence[0]?.detail).toMatch(/below/);
    const [b] = attributeNetworks(
      [
        net({
          intelHits: [
            {
              indicatorId: 'indicator--9',
              value: '203.0.113.1',
              confidence: 80,
              account: 'a',
              actorKeys: [key('intrusion-set--1'), key('intrusion-set--2')],
            },
          ],
          hours: hoursAround(10),
          languages: new Map([['ru', 5]]),
          ttps: new Map([['llm-informed-reconnaissance', 3]]),
        }),
      ],
      candidates,
      opts,
    );
    expect(b!.actor?.name).toBe('Forest Blizzard');
    expect(b!.actor?.alternatives[0]?.name).toBe('Emerald Sleet');
    expect(b!.evidence.find((e) => e.kind === 'indicator-match')?.detail).toMatch(/contradictory/);
  });

  it('attributes to an actor Warden does not know on intel alone, and says so', () => {
    const [a] = attributeNetworks(
      [
        net({
          intelHits: [1, 2, 3].map((i) => ({
            indicatorId: `indicator--${i}`,
            value: `v${i}`,
            confidence: 90,
            account: 'a',
            actorKeys: [key('intrusion-set--3')],
          })),
        }),
      ],
      candidates,
      opts,
    );
    expect(a!.actor?.name).toBe('Quartz Mantis');
    expect(a!.evidence.some((e) => /absent from Warden/.test(e.detail))).toBe(true);
  });

  it('leaves a network unattributed rather than guess from behaviour alone', () => {
    const [a] = attributeNetworks(
      [net({ hours: hoursAround(5), languages: new Map([['zh', 3]]) })],
      candidates,
      opts,
    );
    expect(a!.actor).toBeNull();
  });

  it('uses infrastructure shared with a network intel attributed', () => {
    const hits = [1, 2].map((i) => ({
      indicatorId: `indicator--${i}`,
      value: `v${i}`,
      confidence: 90,
      account: 'a',
      actorKeys: [key('intrusion-set--2')],
    }));
    const res = attributeNetworks(
      [
        net({
          id: 'n1',
          intelHits: hits,
          infrastructure: ['ip-prefix:1.2.3.0/24', 'email-domain:examplemall'],
        }),
        net({
          id: 'n2',
          infrastructure: ['ip-prefix:1.2.3.0/24', 'email-domain:examplemall'],
          hours: hoursAround(4),
          languages: new Map([['ko', 3]]),
        }),
      ],
      candidates,
      opts,
    );
    expect(res[1]!.actor?.name).toBe('Emerald Sleet');
    expect(res[1]!.evidence.some((e) => e.kind === 'infrastructure')).toBe(true);
  });
});
