/**
 * Per-account content profile: what an account asks for, about what, in which languages, day by
 * day. A pure fold (`addToProfile`) with a merge (`mergeProfiles`) that is associative and
 * commutative, so profiles can be built per shard or per day and combined, and a re-hunt over
 * history gives the same profile as the live system. Time comes from the request, never the clock.
 */

/** What the profile needs of one classified request. */
export interface ProfiledRequest {
  /** RFC 3339 time of the request (the event's time). */
  time: string;
  score: number;
  ttp: string | null;
  tactic: string | null;
  language: string;
  topics: readonly string[];
}

export interface DayCounts {
  requests: number;
  flagged: number;
  ttps: Record<string, number>;
}

export interface ContentProfile {
  requests: number;
  /** Requests whose score passed the threshold. */
  flagged: number;
  scoreSum: number;
  maxScore: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** What requests were for (all requests, benign included): TTP id → count. */
  ttps: Record<string, number>;
  /** The same, counting only flagged requests. */
  flaggedTtps: Record<string, number>;
  tactics: Record<string, number>;
  topics: Record<string, number>;
  languages: Record<string, number>;
  /** UTC day (YYYY-MM-DD) → counts. */
  byDay: Record<string, DayCounts>;
}

export const PROFILE_FLAG_THRESHOLD = 0.5;

/** A profile with nothing in it: the identity of `mergeProfiles`. */
export function emptyProfile(): ContentProfile {
  return { requests: 0, flagged: 0, scoreSum: 0, maxScore: 0, firstSeen: null, lastSeen: null, ttps: {}, flaggedTtps: {}, tactics: {}, topics: {}, languages: {}, byDay: {} };
}

function bump(counts: Record<string, number>, key: string, by = 1): Record<string, number> {
  return { ...counts, [key]: (counts[key] ?? 0) + by };
}

function addCounts(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

const minTime = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Date.parse(a) <= Date.parse(b) ? a : b);
const maxTime = (a: string | null, b: string | null): string | null => (a === null ? b : b === null ? a : Date.parse(a) >= Date.parse(b) ? a : b);

/** The UTC day of an RFC 3339 time; 'invalid' when it does not parse. */
function dayOf(time: string): string {
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? 'invalid' : new Date(ms).toISOString().slice(0, 10);
}

/** Adds one classified request to a profile, returning a new profile (the input is not changed). */
export function addToProfile(profile: ContentProfile, req: ProfiledRequest): ContentProfile {
  const flagged = req.score > PROFILE_FLAG_THRESHOLD;
  const day = dayOf(req.time);
  const prevDay = profile.byDay[day] ?? { requests: 0, flagged: 0, ttps: {} };
  const valid = !Number.isNaN(Date.parse(req.time));
  let topics = profile.topics;
  for (const t of new Set(req.topics)) topics = bump(topics, t);
  return {
    requests: profile.requests + 1,
    flagged: profile.flagged + (flagged ? 1 : 0),
    scoreSum: profile.scoreSum + req.score,
    maxScore: Math.max(profile.maxScore, req.score),
    firstSeen: valid ? minTime(profile.firstSeen, req.time) : profile.firstSeen,
    lastSeen: valid ? maxTime(profile.lastSeen, req.time) : profile.lastSeen,
    ttps: req.ttp ? bump(profile.ttps, req.ttp) : profile.ttps,
    flaggedTtps: req.ttp && flagged ? bump(profile.flaggedTtps, req.ttp) : profile.flaggedTtps,
    tactics: req.tactic ? bump(profile.tactics, req.tactic) : profile.tactics,
    topics,
    languages: bump(profile.languages, req.language || 'und'),
    byDay: {
      ...profile.byDay,
      [day]: { requests: prevDay.requests + 1, flagged: prevDay.flagged + (flagged ? 1 : 0), ttps: req.ttp ? bump(prevDay.ttps, req.ttp) : prevDay.ttps },
    },
  };
}

/** Combines two profiles of the same account (e.g. two shards or two periods). */
export function mergeProfiles(a: ContentProfile, b: ContentProfile): ContentProfile {
  const byDay: Record<string, DayCounts> = { ...a.byDay };
  for (const [day, d] of Object.entries(b.byDay)) {
    const prev = byDay[day];
    byDay[day] = prev ? { requests: prev.requests + d.requests, flagged: prev.flagged + d.flagged, ttps: addCounts(prev.ttps, d.ttps) } : d;
  }
  return {
    requests: a.requests + b.requests,
    flagged: a.flagged + b.flagged,
    scoreSum: a.scoreSum + b.scoreSum,
    maxScore: Math.max(a.maxScore, b.maxScore),
    firstSeen: minTime(a.firstSeen, b.firstSeen),
    lastSeen: maxTime(a.lastSeen, b.lastSeen),
    ttps: addCounts(a.ttps, b.ttps),
    flaggedTtps: addCounts(a.flaggedTtps, b.flaggedTtps),
    tactics: addCounts(a.tactics, b.tactics),
    topics: addCounts(a.topics, b.topics),
    languages: addCounts(a.languages, b.languages),
    byDay,
  };
}

/** Builds a profile from many requests (a fold of `addToProfile`). */
export function buildProfile(requests: Iterable<ProfiledRequest>): ContentProfile {
  let p = emptyProfile();
  for (const r of requests) p = addToProfile(p, r);
  return p;
}

/** Counts as shares that sum to 1, largest first: the distribution attribution compares. */
export function distribution(counts: Record<string, number>): { key: string; share: number }[] {
  const total = Object.values(counts).reduce((s, v) => s + v, 0);
  if (total === 0) return [];
  return Object.entries(counts)
    .map(([key, n]) => ({ key, share: n / total }))
    .sort((x, y) => y.share - x.share || x.key.localeCompare(y.key));
}
