import { z } from 'zod';

const unit = z.number().min(0).max(1);

/**
 * Thresholds and weights of the pipeline. Defaults are the values tuned on the development
 * seeds (docs/linkage-and-attribution.md); an operator overrides them through configuration
 * (`pipeline` group) or `warden analyze --config`. Parsed once with zod, so a typo is an error.
 */
export const pipelineConfigSchema = z.object({
  verdict: z
    .object({
      /** Score at or above which an account is `malicious` (enough to act on). */
      malicious: unit.default(0.8),
      /** Score at or above which an account is `suspicious` (worth an analyst's look). */
      suspicious: unit.default(0.5),
    })
    .default({ malicious: 0.8, suspicious: 0.5 }),
  linkage: z
    .object({
      linkThreshold: unit.default(0.35),
      hubCap: z.number().int().min(2).default(64),
      splitAbove: z.number().int().min(2).default(40),
      /** An own score at or above this makes an account a seed for prompt near-duplicate search. */
      seedScore: unit.default(0.3),
    })
    .default({ linkThreshold: 0.35, hubCap: 64, splitAbove: 40, seedScore: 0.3 }),
  propagation: z
    .object({
      /** Share of a neighbour's score that crosses an edge of weight 1. */
      damping: unit.default(0.9),
      rounds: z.number().int().min(0).max(10).default(3),
      /**
       * Weight of the strongest path from a second, independent flagged account (0 = strongest
       * path only): several flagged members sharing devices with one account say more than one.
       */
      secondSource: unit.default(0.75),
    })
    .default({ damping: 0.9, rounds: 3, secondSource: 0.75 }),
  corroboration: z
    .object({
      /** Evidence lighter than this (a spam ban, a low-specificity match) does not corroborate. */
      minEvidence: unit.default(0.15),
      /**
       * Members holding evidence an account must link to directly: one shared value (a mailbox
       * two strangers happen to share) does not embed an account in a network.
       */
      minHolders: z.number().int().min(1).default(2),
    })
    .default({ minEvidence: 0.15, minHolders: 2 }),
  behaviourFit: z
    .object({
      /** Noisy-OR of prompt and topic links to the flagged network's members, at least. */
      minLink: unit.default(0.6),
      /** Requests classified malicious, at least. */
      minHits: z.number().int().min(1).default(2),
      /** Share of the account's requests in the network's main non-English language, at least. */
      minLanguageShare: unit.default(0.4),
      /** Share of the network's requests in that language for it to be the network's own. */
      minNetworkLanguageShare: unit.default(0.2),
    })
    .default({ minLink: 0.6, minHits: 2, minLanguageShare: 0.4, minNetworkLanguageShare: 0.2 }),
  evasion: z
    .object({
      /** Link weight to an actioned account that flags a newer account as ban evasion. */
      minLink: unit.default(0.5),
    })
    .default({ minLink: 0.5 }),
  attribution: z
    .object({
      /** Below this confidence the network is reported unattributed (`actor: null`). */
      minConfidence: unit.default(0.4),
      high: unit.default(0.75),
      moderate: unit.default(0.5),
    })
    .default({ minConfidence: 0.4, high: 0.75, moderate: 0.5 }),
});

export type PipelineConfig = z.infer<typeof pipelineConfigSchema>;
export type PipelineConfigInput = z.input<typeof pipelineConfigSchema>;

/** Defaults, for callers that have no configuration. */
export const defaultPipelineConfig: PipelineConfig = pipelineConfigSchema.parse({});
