import { describe, expect, it } from 'vitest';
import { EntityIdCache } from './entity-ids.js';

describe('EntityIdCache', () => {
  it('keeps recently used ids across a generation change and forgets cold ones', () => {
    const cache = new EntityIdCache(2);
    cache.set('ip', 'a', 1);
    cache.set('ip', 'b', 2);
    cache.set('ip', 'c', 3); // young {c}, old {a, b}
    expect(cache.get('ip', 'a')).toBe(1); // promoted: young {c, a}
    cache.set('ip', 'd', 4); // young {d}, old {c, a}; b dropped
    expect(cache.get('ip', 'b')).toBeUndefined();
    expect(cache.get('ip', 'a')).toBe(1);
    expect(cache.get('ip', 'c')).toBe(3);
    expect(cache.get('device', 'a')).toBeUndefined();
    cache.clear();
    expect(cache.get('ip', 'd')).toBeUndefined();
  });
});
