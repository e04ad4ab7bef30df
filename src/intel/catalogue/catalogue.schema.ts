import { z } from 'zod';

/** Why an actor operates; a Warden vocabulary mapped to STIX `primary_motivation` on export. */
export const actorMotivationSchema = z.enum([
  'espionage',
  'financial',
  'destruction',
  'influence',
  'hacktivism',
  'surveillance',
  'surveillance-for-hire',
]);

/** One intrusion set of the shipped catalogue (`data/intel/actors.json`). */
export const catalogueActorSchema = z.object({
  /** Warden's stable slug; the STIX id of the exported intrusion-set is derived from it. */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/),
  name: z.string().min(1),
  aliases: z.array(z.string().min(1)),
  /** MITRE ATT&CK group id (G####), where MITRE tracks the same set. */
  mitre_id: z.string().regex(/^G\d{4}$/).optional(),
  /** ISO 3166-1 alpha-2 country of origin, or null where public reporting does not say. */
  country: z.string().regex(/^[A-Z]{2}$/).nullable(),
  sponsor: z.string().min(1).optional(),
  motivation: actorMotivationSchema,
  sources: z.array(z.url()).min(1),
});

export const catalogueFileSchema = z.object({
  $comment: z.string().optional(),
  version: z.literal(1),
  actors: z.array(catalogueActorSchema).min(1),
});

export type ActorMotivation = z.infer<typeof actorMotivationSchema>;
export type CatalogueActor = z.infer<typeof catalogueActorSchema>;
export type CatalogueFile = z.infer<typeof catalogueFileSchema>;
