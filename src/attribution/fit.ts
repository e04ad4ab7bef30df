/**
 * Behavioural fit between a network and an actor profile. Each function returns 0–1, or
 * undefined when the network offers no information (no TTPs seen, hours too spread out).
 */

/** Cosine similarity between the network's TTP counts and the profile's TTP weights. */
export function ttpFit(
  network: ReadonlyMap<string, number>,
  profile: Readonly<Record<string, number>>,
): number | undefined {
  let dot = 0;
  let nn = 0;
  let pp = 0;
  for (const [k, v] of network) {
    nn += v * v;
    dot += v * (profile[k] ?? 0);
  }
  if (nn === 0) return undefined;
  for (const v of Object.values(profile)) pp += v * v;
  return pp === 0 ? 0 : dot / Math.sqrt(nn * pp);
}

/**
 * Likely UTC offset of a group from its request hours: the circular mean hour is taken as the
 * middle of a working day (13:30 local). Undefined when activity is spread round the clock
 * (resultant length below 0.25), as automation and global teams are.
 */
export function inferUtcOffset(
  hours: ArrayLike<number>,
): { offset: number; concentration: number } | undefined {
  let x = 0;
  let y = 0;
  let n = 0;
  for (let h = 0; h < 24; h++) {
    const c = hours[h] ?? 0;
    const a = ((h + 0.5) / 24) * 2 * Math.PI;
    x += c * Math.cos(a);
    y += c * Math.sin(a);
    n += c;
  }
  if (n === 0) return undefined;
  const r = Math.hypot(x, y) / n;
  if (r < 0.25) return undefined;
  const mean = ((Math.atan2(y, x) / (2 * Math.PI)) * 24 + 24) % 24;
  let offset = 13.5 - mean;
  while (offset < -12) offset += 24;
  while (offset >= 12) offset -= 24;
  return { offset: Math.round(offset * 2) / 2, concentration: r };
}

/** 1 within an hour of one of the profile's offsets, falling to 0 three hours away. */
export function timezoneFit(offset: number, profileOffsets: readonly number[]): number {
  let best = 0;
  for (const p of profileOffsets) {
    let d = Math.abs(offset - p) % 24;
    if (d > 12) d = 24 - d;
    best = Math.max(best, d <= 1 ? 1 : Math.max(0, 1 - (d - 1) / 2));
  }
  return best;
}

/**
 * Share of the network's non-English requests in the profile's languages. English alone says
 * nothing (most operators use it), so an English-only network gives undefined.
 */
export function languageFit(
  languages: ReadonlyMap<string, number>,
  profile: readonly string[],
): number | undefined {
  let other = 0;
  let inProfile = 0;
  for (const [lang, n] of languages) {
    if (lang === 'en') continue;
    other += n;
    if (profile.includes(lang)) inProfile += n;
  }
  return other === 0 ? undefined : inProfile / other;
}

/** How many of the profile's target words the network's topics name: 1 → 0.5, 2 → 0.8, 3+ → 1. */
export function topicFit(
  topics: ReadonlyMap<string, number>,
  profile: readonly string[],
): number | undefined {
  if (topics.size === 0) return undefined;
  const names = [...topics.keys()].map((t) => t.toLowerCase());
  let hits = 0;
  for (const p of profile) if (names.some((t) => t.includes(p) || p.includes(t))) hits++;
  return hits === 0 ? 0 : hits === 1 ? 0.5 : hits === 2 ? 0.8 : 1;
}
