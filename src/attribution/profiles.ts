import { readFileSync } from 'node:fs';
import { dataPath } from '../util/package-root.js';
import { profilesFileSchema, type ActorProfileData } from './profiles.schema.js';

/**
 * Reads and validates the shipped actor profiles (`data/attribution/profiles.json`) or another
 * file of the same shape. Reading shipped data at start-up mirrors the intel catalogue; callers
 * that hold the JSON already use {@link parseActorProfiles}.
 */
export function loadActorProfiles(
  path: string = dataPath('attribution', 'profiles.json'),
): ActorProfileData[] {
  return parseActorProfiles(JSON.parse(readFileSync(path, 'utf8')) as unknown, path);
}

/** Validates parsed profile JSON; throws an Error naming the entry and field that broke it. */
export function parseActorProfiles(raw: unknown, source = 'profiles'): ActorProfileData[] {
  const parsed = profilesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new Error(`${source}: ${i?.path.join('.')}: ${i?.message}`);
  }
  return parsed.data.profiles;
}
