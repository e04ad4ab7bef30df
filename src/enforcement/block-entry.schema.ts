import { z } from 'zod';

/**
 * What a block entry can name. `ip` is one address, `cidr` a range; `email-pattern` is the
 * linkage stage's local-part stem or domain skeleton (`stem:ktanaka`, `domain:examp1e`) so that a
 * network ban also catches the next look-alike mailbox; `api-key` is a gateway key id.
 */
export const blockKinds = [
  'account',
  'org',
  'end-user',
  'device',
  'ip',
  'cidr',
  'payment',
  'email',
  'email-pattern',
  'phone',
  'api-key',
] as const;
export type BlockKind = (typeof blockKinds)[number];

/**
 * What the gateway does to a request that matches. Ordered from strongest to weakest so that
 * when several entries match, the strongest wins (see `strongestEffect`).
 */
export const blockEffects = ['block', 'delay', 'degrade', 'throttle', 'flag'] as const;
export type BlockEffect = (typeof blockEffects)[number];

/** One blocklist entry: a value that the gateway refuses (or degrades…) until it expires or is revoked. */
export const blockEntrySchema = z.object({
  id: z.string().min(1).max(128),
  kind: z.enum(blockKinds),
  value: z.string().min(1).max(512),
  effect: z.enum(blockEffects),
  reason: z.string().max(2000).default(''),
  /** The enforcement action or case that created it, for audit and reversal. */
  source: z.object({ actionId: z.string().optional(), caseId: z.string().optional(), actor: z.string().optional() }).default({}),
  createdAt: z.number().int(),
  /** Epoch ms after which the entry no longer applies; null for no expiry. */
  expiresAt: z.number().int().nullable().default(null),
  revokedAt: z.number().int().nullable().default(null),
  /** Shadow entries are evaluated and recorded, never enforced. */
  shadow: z.boolean().default(false),
});
export type BlockEntry = z.infer<typeof blockEntrySchema>;

/** A change to the blocklist, as replicas receive it (pub/sub) and apply it to their copy. */
export type BlocklistChange = { op: 'upsert'; entry: BlockEntry } | { op: 'revoke'; id: string; revokedAt: number };
