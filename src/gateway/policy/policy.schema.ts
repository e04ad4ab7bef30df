import { z } from 'zod';
import { TTP_IDS } from '../../content/index.js';

/**
 * The gateway policy document: what each signal leads to. Every field has a tuned default, so
 * `{}` is a complete policy and a file only names what it changes (docs/gateway-policy.md).
 * Objects are strict: a misspelt field is an error naming its path, never silently ignored.
 */

/** Actions from weakest to strongest; the decision is the strongest action any signal asks for. */
export const policyActions = ['allow', 'flag', 'degrade', 'delay', 'block'] as const;
export type PolicyAction = (typeof policyActions)[number];

const action = z.enum(policyActions);
const shadow = z.boolean().default(false).describe('Run and record what the rule would do, never enforce it.');
const windowS = z.number().positive('a window is a positive number of seconds').max(7 * 24 * 3600, 'a window is at most 7 days (604800 s)');

const contentRuleSchema = z.strictObject({
  /** Calibrated malicious score at or above which the rule fires. */
  minScore: z.number().min(0, 'a score threshold is between 0 and 1').max(1, 'a score threshold is between 0 and 1'),
  action,
  shadow,
});
export type ContentRule = z.infer<typeof contentRuleSchema>;

const ttpIdSet = new Set<string>(TTP_IDS);
const ttpRulesSchema = z.record(z.string(), z.array(contentRuleSchema).max(16)).superRefine((rec, ctx) => {
  for (const key of Object.keys(rec))
    if (!ttpIdSet.has(key))
      ctx.addIssue({ code: 'custom', path: [key], message: `unknown TTP id "${key}"; use one of the ids in ttps.md (${TTP_IDS.join(', ')})` });
});

/**
 * Shipped thresholds per TTP. Harmful-by-purpose TTPs (malware, payloads, post-compromise,
 * bypasses) block at a high score; dual-use ones (reconnaissance, vulnerability research,
 * scripting, translation) only flag, because defenders ask the same questions every day.
 */
export const DEFAULT_TTP_RULES: Readonly<Record<string, ContentRule[]>> = {
  'llm-aided-development': [
    { minScore: 0.9, action: 'block', shadow: false },
    { minScore: 0.7, action: 'flag', shadow: false },
  ],
  'llm-optimized-payload-crafting': [
    { minScore: 0.9, action: 'block', shadow: false },
    { minScore: 0.7, action: 'flag', shadow: false },
  ],
  'llm-assisted-post-compromise': [
    { minScore: 0.92, action: 'block', shadow: false },
    { minScore: 0.7, action: 'flag', shadow: false },
  ],
  'llm-directed-security-feature-bypass': [
    { minScore: 0.95, action: 'block', shadow: false },
    { minScore: 0.75, action: 'flag', shadow: false },
  ],
  'llm-enhanced-anomaly-detection-evasion': [
    { minScore: 0.95, action: 'degrade', shadow: false },
    { minScore: 0.75, action: 'flag', shadow: false },
  ],
  'llm-supported-social-engineering': [
    { minScore: 0.93, action: 'degrade', shadow: false },
    { minScore: 0.75, action: 'flag', shadow: false },
  ],
  'llm-refined-operational-command': [
    { minScore: 0.93, action: 'degrade', shadow: false },
    { minScore: 0.75, action: 'flag', shadow: false },
  ],
  'llm-guided-infrastructure-profiling': [
    { minScore: 0.93, action: 'degrade', shadow: false },
    { minScore: 0.75, action: 'flag', shadow: false },
  ],
  'llm-informed-reconnaissance': [{ minScore: 0.8, action: 'flag', shadow: false }],
  'llm-assisted-vulnerability-research': [{ minScore: 0.9, action: 'flag', shadow: false }],
  'llm-advised-resource-development': [{ minScore: 0.85, action: 'flag', shadow: false }],
  'llm-enhanced-scripting': [{ minScore: 0.9, action: 'flag', shadow: false }],
  'llm-aided-technical-translation': [{ minScore: 0.95, action: 'flag', shadow: false }],
};

const rateScopes = ['account', 'org', 'end-user', 'key', 'ip'] as const;
export type RateScope = (typeof rateScopes)[number];

const rateLimitSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and dashes (at most 64)'),
  scope: z.enum(rateScopes),
  windowS,
  /** Most cost units allowed within the window; the request that goes over is refused. */
  limit: z.number().positive('a limit must be above 0; remove the rule to turn it off'),
  /** `requests`: each request costs its route weight; `tokens`: route weight × the estimated tokens. */
  cost: z.enum(['requests', 'tokens']).default('requests'),
  /** Route prefixes the limit applies to; empty means every route. */
  routes: z.array(z.string().startsWith('/').max(256)).max(64).default([]),
  /** Weight per route prefix (longest prefix wins), e.g. embeddings cheaper than completions; default 1. */
  routeWeights: z.record(z.string().startsWith('/').max(256), z.number().min(0).max(1e6)).default({}),
  action: action.default('block'),
  shadow,
});
export type RateLimitRule = z.infer<typeof rateLimitSchema>;

const velocityRuleSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'use lower-case letters, digits and dashes (at most 64)'),
  /** `flagged`: requests a content or intel rule fired on; `refused`: upstream refusals the proxy reported. */
  signal: z.enum(['flagged', 'refused']),
  scope: z.enum(rateScopes),
  windowS,
  /** More than this many in the window fires the rule. */
  limit: z.number().int().min(0),
  action: action.default('delay'),
  shadow,
});
export type VelocityRule = z.infer<typeof velocityRuleSchema>;

const DEFAULT_RATE_LIMITS: z.input<typeof rateLimitSchema>[] = [
  { id: 'account-per-minute', scope: 'account', windowS: 60, limit: 600 },
  { id: 'account-per-hour', scope: 'account', windowS: 3600, limit: 20_000 },
  { id: 'account-tokens-per-minute', scope: 'account', windowS: 60, limit: 2_000_000, cost: 'tokens' },
  { id: 'org-per-minute', scope: 'org', windowS: 60, limit: 3_000 },
  { id: 'end-user-per-minute', scope: 'end-user', windowS: 60, limit: 120 },
  { id: 'key-per-minute', scope: 'key', windowS: 60, limit: 600 },
  { id: 'ip-per-minute', scope: 'ip', windowS: 60, limit: 1_200 },
];

const DEFAULT_VELOCITY: z.input<typeof velocityRuleSchema>[] = [
  { id: 'flagged-per-hour', signal: 'flagged', scope: 'account', windowS: 3600, limit: 30, action: 'delay' },
  { id: 'refused-per-ten-minutes', signal: 'refused', scope: 'account', windowS: 600, limit: 20, action: 'delay' },
];

const specificity = z.enum(['high', 'low', 'none']);

const policyObject = z.strictObject({
  version: z.literal(1).default(1),
  /** The whole policy in shadow: every rule runs and is recorded, nothing is enforced. */
  shadow,
  /** What a request gets when detection throws or runs over its budget. */
  failMode: z.enum(['open', 'closed']).default('open'),
  /** Time the whole decision may take before the fail mode applies (ms). */
  detectionBudgetMs: z.number().positive().max(10_000).default(5),
  /** Retry-After sent with a fail-closed refusal (s). */
  failClosedRetryAfterS: z.number().int().min(0).max(86_400).default(5),
  bans: z
    .strictObject({
      enabled: z.boolean().default(true),
      shadow,
      /** Entries with effect `throttle`: this many requests per window, then 429. */
      throttle: z.strictObject({ limit: z.number().positive().default(10), windowS: windowS.default(60) }).prefault({}),
    })
    .prefault({}),
  evasion: z
    .strictObject({
      enabled: z.boolean().default(true),
      shadow,
      /** A blocklist entry of another account or network reached through this account's values: `entry` uses the entry's effect. */
      blocklistAction: z.union([z.literal('entry'), action]).default('entry'),
      /** An evasion alert from the pipeline's screening (linkage to an actioned account). */
      screenAction: action.default('block'),
    })
    .prefault({}),
  intel: z
    .strictObject({
      enabled: z.boolean().default(true),
      shadow,
      /** Matches whose confidence at the request's time is below this are ignored (no confidence: counted). */
      minConfidence: z.number().min(0).max(100).default(30),
      /** Which match specificities act; low (shared infrastructure, hubs) and none only record by default. */
      specificity: z.array(specificity).min(1).max(3).default(['high']),
      /** A match on the request's IP, account, device, email or payment without a named actor. */
      action: action.default('flag'),
      /** A match on an indicator that points at an intrusion set (any tracked actor). */
      actorAction: action.default('block'),
      /** Per actor (name, alias or STIX id, case-insensitive): overrides `actorAction`. */
      actors: z.record(z.string().min(1).max(200), action).default({}),
      text: z
        .strictObject({
          enabled: z.boolean().default(true),
          action: action.default('flag'),
          /** Only the first this-many characters of the prompt are searched for indicators. */
          maxChars: z.number().int().positive().max(1_000_000).default(2_048),
        })
        .prefault({}),
    })
    .prefault({}),
  content: z
    .strictObject({
      enabled: z.boolean().default(true),
      shadow,
      /** Rules per TTP id; a file's entry replaces the shipped rules of that TTP only (`[]` turns a TTP off). */
      ttps: ttpRulesSchema.optional(),
      /** Rules for a text with no TTP or a TTP not listed. */
      default: z.array(contentRuleSchema).max(16).default([{ minScore: 0.97, action: 'flag', shadow: false }]),
    })
    .prefault({}),
  rateLimits: z.array(rateLimitSchema).max(64).prefault(DEFAULT_RATE_LIMITS),
  velocity: z.array(velocityRuleSchema).max(64).prefault(DEFAULT_VELOCITY),
  delay: z
    .strictObject({
      /** A delayed refusal waits between these (ms), spread per account and time so probers cannot time it. */
      minMs: z.number().int().min(0).max(120_000).default(2_000),
      maxMs: z.number().int().min(0).max(120_000).default(8_000),
    })
    .prefault({}),
  degrade: z
    .strictObject({
      /** Requested model → model served instead. */
      models: z.record(z.string().min(1).max(200), z.string().min(1).max(200)).default({}),
      /** Served when the requested model is not in `models`; unset keeps the requested model. */
      defaultModel: z.string().min(1).max(200).optional(),
      stripTools: z.boolean().default(true),
      /** Cap on `max_tokens`; `null` leaves it as the client asked. */
      maxTokens: z.number().int().positive().max(1_000_000).nullable().default(1024),
    })
    .prefault({}),
});

/**
 * The policy schema: the file's fields over the defaults, with cross-field checks and the
 * per-TTP rules merged over the shipped ones.
 */
export const gatewayPolicySchema = policyObject
  .superRefine((p, ctx) => {
    if (p.delay.maxMs < p.delay.minMs)
      ctx.addIssue({ code: 'custom', path: ['delay', 'maxMs'], message: `must be at least delay.minMs (${p.delay.minMs})` });
    for (const [name, rules] of [
      ['rateLimits', p.rateLimits],
      ['velocity', p.velocity],
    ] as const) {
      const seen = new Set<string>();
      rules.forEach((r, i) => {
        if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: [name, i, 'id'], message: `duplicate id "${r.id}"; every rule needs its own id` });
        seen.add(r.id);
      });
    }
  })
  .transform((p) => ({ ...p, content: { ...p.content, ttps: { ...DEFAULT_TTP_RULES, ...p.content.ttps } } }));

export type GatewayPolicy = z.infer<typeof gatewayPolicySchema>;
export type GatewayPolicyInput = z.input<typeof gatewayPolicySchema>;
