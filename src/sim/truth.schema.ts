import { z } from 'zod';

/**
 * The ground truth of a simulated world (`truth.json`), format `warden-sim-truth/1`. One record
 * per account the events mention; `warden eval analyze` reads it. Fields may be added, never
 * renamed or removed.
 */
export const TRUTH_FORMAT = 'warden-sim-truth/1';

export const hardNegativeReasons = ['content', 'infrastructure', 'intel-noise', 'evasion-lookalike'] as const;

export const truthAccountSchema = z.looseObject({
  account: z.string(),
  /** `malicious` accounts should be flagged; `honest` ones should not. */
  label: z.enum(['honest', 'malicious']),
  /** Persona (honest) or threat kind: `state-actor`, `cybercrime`, `lone-malicious`. */
  kind: z.string(),
  hard_negative: z.boolean(),
  hard_negative_reason: z.enum(hardNegativeReasons).nullable(),
  /** Catalogue name of the actor behind the account (state actors only), else null. */
  actor: z.string().nullable(),
  /** Malicious network id (matches `networks[].id`), null for honest and lone accounts. */
  network: z.string().nullable(),
  /** Honest group: household, company or campus the account belongs to, if any. */
  group: z.string().nullable(),
  ban_evasion: z.boolean(),
  /** An actor account sharing no infrastructure with its network: only content, language and hours link it. */
  careful_operator: z.boolean().optional(),
  /** The banned account a ban-evasion account links back to. */
  evades: z.string().nullable(),
  /** Terminated by the provider during the month (an `account.enforced` event). */
  banned: z.boolean(),
  /** At least one of its addresses or emails matched a partner indicator valid at the time. */
  covered_by_intel: z.boolean(),
  created: z.string(),
});
export type TruthAccount = z.infer<typeof truthAccountSchema>;

export const truthActorSchema = z.looseObject({
  name: z.string(),
  partner_name: z.string(),
  aliases: z.array(z.string()),
  stix_id: z.string(),
  networks: z.array(z.string()),
});
export type TruthActor = z.infer<typeof truthActorSchema>;

export const truthNetworkSchema = z.looseObject({
  id: z.string(),
  kind: z.enum(['state-actor', 'cybercrime']),
  actor: z.string().nullable(),
  label: z.string(),
  accounts: z.number().int(),
});

export const truthSchema = z.looseObject({
  format: z.literal(TRUTH_FORMAT),
  seed: z.number().int(),
  accounts_requested: z.number().int(),
  start: z.string(),
  days: z.number().int(),
  events: z.number().int(),
  actors: z.array(truthActorSchema),
  networks: z.array(truthNetworkSchema),
  accounts: z.array(truthAccountSchema),
});
export type Truth = z.infer<typeof truthSchema>;
