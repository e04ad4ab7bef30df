import { z } from 'zod';

/** One tracked actor's habits (`data/attribution/profiles.json`). */
export const actorProfileSchema = z.object({
  /** Id in the intel actor catalogue (`data/intel/actors.json`). */
  catalogue_id: z.string().min(1),
  name: z.string().min(1),
  /** TTP id (ttps.md) → how characteristic it is of the actor, 0–1. */
  ttps: z.record(z.string(), z.number().min(0).max(1)),
  topics: z.array(z.string()),
  /** ISO 639-1 codes. */
  languages: z.array(z.string()),
  /** Working time zones as hours from UTC (3.5 for Iran). */
  utc_offsets: z.array(z.number().min(-12).max(14)),
  infrastructure: z.array(z.string()),
  sources: z.array(z.url()).min(1),
});

export const profilesFileSchema = z.object({
  $comment: z.string().optional(),
  version: z.literal(1),
  profiles: z.array(actorProfileSchema),
});

export type ActorProfileData = z.infer<typeof actorProfileSchema>;
