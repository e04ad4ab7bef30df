import { readFileSync } from 'node:fs';
import { AppError } from '../../errors/index.js';
import { dataPath } from '../../util/package-root.js';
import { catalogueFileSchema, type CatalogueActor } from './catalogue.schema.js';
import { namingFamilyOf, type NamingFamily } from './naming.js';
import { normaliseActorName } from './normalise.js';

/** An actor catalogue with its alias index; build it once and share it. */
export interface ActorCatalogue {
  readonly actors: readonly CatalogueActor[];
  readonly byId: ReadonlyMap<string, CatalogueActor>;
  /** Normalised name → every actor that carries it (more than one means the name is ambiguous). */
  readonly byName: ReadonlyMap<string, readonly CatalogueActor[]>;
}

/** What a name resolves to. Ambiguity is reported, never settled by guessing. */
export type ActorResolution =
  | { kind: 'match'; actor: CatalogueActor; matchedName: string; family: NamingFamily | null }
  | { kind: 'ambiguous'; candidates: CatalogueActor[]; family: NamingFamily | null }
  | { kind: 'unknown'; family: NamingFamily | null };

/** Builds the alias index over a list of actors (the shipped catalogue, or one extended by intel). */
export function createActorCatalogue(actors: readonly CatalogueActor[]): ActorCatalogue {
  const byId = new Map<string, CatalogueActor>();
  const byName = new Map<string, CatalogueActor[]>();
  for (const actor of actors) {
    if (byId.has(actor.id)) {
      throw new AppError('INTEL_CATALOGUE_INVALID', `Actor id "${actor.id}" appears twice in the catalogue`, {
        details: { id: actor.id },
      });
    }
    byId.set(actor.id, actor);
    const keys = new Set([actor.name, ...actor.aliases, ...(actor.mitre_id ? [actor.mitre_id] : [])].map(normaliseActorName));
    for (const key of keys) {
      if (key === '') continue;
      const list = byName.get(key);
      if (list) list.push(actor);
      else byName.set(key, [actor]);
    }
  }
  return { actors, byId, byName };
}

/**
 * Reads and validates the shipped catalogue (`data/intel/actors.json`) or another file of the
 * same shape. Throws INTEL_CATALOGUE_INVALID naming the entry and field that broke the schema.
 */
export function loadActorCatalogue(path: string = dataPath('intel', 'actors.json')): ActorCatalogue {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new AppError('INTEL_CATALOGUE_INVALID', `Actor catalogue ${path} could not be read as JSON`, { cause, details: { path } });
  }
  const parsed = catalogueFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ path: i.path.join('.'), rule: i.message }));
    throw new AppError('INTEL_CATALOGUE_INVALID', `Actor catalogue ${path} failed validation: ${issues[0]?.path} ${issues[0]?.rule}`, {
      details: { path, issues },
    });
  }
  return createActorCatalogue(parsed.data.actors);
}

/**
 * Resolves any vendor name ("STRONTIUM", "apt 28", "G0007", "Fancy Bear") to a catalogue actor.
 * An unknown weather name still yields its naming family (e.g. "Lilac Typhoon" → China).
 * @example resolveActorName(cat, 'fancy-bear') // { kind: 'match', actor: Forest Blizzard, … }
 */
export function resolveActorName(catalogue: ActorCatalogue, name: string): ActorResolution {
  const candidates = catalogue.byName.get(normaliseActorName(name)) ?? [];
  const first = candidates[0];
  if (candidates.length === 1 && first) {
    return { kind: 'match', actor: first, matchedName: name, family: namingFamilyOf(first.name) ?? namingFamilyOf(name) };
  }
  const family = namingFamilyOf(name);
  if (candidates.length > 1) return { kind: 'ambiguous', candidates: [...candidates], family };
  return { kind: 'unknown', family };
}

/** Names (normalised) that point at more than one actor: the catalogue's known ambiguities. */
export function listAmbiguousNames(catalogue: ActorCatalogue): { name: string; actorIds: string[] }[] {
  const out: { name: string; actorIds: string[] }[] = [];
  for (const [name, actors] of catalogue.byName) if (actors.length > 1) out.push({ name, actorIds: actors.map((a) => a.id) });
  return out;
}
